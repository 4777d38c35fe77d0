// State of the Diagnostics view, kept across navigation (a run keeps going while another
// view is open): the run shown, live progress from the event-bus bridge, the history of the
// last runs, and the 429/409 notices. The pure parts live in diagnostics.js.
import { api } from './api.js';
import { log } from './log.svelte.js';
import { openEventBus, bridgeUrl } from './eventBus.js';
import { currentToken } from './authState.svelte.js';
import { forbiddenMessage } from './auth.js';
import { applyProgress, historyRows, pendingRun, reportView, runFailure, scenarioLabel } from './diagnostics.js';

export const PROGRESS_ADDRESS = 'diagnostics.progress';

export const diag = $state({
  view: null, // reportView()/pendingRun() of the run shown
  history: [], // historyRows()
  running: false, // a run is in progress on the server (ours or started elsewhere)
  ours: false, // ...and this page asked for it (its POST is in flight)
  live: 'off', // off | connecting | live | unavailable: the bridge carrying live progress
  notice: null, // {kind: 'rate-limited'|'busy'|'error', message, retryAt?}
  retryAt: 0, // epoch ms before which Run is refused (429)
  loaded: false,
  error: '',
});

let bus = null;
let users = 0;
let reopenTimer = null;
let pollTimer = null;

/** The Diagnostics view mounted: open the bridge and load the last report and history. */
export function attach() {
  users++;
  openBus();
  refresh();
  return detach;
}

function detach() {
  users = Math.max(0, users - 1);
  if (users === 0 && !diag.running) closeBus();
}

function openBus() {
  if (bus || typeof WebSocket === 'undefined') return;
  clearTimeout(reopenTimer);
  diag.live = 'connecting';
  const b = openEventBus({
    url: bridgeUrl(globalThis.location, currentToken()),
    onOpen: () => {
      diag.live = 'live';
      log('info', 'diag', 'live diagnostics progress over the event-bus bridge');
    },
    onClose: ({ wasOpen, code }) => {
      if (bus !== b) return;
      bus = null;
      diag.live = 'unavailable';
      log('warn', 'diag', `event-bus bridge ${wasOpen ? 'closed' : 'unavailable'} (code ${code}); progress by polling`);
      // Try again later while someone looks at the view or a run goes on.
      if (users > 0 || diag.running) reopenTimer = setTimeout(openBus, 10000);
    },
    onError: (msg) => log('warn', 'diag', `event-bus bridge: ${msg}`),
  });
  bus = b;
  b.subscribe(PROGRESS_ADDRESS, onProgress);
}

function closeBus() {
  clearTimeout(reopenTimer);
  if (bus) {
    const b = bus;
    bus = null;
    b.close();
  }
  diag.live = 'off';
}

function onProgress(event) {
  if (!event?.scenario) return;
  if (!diag.running) {
    // A run started elsewhere (another tab, the API, a bridge client): show it live too.
    if (event.state !== 'started') return;
    diag.running = true;
    diag.ours = false;
    diag.view = pendingRun();
    followExternal();
  }
  diag.view = applyProgress(diag.view, event);
  if (event.state === 'finished') {
    const s = diag.view.scenarios.find((x) => x.name === event.scenario);
    log(s?.state === 'failed' ? 'warn' : 'info', 'diag', `${scenarioLabel(event.scenario)} ${s?.state ?? 'finished'}${s?.detail ? `: ${s.detail}` : ''}`);
  }
}

/** GET /diagnostics/last: history, the last report when none is shown, a run going on. */
export async function refresh() {
  try {
    const last = await api.lastDiagnostics();
    diag.history = historyRows(last?.history);
    diag.loaded = true;
    diag.error = '';
    if (last?.running && !diag.running) {
      diag.running = true;
      diag.ours = false;
      diag.view = pendingRun();
      followExternal();
    } else if (!last?.running && !diag.ours && (diag.running || !diag.view)) {
      diag.running = false;
      diag.view = reportView(last?.last ?? null);
    }
    return last;
  } catch (e) {
    diag.error = e.status === 403 ? forbiddenMessage('viewing the diagnostics') : `Could not load the last diagnostics: ${e.message}`;
    return null;
  }
}

/** A run this page did not ask for: poll until it ends, then show its report. */
function followExternal() {
  clearInterval(pollTimer);
  openBus();
  pollTimer = setInterval(async () => {
    if (diag.ours) return clearInterval(pollTimer);
    const last = await refresh();
    if (last && !last.running) {
      clearInterval(pollTimer);
      if (users === 0) closeBus();
    }
  }, 1000);
}

/** Run button: POST /diagnostics/run, live progress meanwhile, then the report. */
export async function runDiagnostics(now = Date.now()) {
  if (diag.running || diag.ours || now < diag.retryAt) return;
  const previous = diag.view;
  diag.notice = null;
  diag.running = true;
  diag.ours = true;
  diag.view = pendingRun();
  openBus();
  const t0 = performance.now();
  log('info', 'diag', 'diagnostics run requested');
  try {
    const report = await api.runDiagnostics();
    diag.view = reportView(report);
    const failed = diag.view.scenarios.filter((s) => s.state === 'failed').map((s) => s.name);
    log(report?.passed ? 'info' : 'warn', 'diag', `diagnostics ${report?.passed ? 'passed' : `failed (${failed.join(', ') || report?.detail})`} in ${Math.round(performance.now() - t0)} ms`);
  } catch (e) {
    const f = runFailure(e);
    diag.notice = f;
    if (f.kind === 'rate-limited') {
      diag.retryAt = f.retryAt;
      diag.view = previous;
    } else if (f.kind === 'busy') {
      diag.ours = false;
      diag.view = pendingRun();
      followExternal();
      return;
    } else {
      diag.view = previous;
    }
  } finally {
    if (diag.ours) {
      diag.ours = false;
      diag.running = false;
      await refresh();
      if (users === 0) closeBus();
    }
  }
}

export function dismissNotice() {
  diag.notice = null;
}
