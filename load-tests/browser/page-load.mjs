// Page load of the dashboard in real Chromium (Debian's, driven by playwright-core from web-ui),
// against a running server: each visit opens a fresh browser context (no cache, no cookies), goes
// to the dashboard and waits for its first interactive view, the conversation list. Reports, over
// the visits, the browser's Navigation Timing (response start, DOMContentLoaded, load event) and
// the dashboard's own figure (performance.now() at the first render of the conversation list,
// shown as "Load ... ms" in its top bar), the time from the load event to that view (the
// application's own part) and how many API requests were sent before it. Bounded: at most 50 visits, 20 s each.
//
//   node load-tests/browser/page-load.mjs BASE_URL [VISITS]
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'web-ui', 'package.json'));
const { chromium } = require('playwright-core');

const base = (process.argv[2] ?? '').replace(/\/$/, '');
const visits = Number(process.argv[3] ?? 20);
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base) || !(visits >= 1 && visits <= 50)) {
  console.error('usage: page-load.mjs http://127.0.0.1:PORT [VISITS 1..50]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CC_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});
const samples = [];
try {
  for (let i = 0; i < visits; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/`, { waitUntil: 'load', timeout: 20000 });
    // The dashboard writes its figure once the conversation list has rendered.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=page-load] b')?.textContent ?? ''),
      null, { timeout: 20000 });
    samples.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const firstView = Number(document.querySelector('[data-testid=page-load] b').textContent);
      return {
        responseStart: nav.responseStart,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        firstView,
        appPart: firstView - nav.loadEventEnd,
        // the requests the first view waited on, one after the other or together
        apiBefore: performance.getEntriesByType('resource')
          .filter((r) => new URL(r.name).pathname.startsWith('/api/') && r.startTime < firstView).length,
        bytes: performance.getEntriesByType('resource').reduce((sum, r) => sum + (r.transferSize ?? 0), nav.transferSize ?? 0),
      };
    }));
    await context.close();
  }
} finally {
  await browser.close();
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const row = (name, key) => {
  const v = samples.map((s) => s[key]);
  return `${name.padEnd(34)} p50 ${pct(v, 50).toFixed(0).padStart(5)}  p90 ${pct(v, 90).toFixed(0).padStart(5)}  max ${Math.max(...v).toFixed(0).padStart(5)}`;
};
console.log(`dashboard page load, ${samples.length} cold visits (fresh context each) of ${base}/ in Chromium`);
console.log(row('response start (ms)', 'responseStart'));
console.log(row('DOMContentLoaded (ms)', 'domContentLoaded'));
console.log(row('load event (ms)', 'load'));
console.log(row('first interactive view (ms)', 'firstView'));
console.log(row('load event to first view (ms)', 'appPart'));
console.log(row('API requests before first view', 'apiBefore'));
console.log(row('bytes transferred', 'bytes'));
