// End-to-end test of the dashboard against a SECOND server started by scripts/test-ui with
// auth on (CC_AUTH=jwt, a random CC_JWT_SECRET): CC_UI_AUTH_BASE_URL and CC_UI_AUTH_SECRET.
// Tokens are minted here with the same secret (e2e/jwt.js, HS256 like scripts/token). Like the
// other browser tests, every HTTP error response and console error fails the test, except the
// ones each test allows explicitly: the 401 of the access probe of a page without a token, the
// 401 of a deliberately wrong token, the 404s of another tenant's conversation, the 403 of a
// queue stop without the admin scope.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, closeBrowser, screenshot, waitFor } from './harness.js';
import { mintToken } from './jwt.js';

const authBase = (process.env.CC_UI_AUTH_BASE_URL ?? '').replace(/\/$/, '');
const secret = process.env.CC_UI_AUTH_SECRET ?? '';
const skip = !authBase || !secret ? 'no server with auth on (scripts/test-ui starts one: CC_UI_AUTH_BASE_URL, CC_UI_AUTH_SECRET)' : false;
const stamp = () => new Date().toISOString().slice(11, 19);
const PROBE = '/api/v1/conversations?limit=50&offset=0';

async function restAs(token, method, p, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch(`${authBase}/api/v1${p}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', www: res.headers.get('www-authenticate'), data: text ? JSON.parse(text) : null };
}

/** Lets the page's access probe be refused with 401 (and Chromium's console line about it); counts them. */
function allowProbe401(guard) {
  const seen = [];
  guard.allow((r) => r.status() === 401 && r.request().method() === 'GET' && r.url() === `${authBase}${PROBE}` && seen.push(r.request().headers().authorization ?? null) > 0);
  guard.allowConsole((m) => /status of 401/.test(m.text()) && (m.location()?.url ?? '').includes(PROBE));
  return seen;
}

async function withPage(fn) {
  const { page, guard } = await openPage();
  try {
    await fn(page, guard);
    guard.check();
  } catch (e) {
    const shot = await screenshot(page, `failure-${Date.now()}`).catch(() => '');
    const lines = await page.$$eval('[data-testid=log-lines] .line', (ls) => ls.slice(-25).map((l) => l.textContent.replace(/\s+/g, ' '))).catch(() => []);
    console.error([`--- failure context (${shot})`, ...guard.problems.map((p) => `page problem: ${p}`), '--- last debug-log lines:', ...lines].join('\n'));
    throw e;
  } finally {
    await page.close().catch(() => {});
  }
}

async function signInWith(page, token) {
  await page.waitForSelector('[data-testid=token-dialog]', { timeout: 15000 });
  await page.fill('[data-testid=token-input]', token);
  await page.click('[data-testid=token-submit]');
}

describe('dashboard against a server with auth on (JWT)', { skip }, () => {
  const tokenA = () => mintToken(secret, { tenant: 'tenant-a', scope: 'read write' });
  const tokenB = () => mintToken(secret, { tenant: 'tenant-b', scope: 'read write' });

  before(async () => {
    // The server really wants tokens, in the documented form.
    const r = await restAs(null, 'GET', '/conversations');
    assert.equal(r.status, 401, 'the auth server refuses a request without a token');
    assert.match(r.type, /application\/problem\+json/);
    assert.match(r.www ?? '', /^Bearer/);
  });
  after(closeBrowser);

  it('without a token the dashboard asks for one (one 401, no retry loop); a token it cannot use is refused', async () => {
    await withPage(async (page, guard) => {
      const probes = allowProbe401(guard);
      await page.goto(`${authBase}/`);
      await page.waitForSelector('[data-testid=token-dialog]', { timeout: 15000 });
      assert.match(await page.textContent('[data-testid=token-reason]'), /requires a token/);
      assert.equal(await page.$('[data-testid=conv-list]'), null, 'no views (and no polling) before a token');
      await screenshot(page, 'auth-token-needed');
      await new Promise((r) => setTimeout(r, 2500)); // the queue panel would poll every 2 s
      assert.deepEqual(probes, [null], 'exactly one request, the probe, was refused');

      // Signed with another key: the server refuses it (401), the panel says so and asks again.
      await signInWith(page, mintToken('a-different-secret-of-at-least-32-bytes!', { tenant: 'tenant-a' }));
      await page.waitForSelector('[data-testid=token-error]', { timeout: 10000 });
      assert.match(await page.textContent('[data-testid=token-error]'), /refused/);
      assert.equal(probes.length, 2);
      // Expired: refused here, before any request.
      await page.fill('[data-testid=token-input]', mintToken(secret, { tenant: 'tenant-a', now: Date.now() - 7200_000 }));
      assert.match(await page.textContent('[data-testid=token-preview]'), /expired/);
      await page.click('[data-testid=token-submit]');
      await waitFor(async () => /expired/.test(await page.textContent('[data-testid=token-error]')), { what: 'expired-token message' });
      assert.equal(probes.length, 2, 'an expired token is not sent');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('cc.token')), null, 'nothing stored');
    });
  });

  it("with a tenant-A token: lists and creates conversations, live cleaned turns over the WebSocket; tenant B's stay invisible", async () => {
    const a = tokenA();
    const b = tokenB();
    const seededA = (await restAs(a, 'POST', '/conversations', { name: `A seeded ${stamp()}` })).data;
    const secretB = (await restAs(b, 'POST', '/conversations', { name: `B secret ${stamp()}` })).data;
    assert.ok(seededA?.id && secretB?.id, 'setup conversations created');
    assert.equal((await restAs(a, 'GET', `/conversations/${secretB.id}`)).status, 404, "another tenant's conversation is 404");

    await withPage(async (page, guard) => {
      const probes = allowProbe401(guard);
      const sockets = [];
      page.on('websocket', (ws) => {
        const s = { url: ws.url(), frames: [] };
        sockets.push(s);
        ws.on('framereceived', (f) => s.frames.push(String(f.payload)));
      });

      await page.goto(`${authBase}/`);
      await signInWith(page, a);
      await page.waitForSelector('[data-testid=auth-tenant]', { timeout: 15000 });
      assert.equal((await page.textContent('[data-testid=auth-tenant]')).trim(), 'tenant-a', 'the top bar shows the tenant of the token');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('cc.token')), a, 'the token is kept in sessionStorage');
      await waitFor(async () => (await page.textContent('[data-testid=conv-list]')).includes(seededA.name), { what: "tenant A's conversation listed" });
      assert.ok(!(await page.textContent('[data-testid=conv-list]')).includes(secretB.name), "tenant B's conversation is not listed");

      // Create from the UI: it opens, and its WebSocket carries the token.
      const name = `A created ${stamp()}`;
      await page.fill('[data-testid=conv-name]', name);
      await page.click('[data-testid=conv-create]');
      await page.waitForSelector('[data-testid=connection-status][data-state=connected]', { timeout: 15000 });
      const convId = await page.getAttribute('[data-testid=conversation]', 'data-conv-id');
      assert.equal((await page.textContent('[data-testid=conv-title]')).trim(), name);
      const sock = sockets.find((s) => s.url.includes(`/ws/conversations/${convId}`));
      assert.ok(sock, 'a WebSocket to the new conversation');
      assert.equal(new URL(sock.url).searchParams.get('access_token'), a, 'the WebSocket URL carries access_token');
      const logText = await page.textContent('[data-testid=log-lines]');
      assert.ok(logText.includes('access_token=eyJ') && !logText.includes(a.split('.')[2]), 'the debug log masks the token');
      assert.equal((await restAs(b, 'GET', `/conversations/${convId}`)).status, 404, 'tenant B cannot see it');

      // A real-time turn comes back cleaned over the socket.
      await page.selectOption('[data-testid=speaker]', 'User');
      await page.check('[data-testid=mode-realtime]');
      await page.fill('[data-testid=turn-text]', "Um so I'm the the director of marketing <noise>");
      await page.press('[data-testid=turn-text]', 'Enter');
      await page.waitForSelector('[data-testid=turn][data-seq="1"][data-status=cleaned]', { timeout: 30000 });
      const cleaned = await page.textContent('[data-testid=turn][data-seq="1"] [data-testid=cleaned] p');
      assert.ok(/director of marketing/i.test(cleaned) && !cleaned.includes('<noise>') && !/the the/i.test(cleaned), `cleaned text shown: ${cleaned}`);
      await waitFor(() => sock.frames.some((f) => f.includes('"turn.cleaned"') && f.includes('"seq":1')), { what: 'turn.cleaned frame on the socket' });
      const stats = await page.evaluate(() => ({ ...globalThis.__cc.conn.stats }));
      assert.equal(stats.polls, 0, 'delivered live, not by polling');
      await screenshot(page, 'auth-signed-in');

      // Reload: the stored token is used at once (no second 401).
      await page.reload();
      await page.waitForSelector('[data-testid=auth-tenant]', { timeout: 15000 });
      await waitFor(async () => (await page.textContent('[data-testid=conv-list]')).includes(name), { what: 'list after reload' });
      assert.deepEqual(probes, [null], 'only the first visit was refused');

      // Tenant B's conversation by its id: "does not exist", and no socket is tried.
      guard.allow((r) => r.status() === 404 && r.url().includes(`/conversations/${secretB.id}`));
      guard.allowConsole((m) => /status of 404/.test(m.text()) && (m.location()?.url ?? '').includes(secretB.id));
      await page.goto(`${authBase}/#/c/${secretB.id}`);
      await page.waitForSelector('[data-testid=conv-error]', { timeout: 15000 });
      assert.match(await page.textContent('[data-testid=conv-error]'), /does not exist/);
      await page.waitForSelector('[data-testid=connection-status][data-state=closed]', { timeout: 5000 });
      assert.ok(!sockets.some((s) => s.url.includes(secretB.id)), "no WebSocket to tenant B's conversation");
      assert.ok(!(await page.textContent('[data-testid=conv-list]')).includes(secretB.name));

      // Admin actions with a read/write token: 403, said as such.
      guard.allow((r) => r.status() === 403 && r.request().method() === 'POST' && r.url().endsWith('/api/v1/conversations/queue/stop'));
      guard.allowConsole((m) => /status of 403/.test(m.text()) && (m.location()?.url ?? '').endsWith('/queue/stop'));
      await page.waitForSelector('[data-testid=queue-stop]:not([disabled])', { timeout: 10000 });
      await page.click('[data-testid=queue-stop]');
      await page.waitForSelector('[data-testid=queue-error]', { timeout: 10000 });
      assert.match(await page.textContent('[data-testid=queue-error]'), /needs an admin token/);
      assert.equal(await page.getAttribute('[data-testid=queue-panel]', 'data-state'), 'running', 'the workers still run');

      // Sign out: the token is gone and the panel asks for one.
      await page.click('[data-testid=sign-out]');
      await page.waitForSelector('[data-testid=token-dialog]', { timeout: 5000 });
      assert.equal(await page.evaluate(() => sessionStorage.getItem('cc.token')), null, 'sign out clears sessionStorage');
      assert.equal(await page.$('[data-testid=auth-tenant]'), null);
    });
  });
});
