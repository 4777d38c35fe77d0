import { describe, it, expect, beforeEach } from 'vitest';
import { LiveConnection } from '../src/lib/liveConnection.js';

// A fake server: stores final turns; each socket replays seq > since, then gets live events.
class FakeServer {
  constructor() {
    this.turns = []; // stored turns (final or pending)
    this.sockets = [];
    this.refuse = false;
  }
  add(turn) {
    this.turns = this.turns.filter((t) => t.seq !== turn.seq).concat(turn).sort((a, b) => a.seq - b.seq);
    if (turn.status !== 'pending') for (const s of this.sockets) if (s.open) s.emit({ type: 'turn.cleaned', seq: turn.seq, turn });
  }
  fetchTurns = async (since) => this.turns.filter((t) => t.seq > since).map((t) => ({ ...t }));
}

function makeSocketClass(server, timers, urls) {
  return class FakeSocket {
    constructor(url) {
      urls.push(url);
      if (server.hang) return; // handshake never answered
      this.open = false;
      this.url = url;
      server.sockets.push(this);
      timers.setTimeout(() => {
        if (server.refuse) {
          this.onerror?.({});
          this.onclose?.({ code: 1006, reason: '' });
          return;
        }
        this.open = true;
        this.onopen?.({});
        const since = Number(new URL(url).searchParams.get('since'));
        this.emit({ type: 'hello', conversation_id: 'c1', last_seq: server.turns.length });
        for (const t of server.turns) if (t.seq > since && t.status !== 'pending') this.emit({ type: 'turn.cleaned', seq: t.seq, turn: { ...t } });
      }, 1);
    }
    emit(msg) {
      if (this.open) this.onmessage?.({ data: JSON.stringify(msg) });
    }
    close(code = 1000, reason = '') {
      if (!this.open) return;
      this.open = false;
      this.onclose?.({ code, reason });
    }
  };
}

// Deterministic timers: run() advances virtual time and fires due callbacks.
function fakeTimers() {
  let now = 0;
  let id = 0;
  const q = new Map();
  return {
    now: () => now,
    setTimeout: (f, ms) => (q.set(++id, { f, at: now + (ms || 0) }), id),
    clearTimeout: (h) => q.delete(h),
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...q.entries()].filter(([, v]) => v.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        q.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].f();
        await Promise.resolve();
        await Promise.resolve();
      }
      now = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

const turn = (seq, status = 'cleaned') => ({ seq, status, turn_id: `t${seq}`, cleaned_text: `turn ${seq}` });

