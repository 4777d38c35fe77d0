// Live delivery of one conversation's turns: WebSocket with resume-from-seq,
// exponential-backoff reconnects, and a polling fallback that keeps turns coming
// while the socket cannot be re-established (the socket keeps being retried in
// the background). All I/O is injected so the state machine is unit-tested.

import { backoffDelay } from './backoff.js';
import { TurnLog } from './turnLog.js';
import { CLOSE_CODES, EVENT_TYPES } from './events.js';

/** Connection states shown by the status indicator. */
export const STATES = ['idle', 'loading', 'connecting', 'connected', 'reconnecting', 'polling', 'closed'];

export class LiveConnection {
  /**
   * @param {object} o
   * @param {(since:number)=>string} o.url WebSocket URL for a resume point
   * @param {(since:number)=>Promise<object[]>} o.fetchTurns GET turns with seq > since
   * @param {any} [o.WebSocketImpl]
   * @param {{setTimeout:Function, clearTimeout:Function}} [o.timers]
   * @param {()=>number} [o.now]
   * @param {object} [o.backoff] options of backoffDelay
   * @param {number} [o.maxAttempts] failed attempts before polling
   * @param {number} [o.pollMs]
   * @param {number} [o.connectTimeoutMs] an attempt without hello after this long counts as failed
   * @param {(turn:object, result:string, via:string)=>void} [o.onTurn]
   * @param {(msg:object)=>void} [o.onEvent] other server events (metrics, queue.status)
   * @param {(state:string, detail?:object)=>void} [o.onState]
   * @param {(level:string, msg:string, data?:object)=>void} [o.log]
   */
  constructor(o) {
    this.url = o.url;
    this.fetchTurns = o.fetchTurns;
    this.WebSocketImpl = o.WebSocketImpl ?? globalThis.WebSocket;
    this.timers = o.timers ?? { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h) };
    this.now = o.now ?? (() => (globalThis.performance ? performance.now() : Date.now()));
    this.backoff = o.backoff ?? {};
    this.maxAttempts = o.maxAttempts ?? 3;
    this.pollMs = o.pollMs ?? 1000;
    this.connectTimeoutMs = o.connectTimeoutMs ?? 5000; // no hello by then: the attempt failed
    this.onTurn = o.onTurn ?? (() => {});
    this.onEvent = o.onEvent ?? (() => {});
    this.onState = o.onState ?? (() => {});
    this.log = o.log ?? (() => {});
    this.turns = o.turnLog ?? new TurnLog();

