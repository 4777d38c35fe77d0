// The open conversation's live feed: it owns the LiveConnection and routes what arrives on it.
// Turns go to the turn list shown (refreshed at most once per microtask, then timed to the
// screen), metrics snapshots and queue status to the dashboard state, connection states to the
// status badge, partial results (`turn.interim`) to one greyed "typing" line per speaker until
// that speaker's final turn arrives or the line goes stale (InterimLines), anything else to the
// debug log. Sending a turn goes through here too, so that
// the turn shows as pending at once and its POST time is paired with its paint.
import { tick } from 'svelte';
import { api as realApi, fetchAllTurns, socketUrl } from './api.js';
import { LiveConnection } from './liveConnection.js';
import { EVENT_TYPES } from './events.js';
import { isFinal } from './turnLog.js';
import { InterimLines } from './interims.js';
import { roleOf } from './transcript.js';
import { log } from './log.svelte.js';
import { app, latency, recordMetrics } from './state.svelte.js';
import { fmtMs } from './perf.js';
import { exposeTestHooks, withdrawTestHook } from './testHooks.js';

/** Turns by status: { cleaned, skipped, pending, failed } (and any other status seen). */
export function turnCounts(turns) {
  const c = { cleaned: 0, skipped: 0, pending: 0, failed: 0 };
  for (const t of turns) c[t.status] = (c[t.status] ?? 0) + 1;
  return c;
}

const STATE_DETAIL = {
  reconnecting: (conn) => `attempt ${conn.attempt + 1}`,
  polling: () => 'retrying socket in background',
};

export class ConversationFeed {
  /** The turns shown, by seq. */
  turns = $state.raw([]);
  /** Reconnects, and duplicate deliveries dropped by seq. */
  stats = $state({ duplicates: 0, reconnects: 0 });
  /** What each speaker is saying now (partial results), one line per speaker. */
  interims = $state.raw([]);

