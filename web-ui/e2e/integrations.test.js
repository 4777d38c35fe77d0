// End-to-end test of the integrations view (webhooks) and the transcript download in real
// Chromium against a running server that allows webhooks to loopback (scripts/test-ui starts it
// with CC_WEBHOOKS_ALLOW_PRIVATE=true). A receiver in this process, on 127.0.0.1, checks every
// Standard Webhooks signature with the secret the view showed. Fails on any console error,
// failed request or HTTP error response of the page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { baseUrl, openPage, closeBrowser, screenshot, rest, waitFor } from './harness.js';

const received = [];
let answerStatus = 200;
let receiver;
let receiverUrl;

function verifies(secret, r) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64');
  return r.signature.split(' ').some((s) => s === `v1,${expected}`);
}

describe('Integrations view', () => {
  before(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ id: req.headers['webhook-id'], timestamp: req.headers['webhook-timestamp'], signature: req.headers['webhook-signature'] ?? '', body, json: JSON.parse(body) });
        res.writeHead(answerStatus).end(answerStatus === 200 ? 'thanks' : 'receiver down');
      });
    });
    await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${receiver.address().port}/hooks/cc`;
  });
  after(async () => {
    for (const e of (await rest('GET', '/webhooks/endpoints')).endpoints) await rest('DELETE', `/webhooks/endpoints/${e.id}`).catch(() => {});
    receiver.close();
    await closeBrowser();
  });

  it('adds an endpoint, sends a signed test event, shows a failure retried, resends, and downloads a transcript', async () => {
    const { page, guard } = await openPage();
    try {
      await page.goto(`${baseUrl}/`);
      await page.click('[data-testid=integrations-link]');
      await page.waitForSelector('[data-testid=integrations]');

      // A URL the server cannot send to is caught as typed.
      await page.fill('[data-testid=webhook-url]', 'ftp://example.com/x');
      await page.waitForSelector('[data-testid=webhook-url-problem]');
      assert.ok(await page.isDisabled('[data-testid=webhook-add]'));

      await page.fill('[data-testid=webhook-url]', receiverUrl);
      await page.click('[data-testid=webhook-add]');
      const secretText = await page.textContent('[data-testid=webhook-secret] code');
      assert.match(secretText, /^whsec_[A-Za-z0-9+/=]+$/);
      await page.waitForSelector(`[data-testid=webhook-endpoint][data-health=ok]`);

      // A test event, signed with the secret shown, listed as delivered with its attempt.
      await page.click('[data-testid=webhook-test]');
      await waitFor(() => received.find((r) => r.json.type === 'webhook.test'), { what: 'the test event' });
      const test = received.find((r) => r.json.type === 'webhook.test');
      assert.ok(verifies(secretText, test), 'signature verifies with the secret the view showed');
      await page.waitForSelector('[data-testid=webhook-delivery][data-type="webhook.test"][data-state=delivered]', { timeout: 10000 });
      await page.click('[data-testid=webhook-delivery][data-type="webhook.test"] [data-testid=webhook-attempts-toggle]');
      assert.match(await page.textContent('[data-testid=webhook-attempts]'), /HTTP 200/);

      // Resend: the same message again (same webhook-id), for the receiver to deduplicate.
      await page.click('[data-testid=webhook-delivery][data-type="webhook.test"] [data-testid=webhook-resend]');
      await waitFor(() => received.filter((r) => r.id === test.id).length === 2, { what: 'the resent copy' });

      // The receiver fails: the next event shows as retrying with the receiver's answer.
      answerStatus = 500;
      await page.click('[data-testid=webhook-test]');
      await page.waitForSelector('[data-testid=webhook-delivery][data-state=pending] >> text=/Retrying/', { timeout: 10000 });
      await page.selectOption('[data-testid=webhook-filter]', 'pending');
      // The failed one shows the receiver's answer. The resent copy above may still be pending for
      // a moment (its delivered state is recorded in the sender's next batch), and it reads
      // "Retrying" too, with its earlier attempt's HTTP 200: so the failed row is the one whose
      // last answer is the 500.
      const failed = page.locator('[data-testid=webhook-delivery][data-state=pending]', { hasText: 'HTTP 500' });
      await failed.first().waitFor({ timeout: 10000 });
      assert.match(await failed.first().textContent(), /Retrying \(attempt 2 due/);
      await screenshot(page, 'integrations');
      answerStatus = 200; // the retry (about 5 s later) goes through
      await page.selectOption('[data-testid=webhook-filter]', '');
      await waitFor(async () => (await page.locator('[data-testid=webhook-delivery][data-state=pending]').count()) === 0, { timeout: 20000, what: 'the retry delivered' });

      // A conversation's transcript downloads as captions; its cleaned turn went to the endpoint.
      const conv = await rest('POST', '/conversations', { name: 'Download me' });
      await rest('POST', `/conversations/${conv.id}/turns/realtime`, { speaker: 'User', raw_text: 'um we we run ads on Google' });
      await waitFor(() => received.find((r) => r.json.type === 'turn.cleaned' && r.json.data.conversation_id === conv.id), { what: 'the turn.cleaned event' });
      await page.goto(`${baseUrl}/#/c/${conv.id}`);
      await page.waitForSelector('[data-testid=turn]');
      await page.selectOption('[data-testid=transcript-format]', 'srt');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=transcript-download-button]')]);
      assert.equal(download.suggestedFilename(), `conversation-${conv.id}.srt`);
      const srt = fs.readFileSync(await download.path(), 'utf8');
      assert.match(srt, /^1\n00:00:00,000 --> 00:00:0\d,\d{3}\nUser: /);
      await page.waitForSelector('[data-testid=transcript-note]:has-text("arrival")');
      guard.check();
    } finally {
      await page.close().catch(() => {});
    }
  });
});
