// REST client of the CleanerContext server (same origin, JSON, snake_case).
// Errors are application/problem+json and surface as ApiError. With a token (server with
// auth on) every request carries `Authorization: Bearer <token>`; a 401 asks for a token.
import { log } from './log.svelte.js';
import { authHeaders, withAccessToken } from './auth.js';
import { auth, currentToken, unauthorized, CONVERSATION_PAGE } from './authState.svelte.js';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter; // the Retry-After header of a 429/503, as sent
  }
}

export async function request(method, path, body, { quiet = false, base = API } = {}) {
  const token = currentToken();
  if (auth.mode === 'on' && !token) {
    // Waiting for a token: fail here rather than collect 401s from the server.
    throw new ApiError(401, { title: 'Token needed', detail: 'Sign in with a token first' });
  }
  const t0 = performance.now();
  let res;
  try {
    res = await fetch(base + path, {
      method,
      headers: authHeaders(token, body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    log('error', 'api', `${method} ${path} failed: ${e.message}`);
    throw new ApiError(0, { title: 'Network error', detail: e.message });
  }
  const ms = Math.round(performance.now() - t0);
  const type = res.headers.get('content-type') ?? '';
  const data = res.status === 204 ? null : type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    const problem = data && typeof data === 'object' ? data : { title: res.statusText, detail: String(data ?? '') };
    log('warn', 'api', `${method} ${path} → ${res.status} in ${ms} ms: ${problem.detail ?? problem.title ?? ''}`, problem);
    if (res.status === 401) unauthorized(token);
    throw new ApiError(res.status, problem, res.headers.get('retry-after'));
  }
  if (!quiet) log('debug', 'api', `${method} ${path} → ${res.status} in ${ms} ms`);
  return data;
}

const enc = encodeURIComponent;

export const api = {
  listConversations: (limit = CONVERSATION_PAGE, offset = 0) => request('GET', `/conversations?limit=${limit}&offset=${offset}`),
  createConversation: (name, metadata) => request('POST', '/conversations', metadata ? { name, metadata } : { name }),
  getConversation: (id) => request('GET', `/conversations/${enc(id)}`),
  deleteConversation: (id) => request('DELETE', `/conversations/${enc(id)}`),
  sendTurn: (id, turn) => request('POST', `/conversations/${enc(id)}/turns`, turn),
  sendTurnRealtime: (id, turn) => request('POST', `/conversations/${enc(id)}/turns/realtime`, turn),
  getKeyterms: (id) => request('GET', `/conversations/${enc(id)}/keyterms`),
  putKeyterms: (id, keyterms) => request('PUT', `/conversations/${enc(id)}/keyterms`, { keyterms }),
  getSpelling: (id) => request('GET', `/conversations/${enc(id)}/spelling`),
  putSpelling: (id, spelling) => request('PUT', `/conversations/${enc(id)}/spelling`, { spelling }),
  listTurns: (id, sinceSeq = 0, limit = 500, opts) => request('GET', `/conversations/${enc(id)}/turns?since_seq=${sinceSeq}&limit=${limit}`, undefined, opts),
  parseTranscript: (transcript) => request('POST', '/conversations/parse-transcript', { transcript }),
  queueStatus: () => request('GET', '/queue/status', undefined, { quiet: true }),
  stopQueue: () => request('POST', '/conversations/queue/stop'),
  startQueue: () => request('POST', '/conversations/queue/start'),
  runDiagnostics: () => request('POST', '/diagnostics/run'),
  lastDiagnostics: (opts = { quiet: true }) => request('GET', '/diagnostics/last', undefined, opts),
  metricsSnapshot: () => request('GET', '/metrics/snapshot', undefined, { quiet: true }),
  health: () => healthCheck(),
  completeConversation: (id) => request('POST', `/conversations/${enc(id)}/complete`, {}),
  listWebhooks: () => request('GET', '/webhooks/endpoints'),
  createWebhook: (endpoint) => request('POST', '/webhooks/endpoints', endpoint),
  updateWebhook: (id, changes) => request('PUT', `/webhooks/endpoints/${enc(id)}`, changes),
  deleteWebhook: (id) => request('DELETE', `/webhooks/endpoints/${enc(id)}`),
  rotateWebhookSecret: (id) => request('POST', `/webhooks/endpoints/${enc(id)}/rotate-secret`, {}),
  testWebhook: (id) => request('POST', `/webhooks/endpoints/${enc(id)}/test`, {}),
  webhookDeliveries: (id, state, opts) => request('GET', `/webhooks/endpoints/${enc(id)}/deliveries?limit=50${state ? `&state=${enc(state)}` : ''}`, undefined, opts),
  webhookDelivery: (id) => request('GET', `/webhooks/deliveries/${enc(id)}`),
  resendWebhookDelivery: (id) => request('POST', `/webhooks/deliveries/${enc(id)}/resend`, {}),
};

/**
 * Downloads the conversation's transcript as a file (GET .../transcript): fetched with the
 * token like every request, then handed to the browser as a download.
 */
export async function downloadTranscript(id, format, content, doc = globalThis.document) {
  const token = currentToken();
  const res = await fetch(`${API}/conversations/${enc(id)}/transcript?format=${enc(format)}&content=${enc(content)}`, {
    headers: authHeaders(token, {}),
  });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({ title: res.statusText }));
    log('warn', 'api', `transcript download → ${res.status}: ${problem.detail ?? problem.title}`, problem);
    if (res.status === 401) unauthorized(token);
    throw new ApiError(res.status, problem);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `conversation-${id}.${format}`;
  const timing = res.headers.get('x-transcript-timing');
  const url = URL.createObjectURL(await res.blob());
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  log('info', 'api', `transcript downloaded: ${name} (times from ${timing === 'source' ? 'the source\'s word timings' : 'arrival'})`);
  return { name, timing };
}

/** GET /health: 200 and 503 both carry the health document. */
async function healthCheck() {
  try {
    const res = await fetch('/health', { headers: { accept: 'application/json' } });
    return await res.json();
  } catch (e) {
    return { status: 'DOWN', checks: [], error: e.message };
  }
}

/** All turns with seq > sinceSeq, following pages of 500. */
export async function fetchAllTurns(id, sinceSeq = 0, opts) {
  const out = [];
  let since = sinceSeq;
  for (;;) {
    const page = await api.listTurns(id, since, 500, opts);
    const items = page?.items ?? [];
    out.push(...items);
    if (items.length < 500) return out;
    since = items[items.length - 1].seq;
  }
}

/**
 * WebSocket URL of a conversation, same origin; with a token, `&access_token=` (browsers
 * cannot set headers on a WebSocket).
 */
export function socketUrl(id, since, token = currentToken(), loc = globalThis.location) {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  // feeds: the server may make the metrics and queue events opt-in; the contract sends them anyway.
  return withAccessToken(`${proto}//${loc.host}/ws/conversations/${enc(id)}?since=${since}&feeds=metrics,queue`, token);
}
