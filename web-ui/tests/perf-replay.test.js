import { describe, it, expect } from 'vitest';
import { TurnLatencyTracker, summarize, fmtMs, fmtFigure } from '../src/lib/perf.js';
import { Replay } from '../src/lib/replay.js';
import { MetricsHistory, snapshotTime } from '../src/lib/metricsHistory.js';

describe('TurnLatencyTracker', () => {
  it('pairs send and render in either order', () => {
    const tr = new TurnLatencyTracker();
    expect(tr.sentAt('a', 100)).toBeNull();
    expect(tr.renderedAt('a', 142)).toBe(42);
    expect(tr.renderedAt('b', 300)).toBeNull();
    expect(tr.sentAt('b', 280)).toBe(20);
    expect(tr.renderedAt('unknown', 1)).toBeNull();
    expect(tr.summary()).toMatchObject({ n: 2, p50: 20, max: 42 });
  });
  it('summarize', () => {
    expect(summarize([])).toEqual({ n: 0 });
    expect(summarize([5, 1, 3, 2, 4])).toMatchObject({ n: 5, min: 1, p50: 3, max: 5, mean: 3 });
  });
});

describe('Replay', () => {
  it('sends every turn in order at the pace and reports progress', async () => {
    let now = 0;
    const sent = [];
    const progress = [];
    const r = new Replay({
      turns: [{ raw_text: 'a' }, { raw_text: 'b' }, { raw_text: 'c' }],
      pace: 2,
      send: async (t) => sent.push([t.raw_text, now]),
      onProgress: (p) => progress.push(p),
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const res = await r.run();
    expect(sent).toEqual([
      ['a', 0],
      ['b', 500],
      ['c', 1000],
    ]);
    expect(res).toMatchObject({ sent: 3, total: 3, failed: 0, done: true, stopped: false });
    expect(progress.at(-1).done).toBe(true);
  });

  it('stops early and counts failures', async () => {
    let r;
    const turns = [1, 2, 3, 4].map((i) => ({ raw_text: String(i) }));
    r = new Replay({
      turns,
      pace: 1000,
      send: async (t) => {
        if (t.raw_text === '1') throw new Error('boom');
        if (t.raw_text === '2') r.stop();
      },
      sleep: async () => {},
    });
    const res = await r.run();
    expect(res).toMatchObject({ sent: 1, failed: 1, stopped: true });
  });
});

describe('MetricsHistory', () => {
  it('keeps ordered, bounded rows as uPlot columns', () => {
    const h = new MetricsHistory(2);
    const snap = (ts, p50) => ({ timestamp: ts, throughput_per_s: 3, latency_ms: { queue_wait: { p50, p99: p50 * 2 } } });
    expect(h.push(snap('2024-01-01T00:00:01Z', 1))).toBe(true);
    expect(h.push(snap('2024-01-01T00:00:01Z', 9))).toBe(false);
    h.push(snap('2024-01-01T00:00:02Z', 2));
    h.push(snap('2024-01-01T00:00:03Z', 3));
    const [t, qw50, qw99, pr50] = h.latencyData();
    expect(t).toHaveLength(2);
    expect(qw50).toEqual([2, 3]);
    expect(qw99).toEqual([4, 6]);
    expect(pr50).toEqual([null, null]);
  });
  it('reads epoch ms, epoch s and ISO timestamps', () => {
    expect(snapshotTime({ timestamp: 1700000000000 })).toBe(1700000000);
    expect(snapshotTime({ timestamp: 1700000000 })).toBe(1700000000);
    expect(snapshotTime({ timestamp: '2023-11-14T22:13:20Z' })).toBe(1700000000);
  });
});

describe('fmtMs', () => {
  it('shows the real server\'s fractional milliseconds with 3 significant digits', () => {
    expect(fmtMs(0.377883)).toBe('0.378');
    expect(fmtMs(8.330845)).toBe('8.33');
    expect(fmtMs(13.5)).toBe('13.5');
    expect(fmtMs(6)).toBe('6');
    expect(fmtMs(1234.56)).toBe('1235');
    expect(fmtMs(0)).toBe('0');
    expect(fmtMs(undefined)).toBe('–');
    expect(fmtMs(null)).toBe('–');
  });
});

describe('fmtFigure', () => {
  it('shows at most the digits asked for, without trailing zeros, and a dash for what is not a number', () => {
    expect(fmtFigure(12.345, 2)).toBe('12.35');
    expect(fmtFigure(3.0)).toBe('3');
    expect(fmtFigure('7.25', 1)).toBe('7.3');
    expect(fmtFigure(1500, 0)).toBe('1500');
    expect(fmtFigure(undefined)).toBe('–');
    expect(fmtFigure(null)).toBe('–');
    expect(fmtFigure('n/a')).toBe('–');
  });
});
