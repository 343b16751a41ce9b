// Page load times of a running dashboard in headless Chromium: for each page, `goto` to the
// moment the page marks itself ready (main[data-ready]), after a warm-up view; prints the
// median and every round. Usage (after `make build`, with `qtrader serve` running):
//   NODE_PATH=build/release/web/npm/node_modules node bench/dashboard_pages.cjs http://127.0.0.1:8080 5
// docs/dashboard.md "Measured" quotes it on the browser test's store.
'use strict';
const { chromium } = require('playwright-core');

(async () => {
  const base = process.argv[2] || 'http://127.0.0.1:8080';
  const rounds = Number(process.argv[3] || 5);
  const browser = await chromium.launch({ executablePath: process.env.QAT_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const pages = ['overview', 'symbol/SPY', 'patterns', 'models', 'backtests', 'paper'];
  const ready = (p) => `main[data-ready="${p.split('/')[0]}"]`;
  await page.goto(base + '/#/overview');
  await page.waitForSelector(ready('overview'), { timeout: 30000 });
  const times = {};
  for (let r = 0; r < rounds; r++) {
    for (const p of pages) {
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(base + '/#/' + p);
      await page.waitForSelector(ready(p), { timeout: 30000 });
      (times[p] = times[p] || []).push(Date.now() - t0);
    }
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const p of pages) console.log(p.padEnd(12), 'median', median(times[p]), 'ms   rounds', times[p].join(' '));
  await browser.close();
})().catch((e) => { console.error(e.message); process.exit(1); });
