// Client logic of the Diagnostics view: the server's report (POST /diagnostics/run,
// GET /diagnostics/last) and its live progress events (diagnostics.progress on the
// event-bus bridge) turned into a view model; Retry-After of a 429 turned into a time.
// Pure functions, no DOM: unit-tested in tests/diagnostics.test.js.
import { forbiddenMessage } from './auth.js';

/** The suite's scenarios in run order, with a human label. */
export const SCENARIOS = [
  { name: 'scratch_conversation', label: 'Scratch conversation' },
  { name: 'ai_turn_bypass', label: 'AI turn bypass' },
  { name: 'user_turn_cleaning', label: 'User turn cleaning' },
  { name: 'realtime_path', label: 'Real-time path' },
  { name: 'resume', label: 'Resume' },
  { name: 'dependencies', label: 'Dependencies' },
];

export const STATE_LABELS = { pending: 'Pending', running: 'Running', passed: 'Passed', failed: 'Failed' };

export function scenarioLabel(name) {
  return SCENARIOS.find((s) => s.name === name)?.label ?? String(name).replace(/_/g, ' ');
}

function blankScenario(name) {
  return { name, label: scenarioLabel(name), description: '', state: 'pending', detail: null, durationMs: null, checks: [], figures: [] };
}

/** The view of a run that has just been asked for: every known scenario pending. */
export function pendingRun() {
  return { id: null, state: 'running', passed: null, startedAt: null, finishedAt: null, durationMs: null, detail: null, scenarios: SCENARIOS.map((s) => blankScenario(s.name)) };
}

/**
 * One scenario of a report (or of a progress event's scenario_result) as shown: state, the
 * figures checked against a target (value, target, met), the expectations, and the other
 * figures (ids, counts, backends) that have no target.
 */
export function scenarioView(result) {
  const view = blankScenario(result?.name ?? '?');
  if (!result) return view;
  view.description = result.description ?? '';
  view.state = result.passed ? 'passed' : 'failed';
  view.detail = result.detail ?? null;
  view.durationMs = typeof result.duration_ms === 'number' ? result.duration_ms : null;
  const checked = new Set();
  for (const c of Array.isArray(result.checks) ? result.checks : []) {
    if (c && 'figure' in c) {
      checked.add(c.figure);
      view.checks.push({ kind: 'target', figure: c.figure, label: c.figure.replace(/_/g, ' '), value: c.value, targetMs: c.target_ms, met: !!c.met });
    } else if (c && 'expectation' in c) {
      view.checks.push({ kind: 'expectation', text: c.expectation, met: !!c.met });
    }
  }
  for (const [k, v] of Object.entries(result.figures ?? {})) {
    if (!checked.has(k)) view.figures.push({ name: k, label: k.replace(/_/g, ' '), value: formatFigure(k, v) });
  }
  return view;
}

/** A whole report as shown; scenarios the server did not get to stay pending. */
export function reportView(report) {
  if (!report) return null;
  const byName = new Map((Array.isArray(report.scenarios) ? report.scenarios : []).map((s) => [s.name, s]));
  const names = [...SCENARIOS.map((s) => s.name), ...[...byName.keys()].filter((n) => !SCENARIOS.some((s) => s.name === n))];
  const scenarios = names.map((n) => (byName.has(n) ? scenarioView(byName.get(n)) : blankScenario(n)));
  const passed = report.passed === true;
  return {
    id: report.id ?? null,
    state: passed ? 'passed' : 'failed',
    passed,
    startedAt: report.started_at ?? null,
    finishedAt: report.finished_at ?? null,
    durationMs: typeof report.duration_ms === 'number' ? report.duration_ms : null,
    // A run that broke down as a whole has no scenarios, only a detail.
    detail: report.detail ?? (passed ? null : failedNames(scenarios)),
    scenarios,
  };
}

function failedNames(scenarios) {
  const failed = scenarios.filter((s) => s.state === 'failed').map((s) => s.label);
  return failed.length ? `failed: ${failed.join(', ')}` : null;
}

/**
 * Applies one diagnostics.progress event to the view of a running run (returns a new view).
 * Events of another run than the one shown (once its id is known) are ignored, and so are
 * events for a view that already holds the final report.
 */
