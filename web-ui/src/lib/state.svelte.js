// Dashboard-wide state: connection status, figures measured in the browser,
// latest metrics and queue status.
import { TurnLatencyTracker } from './perf.js';
import { MetricsHistory } from './metricsHistory.js';

export const app = $state({
  connection: 'idle', // idle | loading | connecting | connected | reconnecting | polling | closed
  connectionDetail: '',
  pageLoadMs: null,
  navTiming: {},
  turnToScreen: { last: null, p50: null, p95: null, n: 0 },
  metrics: null,
  metricsAt: 0, // performance.now() of the last snapshot received over the socket
  metricsVersion: 0,
  queue: null,
  health: null,
});

export const latency = new TurnLatencyTracker();
export const history = new MetricsHistory(600);

export function recordMetrics(snapshot, viaSocket) {
  if (!snapshot) return;
  app.metrics = snapshot;
  if (viaSocket) app.metricsAt = performance.now();
  if (history.push(snapshot)) app.metricsVersion++;
}
