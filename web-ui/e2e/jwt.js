// A small HS256 signer for the browser tests (node:crypto), minting tokens the way
// scripts/token (io.cleanercontext.security.TokenTool) does: claims tenant, scope
// (space-separated), sub, iat, exp; the secret's UTF-8 bytes are the HMAC key.
import { createHmac } from 'node:crypto';

const b64u = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function mintToken(secret, { tenant, scope = 'read write', ttl = 3600, subject, conversations, now = Date.now() } = {}) {
  const iat = Math.floor(now / 1000);
  const claims = { tenant, scope, sub: subject ?? `${tenant}-e2e`, iat, exp: iat + ttl };
  if (conversations) claims.conversations = conversations;
  const head = b64u({ alg: 'HS256', typ: 'JWT' });
  const body = b64u(claims);
  const sig = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}
