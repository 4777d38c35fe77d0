// Client logic of the integrations view (webhook endpoints and their deliveries), kept out of
// the component so Vitest covers it.

/** The events an endpoint can subscribe to, with what each means. */
export const WEBHOOK_EVENTS = [
  { type: 'turn.cleaned', label: 'Turn cleaned', hint: 'each turn once its cleaned text is stored' },
  { type: 'turn.failed', label: 'Turn failed', hint: 'a turn that could not be cleaned after its retries' },
  { type: 'conversation.completed', label: 'Call completed', hint: 'the whole cleaned transcript when a call ends' },
  { type: 'endpoint.disabled', label: 'Endpoint disabled', hint: 'another endpoint was disabled after failing for days' },
];

export const DEFAULT_EVENTS = ['turn.cleaned', 'turn.failed', 'conversation.completed'];

/** A problem with the URL as typed (before the server's own checks), or null. */
export function urlProblem(text) {
  const value = String(text ?? '').trim();
  if (!value) return 'Enter the URL that should receive the events';
  let url;
  try {
    url = new URL(value);
  } catch {
    return 'Not a URL: it needs http:// or https:// and a host';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http and https URLs can receive webhooks';
  if (url.username || url.password) return 'Put no credentials in the URL: verify the signature instead';
  if (url.hash) return 'A URL fragment is never sent: remove it';
  return null;
}

/**
 * How a delivery's state reads in the view: delivered, retrying (pending after a failure), dead
 * letter, pending (not yet tried, or resent by hand and not yet gone out: its next attempt is due at
 * the resend, the start of its new retry window, where a retry's is later).
 */
export function deliveryStatus(d) {
  if (d.state === 'delivered') return { key: 'delivered', label: 'Delivered' };
  if (d.state === 'dead') return { key: 'dead', label: 'Failed (dead letter)' };
  if (d.attempts > 0 && resentAndWaiting(d)) return { key: 'pending', label: 'Resending' };
  if (d.attempts > 0) return { key: 'retrying', label: `Retrying (attempt ${d.attempts + 1} due ${clock(d.next_attempt_at)})` };
  return { key: 'pending', label: 'Pending' };
}

function resentAndWaiting(d) {
  const due = Date.parse(d.next_attempt_at);
  const resent = Date.parse(d.retry_from);
  return Number.isFinite(due) && Number.isFinite(resent) && due <= resent;
}

/** Counts by status key, for the endpoint's summary line. */
export function summarize(deliveries) {
  const counts = { delivered: 0, retrying: 0, dead: 0, pending: 0 };
  for (const d of deliveries ?? []) counts[deliveryStatus(d).key]++;
  return counts;
}

/** A delivery can be resent by hand once it is no longer pending. */
export const canResend = (d) => d.state === 'dead' || d.state === 'delivered';

/** One attempt of the log, as one line. */
export function attemptLine(a) {
  const outcome = a.status != null ? `HTTP ${a.status}` : a.error ?? 'no answer';
  return `#${a.attempt} ${clock(a.attempted_at)} · ${outcome} · ${a.latency_ms} ms`;
}

/** What the endpoint row says about its health. */
export function endpointHealth(e) {
  if (!e.enabled) return { key: 'disabled', label: e.disabled_reason ? `Disabled: ${e.disabled_reason}` : 'Disabled' };
  if (e.failing_since) return { key: 'failing', label: `Failing since ${clock(e.failing_since)}` };
  return { key: 'ok', label: 'Active' };
}

export function clock(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '–' : d.toLocaleTimeString('en-GB', { hour12: false });
}