    this.state = 'idle';
    this.ws = null;
    this.attempt = 0; // consecutive failed attempts since the last hello
    this.stopped = true;
    this.blocked = false; // test hook: pretend the socket cannot connect
    this.holdUntil = 0; // test hook: do not reconnect before this time
    this.reconnectTimer = null;
    this.pollTimer = null;
    this.polling = false;
    this.fillInFlight = false;
    this.connectedAt = 0;
    this.stats = { connects: 0, reconnects: 0, messages: 0, duplicates: 0, gapFills: 0, polls: 0 };
  }

  setState(state, detail) {
    if (this.state === state) return;
    this.state = state;
    this.onState(state, detail);
  }

  /** Load all stored turns, then open the socket from the resume point. */
  async start() {
    this.stopped = false;
    this.setState('loading');
    try {
      const items = await this.fetchTurns(0);
      if (this.stopped) return;
      for (const t of items) this.accept(t, 'load');
      this.log('info', `loaded ${items.length} stored turn(s)`, { watermark: this.turns.watermark() });
    } catch (e) {
      if (this.stopped) return;
      if (e?.status === 404 || e?.status === 401 || e?.status === 403) {
        // No such conversation (deleted, or another tenant's), or no (valid) token: a socket
        // would be refused too, and retrying it would only pile up refusals.
        this.log('warn', `${e.status === 404 ? 'conversation not found' : `not authorized (${e.status})`}: not connecting (${e.message})`);
        this.stop();
        return;
      }
      this.log('warn', `initial turn load failed: ${e.message}`);
    }
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.timers.clearTimeout(this.connectTimer);
    this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopPolling();
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      detach(ws);
      try {
        ws.close(1000, 'client closed');
      } catch {
        /* already closed */
      }
    }
    this.setState('closed');
  }

  connect() {
    if (this.stopped) return;
    this.reconnectTimer = null;
    const since = this.turns.watermark();
    if (this.state !== 'polling') this.setState(this.attempt === 0 && this.stats.connects === 0 ? 'connecting' : 'reconnecting');
    if (this.blocked) {
      this.log('warn', 'socket blocked by test hook: attempt fails');
      this.timers.setTimeout(() => this.socketGone({ code: 1006, reason: 'blocked by test hook' }), 0);
      return;
    }
    const url = this.url(since);
    this.log('debug', `connecting ${url}`, { attempt: this.attempt + 1 });
    const started = this.now();
    let ws;
    try {
      ws = new this.WebSocketImpl(url);
    } catch (e) {
      this.log('error', `WebSocket constructor failed: ${e.message}`);
      this.timers.setTimeout(() => this.socketGone({ code: 1006, reason: e.message }), 0);
      return;
    }
    this.ws = ws;
    // A handshake the server never answers would leave us "connecting" forever.
    this.connectTimer = this.timers.setTimeout(() => {
      if (this.ws !== ws) return;
      this.ws = null;
      detach(ws);
      try {
        ws.close();
      } catch {
        /* ignore */
      }
      this.socketGone({ code: 4001, reason: `no hello within ${this.connectTimeoutMs} ms` });
    }, this.connectTimeoutMs);
    ws.onopen = () => {
      this.log('debug', `socket open in ${Math.round(this.now() - started)} ms`);
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        this.log('warn', 'non-JSON frame ignored', { data: String(ev.data).slice(0, 200) });
        return;
      }
      this.handle(msg, started);
    };
    ws.onerror = () => {
      if (this.ws === ws) this.log('warn', 'socket error');
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.timers.clearTimeout(this.connectTimer);
      this.socketGone({ code: ev.code, reason: ev.reason });
    };
  }

  handle(msg, started) {
    this.stats.messages++;
    switch (msg.type) {
      case EVENT_TYPES.HELLO: {
        this.timers.clearTimeout(this.connectTimer);
        const wasPolling = this.state === 'polling';
        if (this.stats.connects > 0) this.stats.reconnects++;
        this.stats.connects++;
        this.attempt = 0;
        this.connectedAt = this.now();
        this.stopPolling();
        this.setState('connected');
        this.log('info', `connected (hello, last_seq=${msg.last_seq}) in ${Math.round(this.now() - started)} ms${wasPolling ? ', polling stopped' : ''}`, {
          since: this.turns.watermark(),
        });
        break;
      }
      case EVENT_TYPES.TURN_CLEANED:
      case EVENT_TYPES.TURN_FAILED: {
        const turn = msg.turn ?? {};
        if (turn.seq === undefined && msg.seq !== undefined) turn.seq = msg.seq;
        this.accept(turn, 'ws');
        break;
      }
      default:
        this.onEvent(msg);
    }
  }

  /** Accept a turn from any path; returns upsert's result. */
  accept(turn, via) {
    const before = this.turns.watermark();
    const result = this.turns.upsert(turn);
    if (result === 'duplicate') {
      // The socket often beats the 202 response of our own POST: not a duplicate delivery.
      if (via === 'post') return result;
      this.stats.duplicates++;
      this.log('debug', `duplicate seq ${turn.seq} dropped (${via})`);
      return result;
    }
    this.onTurn(turn, result, via);
    // A final turn far past the watermark with unknown turns between means a lost
    // delivery: fetch what is missing (the server's order makes this unexpected).
    if (via === 'ws' && turn.seq > before + 1 && this.turns.gaps().length > 0) this.fillGap();
    return result;
  }

  async fillGap() {
    if (this.fillInFlight) return;
    this.fillInFlight = true;
    this.stats.gapFills++;
    const since = this.turns.watermark();
    this.log('warn', `gap detected after seq ${since}: fetching missing turns`);
    try {
      const items = await this.fetchTurns(since);
      for (const t of items) this.accept(t, 'fill');
    } catch (e) {
      this.log('warn', `gap fill failed: ${e.message}`);
    } finally {
      this.fillInFlight = false;
    }
  }

  socketGone({ code, reason }) {
    if (this.stopped) return;
    this.attempt++;
    const why = `${code ?? ''}${reason ? ' ' + reason : ''}`.trim();
    if (code === CLOSE_CODES.SLOW_CONSUMER) this.log('warn', `server closed the socket: slow client (${why})`);
    else this.log(this.attempt === 1 ? 'warn' : 'debug', `socket closed (${why || 'no reason'})`, { attempt: this.attempt });
    if (this.attempt >= this.maxAttempts && !this.polling) this.startPolling();
    else if (!this.polling) this.setState('reconnecting', { attempt: this.attempt });
    const delay = Math.max(backoffDelay(this.attempt, this.backoff), this.holdUntil - this.now());
    this.log('debug', `reconnect in ${Math.round(delay)} ms (attempt ${this.attempt + 1})`);
    this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.timers.setTimeout(() => this.connect(), delay);
  }

  startPolling() {
    this.polling = true;
    this.setState('polling');
    this.log('warn', `WebSocket unavailable after ${this.attempt} attempts: polling every ${this.pollMs} ms, still retrying the socket`);
    this.pollOnce();
  }

  stopPolling() {
    this.polling = false;
    this.timers.clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  async pollOnce() {
    if (!this.polling || this.stopped) return;
    this.stats.polls++;
    try {
      const items = await this.fetchTurns(this.turns.watermark());
      if (!this.polling || this.stopped) return;
      for (const t of items) this.accept(t, 'poll');
    } catch (e) {
      this.log('warn', `poll failed: ${e.message}`);
    }
    if (this.polling && !this.stopped) this.pollTimer = this.timers.setTimeout(() => this.pollOnce(), this.pollMs);
  }

  // ---- test hooks (exposed to end-to-end tests via window.__cc) ----

  /** Close the socket as if the network dropped it; no reconnect for holdMs. */
  dropSocket(holdMs = 0) {
    this.holdUntil = this.now() + holdMs;
    this.log('warn', `socket force-closed by test hook (hold ${holdMs} ms)`);
    const ws = this.ws;
    if (!ws) return false;
    this.timers.clearTimeout(this.connectTimer);
    // Treat it as lost right away (the close event may come later or never).
    this.ws = null;
    detach(ws);
    try {
      ws.close(4000, 'forced by test hook');
    } catch {
      /* ignore */
    }
    this.socketGone({ code: 4000, reason: 'forced by test hook' });
    return true;
  }

  /** Make every socket attempt fail (true) or work again (false). */
  setBlocked(blocked) {
    this.blocked = !!blocked;
    this.log('warn', `socket ${blocked ? 'blocked' : 'unblocked'} by test hook`);
  }
}

function detach(ws) {
  ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
}
