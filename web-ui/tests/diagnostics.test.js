import { describe, it, expect, vi } from 'vitest';
import {
  SCENARIOS,
  pendingRun,
  scenarioView,
  reportView,
  applyProgress,
  progressCounts,
  historyRows,
  retryAt,
  parseRetryAfter,
  secondsLeft,
  runFailure,
  formatMs,
  clock,
} from '../src/lib/diagnostics.js';
import { openEventBus, bridgeUrl } from '../src/lib/eventBus.js';
import { ApiError } from '../src/lib/api.js';

// Shapes as the server sends them (DiagnosticsRun / Scenario.toJson).
const realtimeFailed = {
  name: 'realtime_path',
  description: 'real-time accept and post-to-delivery over a WebSocket, in order',
  passed: false,
  detail: 'only 0 of 5 real-time turns delivered within 3000 ms; the queue workers are stopped (POST /api/v1/conversations/queue/start)',
  figures: {},
  checks: [],
  duration_ms: 3012,
};
const aiPassed = {
  name: 'ai_turn_bypass',
  description: 'an AI turn bypasses cleaning, quickly',
  passed: true,
  detail: null,
  figures: { round_trip_ms: 4.2, processing_time_ms: 0.31 },
  checks: [
    { expectation: '200 OK, got 200', met: true },
    { expectation: 'voice tags removed', met: true },
    { figure: 'processing_time_ms', value: 0.31, target_ms: 10.0, met: true },
  ],
  duration_ms: 5,
};
const report = {
  id: 'r1',
  started_at: '2026-11-26T19:00:00Z',
  finished_at: '2026-11-26T19:00:07Z',
  duration_ms: 7021,
  passed: false,
  scenarios: [
    { name: 'scratch_conversation', description: 'x', passed: true, detail: null, figures: { conversation_id: 'c9' }, checks: [{ expectation: '201 Created, got 201', met: true }], duration_ms: 12 },
    aiPassed,
    realtimeFailed,
    {
      name: 'dependencies',
      passed: false,
      detail: 'expected queue workers running (workers 0, running false)',
      figures: { postgresql_round_trip_ms: 1.5, queue_backend: 'postgres', queue_workers: 0 },
      checks: [{ expectation: 'queue workers running (workers 0, running false)', met: false }],
      duration_ms: 20,
    },
  ],
};

describe('scenarioView', () => {
  it('splits figures with a target from expectations and other figures', () => {
    const v = scenarioView(aiPassed);
    expect(v.state).toBe('passed');
    expect(v.label).toBe('AI turn bypass');
    expect(v.checks.filter((c) => c.kind === 'target')).toEqual([
      { kind: 'target', figure: 'processing_time_ms', label: 'processing time ms', value: 0.31, targetMs: 10, met: true },
    ]);
    expect(v.checks.filter((c) => c.kind === 'expectation').map((c) => c.text)).toEqual(['200 OK, got 200', 'voice tags removed']);
    // round_trip_ms has no target: an "other" figure; processing_time_ms is not repeated there.
    expect(v.figures).toEqual([{ name: 'round_trip_ms', label: 'round trip ms', value: '4.2' }]);
    expect(v.durationMs).toBe(5);
  });

  it('keeps the failure reason', () => {
    const v = scenarioView(realtimeFailed);
    expect(v.state).toBe('failed');
    expect(v.detail).toMatch(/queue workers are stopped/);
  });

  it('marks a missed target', () => {
    const v = scenarioView({ name: 'realtime_path', passed: false, detail: 'post_to_delivery_ms_max 140.2 ms missed the target of 100.0 ms', figures: { post_to_delivery_ms_max: 140.2 }, checks: [{ figure: 'post_to_delivery_ms_max', value: 140.2, target_ms: 100, met: false }] });
    expect(v.checks[0]).toMatchObject({ kind: 'target', met: false, value: 140.2, targetMs: 100 });
    expect(v.figures).toEqual([]);
  });
});