export function applyProgress(view, event) {
  if (!event || typeof event !== 'object' || !event.scenario) return view;
  const run = view && view.state === 'running' ? view : null;
  if (!run) return view;
  if (run.id && event.run_id && run.id !== event.run_id) return view;
  const next = { ...run, id: run.id ?? event.run_id ?? null, scenarios: run.scenarios.slice() };
  let i = next.scenarios.findIndex((s) => s.name === event.scenario);
  if (i < 0) {
    next.scenarios.push(blankScenario(event.scenario));
    i = next.scenarios.length - 1;
  }
  if (event.state === 'started') {
    next.scenarios[i] = { ...next.scenarios[i], state: 'running' };
  } else if (event.state === 'finished') {
    next.scenarios[i] = event.scenario_result
      ? scenarioView({ name: event.scenario, ...event.scenario_result })
      : { ...next.scenarios[i], state: 'failed' };
  }
  return next;
}

/** Counts of scenario states, for the summary line and the progress bar. */
export function progressCounts(view) {
  const counts = { pending: 0, running: 0, passed: 0, failed: 0, total: 0 };
  for (const s of view?.scenarios ?? []) {
    counts[s.state] = (counts[s.state] ?? 0) + 1;
    counts.total++;
  }
  counts.done = counts.passed + counts.failed;
  return counts;
}

/** GET /diagnostics/last's history (newest first) as rows. */
export function historyRows(history) {
  return (Array.isArray(history) ? history : []).map((h, i) => ({
    key: h?.id ?? `run-${i}`,
    id: h?.id ?? null,
    startedAt: h?.started_at ?? null,
    durationMs: typeof h?.duration_ms === 'number' ? h.duration_ms : null,
    passed: h?.passed === true,
    failed: (Array.isArray(h?.failed) ? h.failed : []).map((n) => ({ name: n, label: scenarioLabel(n) })),
  }));
}

/**
 * When a rate-limited run may be retried, as an epoch-ms time. Retry-After is either
 * delta-seconds or an HTTP date (RFC 9110); the problem's detail may name the exact wait
 * ("retry in 8123 ms"), which is used when it is sooner than the header (the header is
 * rounded, and some servers give the whole interval). Without either, fallbackMs from now.
 */
export function retryAt(retryAfter, detail, now = Date.now(), fallbackMs = 10000) {
  const candidates = [];
  const header = parseRetryAfter(retryAfter, now);
  if (header !== null) candidates.push(header);
  const m = /retry in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(String(detail ?? ''));
  if (m) candidates.push(now + Math.ceil(Number(m[1]) * (m[2].toLowerCase() === 's' ? 1000 : 1)));
  return candidates.length ? Math.min(...candidates) : now + fallbackMs;
}

/** Retry-After header value -> epoch ms, or null when absent or not understood. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value === null || value === undefined) return null;
  const v = String(value).trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return now + Number(v) * 1000;
  if (/^[-+]?\d/.test(v)) return null; // "1.5", "-3": not delta-seconds, not an HTTP date
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(now, t) : null;
}

/** Whole seconds left until `at` (at least 0), for a countdown. */
export function secondsLeft(at, now = Date.now()) {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What to tell the user when POST /diagnostics/run failed: kind ('rate-limited' | 'busy' |
 * 'error'), a message, and for a 429 when the next run is allowed (epoch ms).
 */
export function runFailure(error, now = Date.now()) {
  const status = error?.status ?? 0;
  const detail = error?.problem?.detail ?? error?.message ?? '';
  if (status === 429) {
    const at = retryAt(error?.retryAfter ?? null, detail, now);
    return { kind: 'rate-limited', status, retryAt: at, message: `Diagnostics ran moments ago; the next run is allowed at ${clock(at)}.` };
  }
  if (status === 409) {
    return { kind: 'busy', status, message: 'A diagnostics run is already in progress (started elsewhere); showing it until it ends.' };
  }
  if (status === 403) return { kind: 'forbidden', status, message: forbiddenMessage('running diagnostics') };
  if (status === 401) return { kind: 'error', status, message: 'The server wants a (new) token: sign in to run diagnostics.' };
  if (status === 0) return { kind: 'error', status, message: `The server could not be reached: ${detail}` };
  return { kind: 'error', status, message: `The run failed (HTTP ${status}): ${detail}` };
}

/** HH:MM:SS in local time of an epoch-ms or ISO time. */
export function clock(t) {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '–';
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A figure's value for display: numbers with up to 3 decimals, arrays joined. */
export function formatFigure(name, v) {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  if (Array.isArray(v)) return v.join(', ');
  if (v === null || v === undefined) return '–';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Milliseconds for display: "0.42 ms", "12.3 ms", "1.52 s". */
export function formatMs(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1).replace(/\.0$/, '')} ms`;
  return `${ms.toFixed(2).replace(/\.?0+$/, '')} ms`;
}
