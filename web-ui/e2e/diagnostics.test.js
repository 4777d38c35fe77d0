// End-to-end tests of the Diagnostics view in real Chromium against a running server
// (CC_UI_BASE_URL). Like dashboard.test.js, every test fails on console errors, page errors,
// failed requests and HTTP error responses, except the one 429 the first test provokes on
// purpose. The server allows one run per diagnostics.min_interval_ms (10 s by default): the
// first test waits out the Retry-After it gets, and the second waits for the interval too.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baseUrl, openPage, closeBrowser, screenshot, rest, waitFor, resultsDir, recordFigure } from './harness.js';

const SCENARIOS = ['scratch_conversation', 'ai_turn_bypass', 'user_turn_cleaning', 'realtime_path', 'resume', 'dependencies'];
const MIN_INTERVAL_MS = 10000; // config/embedded.json diagnostics.min_interval_ms
let lastRunAt = 0; // when the previous run was started, to keep runs MIN_INTERVAL_MS apart

const scenarioStates = (page) =>
  page.$$eval('[data-testid=diag-scenario]', (els) => Object.fromEntries(els.map((e) => [e.dataset.name, e.dataset.state])));

async function withPage(fn, opts) {
  const { page, guard } = await openPage(opts);
  try {
    await fn(page, guard);
    guard.check();
  } catch (e) {
    const shot = await screenshot(page, `failure-${Date.now()}`).catch(() => '');
    const lines = await page
      .$$eval('[data-testid=log-lines] .line', (ls) => ls.slice(-25).map((l) => l.textContent.replace(/\s+/g, ' ')))
      .catch(() => []);
    console.error([`--- failure context (${shot})`, ...guard.problems.map((p) => `page problem: ${p}`), '--- last debug-log lines:', ...lines].join('\n'));
    throw e;
  } finally {
    await page.close().catch(() => {});
  }
}

