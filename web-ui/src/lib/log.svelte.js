// Client-side debug log shown in the dashboard's debug panel. Never written to
// the browser console: browser tests treat console errors as failures, and the
// panel is where a user looks. Bearer tokens (e.g. `access_token=` in a WebSocket URL) are
// masked: the panel is often shown or copied into bug reports.
import { redactTokens } from './auth.js';

export const LEVELS = ['debug', 'info', 'warn', 'error'];
const MAX = 1500;
let nextId = 1;

export const debugLog = $state({ entries: [] });

/** Append an entry: level, source (ws, api, replay, perf, ui...), message, optional data. */
export function log(level, source, msg, data) {
  const entry = {
    id: nextId++,
    t: Math.round(performance.now()),
    time: new Date().toISOString().slice(11, 23),
    level,
    source,
    msg: redactTokens(String(msg)),
    data: data === undefined ? undefined : redactTokens(safeJson(data)),
  };
  debugLog.entries.push(entry);
  if (debugLog.entries.length > MAX) debugLog.entries.splice(0, debugLog.entries.length - MAX);
  return entry;
}

export function clearLog() {
  debugLog.entries.length = 0;
}

function safeJson(v) {
  try {
    const s = JSON.stringify(v);
    return s && s.length > 600 ? s.slice(0, 600) + '…' : s;
  } catch {
    return String(v);
  }
}