describe('reportView', () => {
  it('lists every scenario in run order; those not reported stay pending', () => {
    const v = reportView(report);
    expect(v.scenarios.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
    expect(v.scenarios.map((s) => s.state)).toEqual(['passed', 'passed', 'pending', 'failed', 'pending', 'failed']);
    expect(v.state).toBe('failed');
    expect(v.detail).toBe('failed: Real-time path, Dependencies');
    expect(v.durationMs).toBe(7021);
  });

  it('handles a run that broke down as a whole (no scenarios, a detail)', () => {
    const v = reportView({ passed: false, detail: 'the run failed: boom' });
    expect(v.state).toBe('failed');
    expect(v.detail).toBe('the run failed: boom');
    expect(v.scenarios.every((s) => s.state === 'pending')).toBe(true);
  });

  it('keeps scenarios a newer server adds, after the known ones', () => {
    const v = reportView({ id: 'x', passed: true, scenarios: [{ name: 'llm_provider', passed: true, figures: {}, checks: [] }] });
    expect(v.scenarios.at(-1)).toMatchObject({ name: 'llm_provider', label: 'llm provider', state: 'passed' });
    expect(v.passed).toBe(true);
    expect(v.detail).toBeNull();
  });

  it('is null without a report', () => {
    expect(reportView(null)).toBeNull();
  });
});

describe('applyProgress', () => {
  it('moves scenarios pending -> running -> passed/failed and adopts the run id', () => {
    let v = pendingRun();
    expect(progressCounts(v)).toMatchObject({ pending: 6, running: 0, done: 0, total: 6 });
    v = applyProgress(v, { run_id: 'r1', scenario: 'scratch_conversation', state: 'started', scenario_result: null });
    expect(v.id).toBe('r1');
    expect(v.scenarios[0].state).toBe('running');
    v = applyProgress(v, { run_id: 'r1', scenario: 'scratch_conversation', state: 'finished', scenario_result: { ...report.scenarios[0] } });
    v = applyProgress(v, { run_id: 'r1', scenario: 'realtime_path', state: 'started' });
    v = applyProgress(v, { run_id: 'r1', scenario: 'realtime_path', state: 'finished', scenario_result: realtimeFailed });
    expect(v.scenarios.map((s) => s.state)).toEqual(['passed', 'pending', 'pending', 'failed', 'pending', 'pending']);
    expect(v.scenarios[3].detail).toMatch(/delivered within/);
    expect(progressCounts(v)).toMatchObject({ passed: 1, failed: 1, pending: 4, done: 2 });
    expect(v.state).toBe('running');
  });

  it('ignores events of another run, malformed events, and a finished view', () => {
    const v = applyProgress(pendingRun(), { run_id: 'r1', scenario: 'resume', state: 'started' });
    expect(applyProgress(v, { run_id: 'r2', scenario: 'resume', state: 'finished', scenario_result: { passed: true } })).toBe(v);
    expect(applyProgress(v, null)).toBe(v);
    expect(applyProgress(v, { state: 'started' })).toBe(v);
    const done = reportView(report);
    expect(applyProgress(done, { run_id: 'r1', scenario: 'resume', state: 'started' })).toBe(done);
  });

  it('does not mutate the view it is given', () => {
    const v = pendingRun();
    applyProgress(v, { run_id: 'r1', scenario: 'resume', state: 'started' });
    expect(v.scenarios[4].state).toBe('pending');
    expect(v.id).toBeNull();
  });
});

describe('historyRows', () => {
  it('maps the summaries, newest first as given', () => {
    const rows = historyRows([
      { id: 'b', started_at: '2026-11-26T19:00:10Z', duration_ms: 7021, passed: false, failed: ['realtime_path', 'resume'] },
      { id: 'a', started_at: '2026-11-26T19:00:00Z', duration_ms: 1200, passed: true, failed: [] },
    ]);
    expect(rows.map((r) => r.key)).toEqual(['b', 'a']);
    expect(rows[0].failed.map((f) => f.label)).toEqual(['Real-time path', 'Resume']);
    expect(rows[1]).toMatchObject({ passed: true, durationMs: 1200, failed: [] });
  });
  it('tolerates a missing history and a broken-down run without id', () => {
    expect(historyRows(undefined)).toEqual([]);
    expect(historyRows([{ passed: false, failed: [] }])[0]).toMatchObject({ key: 'run-0', id: null, passed: false });
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-26T19:00:00Z');
  it('parses delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('10', now)).toBe(now + 10000);
    expect(parseRetryAfter(' 3 ', now)).toBe(now + 3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 19:00:07 GMT', now)).toBe(now + 7000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 18:59:00 GMT', now)).toBe(now); // in the past: now
  });
  it('rejects what it does not understand', () => {
    for (const v of [null, undefined, '', '1.5', '-3', 'soon']) expect(parseRetryAfter(v, now)).toBeNull();
  });
  it('uses the exact wait of the detail when it is sooner than the header', () => {
    expect(retryAt('10', 'diagnostics may run once every 10000 ms; retry in 8123 ms', now)).toBe(now + 8123);
    expect(retryAt('2', 'retry in 8123 ms', now)).toBe(now + 2000);
    expect(retryAt(null, 'retry in 4 s', now)).toBe(now + 4000);
    expect(retryAt('5', 'Too Many Requests', now)).toBe(now + 5000);
    expect(retryAt(null, null, now, 10000)).toBe(now + 10000);
  });
  it('counts down in whole seconds', () => {
    expect(secondsLeft(now + 8123, now)).toBe(9);
    expect(secondsLeft(now + 1, now)).toBe(1);
    expect(secondsLeft(now - 50, now)).toBe(0);
  });
});

describe('runFailure', () => {
  const now = Date.parse('2026-11-26T19:00:00Z');
  it('429: rate-limited with the time of the next allowed run', () => {
    const e = new ApiError(429, { status: 429, detail: 'diagnostics may run once every 10000 ms; retry in 6500 ms' }, '10');
    const f = runFailure(e, now);
    expect(f.kind).toBe('rate-limited');
    expect(f.retryAt).toBe(now + 6500);
    expect(f.message).toContain(clock(now + 6500));
  });
  it('409: a run is already in progress', () => {
    const f = runFailure(new ApiError(409, { status: 409, detail: 'a diagnostics run is already in progress' }), now);
    expect(f.kind).toBe('busy');
    expect(f.message).toMatch(/already in progress/);
  });
  it('other errors name the status and the reason', () => {
    expect(runFailure(new ApiError(504, { detail: 'the server did not answer in time' }), now)).toMatchObject({ kind: 'error', message: 'The run failed (HTTP 504): the server did not answer in time' });
    expect(runFailure(new ApiError(0, { detail: 'Failed to fetch' }), now).message).toMatch(/could not be reached/);
  });
});

describe('formatting', () => {
  it('formats milliseconds', () => {
    expect(formatMs(0.31)).toBe('0.31 ms');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(4.2)).toBe('4.2 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(100)).toBe('100 ms');
    expect(formatMs(7021)).toBe('7.02 s');
    expect(formatMs(undefined)).toBe('–');
  });
  it('clock is HH:MM:SS or a dash', () => {
    expect(clock(new Date(2026, 10, 26, 9, 5, 7).getTime())).toBe('09:05:07');
    expect(clock('nonsense')).toBe('–');
  });
});

// A fake WebSocket recording frames, opened on demand.
class FakeWs {
  static last;
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closedWith = null;
    FakeWs.last = this;
  }
  send(s) {
    this.sent.push(JSON.parse(s));
  }
  close(code, reason) {
    this.closedWith = { code, reason };
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  serverOpen() {
    this.readyState = 1;
    this.onopen?.();
  }
  serverSend(frame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverSendBinary(frame) {
    this.onmessage?.({ data: new TextEncoder().encode(JSON.stringify(frame)).buffer });
  }
  serverDrop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

describe('event-bus bridge client', () => {
  it('uses the raw WebSocket transport of /eventbus, same origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: 'h:8080' })).toBe('ws://h:8080/eventbus/websocket');
    expect(bridgeUrl({ protocol: 'https:', host: 'h' })).toBe('wss://h/eventbus/websocket');
  });

  it('registers on open, delivers rec frames to the address handlers, unregisters, pings', () => {
    vi.useFakeTimers();
    try {
      const got = [];
      const events = [];
      const bus = openEventBus({ url: 'ws://x/eventbus/websocket', WebSocketImpl: FakeWs, pingMs: 1000, onOpen: () => events.push('open'), onError: (m) => events.push(`err ${m}`) });
      const ws = FakeWs.last;
      const off = bus.subscribe('diagnostics.progress', (body) => got.push(body));
      expect(ws.sent).toEqual([]); // not open yet: registered on open
      ws.serverOpen();
      expect(bus.open).toBe(true);
      expect(ws.sent).toEqual([{ type: 'register', address: 'diagnostics.progress', headers: {} }]);
      ws.serverSend({ type: 'rec', address: 'diagnostics.progress', body: { scenario: 'resume', state: 'started' } });
      ws.serverSendBinary({ type: 'rec', address: 'diagnostics.progress', body: { scenario: 'resume', state: 'finished' } });
      expect(ws.binaryType).toBe('arraybuffer'); // the raw transport sends binary frames
      ws.serverSend({ type: 'rec', address: 'metrics.snapshot', body: { x: 1 } });
      ws.onmessage({ data: 'not json' });
      ws.serverSend({ type: 'err', body: 'access_denied' });
      expect(got).toEqual([
        { scenario: 'resume', state: 'started' },
        { scenario: 'resume', state: 'finished' },
      ]);
      expect(events).toEqual(['open', 'err access_denied']);
      vi.advanceTimersByTime(2500);
      expect(ws.sent.filter((f) => f.type === 'ping')).toHaveLength(2);
      off();
      expect(ws.sent.at(-1)).toEqual({ type: 'unregister', address: 'diagnostics.progress', headers: {} });
      bus.close();
      expect(ws.closedWith).toEqual({ code: 1000, reason: 'done' });
      vi.advanceTimersByTime(5000);
      expect(ws.sent.filter((f) => f.type === 'ping')).toHaveLength(2); // pinging stopped
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a bridge that is not there, once', () => {
    const closes = [];
    openEventBus({ url: 'ws://x', WebSocketImpl: FakeWs, onClose: (e) => closes.push(e) });
    FakeWs.last.serverDrop(1006);
    FakeWs.last.serverDrop(1006);
    expect(closes).toEqual([{ code: 1006, reason: '', wasOpen: false }]);
  });

  it('closing while still connecting waits for the open (no console error in Chromium)', () => {
    const closes = [];
    const bus = openEventBus({ url: 'ws://x', WebSocketImpl: FakeWs, onClose: (e) => closes.push(e) });
    const ws = FakeWs.last;
    bus.close();
    expect(ws.closedWith).toBeNull();
    ws.serverOpen();
    expect(ws.closedWith).toEqual({ code: 1000, reason: 'done' });
    expect(closes).toEqual([]); // closed on purpose: no onClose
    expect(bus.open).toBe(false);
  });

  it('a constructor that throws is a closed bridge', async () => {
    const closes = [];
    const bus = openEventBus({
      url: 'ws://x',
      WebSocketImpl: class {
        constructor() {
          throw new Error('blocked');
        }
      },
      onClose: (e) => closes.push(e),
    });
    await Promise.resolve();
    expect(bus.open).toBe(false);
    expect(closes).toEqual([{ code: 0, reason: 'blocked', wasOpen: false }]);
  });
});
