// Browser-test harness: Debian's Chromium driven by playwright-core, a page
// guard that fails the test on any console error, page error, failed request
// or unexpected HTTP error response, and small REST helpers for setup/checks.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webUiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const resultsDir = path.join(webUiDir, 'test-results');
export const baseUrl = (process.env.CC_UI_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
// the transcripts and gold files the repository carries (copied from the shared data set)
export const dataDir = process.env.CC_DATA_DIR ?? path.resolve(webUiDir, '..', 'server', 'src', 'test', 'resources', 'data');
fs.mkdirSync(resultsDir, { recursive: true });

let browser;
let userDataDir;

export async function launch() {
  if (browser) return browser;
  // scripts/test-ui points CC_E2E_TMPDIR into its work directory, removed even after an interrupted run.
  userDataDir = fs.mkdtempSync(path.join(process.env.CC_E2E_TMPDIR ?? os.tmpdir(), 'cc-chromium-'));
  // launchPersistentContext is the way to pass --user-data-dir; we use its browser.
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CC_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: { width: 1440, height: 900 },
  });
  browser = { ctx };
  return browser;
}

export async function closeBrowser() {
  if (!browser) return;
  await browser.ctx.close().catch(() => {});
  browser = null;
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

/**
 * A fresh page with a guard. guard.allow(pred) accepts expected HTTP errors (pred gets the
 * playwright Response); guard.allowConsole(pred) accepts expected console errors (pred gets
 * the ConsoleMessage: Chromium logs "Failed to load resource: ... 429" for a deliberate 429);
 * guard.check() throws if anything went wrong since the page opened.
 */
export async function openPage({ viewport } = {}) {
  const { ctx } = await launch();
  const page = await ctx.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  const allowed = [];
  const allowedConsole = [];
  // Triage only (never set by scripts/test-ui): tolerate HTTP errors of URLs matching this regex.
  if (process.env.CC_E2E_TOLERATE) {
    const re = new RegExp(process.env.CC_E2E_TOLERATE);
    allowed.push((r) => re.test(r.url()));
  }
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowedConsole.some((a) => a(m))) problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (page.isClosed()) return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowed.some((a) => a(r))) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  const guard = {
    problems,
    allow: (pred) => allowed.push(pred),
    allowConsole: (pred) => allowedConsole.push(pred),
    check() {
      if (problems.length) throw new Error(`page problems:\n  ${problems.join('\n  ')}`);
    },
  };
  return { page, guard };
}

export async function screenshot(page, name) {
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** REST call from the test itself (not the page). */
export async function rest(method, p, body) {
  const res = await fetch(`${baseUrl}/api/v1${p}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status}: ${text}`);
  return data;
}

export async function waitFor(fn, { timeout = 15000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export const figures = {};
export function recordFigure(name, value) {
  figures[name] = value;
  const file = path.join(resultsDir, 'figures.json');
  let all = {};
  try {
    all = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    /* first */
  }
  all[name] = value;
  fs.writeFileSync(file, JSON.stringify(all, null, 2));
}
