// End-to-end test of the live "typing" line in real Chromium against a running server: a relay
// posts Deepgram live Results (schema: developers.deepgram.com, listen-streaming) to a Deepgram
// integration's hook; an interim result shows the speaker's partial text as a greyed line in the
// conversation view, the utterance's final segment (speech_final) replaces it with the cleaned
// turn, and a partial with no news after it goes away by itself. Fails on any console error,
// failed request or HTTP error response of the page.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, openPage, closeBrowser, rest, waitFor } from './harness.js';

const SECRET = 'e2e-relay-secret-interim';
const REQUEST_ID = '7b3c9a1e-3f51-4f0e-9d1b-5d8a3c2e1f00';

function results({ transcript, start, isFinal, speechFinal }) {
  const words = transcript
    .split(' ')
    .filter(Boolean)
    .map((w, i) => ({ word: w.toLowerCase(), start: start + i * 0.3, end: start + i * 0.3 + 0.25, confidence: 0.9, punctuated_word: w }));
  return {
    type: 'Results',
    channel_index: [0, 1],
    duration: 1.5,
    start,
    is_final: isFinal,
    speech_final: speechFinal,
    channel: { alternatives: [{ transcript, confidence: 0.9, words }] },
    metadata: { request_id: REQUEST_ID, model_info: { name: 'general-nova-3', version: '2024-01-26', arch: 'nova-3' }, model_uuid: '1dbdfb4d-85b2-4659-9e4b-0a6a2bd1e57e' },
    from_finalize: false,
  };
}

async function relay(hookPath, callId, message) {
  const res = await fetch(`${baseUrl}${hookPath}?call_id=${encodeURIComponent(callId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Integration-Secret': SECRET },
    body: JSON.stringify(message),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

describe('Interim results', () => {
  after(closeBrowser);

  it('show a typing line that the cleaned turn replaces and that goes away without news', async () => {
    const integration = await rest('POST', '/integrations', { source: 'deepgram', secret: SECRET, name: 'e2e interim' });
    const callId = `e2e-interim-${Date.now()}`;
    const hook = integration.hook_path;
    const { page, guard } = await openPage();
    try {
      // The call's first message creates its conversation; open it and wait for the socket.
      const first = await relay(hook, callId, results({ transcript: 'So', start: 0, isFinal: false, speechFinal: false }));
      const conversation = first.conversation_id;
      await page.goto(`${baseUrl}/#/c/${conversation}`);
      await page.waitForSelector('[data-testid=connection-status][data-state=connected]', { timeout: 15000 });

      await relay(hook, callId, results({ transcript: 'So um we use', start: 0, isFinal: false, speechFinal: false }));
      const line = page.locator('[data-testid=interim][data-speaker=User]');
      await line.waitFor({ timeout: 10000 });
      assert.match(await line.textContent(), /So um we use/);
      assert.equal(await page.locator('[data-testid=turn]').count(), 0, 'a partial is not a turn');

      // The utterance ends: its cleaned turn takes the line's place.
      await relay(hook, callId, results({ transcript: 'So um we use HubSpot.', start: 0, isFinal: true, speechFinal: true }));
      await page.waitForSelector('[data-testid=turn][data-status=cleaned]', { timeout: 15000 });
      await line.waitFor({ state: 'detached', timeout: 5000 });
      assert.match(await page.textContent('[data-testid=turn] [data-testid=cleaned]'), /So we use HubSpot\./);

      // A partial with nothing after it goes stale and disappears by itself.
      await relay(hook, callId, results({ transcript: 'And we', start: 2, isFinal: false, speechFinal: false }));
      await line.waitFor({ timeout: 10000 });
      const shownAt = Date.now();
      await line.waitFor({ state: 'detached', timeout: 15000 });
      assert.ok(Date.now() - shownAt >= 2000, 'the line stays a few seconds');
      guard.check();
    } finally {
      await page.close().catch(() => {});
      await rest('DELETE', `/integrations/${integration.id}`).catch(() => {});
    }
  });
});
