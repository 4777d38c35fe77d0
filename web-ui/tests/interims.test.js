import { describe, it, expect } from 'vitest';
import { InterimLines } from '../src/lib/interims.js';
import { ConversationFeed } from '../src/lib/conversationFeed.svelte.js';
import { TurnLog } from '../src/lib/turnLog.js';

const interim = (speaker, text, extra = {}) => ({ type: 'turn.interim', conversation_id: 'c1', speaker, role: 'user', text, ...extra });

describe('InterimLines', () => {
  it('keeps one line per speaker, the latest partial replacing the last', () => {
    const lines = new InterimLines(4000);
    expect(lines.show(interim('Customer', 'we use'), 0)).toBe(true);
    lines.show(interim('Agent', 'which', { role: 'ai' }), 100);
    lines.show(interim('Customer', 'we use sales'), 200);
    expect(lines.list()).toEqual([
      { speaker: 'Customer', role: 'user', text: 'we use sales', since: 0, at: 200 },
      { speaker: 'Agent', role: 'ai', text: 'which', since: 100, at: 100 },
    ]);
  });

  it("gives way to the speaker's final turn only", () => {
    const lines = new InterimLines();
    lines.show(interim('Customer', 'we use'), 0);
    lines.show(interim('Agent', 'which'), 0);
    expect(lines.finalize({ seq: 3, speaker: 'Customer', status: 'cleaned' })).toBe(true);
    expect(lines.list().map((l) => l.speaker)).toEqual(['Agent']);
    expect(lines.finalize({ seq: 4, speaker: 'Customer' })).toBe(false);
  });

  it('goes stale after the time to live without news', () => {
    const lines = new InterimLines(4000);
    lines.show(interim('Customer', 'we'), 0);
    lines.show(interim('Agent', 'so'), 3000);
    expect(lines.nextExpiry()).toBe(4000);
    expect(lines.expire(3999)).toBe(false);
    expect(lines.expire(4000)).toBe(true);
    expect(lines.list().map((l) => l.speaker)).toEqual(['Agent']);
    lines.show(interim('Agent', 'so we'), 6000); // news: the clock starts again
    expect(lines.expire(9000)).toBe(false);
    expect(lines.nextExpiry()).toBe(10000);
  });

  it('ignores events without a speaker and clears a line on an empty partial', () => {
    const lines = new InterimLines();
    expect(lines.show({ type: 'turn.interim', text: 'x' }, 0)).toBe(false);
    lines.show(interim('Customer', 'we'), 0);
    expect(lines.show(interim('Customer', '  '), 10)).toBe(true);
    expect(lines.list()).toEqual([]);
  });
});

describe('ConversationFeed typing lines', () => {
  function feedWithClock() {
    const conn = { turns: new TurnLog(), stats: { duplicates: 0, reconnects: 0 }, options: null, stop() {} };
    let now = 0;
    const timers = [];
    const feed = new ConversationFeed('c1', {
      connect: (options) => ((conn.options = options), conn),
      frame: (callback) => callback(0),
      now: () => now,
      timers: { set: (fn, ms) => (timers.push({ fn, at: now + ms }), timers.length - 1), clear: (i) => (timers[i] = null) },
      interimTtlMs: 4000,
    });
    const advance = (ms) => {
      now += ms;
      for (const t of [...timers]) {
        if (t && t.at <= now) {
          timers[timers.indexOf(t)] = null;
          t.fn();
        }
      }
    };
    return { feed, conn, advance };
  }

  it('shows a partial of this conversation until the final turn of its speaker replaces it', () => {
    const { feed, conn } = feedWithClock();
    conn.options.onEvent(interim('Customer', 'we use'));
    conn.options.onEvent(interim('Customer', 'elsewhere', { conversation_id: 'c2' }));
    expect(feed.interims.map((l) => l.text)).toEqual(['we use']);
    const turn = { seq: 1, turn_id: 't1', status: 'cleaned', speaker: 'Customer', raw_text: 'we use', cleaned_text: 'We use' };
    conn.turns.upsert(turn);
    conn.options.onTurn(turn, 'added', 'ws');
    expect(feed.interims).toEqual([]);
  });

  it('removes a line after a few seconds without news', () => {
    const { feed, conn, advance } = feedWithClock();
    conn.options.onEvent(interim('Customer', 'we'));
    advance(3000);
    conn.options.onEvent(interim('Customer', 'we use'));
    advance(3000);
    expect(feed.interims.map((l) => l.text)).toEqual(['we use']);
    advance(1000);
    expect(feed.interims).toEqual([]);
  });
});