  /**
   * @param {string} id the conversation
   * @param {object} [o]
   * @param {() => void} [o.afterRender] called once the turn list is in the DOM (after a refresh)
   * @param {(options: object) => LiveConnection} [o.connect] builds the connection (tests inject one)
   * @param {typeof realApi} [o.api]
   * @param {(callback: FrameRequestCallback) => void} [o.frame] the next animation frame
   * @param {() => number} [o.now] the clock of the typing lines (ms)
   * @param {{ set: (fn: () => void, ms: number) => any, clear: (handle: any) => void }} [o.timers]
   * @param {number} [o.interimTtlMs] how long a typing line stays without news
   */
  constructor(
    id,
    { afterRender = () => {}, connect = (options) => new LiveConnection(options), api = realApi, frame, now, timers, interimTtlMs } = {},
  ) {
    this.id = id;
    this.now = now ?? (() => performance.now());
    this.timers = timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle) };
    this.lines = new InterimLines(interimTtlMs);
    this.expiryTimer = null;
    this.afterRender = afterRender;
    this.api = api;
    this.frame = frame ?? ((callback) => requestAnimationFrame(callback));
    this.refreshQueued = false;
    this.awaitingPaint = [];
    this.conn = connect({
      url: (since) => socketUrl(id, since),
      fetchTurns: (since) => fetchAllTurns(id, since, { quiet: since > 0 }),
      onTurn: (turn, result, via) => this.onTurn(turn, via),
      onEvent: (msg) => this.onEvent(msg),
      onState: (s) => this.onState(s),
      log: (level, msg, data) => log(level, 'ws', msg, data),
    });
  }

  start() {
    const conn = this.conn;
    exposeTestHooks({
      conn,
      dropSocket: (holdMs = 0) => conn.dropSocket(holdMs),
      setBlocked: (b) => conn.setBlocked(b),
      turns: () => conn.turns.list().map((t) => ({ seq: t.seq, status: t.status, turn_id: t.turn_id })),
    });
    conn.start();
  }

  stop() {
    this.conn.stop();
    if (this.expiryTimer !== null) this.timers.clear(this.expiryTimer);
    this.expiryTimer = null;
    this.lines.clear();
    app.connection = 'idle';
    app.connectionDetail = '';
    withdrawTestHook('conn', this.conn);
  }

  /** Posts a turn: 'sync' waits for it cleaned, anything else goes through the real-time endpoint. */
  async send(turn, mode) {
    if (mode !== 'sync') return this.sendRealtime(turn);
    const t0 = performance.now();
    const cleaned = await this.api.sendTurn(this.id, turn);
    this.conn.accept(cleaned, 'post');
    this.scheduleRefresh();
    log('info', 'api', `sync turn seq ${cleaned.seq} ${cleaned.status} in ${Math.round(performance.now() - t0)} ms`);
    return cleaned;
  }

  /** Posts a turn to the real-time endpoint; it shows as pending until its cleaned version arrives. */
  async sendRealtime(turn) {
    const t0 = performance.now();
    const r = await this.api.sendTurnRealtime(this.id, turn);
    this.conn.accept(
      {
        turn_id: r.turn_id,
        conversation_id: this.id,
        seq: r.seq,
        speaker: turn.speaker,
        role: roleOf(turn.speaker),
        raw_text: turn.raw_text,
        cleaned_text: '',
        status: 'pending',
        created_at: r.queued_at,
      },
      'post',
    );
    this.scheduleRefresh();
    const ms = latency.sentAt(r.turn_id, t0);
    if (ms !== null) reportLatency({ seq: r.seq }, ms);
    log('debug', 'api', `turn seq ${r.seq} queued (job ${r.job_id}, queue_time ${r.queue_time_ms ?? '?'} ms, priority ${r.priority ?? '?'})`);
    return r;
  }

  onTurn(turn, via) {
    if (isFinal(turn)) {
      if (this.lines.finalize(turn)) this.showInterims();
      this.awaitingPaint.push(turn);
      if (via !== 'load') {
        const processing = turn.metadata?.processing_time_ms;
        log('debug', 'ws', `turn seq ${turn.seq} ${turn.status} via ${via}${processing !== undefined ? ` (processing ${fmtMs(processing)} ms)` : ''}`);
      }
    }
    this.scheduleRefresh();
  }

  onEvent(msg) {
    if (msg.type === EVENT_TYPES.METRICS) recordMetrics(msg.snapshot, true);
    else if (msg.type === EVENT_TYPES.QUEUE_STATUS) app.queue = msg.status;
    else if (msg.type === EVENT_TYPES.TURN_INTERIM) {
      if (msg.conversation_id && msg.conversation_id !== this.id) return;
      if (this.lines.show(msg, this.now())) this.showInterims();
    }
    else log('debug', 'ws', `event ${msg.type}`, msg);
  }

  onState(s) {
    app.connection = s;
    app.connectionDetail = STATE_DETAIL[s]?.(this.conn) ?? '';
    this.copyStats();
  }

  /** The typing lines to the view, and the timer that removes the next one to go stale. */
  showInterims() {
    this.interims = this.lines.list();
    if (this.expiryTimer !== null) this.timers.clear(this.expiryTimer);
    this.expiryTimer = null;
    const next = this.lines.nextExpiry();
    if (next === null) return;
    this.expiryTimer = this.timers.set(() => {
      this.expiryTimer = null;
      this.lines.expire(this.now());
      this.showInterims();
    }, Math.max(0, next - this.now()));
  }

  copyStats() {
    this.stats = { duplicates: this.conn.stats.duplicates, reconnects: this.conn.stats.reconnects };
  }

  // Many turns can arrive in one burst (a resume, a poll): one list update for all of them.
  scheduleRefresh() {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(async () => {
      this.refreshQueued = false;
      this.turns = this.conn.turns.list();
      this.copyStats();
      await tick();
      this.afterRender();
      const rendered = this.awaitingPaint;
      this.awaitingPaint = [];
      if (!rendered.length) return;
      this.frame(() => {
        const t1 = performance.now();
        for (const turn of rendered) {
          const ms = latency.renderedAt(turn.turn_id, t1);
          if (ms !== null) reportLatency(turn, ms);
        }
      });
    });
  }
}

function reportLatency(turn, ms) {
  const s = latency.summary();
  app.turnToScreen = { last: Math.round(ms), p50: Math.round(s.p50), p95: Math.round(s.p95), n: s.n };
  log('info', 'perf', `turn→screen seq ${turn.seq}: ${Math.round(ms)} ms (p50 ${Math.round(s.p50)} ms, n=${s.n})`);
}
