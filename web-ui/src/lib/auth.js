// Bearer tokens for a server with `security.auth: jwt` (pure parts, unit-tested): the token
// store over sessionStorage, reading a JWT's claims for display, and putting the token on
// REST requests (Authorization header) and on WebSocket / event-bus URLs (?access_token=,
// since browsers cannot set headers on a WebSocket). The dashboard never verifies a token:
// the server does; the claims decoded here only label the top bar and hint at scopes.

export const TOKEN_KEY = 'cc.token';

/**
 * The token as pasted, cleaned up: surrounding whitespace and quotes, a leading "Bearer ",
 * and inner whitespace (line breaks from copying) removed. Returns '' for nothing.
 */
export function normalizeToken(input) {
  let t = String(input ?? '').trim();
  t = t.replace(/^["']+|["']+$/g, '').trim();
  t = t.replace(/^bearer\s+/i, '');
  return t.replace(/\s+/g, '');
}

/** Whether a string has the shape of a compact JWS (three base64url parts, header and payload non-empty). */
export function looksLikeJwt(token) {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token ?? '');
}

function base64UrlDecode(part) {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bin = atob(padded);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The payload of a JWT as an object, or null when it cannot be read. Not verified: display only. */
export function decodeJwtPayload(token) {
  if (!looksLikeJwt(token)) return null;
  try {
    const payload = JSON.parse(base64UrlDecode(token.split('.')[1]));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : null;
  } catch {
    return null;
  }
}

/** Scopes of a token's claims: `scope` (space-separated) or `scopes` (list); absent = read write (the server's default). */
export function scopesOf(claims) {
  if (!claims) return [];
  if (Array.isArray(claims.scopes)) return claims.scopes.map(String).filter(Boolean);
  if (typeof claims.scope === 'string') return claims.scope.split(/\s+/).filter(Boolean);
  return ['read', 'write'];
}

/**
 * What the top bar shows about a token: tenant, subject, scopes, conversations claim, expiry
 * (epoch ms, or null), whether it has expired at `now`. Null when the token cannot be read.
 */
export function tokenInfo(token, now = Date.now()) {
  const claims = decodeJwtPayload(token);
  if (!claims) return null;
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  const scopes = scopesOf(claims);
  return {
    tenant: typeof claims.tenant === 'string' ? claims.tenant : null,
    subject: typeof claims.sub === 'string' ? claims.sub : null,
    scopes,
    admin: scopes.includes('admin'),
    conversations: Array.isArray(claims.conversations) ? claims.conversations.map(String) : null,
    expiresAt: exp,
    expired: exp !== null && exp <= now,
  };
}

/** Why a pasted token cannot be used, or '' when it can be sent to the server. */
export function tokenProblem(token, now = Date.now()) {
  if (!token) return 'Paste a token first.';
  if (!looksLikeJwt(token)) return 'This is not a JWT (three dot-separated base64url parts).';
  const info = tokenInfo(token, now);
  if (!info) return 'The token payload cannot be read.';
  if (!info.tenant) return 'The token names no tenant (claim "tenant").';
  if (info.expired) return `The token expired at ${new Date(info.expiresAt).toLocaleString()}.`;
  return '';
}

/**
 * The token kept for this browser tab (sessionStorage: gone when the tab closes, never sent
 * anywhere but our own origin). `storage` may be injected (a {getItem,setItem,removeItem});
 * null, or storage that throws (e.g. disabled), keeps the token in memory only.
 */
export class TokenStore {
  constructor(storage, key = TOKEN_KEY) {
    this.given = storage; // undefined: the page's sessionStorage, looked up on each use
    this.key = key;
    this.memory = null;
  }

  get storage() {
    return this.given === undefined ? safeSessionStorage() : this.given;
  }

  get() {
    try {
      const v = this.storage?.getItem(this.key);
      if (v) return v;
    } catch {
      /* storage unavailable: memory */
    }
    return this.memory;
  }

  /** Stores the normalized token and returns it ('' when nothing usable was given: then it clears). */
  set(token) {
    const t = normalizeToken(token);
    if (!t) {
      this.clear();
      return '';
    }
    this.memory = t;
    try {
      this.storage?.setItem(this.key, t);
    } catch {
      /* memory only */
    }
    return t;
  }

  clear() {
    this.memory = null;
    try {
      this.storage?.removeItem(this.key);
    } catch {
      /* nothing stored */
    }
  }
}

function safeSessionStorage() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // access denied (e.g. storage disabled for the site)
  }
}

/** Request headers with `Authorization: Bearer <token>` added when there is a token (a new object). */
export function authHeaders(token, headers = {}) {
  const out = { ...headers };
  for (const k of Object.keys(out)) if (k.toLowerCase() === 'authorization') delete out[k];
  if (token) out.authorization = `Bearer ${token}`;
  return out;
}

/** The URL with `access_token=<token>` set in its query (replacing one there); unchanged without a token. */
export function withAccessToken(url, token) {
  if (!token) return url;
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  let base = hashAt >= 0 ? url.slice(0, hashAt) : url;
  base = base.replace(/([?&])access_token=[^&]*(&|$)/, (_, pre, post) => (post ? pre : '')).replace(/[?&]$/, '');
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}access_token=${encodeURIComponent(token)}${hash}`;
}

/** Text with bearer tokens masked: `access_token=<jwt>`, `Bearer <jwt>`, and bare JWTs keep their first 8 characters. */
export function redactTokens(text) {
  if (typeof text !== 'string') return text;
  return text.replace(/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, (t) => `${t.slice(0, 8)}…(token)`);
}

/** What to say when the server answered 403 to `action` ("stop the workers"), by the scope it needs. */
export function forbiddenMessage(action, scope = 'admin') {
  return `${action[0].toUpperCase()}${action.slice(1)} needs ${scope === 'admin' ? 'an admin token' : `a token with the ${scope} scope`} (scope "${scope}"): sign in with one to do this.`;
}
