// The dashboard in a real browser (issue 16): `qtrader serve` on a free port over a store built
// from the bundled real data by the CLI, driven by playwright-core in Debian's chromium.
//   - every page loads with no console error, no page error and no failed request;
//   - the symbol chart is drawn: its screenshot's pixel classes (background, up and down
//     candles, the forecast fan) lie within tests/web/expectations.json's ranges;
//   - pattern markers and the forecast fan appear for a symbol with a forecast;
//   - sorting and filtering the pattern table changes its rows;
//   - traversal attempts and a malformed API request get 404/400 (sent raw over a socket);
//   - 50 concurrent API requests all succeed.
// Run by CTest (web/CMakeLists.txt: NODE_PATH, QAT_CLI, QAT_SOURCE_DIR, QAT_CHROMIUM,
// QAT_WEB_OUT). Screenshots of every page are left in QAT_WEB_OUT for a person to look at.
'use strict';

const { chromium } = require('playwright-core');
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const assert = require('assert');

const CLI = process.env.QAT_CLI;
const SOURCE = process.env.QAT_SOURCE_DIR;
const CHROMIUM = process.env.QAT_CHROMIUM || '/usr/bin/chromium';
const OUT = process.env.QAT_WEB_OUT || fs.mkdtempSync(path.join(os.tmpdir(), 'qat-web-out-'));
const expectations = JSON.parse(fs.readFileSync(path.join(__dirname, 'expectations.json'), 'utf8'));

const started = Date.now();
const log = (...a) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);
let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    log('ok  ', name);
  } catch (e) {
    failures += 1;
    log('FAIL', name, '\n   ', e && e.stack ? e.stack : e);
  }
}

function buildStore(home) {
  const run = (...args) => execFileSync(CLI, args, { env: { ...process.env, QTRADER_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  const models = path.join(home, 'models');
  for (const s of ['SPY', 'QQQ', 'AAPL', 'MSFT']) run('import', '--symbol', s, '--input', path.join(SOURCE, 'data/daily', s + '.csv'));
  run('import', '--symbol', '^VIX', '--input', path.join(SOURCE, 'data/macro/VIX.csv'), '--repair-ohlc');
  run('patterns', 'build', '--symbols', 'SPY,QQQ,AAPL,MSFT');
  run('train', '--symbols', 'SPY,QQQ,AAPL,MSFT', '--rounds', '5', '--quiet', '--model-dir', models);
  run('confluence', 'fit', '--quiet', '--bootstrap', '10', '--symbols', 'SPY,QQQ,AAPL,MSFT', '--model-dir', models);
  run('backtest', '--symbols', 'SPY,QQQ');
  run('paper', 'init', '--account', 'demo', '--symbols', 'SPY,QQQ', '--as-of', '2023-01-03');
  run('paper', 'run', '--account', 'demo');
  return { db: path.join(home, 'qtrader.db'), models };
}

function startServer(store) {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, ['serve', '--port', '0', '--db', store.db, '--model-dir', store.models], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('qtrader serve did not print its address: ' + out)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve({ child, port: Number(m[1]) }); }
    });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => reject(new Error('qtrader serve exited ' + code + ': ' + out)));
  });
}

// One request sent byte for byte (no client normalises "..").
function raw(port, requestPath) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET ${requestPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d) => { data += d; });
    socket.on('end', () => resolve({ status: Number(data.slice(9, 12)), text: data }));
    socket.on('error', reject);
  });
}

// Pixel classes of a PNG, decoded by the browser itself.
async function pixelClasses(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let background = 0, up = 0, down = 0, fan = 0, other = 0;
    const near = (r, g, b, R, G, B, t) => Math.abs(r - R) <= t && Math.abs(g - G) <= t && Math.abs(b - B) <= t;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i], g = d[i + 1], b = d[i + 2];
      if (r > 235 && g > 235 && b > 235) background++;
      else if (near(r, g, b, 38, 166, 154, 40)) up++;
      else if (near(r, g, b, 239, 83, 80, 40)) down++;
      else if (b > r + 25 && b > g + 10) fan++;
      else other++;
    }
    const n = d.length / 4;
    return { background: background / n, up: up / n, down: down / n, fan: fan / n, other: other / n, width: c.width, height: c.height };
  }, png.toString('base64'));
}

