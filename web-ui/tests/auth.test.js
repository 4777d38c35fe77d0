import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { createHmac } from 'node:crypto';
import {
  TOKEN_KEY,
  TokenStore,
  normalizeToken,
  looksLikeJwt,
  decodeJwtPayload,
  scopesOf,
  tokenInfo,
  tokenProblem,
  authHeaders,
  withAccessToken,
  forbiddenMessage,
  redactTokens,
} from '../src/lib/auth.js';
import { bridgeUrl } from '../src/lib/eventBus.js';
import { socketUrl, request, ApiError } from '../src/lib/api.js';
import { auth, checkAuth, signIn, signOut, unauthorized, currentToken, takeProbedPage, PROBE_PATH } from '../src/lib/authState.svelte.js';
import { runFailure } from '../src/lib/diagnostics.js';

const b64u = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function jwt(claims, secret = 'x'.repeat(32)) {
  const head = b64u({ alg: 'HS256', typ: 'JWT' });
  const body = b64u(claims);
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

class MemoryStorage {
  constructor() {
    this.m = new Map();
  }
  getItem(k) {
    return this.m.has(k) ? this.m.get(k) : null;
  }
  setItem(k, v) {
    this.m.set(k, String(v));
  }
  removeItem(k) {
    this.m.delete(k);
  }
}

describe('token store', () => {
  it('stores the normalized token under cc.token, reads it back, clears it', () => {
    const s = new MemoryStorage();
    const store = new TokenStore(s);
    expect(store.get()).toBeNull();
    expect(store.set('  Bearer a.b.c \n')).toBe('a.b.c');
    expect(s.getItem(TOKEN_KEY)).toBe('a.b.c');
    expect(new TokenStore(s).get()).toBe('a.b.c'); // another store over the same tab storage
    store.clear();
    expect(store.get()).toBeNull();
    expect(s.getItem(TOKEN_KEY)).toBeNull();
  });

  it('setting nothing clears', () => {
    const s = new MemoryStorage();
    const store = new TokenStore(s);
    store.set('a.b.c');
    expect(store.set('   ')).toBe('');
    expect(store.get()).toBeNull();
  });

  it('keeps the token in memory when storage throws or is absent', () => {
    const broken = {
      getItem() {
        throw new Error('denied');
      },
      setItem() {
        throw new Error('denied');
      },
      removeItem() {
        throw new Error('denied');
      },
    };
    const store = new TokenStore(broken);
    store.set('a.b.c');
    expect(store.get()).toBe('a.b.c');
    store.clear();
    expect(store.get()).toBeNull();
    const none = new TokenStore(null);
    none.set('x.y.z');
    expect(none.get()).toBe('x.y.z');
  });
});

describe('token parsing (display only)', () => {
  it('normalizes pasted tokens: whitespace, quotes, Bearer prefix, line breaks', () => {
    expect(normalizeToken('"eyJ.abc.def"')).toBe('eyJ.abc.def');
    expect(normalizeToken('bearer eyJ.abc.def')).toBe('eyJ.abc.def');
    expect(normalizeToken('eyJ.ab\nc.def\n')).toBe('eyJ.abc.def');
    expect(normalizeToken(undefined)).toBe('');
  });

  it('recognizes the compact JWS shape', () => {
    expect(looksLikeJwt(jwt({ tenant: 'a' }))).toBe(true);
    expect(looksLikeJwt('a.b')).toBe(false);
    expect(looksLikeJwt('a.b.c.d')).toBe(false);
    expect(looksLikeJwt('a+b.c.d')).toBe(false);
    expect(looksLikeJwt('')).toBe(false);
  });

  it('decodes the payload (base64url, UTF-8), null when unreadable', () => {
    const t = jwt({ tenant: 'acme', sub: 'zoë', scope: 'read write admin', exp: 1 });
    expect(decodeJwtPayload(t)).toEqual({ tenant: 'acme', sub: 'zoë', scope: 'read write admin', exp: 1 });
    expect(decodeJwtPayload('a.b.c')).toBeNull();
    expect(decodeJwtPayload(`${b64u({})}.${b64u('[1,2]')}.x`)).toBeNull(); // not an object
    expect(decodeJwtPayload(`${b64u({})}.${b64u('not json')}.x`)).toBeNull();
  });

  it('reads scopes like the server: scope string, scopes list, default read write', () => {
    expect(scopesOf({ scope: 'read  write admin' })).toEqual(['read', 'write', 'admin']);
    expect(scopesOf({ scopes: ['read', 'admin'] })).toEqual(['read', 'admin']);
    expect(scopesOf({})).toEqual(['read', 'write']);
    expect(scopesOf(null)).toEqual([]);
  });

  it('tokenInfo: tenant, subject, scopes, admin, conversations, expiry', () => {
    const now = 1_700_000_000_000;
    const info = tokenInfo(jwt({ tenant: 'acme', sub: 'me', scope: 'read write admin', conversations: ['c1'], exp: now / 1000 + 60 }), now);
    expect(info).toEqual({
      tenant: 'acme',
      subject: 'me',
      scopes: ['read', 'write', 'admin'],
      admin: true,
      conversations: ['c1'],
      expiresAt: now + 60000,
      expired: false,
    });
    expect(tokenInfo(jwt({ tenant: 'acme', exp: now / 1000 - 1 }), now).expired).toBe(true);
    expect(tokenInfo(jwt({ tenant: 'acme' }), now)).toMatchObject({ expiresAt: null, expired: false, admin: false });
    expect(tokenInfo('garbage')).toBeNull();
  });

  it('tokenProblem says why a token cannot be used', () => {
    const now = 1_700_000_000_000;
    expect(tokenProblem('', now)).toMatch(/paste/i);
    expect(tokenProblem('abc', now)).toMatch(/not a JWT/);
    expect(tokenProblem(jwt({ sub: 'x', exp: now / 1000 + 60 }), now)).toMatch(/tenant/);
    expect(tokenProblem(jwt({ tenant: 'a', exp: now / 1000 - 60 }), now)).toMatch(/expired/);
    expect(tokenProblem(jwt({ tenant: 'a', exp: now / 1000 + 60 }), now)).toBe('');
  });
});

describe('header and URL building', () => {
  it('adds Authorization: Bearer, replacing any other case of it; nothing without a token', () => {
    expect(authHeaders('t.o.k', { accept: 'application/json' })).toEqual({ accept: 'application/json', authorization: 'Bearer t.o.k' });
    expect(authHeaders('new', { Authorization: 'Bearer old' })).toEqual({ authorization: 'Bearer new' });
    const h = { accept: 'x' };
    expect(authHeaders(null, h)).toEqual({ accept: 'x' });
    expect(authHeaders('t', h)).not.toBe(h);
    expect(h).toEqual({ accept: 'x' }); // not mutated
  });

  it('appends access_token to URLs with and without a query, replacing one there, keeping the hash', () => {
    expect(withAccessToken('ws://h/eventbus/websocket', 'a.b.c')).toBe('ws://h/eventbus/websocket?access_token=a.b.c');
    expect(withAccessToken('ws://h/ws/c/1?since=0&feeds=metrics,queue', 'a.b.c')).toBe('ws://h/ws/c/1?since=0&feeds=metrics,queue&access_token=a.b.c');
    expect(withAccessToken('ws://h/x?access_token=old&since=3', 'new')).toBe('ws://h/x?since=3&access_token=new');
    expect(withAccessToken('ws://h/x?since=3&access_token=old', 'new')).toBe('ws://h/x?since=3&access_token=new');
    expect(withAccessToken('http://h/x#frag', 'a')).toBe('http://h/x?access_token=a#frag');
    expect(withAccessToken('ws://h/x?since=1', null)).toBe('ws://h/x?since=1');
    expect(withAccessToken('ws://h/x', 'a+b/c=')).toBe('ws://h/x?access_token=a%2Bb%2Fc%3D');
  });

  it('socketUrl and bridgeUrl carry the token on the query, and nothing more without one', () => {
    const loc = { protocol: 'https:', host: 'cc.example:8443' };
    expect(socketUrl('c/1', 4, 'a.b.c', loc)).toBe('wss://cc.example:8443/ws/conversations/c%2F1?since=4&feeds=metrics,queue&access_token=a.b.c');
    expect(socketUrl('c1', 0, null, { protocol: 'http:', host: 'h:1' })).toBe('ws://h:1/ws/conversations/c1?since=0&feeds=metrics,queue');
    expect(bridgeUrl(loc, 'a.b.c')).toBe('wss://cc.example:8443/eventbus/websocket?access_token=a.b.c');
    expect(bridgeUrl({ protocol: 'http:', host: 'h:1' })).toBe('ws://h:1/eventbus/websocket');
  });

  it('masks tokens in text meant for the debug log', () => {
    const t = jwt({ tenant: 'acme' });
    const masked = redactTokens(`connecting ws://h/ws/c/1?since=0&access_token=${t} and Bearer ${t}`);
    expect(masked).not.toContain(t.split('.')[1]);
    expect(masked).toBe(`connecting ws://h/ws/c/1?since=0&access_token=${t.slice(0, 8)}…(token) and Bearer ${t.slice(0, 8)}…(token)`);
    expect(redactTokens('GET /conversations → 200')).toBe('GET /conversations → 200');
    expect(redactTokens(undefined)).toBeUndefined();
  });

  it('403 messages name the admin token', () => {
    expect(forbiddenMessage('stopping the workers')).toMatch(/^Stopping the workers needs an admin token/);
    expect(forbiddenMessage('creating conversations', 'write')).toMatch(/needs a token with the write scope/);
    expect(runFailure(new ApiError(403, { title: 'Forbidden' }))).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(runFailure(new ApiError(403, {})).message).toMatch(/needs an admin token/);
  });
});

describe('auth state with the REST client (fetch mocked)', () => {
  let calls;
  let answer; // (url, init) -> {status, body}
  let storage;

  const reply = ({ status = 200, body = { items: [], total: 0 }, type = 'application/json' } = {}) => ({
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    headers: new Headers({ 'content-type': status === 401 ? 'application/problem+json' : type }),
    json: async () => body,
    text: async () => JSON.stringify(body),
  });

  beforeEach(() => {
    calls = [];
    storage = new MemoryStorage();
    vi.stubGlobal('sessionStorage', storage);
    vi.stubGlobal('fetch', async (url, init = {}) => {
      calls.push({ url, auth: init.headers?.authorization ?? null });
      return reply(answer(url, init));
    });
    Object.assign(auth, { mode: 'checking', token: null, info: null, needToken: false, reason: '' });
    signOut(); // a store bound at import: clear whatever a previous test left
    Object.assign(auth, { mode: 'checking', needToken: false, reason: '' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('auth off: the probe answers 200, no token is sent, requests go as before', async () => {
    answer = () => ({ status: 200 });
    expect(await checkAuth()).toBe('off');
    expect(auth.needToken).toBe(false);
    expect(currentToken()).toBeNull();
    await request('GET', '/conversations');
    expect(calls.map((c) => c.auth)).toEqual([null, null]);
  });

  it('auth on: a 401 probe asks for a token; requests fail locally until signed in (no 401 loop)', async () => {
    answer = (url, init) => (init.headers?.authorization ? { status: 200 } : { status: 401, body: { title: 'Unauthorized', status: 401 } });
    expect(await checkAuth()).toBe('on');
    expect(auth.needToken).toBe(true);
    await expect(request('GET', '/queue/status')).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(1); // only the probe reached the "server"

    const token = jwt({ tenant: 'acme', scope: 'read write', exp: inOneHour() });
    const v = auth.version;
    expect(await signIn(`Bearer ${token}`)).toBe('');
    expect(auth).toMatchObject({ mode: 'on', needToken: false, token });
    expect(auth.info.tenant).toBe('acme');
    expect(auth.version).toBe(v + 1);
    expect(storage.getItem(TOKEN_KEY)).toBe(token);

    await request('GET', '/queue/status');
    expect(calls.at(-1)).toEqual({ url: '/api/v1/queue/status', auth: `Bearer ${token}` });
    expect(socketUrl('c1', 0, undefined, { protocol: 'http:', host: 'h' })).toContain(`access_token=${token}`);
  });

  it('the probe reads the list\'s first page; the list takes it once, and only as the identity that read it', async () => {
    const firstPage = { items: [{ id: 'c1', name: 'one' }], total: 1 };
    answer = () => ({ status: 200, body: firstPage });
    expect(await checkAuth()).toBe('off');
    expect(calls.map((c) => c.url)).toEqual([PROBE_PATH]);
    expect(PROBE_PATH).toBe('/api/v1/conversations?limit=50&offset=0');
    expect(await takeProbedPage()).toEqual(firstPage);
    expect(takeProbedPage()).toBeNull(); // once

    const a = jwt({ tenant: 'a', exp: inOneHour() });
    const b = jwt({ tenant: 'b', exp: inOneHour() });
    expect(await signIn(a)).toBe('');
    auth.token = b; // the identity changed since the probe: its page is not this one's
    expect(takeProbedPage()).toBeNull();

    answer = () => ({ status: 401, body: { title: 'Unauthorized' } });
    expect(await signIn(b)).toMatch(/refused/);
    expect(takeProbedPage()).toBeNull(); // a refused probe leaves nothing to take
  });

  it('a refused or malformed token is not stored', async () => {
    answer = () => ({ status: 401, body: { title: 'Unauthorized' } });
    await checkAuth();
    expect(await signIn('nope')).toMatch(/not a JWT/);
    expect(await signIn(jwt({ tenant: 'acme', exp: inOneHour() }))).toMatch(/refused/);
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    expect(auth.needToken).toBe(true);
  });

  it('a stored token is used by the probe; a 401 later clears it and asks again', async () => {
    const token = jwt({ tenant: 'acme', exp: inOneHour() });
    storage.setItem(TOKEN_KEY, token);
    let valid = true;
    answer = (url, init) => (valid && init.headers?.authorization === `Bearer ${token}` ? { status: 200 } : { status: 401, body: { title: 'Unauthorized' } });
    expect(await checkAuth()).toBe('on');
    expect(calls[0].auth).toBe(`Bearer ${token}`);
    expect(auth.token).toBe(token);

    valid = false; // revoked / expired on the server
    await expect(request('GET', '/conversations')).rejects.toBeInstanceOf(ApiError);
    expect(auth.needToken).toBe(true);
    expect(auth.reason).toMatch(/refused/);
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('a stale 401 (sent with a token since replaced) does not sign the new token out', async () => {
    const a = jwt({ tenant: 'a', exp: inOneHour() });
    const b = jwt({ tenant: 'b', exp: inOneHour() });
    answer = () => ({ status: 200 });
    auth.mode = 'on';
    await signIn(a);
    await signIn(b);
    unauthorized(a);
    expect(auth).toMatchObject({ token: b, needToken: false });
    unauthorized(b);
    expect(auth.needToken).toBe(true);
  });

  it('sign out clears the stored token and asks for one', async () => {
    answer = () => ({ status: 200 });
    auth.mode = 'on';
    await signIn(jwt({ tenant: 'acme', exp: inOneHour() }));
    signOut();
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    expect(auth).toMatchObject({ token: null, needToken: true });
    expect(currentToken()).toBeNull();
  });
});
