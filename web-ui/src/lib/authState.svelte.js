// Whether the server wants a bearer token, and the token of this tab. At start the dashboard
// probes `GET /api/v1/conversations?limit=50&offset=0` (with the stored token if there is one):
// 200 means it may go on (auth off, or the token is good), 401 means a token is needed (then
// the app shows the token panel instead of its views, so nothing polls or reconnects into
// 401s meanwhile). A 401 later (token expired or revoked) asks again the same way.
// The probe asks for the conversation list's first page, so that a 200 is also what the list
// shows first (takeProbedPage): the first view needs one round trip instead of two in a row.
import { log } from './log.svelte.js';
import { TokenStore, normalizeToken, tokenInfo, tokenProblem } from './auth.js';

/** Conversations per page of the list. */
export const CONVERSATION_PAGE = 50;
export const PROBE_PATH = `/api/v1/conversations?limit=${CONVERSATION_PAGE}&offset=0`;

const store = new TokenStore();

export const auth = $state({
  mode: 'checking', // checking | off (no token needed) | on (the server wants one)
  token: null, // the token sent (only when mode is 'on')
  info: null, // tokenInfo(token): tenant, scopes, expiry (decoded client-side, display only)
  needToken: false, // show the token panel
  reason: '', // why the panel is shown
  version: 0, // bumps on every sign-in / sign-out: the views remount with the new identity
});

let expiryTimer = null;
/** The first page the last successful probe read, for the token it was read with: { token, page (a promise) }. */
let probedPage = null;

/** The token to send, or null (none, or the server does not use tokens). */
export function currentToken() {
  return auth.mode === 'on' ? auth.token : null;
}

async function probe(token) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(PROBE_PATH, { headers });
  probedPage = res.ok ? { token: token ?? null, page: res.json().catch(() => null) } : null;
  return res.status;
}

/**
 * The conversation list's first page as the access probe read it, once, if it was read as the
 * identity now in use (else null: fetch it). Resolves to null when the body could not be read.
 */
export function takeProbedPage() {
  const taken = probedPage;
  probedPage = null;
  return taken && taken.token === currentToken() ? taken.page : null;
}

/** At start: find out whether a token is needed and whether the stored one is good. */
export async function checkAuth() {
  const stored = store.get();
  const storedOk = stored && !tokenProblem(stored);
  let status;
  try {
    status = await probe(storedOk ? stored : null);
  } catch (e) {
    // Server unreachable: go on as without auth, the views say what fails.
    log('warn', 'auth', `access check failed (${e.message}); continuing without a token`);
    auth.mode = stored ? 'on' : 'off';
    if (stored) accept(stored);
    return auth.mode;
  }
  if (status === 401) {
    auth.mode = 'on';
    if (stored) store.clear();
    ask(stored ? 'The token kept in this tab was refused (expired or not valid for this server). Paste a new one.' : 'This server requires a token (security.auth: jwt).');
    log('info', 'auth', stored ? 'stored token refused (401): asking for a new one' : 'server requires a token (401 on the probe): asking for one');
  } else if (storedOk) {
    // The token was accepted (a server with auth off would accept it too: it is sent, and ignored).
    auth.mode = 'on';
    accept(stored);
    log('info', 'auth', `signed in with the stored token (tenant ${auth.info?.tenant ?? '?'})`);
  } else {
    if (stored) store.clear();
    auth.mode = 'off';
    log('debug', 'auth', `no token needed (probe → ${status})`);
  }
  return auth.mode;
}

function accept(token) {
  auth.token = token;
  auth.info = tokenInfo(token);
  auth.needToken = false;
  auth.reason = '';
  auth.version++;
  scheduleExpiry();
}

function ask(reason) {
  clearTimeout(expiryTimer);
  auth.token = null;
  auth.info = null;
  auth.needToken = true;
  auth.reason = reason;
}

function scheduleExpiry() {
  clearTimeout(expiryTimer);
  const at = auth.info?.expiresAt;
  if (!at) return;
  // setTimeout holds at most 2^31-1 ms (24.8 days); a longer token is checked again then.
  const wait = Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1);
  expiryTimer = setTimeout(() => {
    if (auth.info?.expiresAt !== at) return;
    if (Date.now() < at) return scheduleExpiry();
    store.clear();
    ask(`Your token expired at ${new Date(at).toLocaleTimeString()}. Paste a new one.`);
    log('warn', 'auth', 'token expired: asking for a new one');
  }, wait);
}

/**
 * The token panel's "Sign in": checks the token's shape and expiry here, then with the server
 * (the same probe). Resolves to '' on success or the reason it was not accepted.
 */
export async function signIn(input) {
  const token = normalizeToken(input);
  const problem = tokenProblem(token);
  if (problem) return problem;
  let status;
  try {
    status = await probe(token);
  } catch (e) {
    return `The server could not be reached: ${e.message}`;
  }
  if (status === 401) {
    log('warn', 'auth', 'token refused by the server (401)');
    return 'The server refused this token (401): wrong signing key, issuer or audience, or expired.';
  }
  if (status >= 500) return `The server could not check the token (HTTP ${status}); try again.`;
  store.set(token);
  auth.mode = 'on';
  accept(token);
  log('info', 'auth', `signed in: tenant ${auth.info?.tenant ?? '?'}, scopes ${auth.info?.scopes.join(' ') || '–'}`);
  return '';
}

/** "Sign out": forget the token of this tab and ask for one. */
export function signOut() {
  store.clear();
  ask('Signed out. Paste a token to continue.');
  auth.version++;
  log('info', 'auth', 'signed out: token cleared');
}

/**
 * A request answered 401. `sentToken` is the token it carried: if the user has signed in with
 * another one since, the answer is stale and ignored.
 */
export function unauthorized(sentToken) {
  if (auth.needToken) return;
  if (sentToken && sentToken !== auth.token) return;
  const had = !!sentToken;
  auth.mode = 'on';
  store.clear();
  ask(had ? 'The server refused the token (expired or revoked). Paste a new one.' : 'This server requires a token (security.auth: jwt).');
  log('warn', 'auth', had ? 'token refused (401): asking for a new one' : 'server requires a token (401): asking for one');
}
