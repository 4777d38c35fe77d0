// Browser-side measurements: page load to first interactive view, and
// turn-to-screen latency (POST of a real-time turn to its cleaned turn rendered).

/** Summary statistics of a list of numbers. */
export function summarize(values) {
  const v = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return { n: 0 };
  const q = (p) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))];
  return { n: v.length, min: v[0], p50: q(0.5), p95: q(0.95), p99: q(0.99), max: v[v.length - 1], mean: v.reduce((a, b) => a + b, 0) / v.length };
}

/**
 * Pairs the moment a turn was POSTed with the moment it was rendered. Either
 * side may come first: over a fast socket the cleaned turn can be on screen
 * before the 202 response with its turn_id has been read.
 */
export class TurnLatencyTracker {
  constructor({ limit = 500 } = {}) {
    this.sent = new Map(); // turn_id -> t0
    this.rendered = new Map(); // turn_id -> t1
    this.samples = [];
    this.limit = limit;
  }

  /** The POST for turnId was started at t0; returns the latency if already rendered. */
  sentAt(turnId, t0) {
    if (!turnId) return null;
    const t1 = this.rendered.get(turnId);
    if (t1 !== undefined) {
      this.rendered.delete(turnId);
      return this.record(t1 - t0);
    }
    this.sent.set(turnId, t0);
    return null;
  }

  /** The turn was rendered at t1; returns the latency if its POST is known. */
  renderedAt(turnId, t1) {
    if (!turnId) return null;
    const t0 = this.sent.get(turnId);
    if (t0 !== undefined) {
      this.sent.delete(turnId);
      return this.record(t1 - t0);
    }
    this.rendered.set(turnId, t1);
    if (this.rendered.size > this.limit) this.rendered.delete(this.rendered.keys().next().value);
    return null;
  }

  record(ms) {
    this.samples.push(ms);
    if (this.samples.length > this.limit) this.samples.shift();
    return ms;
  }

  summary() {
    return summarize(this.samples);
  }
}

/** Navigation timing figures of this page load, in ms since navigation start. */
export function navigationTiming() {
  const nav = globalThis.performance?.getEntriesByType?.('navigation')?.[0];
  if (!nav) return {};
  return {
    ttfb: Math.round(nav.responseStart),
    dom_content_loaded: Math.round(nav.domContentLoadedEventEnd),
    dom_interactive: Math.round(nav.domInteractive),
  };
}

/** Resolves after the next paint (two animation frames). */
export function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))));
}

/** A duration in ms for display: 3 significant digits below 100 ms ("0.378", "8.33", "13.5"), whole ms above. */
export function fmtMs(v) {
  const n = Number(v);
  if (v === null || v === undefined || v === '' || !Number.isFinite(n)) return '–';
  if (n === 0) return '0';
  if (Math.abs(n) >= 100) return String(Math.round(n));
  return String(Number(n.toPrecision(3)));
}

/** A figure for display with at most `digits` decimals, trailing zeros dropped ("12", "3.5"); '–' when not a number. */
export function fmtFigure(v, digits = 1) {
  return v === undefined || v === null || !Number.isFinite(Number(v)) ? '–' : Number(v).toFixed(digits).replace(/\.0+$/, '');
}