async function waitForInterval() {
  const wait = lastRunAt + MIN_INTERVAL_MS + 300 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

describe('Diagnostics view', () => {
  before(async () => {
    const h = await fetch(`${baseUrl}/health`);
    assert.equal(h.status, 200, 'server healthy');
    // Another test file may have run diagnostics moments ago: start after the interval.
    const last = await rest('GET', '/diagnostics/last');
    if (last.history?.[0]?.started_at) lastRunAt = Date.parse(last.history[0].started_at);
  });
  after(async () => {
    await rest('POST', '/conversations/queue/start').catch(() => {});
    await closeBrowser();
  });

  it('runs from the connection-status link: all scenarios pass with their figures; a run right after is refused (429) until the time shown', async () => {
    await withPage(async (page, guard) => {
      await page.goto(`${baseUrl}/`);
      await page.click('[data-testid=connection-status]');
      await page.waitForSelector('[data-testid=diagnostics]');
      assert.match(page.url(), /#\/diagnostics$/);
      assert.equal(await page.getAttribute('[data-testid=connection-status]', 'aria-current'), 'page');
      // Live progress comes over the event-bus bridge.
      await page.waitForSelector('[data-testid=diagnostics][data-live=live]', { timeout: 10000 });

      // Record every scenario state the page goes through (live progress, not just the report).
      await page.evaluate(() => {
        globalThis.__seen = {};
        const record = () => {
          for (const el of document.querySelectorAll('[data-testid=diag-scenario]')) (globalThis.__seen[el.dataset.name] ??= new Set()).add(el.dataset.state);
        };
        new MutationObserver(record).observe(document.querySelector('[data-testid=diagnostics]'), { subtree: true, attributes: true, childList: true });
      });
      // A healthy server passes every scenario. The latency targets are the production ones, and
      // on a machine shared with other work (load tests...) a figure can miss one now and then:
      // a run that failed on missed targets alone is retried (twice at most, the interval apart);
      // any failed expectation fails the test at once.
      for (let attempt = 1; ; attempt++) {
        await waitForInterval();
        lastRunAt = Date.now();
        await page.click('[data-testid=diag-run]');
        await page.waitForSelector('[data-testid=diag-summary]:is([data-state=passed], [data-state=failed])', { timeout: 30000 });
        if ((await page.getAttribute('[data-testid=diag-summary]', 'data-state')) === 'passed') {
          recordFigure('diagnostics_healthy_run', { attempts: attempt });
          break;
        }
        const { last } = await rest('GET', '/diagnostics/last');
        const failed = last.scenarios.filter((x) => !x.passed);
        const timingOnly = failed.every((x) => x.checks.some((c) => !c.met) && x.checks.filter((c) => !c.met).every((c) => 'figure' in c));
        const why = failed.map((x) => `${x.name}: ${x.detail}`).join('; ');
        if (!timingOnly || attempt >= 3) assert.fail(`diagnostics failed on a healthy server (attempt ${attempt}): ${why}`);
        console.log(`diagnostics attempt ${attempt} missed latency targets only (load ${os.loadavg()[0].toFixed(1)}): ${why}; running again`);
      }
      const states = await scenarioStates(page);
      assert.deepEqual(Object.keys(states), SCENARIOS, 'all scenarios listed, in run order');
      assert.ok(Object.values(states).every((s) => s === 'passed'), `all passed: ${JSON.stringify(states)}`);
      const seen = await page.evaluate(() => Object.fromEntries(Object.entries(globalThis.__seen).map(([k, v]) => [k, [...v]])));
      assert.ok(seen.scratch_conversation.includes('pending') || seen.scratch_conversation.includes('running'), `progress shown before the report: ${JSON.stringify(seen)}`);

      // Figures against their targets: value, target, met.
      const targets = await page.$$eval('[data-testid=diag-target]', (els) => els.map((e) => ({ figure: e.dataset.figure, met: e.dataset.met, text: e.textContent.replace(/\s+/g, ' ').trim() })));
      for (const f of ['processing_time_ms', 'max_processing_time_ms', 'accept_ms_max', 'post_to_delivery_ms_max']) {
        const t = targets.find((x) => x.figure === f);
        assert.ok(t, `figure ${f} shown: ${JSON.stringify(targets)}`);
        assert.equal(t.met, 'true');
        assert.match(t.text, /ms \/ target \d+(\.\d+)? ms met$/, t.text);
      }
      assert.equal(await page.locator('[data-testid=diag-reason]').count(), 0, 'no failure reason on a passed run');
      await page.waitForSelector('[data-testid=diag-history-row][data-passed=true]');
      await page.waitForSelector('[data-testid=diagnostics-link][data-last=passed]');
      // For the docs: tall enough for the whole report and the history.
      await page.setViewportSize({ width: 1440, height: 1500 });
      await page.waitForTimeout(300);
      const shot = await screenshot(page, 'diagnostics');
      await page.setViewportSize({ width: 1440, height: 900 });
      const docs = path.resolve(resultsDir, '..', '..', 'docs');
      if (fs.existsSync(docs)) fs.copyFileSync(shot, path.join(docs, 'diagnostics.png'));

      // Right away again: the server refuses (429) and the view says when the next run is allowed.
      const refused = [];
      const refusedLogged = [];
      const isRun = (url) => url.endsWith('/api/v1/diagnostics/run');
      guard.allow((r) => r.status() === 429 && r.request().method() === 'POST' && isRun(r.url()) && refused.push(r.headers()['retry-after']));
      // Chromium logs the refused request as a console error: expected, this one only.
      guard.allowConsole((m) => /status of 429/.test(m.text()) && isRun(m.location().url) && refusedLogged.push(m.text()));
      await page.click('[data-testid=diag-run]');
      await page.waitForSelector('[data-testid=diag-notice][data-kind=rate-limited]');
      assert.equal(refused.length, 1, 'exactly one 429');
      assert.match(refused[0] ?? '', /^\d+$/, 'with Retry-After in seconds');
      const notice = await page.textContent('[data-testid=diag-notice]');
      assert.match(notice, /next run is allowed at \d\d:\d\d:\d\d/, notice);
      assert.match(await page.textContent('[data-testid=diag-run-hint]'), /Next run allowed at \d\d:\d\d:\d\d \(in \d+ s\)/);
      assert.ok(await page.isDisabled('[data-testid=diag-run]'), 'Run disabled while rate-limited');
      // The report of the passed run stays on screen.
      await page.waitForSelector('[data-testid=diag-summary][data-state=passed]');
      await screenshot(page, 'diagnostics-rate-limited');
      // Enabled again once the time shown has come, not before the server's interval.
      await page.waitForSelector('[data-testid=diag-run]:not([disabled])', { timeout: MIN_INTERVAL_MS + 2000 });
      assert.ok(Date.now() - lastRunAt >= MIN_INTERVAL_MS - 1000, `re-enabled after ${Date.now() - lastRunAt} ms`);
      assert.match(await page.textContent('[data-testid=diag-notice]'), /run it again now/);
      assert.equal(refused.length, 1, 'the disabled button sent nothing more');
      assert.ok(refusedLogged.length <= 1, `one console line for the one 429: ${refusedLogged}`);

      // Accessible names for every control of the view; no horizontal scroll on a phone.
      const unlabeled = await page.$$eval('[data-testid=diagnostics] :is(button, input, select, textarea, progress)', (els) =>
        els.filter((e) => !(e.getAttribute('aria-label') || e.labels?.length || e.textContent.trim() || e.title)).map((e) => e.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unlabeled, []);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(200);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1), 'no horizontal scrolling on a narrow screen');
      await page.$eval('[data-testid=diagnostics]', (el) => el.scrollIntoView());
      await screenshot(page, 'diagnostics-mobile');
    });
  });

  it('with the queue workers stopped, realtime_path fails live with its reason; the history shows both runs', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/#/diagnostics`);
      await page.waitForSelector('[data-testid=diagnostics][data-live=live]', { timeout: 10000 });
      // The previous run's report is shown after a reload (GET /diagnostics/last).
      await page.waitForSelector('[data-testid=diag-summary][data-state=passed]');
      await page.waitForSelector('[data-testid=queue-running]:has-text("running")');
      await page.click('[data-testid=queue-stop]');
      try {
        await page.waitForSelector('[data-testid=queue-running]:has-text("stopped")');
        await page.waitForSelector('[data-testid=diag-workers-hint]');
        await waitForInterval();
        lastRunAt = Date.now();
        await page.click('[data-testid=diag-run]');
        // Live: the real-time scenario is seen running (it waits for deliveries that never come).
        await page.waitForSelector('[data-testid=diag-scenario][data-name=realtime_path][data-state=running]', { timeout: 10000 });
        const during = await scenarioStates(page);
        assert.equal(during.scratch_conversation, 'passed', `earlier scenarios already done: ${JSON.stringify(during)}`);
        assert.equal(during.dependencies, 'pending');
        await page.waitForSelector('[data-testid=diag-summary][data-state=failed]', { timeout: 45000 });
        const states = await scenarioStates(page);
        assert.deepEqual(Object.keys(states), SCENARIOS);
        assert.equal(states.realtime_path, 'failed');
        // The synchronous turn endpoints wait for a worker too: only the scratch conversation passes.
        assert.equal(states.scratch_conversation, 'passed', JSON.stringify(states));
        const reason = await page.textContent('[data-testid=diag-scenario][data-name=realtime_path] [data-testid=diag-reason]');
        assert.match(reason, /Why it failed:.*delivered within \d+ ms/, reason);
        assert.match(reason, /queue workers are stopped/, reason);
        await page.waitForSelector('[data-testid=diagnostics-link][data-last=failed]');
        // History, newest first: this failed run (naming realtime_path), then the passed one.
        await waitFor(async () => (await page.locator('[data-testid=diag-history-row]').count()) >= 2, { what: 'two runs in the history' });
        const rows = await page.$$eval('[data-testid=diag-history-row]', (rs) => rs.map((r) => ({ passed: r.dataset.passed, text: r.textContent })));
        assert.equal(rows[0].passed, 'false');
        assert.match(rows[0].text, /Real-time path/);
        assert.ok(rows.slice(1).some((r) => r.passed === 'true'), JSON.stringify(rows));
        await page.$eval('[data-testid=diag-scenario][data-name=realtime_path]', (el) => el.scrollIntoView({ block: 'center' }));
        await screenshot(page, 'diagnostics-workers-stopped');
      } finally {
        await page.click('[data-testid=queue-start]');
      }
      await page.waitForSelector('[data-testid=queue-running]:has-text("running")');
      await page.waitForSelector('[data-testid=diag-workers-hint]', { state: 'detached' });
    });
  });
});
