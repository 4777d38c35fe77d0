import { describe, it, expect, beforeEach } from 'vitest';
import { ConversationFeed, turnCounts } from '../src/lib/conversationFeed.svelte.js';
import { TurnLog } from '../src/lib/turnLog.js';
import { app } from '../src/lib/state.svelte.js';
import { debugLog, clearLog } from '../src/lib/log.svelte.js';

// A stand-in of LiveConnection: the feed gets its callbacks, the test plays the server.
function fakeConnection() {
  const conn = {
    options: null,
    turns: new TurnLog(),
    stats: { duplicates: 0, reconnects: 0 },
    attempt: 0,
    started: false,
    stopped: false,
    accepted: [],
    start() {
      conn.started = true;
    },
    stop() {
      conn.stopped = true;
    },
    accept(turn, via) {
      conn.accepted.push({ turn, via });
      conn.turns.upsert(turn);
    },
    // what the server sends: a turn through the socket
    deliver(turn, via = 'ws') {
      conn.turns.upsert(turn);
      conn.options.onTurn(turn, 'added', via);
    },
  };
  return conn;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function feedWith({ api = {}, afterRender } = {}) {
  const conn = fakeConnection();
  const feed = new ConversationFeed('c1', {
    connect: (options) => ((conn.options = options), conn),
    api,
    afterRender,
    frame: (callback) => callback(performance.now()),
  });
  return { feed, conn };
}

const cleaned = (seq, extra = {}) => ({ seq, turn_id: `t${seq}`, status: 'cleaned', speaker: 'User', raw_text: 'um hi', cleaned_text: 'Hi', ...extra });

describe('ConversationFeed', () => {
  beforeEach(() => {
    clearLog();
    app.queue = null;
    app.metrics = null;
    app.connection = 'idle';
    app.connectionDetail = '';
    app.turnToScreen = { last: null, p50: null, p95: null, n: 0 };
  });

  it('shows a burst of delivered turns in one refresh, in seq order, then lets the view scroll', async () => {
    let renders = 0;
    const { feed, conn } = feedWith({ afterRender: () => renders++ });
    feed.start();
    expect(conn.started).toBe(true);
    conn.deliver(cleaned(2));
    conn.deliver(cleaned(1));
    conn.deliver({ seq: 3, turn_id: 't3', status: 'pending' });
    expect(feed.turns).toEqual([]); // not before the microtask
    await settle();
    expect(feed.turns.map((t) => t.seq)).toEqual([1, 2, 3]);
    expect(renders).toBe(1);
    expect(turnCounts(feed.turns)).toEqual({ cleaned: 2, skipped: 0, pending: 1, failed: 0 });
  });

  it('routes metrics snapshots and queue status to the dashboard state, other events to the debug log', () => {
    const { conn } = feedWith();
    conn.options.onEvent({ type: 'metrics', snapshot: { throughput_per_s: 12 } });
    conn.options.onEvent({ type: 'queue.status', status: { running: true, length: 4 } });
    conn.options.onEvent({ type: 'something.new', x: 1 });
    expect(app.metrics).toEqual({ throughput_per_s: 12 });
    expect(app.metricsAt).toBeGreaterThan(0);
    expect(app.queue).toEqual({ running: true, length: 4 });
    expect(debugLog.entries.map((e) => e.msg)).toContain('event something.new');
  });

  it('shows the connection state with its detail and the connection stats', () => {
    const { feed, conn } = feedWith();
    conn.attempt = 2;
    conn.stats = { duplicates: 5, reconnects: 3 };
    conn.options.onState('reconnecting');
    expect(app.connection).toBe('reconnecting');
    expect(app.connectionDetail).toBe('attempt 3');
    expect(feed.stats).toEqual({ duplicates: 5, reconnects: 3 });
    conn.options.onState('polling');
    expect(app.connectionDetail).toBe('retrying socket in background');
    conn.options.onState('connected');
    expect(app.connectionDetail).toBe('');
  });

  it('shows a real-time turn as pending at once and times it from the POST to its cleaned paint', async () => {
    const api = { sendTurnRealtime: async () => ({ turn_id: 'rt1', seq: 7, job_id: 'j', queued_at: 'now' }) };
    const { feed, conn } = feedWith({ api });
    const r = await feed.sendRealtime({ speaker: 'User', raw_text: 'um so' });
    expect(r.seq).toBe(7);
    expect(conn.accepted[0]).toMatchObject({ via: 'post', turn: { seq: 7, turn_id: 'rt1', status: 'pending', role: 'user', conversation_id: 'c1' } });
    await settle();
    expect(feed.turns.map((t) => t.status)).toEqual(['pending']);
    conn.deliver(cleaned(7, { turn_id: 'rt1' }));
    await settle();
    expect(feed.turns.map((t) => t.status)).toEqual(['cleaned']);
    expect(app.turnToScreen.n).toBe(1);
    expect(app.turnToScreen.last).toBeGreaterThanOrEqual(0);
  });

  it('sends a sync turn and shows the cleaned turn the POST answered', async () => {
    const api = { sendTurn: async (id, turn) => cleaned(1, { raw_text: turn.raw_text }) };
    const { feed, conn } = feedWith({ api });
    await feed.send({ speaker: 'User', raw_text: 'um hi' }, 'sync');
    expect(conn.accepted).toHaveLength(1);
    await settle();
    expect(feed.turns.map((t) => t.status)).toEqual(['cleaned']);
  });

  it('stops the connection and resets the badge when the view goes', () => {
    const { feed, conn } = feedWith();
    feed.start();
    app.connection = 'connected';
    feed.stop();
    expect(conn.stopped).toBe(true);
    expect(app.connection).toBe('idle');
  });
});