function inRange(name, value, [lo, hi]) {
  assert(value >= lo && value <= hi, `${name} ${value.toFixed(4)} is outside the expected [${lo}, ${hi}]`);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qat-web-'));
  let server = null, browser = null;
  try {
    const store = buildStore(home);
    log('store built');
    server = await startServer(store);
    const base = `http://127.0.0.1:${server.port}`;
    log('serving at', base);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push('request outside the dashboard: ' + r.url()); });

    async function open(hash, page_name) {
      problems.length = 0;
      const t0 = Date.now();
      await page.goto(base + '/' + hash);
      await page.waitForSelector(`main[data-ready="${page_name}"]`, { timeout: 30000 });
      await page.waitForTimeout(300);  // charts draw on the next animation frames
      const ms = Date.now() - t0;
      await page.screenshot({ path: path.join(OUT, page_name + '.png'), fullPage: true });
      const errors = await page.locator('.error').allTextContents();
      assert.deepStrictEqual(problems, [], `${hash}: ${problems.join('\n')}`);
      assert.deepStrictEqual(errors, [], `${hash}: error boxes on the page: ${errors.join(' | ')}`);
      return ms;
    }

    const loadTimes = {};
    for (const [hash, name] of [['#/overview', 'overview'], ['#/symbol/SPY', 'symbol'], ['#/patterns', 'patterns'],
      ['#/models', 'models'], ['#/backtests', 'backtests'], ['#/paper', 'paper']]) {
      await check(`page ${hash} loads with no console error, no failed request`, async () => {
        loadTimes[name] = await open(hash, name);
      });
    }
    log('load times (ms, goto to ready, the first includes the browser warming up):', JSON.stringify(loadTimes));

    await check('the symbol chart is drawn (screenshot pixel classes within the stored expectations)', async () => {
      await open('#/symbol/SPY', 'symbol');
      const chart = page.locator('#symbol-chart');
      const png = await chart.screenshot({ path: path.join(OUT, 'symbol-chart.png') });
      const classes = await pixelClasses(page, png);
      fs.writeFileSync(path.join(OUT, 'symbol-chart.json'), JSON.stringify(classes, null, 2));
      const e = expectations.symbol_chart;
      for (const k of ['background', 'up', 'down', 'fan']) inRange(k, classes[k], e[k]);
      assert((await page.locator('#symbol-chart canvas').count()) >= 2, 'no canvas in the chart');
    });

    await check('pattern markers and the forecast fan appear for a symbol with a forecast', async () => {
      await open('#/symbol/SPY', 'symbol');
      const chart = page.locator('#symbol-chart');
      assert.strictEqual(await chart.getAttribute('data-fan'), '5', 'the fan has the 5 forecast steps');
      const edgeOnly = Number(await chart.getAttribute('data-markers'));
      await page.check('#all-patterns');
      const all = Number(await chart.getAttribute('data-markers'));
      assert(all > 1000, `markers for every pattern event: ${all}`);
      assert(edgeOnly < all, `fewer markers with an edge (${edgeOnly}) than in all (${all})`);
      const notes = await page.locator('#chart-notes').textContent();
      assert(/Forecast from \d{4}-\d\d-\d\d/.test(notes), notes);
      // Hovering a bar with a pattern shows its cell.
      const box = await chart.boundingBox();
      let shown = false;
      for (let x = box.x + box.width - 120; x > box.x + 40 && !shown; x -= 3) {
        await page.mouse.move(x, box.y + box.height / 2);
        shown = await page.locator('#tooltip').isVisible();
      }
      assert(shown, 'no tooltip on any bar of the visible range');
      const text = await page.locator('#tooltip').textContent();
      assert(/win rate .*n \d+.*q /.test(text), text);
      await page.screenshot({ path: path.join(OUT, 'symbol-hover.png') });
      // The weekly timeframe switch.
      await page.click('button[data-tf="1w"]');
      await page.waitForSelector('button.tf.active[data-tf="1w"]');
      await page.waitForSelector('main[data-ready="symbol"] #symbol-chart canvas');
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, 'symbol-weekly.png') });
      assert.deepStrictEqual(problems, [], problems.join('\n'));
    });

    await check("a backtest's trades are marked on the symbol chart, from the run's trade links", async () => {
      const runs = await (await fetch(base + '/api/backtests')).json();
      const id = runs.runs[0].id;
      const run = await (await fetch(base + '/api/backtest?id=' + id)).json();
      const spy = run.trades.filter((t) => t.symbol === 'SPY');
      assert(spy.length > 10, 'SPY trades in run ' + id + ': ' + spy.length);
      const expected = spy.length + spy.filter((t) => t.exit_date).length;  // an entry each, an exit each closed one
      await open('#/backtests/' + id, 'backtests');
      await page.click('#trade-charts a:text-is("SPY")');
      await page.waitForSelector('main[data-ready="symbol"] #symbol-chart canvas');
      assert.strictEqual(await page.locator('#symbol-chart').getAttribute('data-trade-marks'), String(expected));
      const notes = await page.locator('#chart-notes').textContent();
      assert(notes.includes(`${spy.length} trades in SPY marked`), notes);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, 'symbol-trades.png') });
      assert.deepStrictEqual(problems, [], problems.join('\n'));
    });

    await check('sorting and filtering the pattern table changes its rows', async () => {
      await open('#/patterns', 'patterns');
      const rows = () => page.locator('#patterns-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent));
      const before = await rows();
      assert(before.length > 50, `rows: ${before.length}`);
      await page.click('#patterns-table th[data-key="n"]');
      const byN = await rows();
      assert.notDeepStrictEqual(byN, before, 'sorting by n changed nothing');
      const ns = await page.locator('#patterns-table tbody tr td:nth-child(3)').allTextContents();
      for (let i = 1; i < ns.length; ++i) assert(Number(ns[i - 1]) >= Number(ns[i]), `not sorted by n at row ${i}`);
      await page.selectOption('#f-status', 'NO_EDGE');
      await page.waitForFunction(() => [...document.querySelectorAll('#patterns-table tbody tr td:nth-child(9)')].every((td) => td.textContent === 'NO_EDGE'));
      const filtered = await rows();
      assert(filtered.length > 0 && filtered.length < before.length, `filtered rows: ${filtered.length} of ${before.length}`);
      await page.fill('#f-search', 'DOJI');
      const searched = await rows();
      assert(searched.length > 0 && searched.length < filtered.length && searched.every((r) => r.includes('DOJI')), `search rows: ${searched.length}`);
      assert(page.url().includes('status=NO_EDGE'), 'the filter is in the URL');
    });

    await check('traversal attempts get 404 and a malformed API request 400', async () => {
      for (const p of ['/..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/../../etc/passwd', '/vendor/../../../etc/passwd',
        '/%2e%2e%5c%2e%2e%5cetc%5cpasswd']) {
        const r = await raw(server.port, p);
        assert(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
        assert(!r.text.includes('root:'), p);
      }
      for (const p of ['/api/bars?symbol=SPY&timeframe=2d', '/api/bars', '/api/patterns?horizon=abc', '/api/bars?symbol=%00%01']) {
        const r = await fetch(base + p);
        assert.strictEqual(r.status, 400, p);
        const body = await r.json();
        assert(body.error && body.error.code === 'bad_request' && body.error.message, JSON.stringify(body));
      }
      const r = await fetch(base + '/api/nothing');
      assert.strictEqual(r.status, 404);
    });

    await check('50 concurrent API requests all succeed', async () => {
      const paths = ['/api/symbols', '/api/bars?symbol=SPY', '/api/bars?symbol=QQQ&timeframe=1w', '/api/patterns', '/api/bars?symbol=AAPL&limit=500', '/api/paper', '/api/models', '/api/backtests'];
      const t0 = Date.now();
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => fetch(base + paths[i % paths.length]).then(async (r) => ({ status: r.status, body: await r.json() }))));
      const bad = answers.filter((a) => a.status !== 200);
      assert.strictEqual(bad.length, 0, JSON.stringify(bad.slice(0, 3)));
      log(`   50 requests in ${Date.now() - t0} ms`);
    });
  } finally {
    if (browser) await browser.close();
    if (server) {
      server.child.removeAllListeners('exit');
      const exited = new Promise((resolve) => server.child.on('exit', (code, signal) => resolve({ code, signal })));
      server.child.kill('SIGINT');
      const how = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 5000))]);
      await check('Ctrl-C (SIGINT) stops the server cleanly: exit code 0', async () => {
        assert(how && how.code === 0, 'serve after SIGINT: ' + JSON.stringify(how));
      });
      if (!how) server.child.kill('SIGKILL');
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
  log(failures ? `${failures} check(s) failed` : 'all checks passed', '; screenshots in', OUT);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
