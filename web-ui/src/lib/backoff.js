// Exponential backoff with optional jitter for WebSocket reconnects.

/**
 * Delay before reconnect attempt number `attempt` (1-based):
 * base * factor^(attempt-1), capped at max, with +/- jitter (fraction of the delay).
 */
export function backoffDelay(attempt, { baseMs = 250, factor = 2, maxMs = 10000, jitter = 0.2, random = Math.random } = {}) {
  const n = Math.max(1, attempt | 0);
  const raw = Math.min(maxMs, baseMs * factor ** (n - 1));
  if (!jitter) return Math.round(raw);
  const spread = raw * jitter;
  return Math.max(0, Math.round(raw - spread + random() * 2 * spread));
}