describe('LiveConnection', () => {
  let server, timers, urls, seen, states, conn;

  beforeEach(() => {
    server = new FakeServer();
    timers = fakeTimers();
    urls = [];
    seen = [];
    states = [];
    conn = new LiveConnection({
      url: (since) => `ws://test/ws/conversations/c1?since=${since}`,
      fetchTurns: server.fetchTurns,
      WebSocketImpl: makeSocketClass(server, timers, urls),
      timers,
      now: timers.now,
      backoff: { baseMs: 100, maxMs: 1000, jitter: 0 },
      maxAttempts: 3,
      pollMs: 500,
      connectTimeoutMs: 2000,
      onTurn: (t, result, via) => seen.push({ seq: t.seq, status: t.status, result, via }),
      onState: (s) => states.push(s),
    });
  });

  const finalSeqs = () => conn.turns.list().filter((t) => t.status !== 'pending').map((t) => t.seq);

  it('loads stored turns, then connects from the watermark and receives live turns', async () => {
    server.add(turn(1));
    server.add(turn(2));
    server.add(turn(3, 'pending'));
    await conn.start();
    await timers.advance(5);
    expect(urls).toEqual(['ws://test/ws/conversations/c1?since=2']);
    expect(conn.state).toBe('connected');
    server.add(turn(3));
    server.add(turn(4, 'skipped'));
    expect(finalSeqs()).toEqual([1, 2, 3, 4]);
    expect(seen.find((s) => s.seq === 3 && s.result === 'updated')).toBeTruthy();
  });

  it('does not open a socket when the initial load says 404 (another tenant\'s or deleted) or 401/403', async () => {
    for (const status of [404, 401, 403]) {
      urls.length = 0;
      conn.fetchTurns = async () => {
        throw Object.assign(new Error(`HTTP ${status}`), { status });
      };
      await conn.start();
      await timers.advance(5000);
      expect(urls).toEqual([]);
      expect(conn.state).toBe('closed');
    }
    // Any other failure of the initial load still connects (the socket replays from since=0).
    conn.fetchTurns = async () => {
      throw Object.assign(new Error('HTTP 500'), { status: 500 });
    };
    await conn.start();
    await timers.advance(5);
    expect(urls).toEqual(['ws://test/ws/conversations/c1?since=0']);
  });

  it('resumes with since=<last seq seen> after a drop: no gap, no duplicate', async () => {
    server.add(turn(1));
    await conn.start();
    await timers.advance(5);
    server.add(turn(2));
    conn.dropSocket(0);
    expect(conn.state).toBe('reconnecting');
    // Turns cleaned while disconnected.
    server.add(turn(3));
    server.add(turn(4));
    await timers.advance(150);
    expect(conn.state).toBe('connected');
    expect(urls[1]).toBe('ws://test/ws/conversations/c1?since=2');
    server.add(turn(5));
    expect(finalSeqs()).toEqual([1, 2, 3, 4, 5]);
    expect(seen.filter((s) => s.via !== 'load').map((s) => s.seq)).toEqual([2, 3, 4, 5]);
    expect(conn.stats.reconnects).toBe(1);
  });

  it('drops duplicates when the server replays turns the client already has', async () => {
    server.add(turn(1));
    server.add(turn(2));
    await conn.start();
    await timers.advance(5);
    // Simulate a replay overlapping what was already received.
    server.sockets.at(-1).emit({ type: 'turn.cleaned', seq: 2, turn: turn(2) });
    server.sockets.at(-1).emit({ type: 'turn.cleaned', seq: 1, turn: turn(1) });
    expect(conn.stats.duplicates).toBe(2);
    expect(conn.turns.size).toBe(2);
  });

  it('backs off exponentially, falls back to polling, and returns to the socket', async () => {
    server.add(turn(1));
    await conn.start();
    await timers.advance(5);
    server.refuse = true;
    conn.dropSocket(0); // attempt 1 failed -> retry after 100 ms
    await timers.advance(100 + 2); // attempt 2 fails -> retry after 200
    expect(conn.state).toBe('reconnecting');
    await timers.advance(200 + 2); // attempt 3 fails -> polling
    expect(conn.state).toBe('polling');
    expect(urls).toHaveLength(3);
    server.add(turn(2));
    await timers.advance(500);
    expect(finalSeqs()).toEqual([1, 2]);
    expect(seen.find((s) => s.seq === 2).via).toBe('poll');
    // Socket keeps being retried in the background (400 ms, then 800 ms...).
    server.refuse = false;
    server.add(turn(3));
    await timers.advance(1000);
    expect(conn.state).toBe('connected');
    expect(conn.polling).toBe(false);
    server.add(turn(4));
    expect(finalSeqs()).toEqual([1, 2, 3, 4]);
    expect(conn.turns.duplicates).toBe(conn.stats.duplicates);
    expect(states).toEqual(['loading', 'connecting', 'connected', 'reconnecting', 'polling', 'connected']);
  });

  it('reconnects after a slow-client close (4008)', async () => {
    await conn.start();
    await timers.advance(5);
    server.sockets.at(-1).close(4008, 'slow consumer');
    expect(conn.state).toBe('reconnecting');
    await timers.advance(150);
    expect(conn.state).toBe('connected');
  });

  it('honours a hold before reconnecting and stops cleanly', async () => {
    await conn.start();
    await timers.advance(5);
    conn.dropSocket(1000);
    await timers.advance(500);
    expect(urls).toHaveLength(1);
    await timers.advance(600);
    expect(urls).toHaveLength(2);
    conn.stop();
    expect(conn.state).toBe('closed');
    await timers.advance(10000);
    expect(urls).toHaveLength(2);
  });

  it('fetches missing turns when a live event skips seqs', async () => {
    server.add(turn(1));
    await conn.start();
    await timers.advance(5);
    server.turns.push(turn(2), turn(3)); // stored but the events were lost
    server.add(turn(4));
    await timers.advance(1);
    expect(finalSeqs()).toEqual([1, 2, 3, 4]);
    expect(conn.stats.gapFills).toBe(1);
  });

  it('goes to polling via the blocked test hook without touching the network', async () => {
    await conn.start();
    await timers.advance(5);
    conn.setBlocked(true);
    conn.dropSocket(0);
    await timers.advance(1000);
    expect(conn.state).toBe('polling');
    expect(urls).toHaveLength(1);
    conn.setBlocked(false);
    await timers.advance(2000);
    expect(conn.state).toBe('connected');
  });

  it('gives up on a handshake the server never answers and falls back to polling', async () => {
    server.hang = true;
    server.add(turn(1));
    await conn.start();
    await timers.advance(2000); // attempt 1 times out
    expect(conn.state).toBe('reconnecting');
    await timers.advance(100 + 2000 + 200 + 2000); // attempts 2 and 3 time out
    expect(conn.state).toBe('polling');
    expect(urls).toHaveLength(3);
    server.add(turn(2));
    await timers.advance(500);
    expect(finalSeqs()).toEqual([1, 2]);
    server.hang = false; // the attempt in progress still hangs; the next one (backoff 800 ms) works
    await timers.advance(4000);
    expect(conn.state).toBe('connected');
  });
});
