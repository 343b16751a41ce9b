// qtrader dashboard: plain JavaScript over the read-only JSON API (docs/dashboard.md).
// Pages are addressed by the URL's hash: #/overview, #/symbol/SPY?tf=1d, #/patterns, #/models,
// #/backtests, #/backtests/ID, #/paper.
'use strict';

(function () {
  const LC = window.LightweightCharts;
  const main = document.getElementById('main');
  const tooltip = document.getElementById('tooltip');
  const TRADE_COLOR = '#263238';  // a backtest's entries and exits on the symbol chart
  const STATUS_COLOR = {
    STRONG: '#7b1fa2', MODERATE: '#1565c0', WEAK: '#f59e0b', NO_EDGE: '#9e9e9e', INSUFFICIENT_DATA: '#c8c8c8',
  };
  let charts = [];  // charts of the current page, removed on navigation

  // ---- helpers ----
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  const esc = (s) => String(s);
  function num(x, digits = 2) {
    return x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits);
  }
  function pct(x, digits = 1) {
    return x === null || x === undefined || Number.isNaN(x) ? '–' : (100 * x).toFixed(digits) + '%';
  }
  function money(x) {
    if (x === null || x === undefined) return '–';
    return '$' + Number(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  function dayTime(dateText) {  // "2024-03-22" -> UTC seconds, the time the API gives daily bars
    return Date.parse(dateText + 'T00:00:00Z') / 1000;
  }
  function badge(status) { return el('span', { class: 'badge s-' + status }, status); }

  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.error ? body.error.message : 'HTTP ' + status);
      this.status = status;
      this.code = body && body.error ? body.error.code : 'http_' + status;
    }
  }
  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }
  // An API answer or the error it gave, never a throw: a page shows what it can.
  async function tryApi(path) {
    try { return { data: await api(path) }; } catch (e) { return { error: e }; }
  }
  function errorBox(error, what) {
    // Something not there yet (no models, no statistics: 404) is a note; anything else an error.
    const missing = error.status === 404;
    return el('div', { class: missing ? 'missing' : 'error', 'data-error-code': error.code || '' },
      (what ? what + (missing ? ' not available: ' : ': ') : '') + error.message);
  }

  function table(columns, rows, options = {}) {
    // columns: [{key, label, num, render(row), sort(row)}]; sortable when options.sortable.
    const state = { key: options.sortKey || null, dir: options.sortDir || -1 };
    const t = el('table', { class: options.class || '' });
    const thead = el('thead');
    const tbody = el('tbody');
    t.append(thead, tbody);
    function sortValue(c, r) {
      const v = c.sort ? c.sort(r) : r[c.key];
      return v === null || v === undefined || Number.isNaN(v) ? null : v;
    }
    function draw() {
      thead.replaceChildren(el('tr', {}, columns.map((c) => {
        const cls = [c.num ? 'num' : '', options.sortable ? 'sortable' : '',
          state.key === c.key ? (state.dir > 0 ? 'sorted-asc' : 'sorted-desc') : ''].join(' ');
        return el('th', {
          class: cls, 'data-key': c.key, title: c.title,
          onclick: options.sortable ? () => {
            state.dir = state.key === c.key ? -state.dir : (c.num ? -1 : 1);
            state.key = c.key;
            draw();
          } : null,
        }, c.label);
      })));
      let sorted = rows.slice();
      if (state.key) {
        const c = columns.find((x) => x.key === state.key);
        sorted.sort((a, b) => {
          const x = sortValue(c, a), y = sortValue(c, b);
          if (x === null && y === null) return 0;
          if (x === null) return 1;
          if (y === null) return -1;
          return (x < y ? -1 : x > y ? 1 : 0) * state.dir;
        });
      }
      tbody.replaceChildren(...sorted.map((r) => {
        const tr = el('tr', { class: options.onRow ? 'clickable' : '' },
          columns.map((c) => el('td', { class: c.num ? 'num' : '' }, c.render ? c.render(r) : (r[c.key] ?? '–'))));
        if (options.onRow) tr.addEventListener('click', () => options.onRow(r, tr));
        return tr;
      }));
      if (!sorted.length) {
        tbody.append(el('tr', {}, el('td', { colspan: columns.length, class: 'note' }, options.empty || 'none')));
      }
    }
    draw();
    return t;
  }

  function newChart(container, options = {}) {
    const chart = LC.createChart(container, Object.assign({
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#334155', attributionLogo: true },
      grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
      rightPriceScale: { borderColor: '#e2e8f0' },
      timeScale: { borderColor: '#e2e8f0' },
    }, options));
    charts.push(chart);
    return chart;
  }
  function lineChart(container, seriesList, options = {}) {
    const chart = newChart(container, options);
    chart.timeScale().applyOptions({ minBarSpacing: 0.02 });  // 30 years of sessions fit in a page's width
    for (const s of seriesList) {
      const series = chart.addSeries(s.type === 'area' ? LC.AreaSeries : LC.LineSeries, Object.assign({
        lineWidth: 2, priceLineVisible: false, lastValueVisible: true, title: s.title,
      }, s.options || {}));
      series.setData(s.data);
    }
    chart.timeScale().fitContent();
    // Again once the container has its size (autoSize measures after layout).
    requestAnimationFrame(() => chart.timeScale().fitContent());
    return chart;
  }
  function legend(items) {
    return el('div', { class: 'legend' }, items.map(([color, label]) => el('span', {}, el('i', { style: 'background:' + color }), label)));
  }

  // ---- the quantile fan: a series primitive filling q10-q90 and q25-q75 between the
  // forecast's step times (lightweight-charts has no band series) ----
  class FanPrimitive {
    constructor(points) { this.points = points; this.chart = null; this.series = null; }
    attached(param) { this.chart = param.chart; this.series = param.series; }
    detached() { this.chart = null; }
    updateAllViews() {}
    paneViews() {
      const self = this;
      return [{
        zOrder() { return 'bottom'; },
        renderer() {
          return {
            draw(target) {
              if (!self.chart) return;
              const ts = self.chart.timeScale();
              const pts = self.points.map((p) => ({
                x: ts.timeToCoordinate(p.time),
                q10: self.series.priceToCoordinate(p.q10), q25: self.series.priceToCoordinate(p.q25),
                q75: self.series.priceToCoordinate(p.q75), q90: self.series.priceToCoordinate(p.q90),
              })).filter((p) => p.x !== null && p.q10 !== null && p.q90 !== null);
              if (pts.length < 2) return;
              target.useBitmapCoordinateSpace((scope) => {
                const ctx = scope.context, h = scope.horizontalPixelRatio, v = scope.verticalPixelRatio;
                const band = (lo, hi, color) => {
                  ctx.beginPath();
                  pts.forEach((p, i) => (i ? ctx.lineTo(p.x * h, p[hi] * v) : ctx.moveTo(p.x * h, p[hi] * v)));
                  for (let i = pts.length - 1; i >= 0; --i) ctx.lineTo(pts[i].x * h, pts[i][lo] * v);
                  ctx.closePath();
                  ctx.fillStyle = color;
                  ctx.fill();
                };
                band('q10', 'q90', 'rgba(41, 98, 255, 0.13)');
                band('q25', 'q75', 'rgba(41, 98, 255, 0.25)');
              });
            },
          };
        },
      }];
    }
  }

  // ---- router ----
  const pages = { overview: Overview, symbol: SymbolPage, patterns: Patterns, models: Models, backtests: Backtests, paper: Paper };
  async function route() {
    for (const c of charts) c.remove();
    charts = [];
    tooltip.hidden = true;
    const hash = location.hash.replace(/^#\/?/, '') || 'overview';
    const [pathPart, queryPart] = hash.split('?');
    const parts = pathPart.split('/').map(decodeURIComponent);
    const query = new URLSearchParams(queryPart || '');
    const page = pages[parts[0]] ? parts[0] : null;
    for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === page);
    main.replaceChildren();
    if (!page) {
      main.append(el('h1', {}, 'Not found'), el('p', {}, 'No page ', el('code', {}, esc(parts[0])), '. ', el('a', { href: '#/overview' }, 'Overview')));
      return;
    }
    main.setAttribute('data-page', page);
    main.removeAttribute('data-ready');
    try {
      await pages[page](parts.slice(1), query);
    } catch (e) {
      main.append(errorBox(e, 'this page failed'));
    }
    main.setAttribute('data-ready', page);
  }
  window.addEventListener('hashchange', route);

  // ---- Overview ----
  async function Overview() {
    main.append(el('h1', {}, 'Overview'));
    const [symbols, signals, paper, monitor] = await Promise.all([
      tryApi('/api/symbols'), tryApi('/api/signals'), tryApi('/api/paper'), tryApi('/api/monitor')]);
    const grid = el('div', { class: 'grid2' });
    main.append(grid);

    const store = el('section', { id: 'store' }, el('h2', {}, 'The store'));
    if (symbols.error) store.append(errorBox(symbols.error));
    else {
      store.append(el('p', { class: 'note' }, 'Today ', symbols.data.today, '; staleness in exchange sessions since the last daily bar.'));
      store.append(table([
        { key: 'symbol', label: 'symbol', render: (r) => r.symbol.startsWith('^') ? r.symbol : el('a', { href: '#/symbol/' + encodeURIComponent(r.symbol) }, r.symbol) },
        { key: 'timeframes', label: 'timeframes', render: (r) => r.timeframes.join(' ') },
        { key: 'daily_bars', label: 'daily bars', num: true },
        { key: 'last_daily', label: 'last bar' },
        { key: 'stale_sessions', label: 'stale', num: true, render: (r) => r.stale_sessions === null ? '–'
          : el('span', { class: r.stale_sessions > 5 ? 'stale' : 'fresh' }, r.stale_sessions) },
      ], symbols.data.symbols, { sortable: true, empty: 'no series stored: qtrader import or fetch' }));
    }
    grid.append(store);

    const sig = el('section', { id: 'signals' }, el('h2', {}, "Tonight's signals"));
    if (signals.error) sig.append(errorBox(signals.error, 'signals'));
    else {
      const d = signals.data;
      sig.append(el('p', { class: 'note' }, 'Ranked: trades first, then by confidence. Models trained through ', d.model_as_of,
        '. Every gate must pass for a trade.'));
      sig.append(table([
        { key: 'symbol', label: 'symbol', render: (r) => el('a', { href: '#/symbol/' + encodeURIComponent(r.symbol) }, r.symbol) },
        { key: 'as_of', label: 'as of' },
        { key: 'action', label: 'action', render: (r) => el('span', { class: 'a-' + r.action }, r.action) },
        { key: 'direction', label: 'direction' },
        { key: 'probability', label: 'P(up)', num: true, render: (r) => pct(r.probability) },
        { key: 'prob_up', label: 'forecast P(up)', num: true, sort: (r) => r.forecast && r.forecast.prob_up, render: (r) => pct(r.forecast && r.forecast.prob_up) },
        { key: 'q50', label: 'q10 / q50 / q90', render: (r) => r.forecast ? `${num(r.forecast.q10)} / ${num(r.forecast.q50)} / ${num(r.forecast.q90)}` : '–' },
        { key: 'gates', label: 'gates', num: true, sort: (r) => r.gates.filter((g) => g.passed).length,
          render: (r) => el('span', { title: r.gates.filter((g) => !g.passed).map((g) => g.name + ': ' + (g.reason || '')).join('\n') },
            r.gates.filter((g) => g.passed).length + '/' + r.gates.length) },
      ], d.signals, { empty: 'no signals' }));
      if (d.skipped && d.skipped.length) sig.append(el('p', { class: 'note' }, 'skipped: ', d.skipped.join('; ')));
    }
    grid.append(sig);

    const pap = el('section', { id: 'paper' }, el('h2', {}, 'Paper accounts'));
    grid.append(pap);
    if (paper.error) pap.append(errorBox(paper.error, 'paper'));
    else {
      pap.append(table([
        { key: 'account', label: 'account', render: (r) => el('a', { href: '#/paper' }, r.status.account) },
        { key: 'equity', label: 'equity', num: true, render: (r) => money(r.status.equity) },
        { key: 'bh', label: 'buy-and-hold', num: true, render: (r) => money(r.status.buy_and_hold_equity) },
        { key: 'last', label: 'last session', render: (r) => r.status.last_done },
        { key: 'positions', label: 'positions', num: true, render: (r) => r.status.positions.length },
        { key: 'orders', label: 'orders', num: true, render: (r) => r.status.orders.length },
      ], paper.data.accounts, { empty: 'no paper accounts (qtrader paper init)' }));
      for (const a of paper.data.accounts) {
        if (a.equity.length < 2) continue;
        const box = el('div', { class: 'chart small' });
        pap.append(box);
        lineChart(box, [{ title: a.status.account, data: a.equity.map((r) => ({ time: dayTime(r.date), value: r.equity })),
          options: { color: '#2962ff' } }]);
      }
    }

    const mon = el('section', { id: 'monitor' }, el('h2', {}, 'Monitor: open recommendations'));
    if (monitor.error) mon.append(errorBox(monitor.error, 'monitor'));
    else {
      mon.append(table([
        { key: 'priority', label: 'priority', render: (r) => el('span', { class: 'badge p-' + r.priority }, r.priority) },
        { key: 'action', label: 'action' },
        { key: 'reason', label: 'reason', render: (r) => el('span', { style: 'white-space:normal' }, r.reason) },
      ], monitor.data.recommendations, { empty: 'none: the models keep their promise' }));
      if (monitor.data.notes && monitor.data.notes.length) mon.append(el('p', { class: 'note' }, monitor.data.notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1) + '.').join(' ')));
    }
    grid.append(mon);
  }

  // ---- Symbol ----
  async function SymbolPage(parts, query) {
    const list = await tryApi('/api/symbols');
    const known = list.data ? list.data.symbols.filter((s) => s.timeframes.length) : [];
    let symbol = parts[0];
    if (!symbol) {
      const first = known.find((s) => !s.symbol.startsWith('^')) || known[0];
      if (!first) { main.append(el('h1', {}, 'Symbol'), list.error ? errorBox(list.error) : el('p', {}, 'No series stored.')); return; }
      symbol = first.symbol;
    }
    const info = known.find((s) => s.symbol === symbol);
    const timeframes = info ? info.timeframes : ['1d'];
    const tf = query.get('tf') || (timeframes.includes('1d') ? '1d' : timeframes[0]);
    const horizon = query.get('h') || '5';

    const picker = el('select', { id: 'symbol-select', onchange: (e) => { location.hash = '#/symbol/' + encodeURIComponent(e.target.value) + '?tf=' + tf; } },
      known.map((s) => el('option', { value: s.symbol, selected: s.symbol === symbol }, s.symbol)));
    const tfButtons = el('span', { id: 'timeframes' }, ['1h', '4h', '1d', '1w'].map((t) => el('button', {
      class: 'tf' + (t === tf ? ' active' : ''), disabled: !timeframes.includes(t), 'data-tf': t,
      title: timeframes.includes(t) ? '' : 'not stored for ' + symbol,
      onclick: () => { location.hash = '#/symbol/' + encodeURIComponent(symbol) + '?tf=' + t + (query.get('bt') ? '&bt=' + encodeURIComponent(query.get('bt')) : ''); },
    }, t)));
    const showAll = el('input', { type: 'checkbox', id: 'all-patterns' });
    main.append(el('h1', {}, symbol), el('div', { class: 'controls' },
      el('label', {}, 'symbol ', picker), el('label', {}, 'timeframe ', tfButtons),
      el('label', {}, showAll, 'every pattern event (not only cells with an edge)')));

    // ?bt=ID marks the entries and exits of backtest run ID's trades in this symbol.
    const backtestId = query.get('bt');
    const [bars, forecast, signals, paper, backtest] = await Promise.all([
      tryApi(`/api/bars?symbol=${encodeURIComponent(symbol)}&timeframe=${tf}&horizon=${horizon}`),
      tf === '1d' ? tryApi(`/api/forecast?symbol=${encodeURIComponent(symbol)}&horizon=${horizon}`) : Promise.resolve({}),
      tf === '1d' ? tryApi(`/api/signals?symbols=${encodeURIComponent(symbol)}&horizon=${horizon}`) : Promise.resolve({}),
      tryApi('/api/paper'),
      backtestId ? tryApi('/api/backtest?id=' + encodeURIComponent(backtestId)) : Promise.resolve({}),
    ]);
    if (bars.error) { main.append(errorBox(bars.error, 'bars')); return; }
    const b = bars.data.bars;
    const box = el('div', { class: 'chart', id: 'symbol-chart' });
    const legendRow = legend([['#26a69a', 'up bar'], ['#ef5350', 'down bar'],
      ...Object.entries(STATUS_COLOR).map(([k, c]) => [c, k.replace('_', ' ').toLowerCase()]),
      ['rgba(41, 98, 255, 0.35)', 'forecast q25–q75 / q10–q90 around q50'],
      ...(backtestId ? [[TRADE_COLOR, `run ${backtestId}: B entry, S exit`]] : [])]);
    const info2 = el('p', { class: 'note', id: 'chart-notes' });
    main.append(box, legendRow, info2);

    const chart = newChart(box, { crosshair: { mode: 0 } });
    const candles = chart.addSeries(LC.CandlestickSeries, {
      upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
    });
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.06, bottom: 0.22 } });
    candles.setData(b.time.map((t, i) => ({ time: t, open: b.open[i], high: b.high[i], low: b.low[i], close: b.close[i] })));
    const volume = chart.addSeries(LC.HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: 'vol', lastValueVisible: false, priceLineVisible: false });
    chart.priceScale('vol').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    volume.setData(b.time.map((t, i) => ({ time: t, value: b.volume[i] || 0,
      color: b.close[i] >= b.open[i] ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)' })));

    // Pattern markers: bullish below the bar, bearish above, coloured by the edge status of
    // their (ALL, ALL) cell at the horizon.
    const kinds = bars.data.kinds;
    const events = bars.data.events.time.map((t, i) => Object.assign({ time: t }, kinds[bars.data.events.kind[i]]));
    const byTime = new Map();
    for (const e of events) {
      if (!byTime.has(e.time)) byTime.set(e.time, []);
      byTime.get(e.time).push(e);
    }
    // A backtest's trades: an entry below its bar, the exit above its bar with the trade's return.
    // The backtester is daily: a fill marks its session's bar on 1d, the week's bar on 1w (the
    // last bar starting by that day); intraday charts get no trade marks.
    const tradeMarkers = [];
    const barOfDay = (date) => {
      const t = dayTime(date);
      let lo = 0, hi = b.time.length - 1;
      if (hi < 0 || t < b.time[0]) return null;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (b.time[mid] <= t + 86399) lo = mid; else hi = mid - 1; }
      return b.time[lo];
    };
    const trades = backtest.data && (tf === '1d' || tf === '1w') ? backtest.data.trades.filter((t) => t.symbol === symbol) : [];
    for (const t of trades) {
      const entry = barOfDay(t.entry_date);
      if (entry !== null) tradeMarkers.push({ time: entry, position: 'belowBar', shape: 'arrowUp', color: TRADE_COLOR, text: 'B ' + t.size });
      const exit = t.exit_date ? barOfDay(t.exit_date) : null;
      if (exit !== null) {
        tradeMarkers.push({ time: exit, position: 'aboveBar', shape: 'arrowDown', color: TRADE_COLOR,
          text: 'S ' + pct(t.exit_price / t.entry_price - 1) });
      }
    }
    box.setAttribute('data-trade-marks', tradeMarkers.length);
    const markerApi = LC.createSeriesMarkers(candles, []);
    function drawMarkers() {
      const withEdge = (e) => e.cell && ['STRONG', 'MODERATE', 'WEAK'].includes(e.cell.status);
      const shown = events.filter((e) => showAll.checked || withEdge(e));
      // One marker per bar and direction: the strongest cell's colour.
      const rank = { STRONG: 0, MODERATE: 1, WEAK: 2, NO_EDGE: 3, INSUFFICIENT_DATA: 4 };
      const best = new Map();
      for (const e of shown) {
        const key = e.time + e.direction;
        const s = e.cell ? e.cell.status : 'INSUFFICIENT_DATA';
        if (!best.has(key) || rank[s] < rank[best.get(key).status]) best.set(key, { e, status: s });
      }
      const markers = [...best.values()].map(({ e, status }) => ({
        time: e.time, position: e.direction === 'bullish' ? 'belowBar' : 'aboveBar',
        shape: e.direction === 'bullish' ? 'arrowUp' : 'arrowDown', color: STATUS_COLOR[status],
      })).concat(tradeMarkers).sort((x, y) => x.time - y.time);
      markerApi.setMarkers(markers);
      box.setAttribute('data-markers', markers.length);
    }
    showAll.addEventListener('change', drawMarkers);
    drawMarkers();

    const notes = [];
    notes.push(`${b.time.length} ${tf} bars (split-adjusted), ${events.length} pattern events` +
      (bars.data.patterns_built ? '' : ' (no pattern statistics stored: qtrader patterns build)') + '.');
    if (backtest.error) notes.push(`Backtest run ${backtestId}: ${backtest.error.message}`);
    else if (backtest.data) {
      notes.push(`Backtest run ${backtestId} (${backtest.data.strategy}): ${trades.length} trade${trades.length === 1 ? '' : 's'} in ${symbol}` +
        ` marked, B at the entry (shares), S at the exit (return), at the fills' sessions.`);
    }
    // The forecast's fan for the next h sessions.
    if (forecast.data) {
      const f = forecast.data;
      const lastTime = b.time[b.time.length - 1];
      const lastClose = b.close[b.close.length - 1];
      const points = [{ time: lastTime, q10: lastClose, q25: lastClose, q50: lastClose, q75: lastClose, q90: lastClose }]
        .concat(f.levels.map((l, i) => ({ time: f.step_times[i], q10: l.q10, q25: l.q25, q50: l.q50, q75: l.q75, q90: l.q90 })));
      const q50 = chart.addSeries(LC.LineSeries, { color: '#2962ff', lineWidth: 2, lineStyle: 2, priceLineVisible: false, lastValueVisible: false, title: 'q50' });
      q50.setData(points.map((p) => ({ time: p.time, value: p.q50 })));
      for (const k of ['q10', 'q90']) {
        const s = chart.addSeries(LC.LineSeries, { color: 'rgba(41,98,255,0.5)', lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false });
        s.setData(points.map((p) => ({ time: p.time, value: p[k] })));
      }
      q50.attachPrimitive(new FanPrimitive(points));
      box.setAttribute('data-fan', f.levels.length);
      notes.push(`Forecast from ${f.price_date} (model trained through ${f.model_as_of}): P(up in ${f.horizon}) ${pct(f.prob_up)}; ` +
        `q10 ${num(f.levels[f.levels.length - 1].q10)}, q50 ${num(f.levels[f.levels.length - 1].q50)}, q90 ${num(f.levels[f.levels.length - 1].q90)} at step ${f.horizon}.`);
    } else if (forecast.error) {
      notes.push('No forecast: ' + forecast.error.message);
    }
    // A live plan's stop and target (tonight's signal, else an open paper position).
    const plan = signals.data && signals.data.signals[0] ? signals.data.signals[0].plan : null;
    const lines = [];
    if (plan && (plan.action === 'BUY' || plan.action === 'SELL') && plan.stop) {
      lines.push({ price: plan.stop, color: '#c62828', title: 'plan stop' });
      if (plan.target) lines.push({ price: plan.target, color: '#2e7d32', title: 'plan target' });
      if (plan.entry) lines.push({ price: plan.entry, color: '#455a64', title: 'plan entry' });
      notes.push(`Tonight's plan: ${plan.action} ${plan.shares} at ~${num(plan.entry)}, stop ${num(plan.stop)}, target ${num(plan.target)}.`);
    } else if (signals.data && signals.data.signals[0]) {
      const s = signals.data.signals[0];
      notes.push(`Tonight's signal: ${s.action} (${s.direction}); ${plan && plan.reason ? plan.reason : 'no trade plan'}.`);
    }
    if (tf === '1d' && paper.data) {
      for (const a of paper.data.accounts) {
        for (const p of a.status.positions) {
          if (p.symbol !== symbol) continue;
          if (p.stop) lines.push({ price: p.stop, color: '#c62828', title: a.status.account + ' stop' });
          if (p.target) lines.push({ price: p.target, color: '#2e7d32', title: a.status.account + ' target' });
          notes.push(`Paper account ${a.status.account} holds ${p.shares} since ${p.entry_day} at ${num(p.entry_price)}.`);
        }
      }
    }
    for (const l of lines) candles.createPriceLine({ price: l.price, color: l.color, lineWidth: 1, lineStyle: 2, axisLabelVisible: true, title: l.title });
    box.setAttribute('data-price-lines', lines.length);
    info2.textContent = notes.join(' ');

    // Hover: the patterns of the bar and their cells.
    chart.subscribeCrosshairMove((param) => {
      const list = param.time !== undefined ? byTime.get(param.time) : null;
      if (!list || !param.point) { tooltip.hidden = true; return; }
      const shown = list.filter((e) => showAll.checked || (e.cell && ['STRONG', 'MODERATE', 'WEAK'].includes(e.cell.status)));
      if (!shown.length) { tooltip.hidden = true; return; }
      tooltip.replaceChildren(...shown.slice(0, 8).map((e) => el('div', {},
        el('b', {}, e.pattern), ' ', e.direction, ': ',
        e.cell ? `win rate ${pct(e.cell.win_rate)} [${pct(e.cell.win_rate_lo)}, ${pct(e.cell.win_rate_hi)}], n ${e.cell.n}, q ${num(e.cell.q_value, 3)}, mean ${pct(e.cell.mean_return, 2)}, ${e.cell.status}` : 'no cell stored')));
      const rect = box.getBoundingClientRect();
      tooltip.style.left = Math.min(rect.left + param.point.x + 16, window.innerWidth - 380) + 'px';
      tooltip.style.top = (rect.top + param.point.y + 16) + 'px';
      tooltip.hidden = false;
    });
    // The last two years (or 300 bars) first; the whole history is a scroll away.
    const n = b.time.length;
    const tail = Math.min(n, tf === '1d' ? 250 : 200);
    if (tradeMarkers.length) {  // the backtest's last trades rather than today
      const last = tradeMarkers.reduce((m, x) => Math.max(m, x.time), 0);
      const at = b.time.findIndex((t) => t >= last);
      const end = (at < 0 ? n - 1 : at) + 10;
      chart.timeScale().setVisibleLogicalRange({ from: end - tail, to: end });
    } else {
      chart.timeScale().setVisibleLogicalRange({ from: n - tail, to: n + (forecast.data ? forecast.data.levels.length + 3 : 3) });
    }
  }

  // ---- Patterns ----
  async function Patterns(parts, query) {
    main.append(el('h1', {}, 'Pattern cells'));
    const filters = {
      timeframe: query.get('timeframe') || '1d', horizon: query.get('horizon') || '5', regime: query.get('regime') || 'ALL',
      vol_regime: query.get('vol_regime') || 'ALL', status: query.get('status') || '', min_n: query.get('min_n') || '1',
    };
    const select = (name, options) => el('select', { name, id: 'f-' + name, onchange: (e) => { filters[name] = e.target.value; apply(); } },
      options.map((o) => el('option', { value: o, selected: String(filters[name]) === o }, o || 'any')));
    const search = el('input', { id: 'f-search', placeholder: 'pattern name', size: 14 });
    main.append(el('div', { class: 'controls' },
      el('label', {}, 'timeframe ', select('timeframe', ['1d', '1w', '1h', '4h'])),
      el('label', {}, 'horizon ', select('horizon', ['1', '3', '5', '10', '21'])),
      el('label', {}, 'regime ', select('regime', ['ALL', 'BULL', 'BEAR', 'SIDEWAYS'])),
      el('label', {}, 'volatility ', select('vol_regime', ['ALL', 'LOW', 'NORMAL', 'HIGH'])),
      el('label', {}, 'status ', select('status', ['', 'STRONG', 'MODERATE', 'WEAK', 'NO_EDGE', 'INSUFFICIENT_DATA'])),
      el('label', {}, 'min n ', select('min_n', ['1', '30', '100', '300'])),
      el('label', {}, 'search ', search)));
    main.append(el('p', { class: 'note' },
      'Win rate with its 95% Wilson interval (bar; the line marks 50%). q: Benjamini–Hochberg q-value over every cell tested ',
      '(the multiple-testing status: STRONG q ≤ 0.01, MODERATE ≤ 0.05, WEAK ≤ 0.10 with n ≥ 30 — docs/patterns.md). ',
      'Recent: the same cell over the last 5 years (edge decay). Click a header to sort.'));
    const holder = el('div', { id: 'patterns-table' });
    const count = el('p', { class: 'note', id: 'patterns-count' });
    main.append(count, holder);
    let cells = [];
    function wilson(c) {
      const bar = el('div', { class: 'wilson', title: `${pct(c.win_rate)} [${pct(c.win_rate_lo)}, ${pct(c.win_rate_hi)}]` });
      if (c.win_rate_lo !== null && c.win_rate_hi !== null) {
        bar.append(el('div', { class: 'range', style: `left:${100 * c.win_rate_lo}%;width:${100 * (c.win_rate_hi - c.win_rate_lo)}%` }));
      }
      if (c.win_rate !== null) bar.append(el('div', { class: 'point', style: `left:calc(${100 * c.win_rate}% - 1px)` }));
      bar.append(el('div', { class: 'half' }));
      return bar;
    }
    function render() {
      const text = search.value.trim().toUpperCase();
      const rows = cells.filter((c) => !text || c.pattern.includes(text));
      count.textContent = `${rows.length} of ${cells.length} cells`;
      holder.replaceChildren(table([
        { key: 'pattern', label: 'pattern' },
        { key: 'direction', label: 'direction' },
        { key: 'n', label: 'n', num: true },
        { key: 'win_rate', label: 'win rate', num: true, render: (c) => pct(c.win_rate) },
        { key: 'wilson', label: 'Wilson 95%', sort: (c) => c.win_rate_lo, render: wilson },
        { key: 'mean_return', label: 'mean', num: true, render: (c) => pct(c.mean_return, 2) },
        { key: 'excess_return', label: 'excess', num: true, render: (c) => pct(c.excess_return, 2) },
        { key: 'q_value', label: 'q', num: true, render: (c) => num(c.q_value, 3) },
        { key: 'status', label: 'status', sort: (c) => ['STRONG', 'MODERATE', 'WEAK', 'NO_EDGE', 'INSUFFICIENT_DATA'].indexOf(c.status), render: (c) => badge(c.status) },
        { key: 'recent', label: 'recent win rate (n)', num: true, sort: (c) => c.recent && c.recent.win_rate,
          render: (c) => c.recent ? `${pct(c.recent.win_rate)} (${c.recent.n})` : '–' },
        { key: 'decay', label: 'recent − all', num: true, sort: (c) => c.recent && c.recent.win_rate !== null && c.win_rate !== null ? c.recent.win_rate - c.win_rate : null,
          render: (c) => c.recent && c.recent.win_rate !== null && c.win_rate !== null ? pct(c.recent.win_rate - c.win_rate) : '–' },
      ], rows, { sortable: true, sortKey: 'q_value', sortDir: 1, empty: 'no cells match' }));
    }
    search.addEventListener('input', render);
    async function apply() {
      const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
      history.replaceState(null, '', '#/patterns?' + q.toString());
      const r = await tryApi('/api/patterns?' + q.toString());
      if (r.error) { holder.replaceChildren(errorBox(r.error)); cells = []; return; }
      cells = r.data.cells;
      if (!r.data.stored) { holder.replaceChildren(el('p', {}, 'No pattern statistics stored: run qtrader patterns build.')); return; }
      render();
    }
    await apply();
  }

  // ---- Models ----
  async function Models(parts, query) {
    const horizon = query.get('h') || '5';
    main.append(el('h1', {}, `Models (horizon ${horizon} sessions)`));
    const r = await tryApi('/api/models?horizon=' + encodeURIComponent(horizon));
    if (r.error) { main.append(errorBox(r.error)); return; }
    const d = r.data;
    if (!d.results) {
      main.append(el('p', {}, 'No model set: ', d.problem || '', ' (qtrader train --model-dir ', d.model_dir, ')'));
    } else {
      const res = d.results;
      const oos = res.oos || {};
      main.append(el('div', { class: 'cards' },
        [['out-of-sample accuracy', pct(oos.accuracy)], ['majority baseline', pct(oos.baseline_accuracy)],
          ['log loss', num(oos.log_loss, 4)], ['class-prior log loss', num(oos.baseline_log_loss, 4)],
          ['[q10, q90] coverage', pct(oos.interval_coverage_80)], ['target', '80%'],
          ['rows', oos.n], ['symbols', (res.symbols || []).join(' ')]].map(([k, v]) => el('div', { class: 'card' }, el('div', { class: 'v' }, v), el('div', { class: 'k' }, k)))));
      main.append(el('h2', {}, 'Walk-forward folds'));
      main.append(table([
        { key: 'k', label: 'fold', num: true },
        { key: 'period', label: 'test period', render: (f) => `${f.test_start || ''} .. ${f.test_end || ''}` },
        { key: 'n', label: 'rows', num: true },
        { key: 'accuracy', label: 'accuracy', num: true, render: (f) => pct(f.accuracy) },
        { key: 'baseline_accuracy', label: 'majority', num: true, render: (f) => pct(f.baseline_accuracy) },
        { key: 'gain', label: 'gain', num: true, sort: (f) => f.accuracy - f.baseline_accuracy,
          render: (f) => el('span', { class: f.accuracy > f.baseline_accuracy ? 'fresh' : 'stale' }, pct(f.accuracy - f.baseline_accuracy)) },
        { key: 'interval_coverage_80', label: '[q10,q90] coverage (80%)', num: true, render: (f) => pct(f.interval_coverage_80) },
        { key: 'log_loss', label: 'log loss', num: true, render: (f) => num(f.log_loss, 4) },
        { key: 'baseline_log_loss', label: 'prior log loss', num: true, render: (f) => num(f.baseline_log_loss, 4) },
      ], (res.folds || []).map((f, i) => Object.assign({ k: i + 1 }, f)), { sortable: true }));

      main.append(el('h2', {}, 'Pinball loss per quantile vs the unconditional baseline (lower is better)'));
      const qs = ['q10', 'q25', 'q50', 'q75', 'q90'];
      main.append(table([
        { key: 'q', label: 'quantile' },
        { key: 'model', label: 'model', num: true, render: (r) => num(r.model, 5) },
        { key: 'baseline', label: 'baseline', num: true, render: (r) => num(r.baseline, 5) },
        { key: 'skill', label: 'skill', num: true, render: (r) => r.model && r.baseline ? pct(1 - r.model / r.baseline) : '–' },
      ], qs.map((q) => ({ q, model: oos.pinball_loss && oos.pinball_loss[q], baseline: oos.baseline_pinball_loss && oos.baseline_pinball_loss[q] }))));

      const cal = res.prob_up_calibration && (res.prob_up_calibration.calibrated || res.prob_up_calibration.raw);
      if (cal && cal.reliability) {
        main.append(el('h2', {}, 'Reliability of P(up) (out of sample, Platt-scaled)'));
        main.append(reliability(cal.reliability));
        main.append(el('p', { class: 'note' }, `Brier ${num(cal.brier, 4)} vs base rate ${num(cal.baseline_brier, 4)}; log loss ${num(cal.log_loss, 4)} vs ${num(cal.baseline_log_loss, 4)}; n ${cal.n}. Dots on the diagonal: the probability means what it says; dot area ∝ rows.`));
      }
    }
    main.append(el('h2', {}, 'Training runs in the store'));
    main.append(table([
      { key: 'id', label: 'run', num: true }, { key: 'created_at', label: 'when (UTC)' }, { key: 'symbols', label: 'symbols' },
      { key: 'acc', label: 'accuracy', num: true, render: (r) => pct(r.metrics && r.metrics.accuracy) },
      { key: 'cov', label: 'coverage', num: true, render: (r) => pct(r.metrics && r.metrics.interval_coverage_80) },
      { key: 'git_commit', label: 'commit', render: (r) => (r.git_commit || '').slice(0, 10) },
    ], d.runs, { empty: 'none logged' }));
  }

  function reliability(bins) {
    const W = 360, H = 300, P = 36;
    const x = (p) => P + p * (W - 2 * P), y = (p) => H - P - p * (H - 2 * P);
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', W); svg.setAttribute('height', H); svg.setAttribute('id', 'reliability');
    const add = (tag, attrs, text) => {
      const e = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      svg.append(e);
      return e;
    };
    add('rect', { x: P, y: P, width: W - 2 * P, height: H - 2 * P, fill: '#f8fafc', stroke: '#e2e8f0' });
    add('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: '#94a3b8', 'stroke-dasharray': '4 3' });
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      add('text', { x: x(t) - 8, y: H - P + 14 }, t.toFixed(2));
      add('text', { x: 4, y: y(t) + 4 }, t.toFixed(2));
    }
    add('text', { x: W / 2 - 50, y: H - 4 }, 'predicted P(up)');
    add('text', { x: P, y: P - 8 }, 'observed up rate');
    const maxN = Math.max(1, ...bins.map((b) => b.n || 0));
    for (const b of bins) {
      if (!b.n || b.mean_predicted === null || b.observed_rate === null) continue;
      add('circle', { cx: x(b.mean_predicted), cy: y(b.observed_rate), r: 3 + 9 * Math.sqrt(b.n / maxN), fill: 'rgba(41,98,255,0.55)' });
    }
    return svg;
  }

  // ---- Backtests ----
  async function Backtests(parts) {
    main.append(el('h1', {}, 'Backtests'));
    const r = await tryApi('/api/backtests');
    if (r.error) { main.append(errorBox(r.error)); return; }
    const detail = el('div', { id: 'backtest-detail' });
    main.append(el('p', { class: 'note' }, 'Every configuration run on the same data is a trial: the Deflated Sharpe Ratio counts them. Click a run for its equity, drawdown, monthly returns and trades (sma-cross and buy-and-hold runs are replayed read-only).'));
    main.append(table([
      { key: 'id', label: 'run', num: true }, { key: 'created_at', label: 'when (UTC)' }, { key: 'strategy', label: 'strategy' },
      { key: 'symbols', label: 'symbols', render: (x) => x.config && x.config.symbols ? x.config.symbols.join(' ') : '–' },
      { key: 'period', label: 'period', render: (x) => x.config ? `${x.config.start} .. ${x.config.end}` : '–' },
      { key: 'ret', label: 'return', num: true, sort: (x) => x.metrics && x.metrics.total_return, render: (x) => pct(x.metrics && x.metrics.total_return) },
      { key: 'sharpe', label: 'Sharpe', num: true, sort: (x) => x.metrics && x.metrics.sharpe, render: (x) => num(x.metrics && x.metrics.sharpe) },
      { key: 'dd', label: 'max DD', num: true, sort: (x) => x.metrics && x.metrics.max_drawdown, render: (x) => pct(x.metrics && x.metrics.max_drawdown) },
    ], r.data.runs, { sortable: true, empty: 'no backtests recorded (qtrader backtest)', onRow: (x) => { location.hash = '#/backtests/' + x.id; } }));
    main.append(detail);
    const id = parts[0] || (r.data.runs[0] && r.data.runs[0].id);
    if (!id) return;
    detail.append(el('h2', {}, 'Run ' + id));
    const run = await tryApi('/api/backtest?id=' + encodeURIComponent(id));
    if (run.error) { detail.append(errorBox(run.error)); return; }
    const d = run.data, m = d.measures, bh = d.buy_and_hold.measures;
    detail.append(el('div', { class: 'cards' }, [
      ['return', pct(m.total_return), pct(bh.total_return)], ['Sharpe', num(m.sharpe), num(bh.sharpe)],
      ['max drawdown', pct(m.max_drawdown), pct(bh.max_drawdown)], ['trades', m.trades, bh.trades],
      [`DSR (${d.trials.configurations} trial${d.trials.configurations === 1 ? '' : 's'} on this data)`, num(m.dsr, 3), ''],
      ['PSR (SR > 0)', num(m.psr, 3), num(bh.psr, 3)],
    ].map(([k, v, w]) => el('div', { class: 'card' }, el('div', { class: 'v' }, v), el('div', { class: 'k' }, k + (w !== '' ? ' · buy-and-hold ' + w : ''))))));
    const eq = d.equity.map((x) => ({ time: dayTime(x.date), equity: x.equity, bh: x.buy_and_hold }));
    const box1 = el('div', { class: 'chart small', id: 'equity-chart' });
    detail.append(el('h2', {}, 'Equity vs buy-and-hold'), legend([['#2962ff', d.strategy], ['#f57c00', 'buy-and-hold']]), box1);
    lineChart(box1, [
      { title: d.strategy, data: eq.map((x) => ({ time: x.time, value: x.equity })), options: { color: '#2962ff' } },
      { title: 'buy-and-hold', data: eq.filter((x) => x.bh !== null).map((x) => ({ time: x.time, value: x.bh })), options: { color: '#f57c00' } }]);
    let peak = -Infinity;
    const dd = eq.map((x) => { peak = Math.max(peak, x.equity); return { time: x.time, value: -100 * (1 - x.equity / peak) }; });
    const box2 = el('div', { class: 'chart small' });
    detail.append(el('h2', {}, 'Drawdown (%)'), box2);
    lineChart(box2, [{ type: 'area', title: 'drawdown', data: dd, options: { lineColor: '#c62828', topColor: 'rgba(198,40,40,0.05)', bottomColor: 'rgba(198,40,40,0.35)', invertFilledArea: true } }]);
    detail.append(el('h2', {}, 'Monthly returns'), monthly(d.equity));
    const traded = [...new Set(d.trades.map((t) => t.symbol))].sort();
    detail.append(el('h2', {}, `Trades (the last ${Math.min(100, d.trades.length)} of ${d.trades.length}, latest first)`),
      el('p', { class: 'note', id: 'trade-charts' }, 'Entries and exits on the chart: ',
        ...traded.flatMap((sym, i) => [i ? ', ' : '', el('a', { href: '#/symbol/' + encodeURIComponent(sym) + '?bt=' + encodeURIComponent(id) }, sym)])),
      table([
      { key: 'symbol', label: 'symbol', render: (t) => el('a', { href: '#/symbol/' + encodeURIComponent(t.symbol) + '?bt=' + encodeURIComponent(id), title: 'this run\'s trades on the chart' }, t.symbol) },
      { key: 'entry_date', label: 'entry' }, { key: 'entry_price', label: 'entry price', num: true, render: (t) => num(t.entry_price) },
      { key: 'size', label: 'size', num: true }, { key: 'exit_date', label: 'exit' },
      { key: 'exit_price', label: 'exit price', num: true, render: (t) => num(t.exit_price) },
      { key: 'ret', label: 'return', num: true, sort: (t) => t.exit_price ? t.exit_price / t.entry_price - 1 : null,
        render: (t) => t.exit_price ? pct(t.exit_price / t.entry_price - 1) : 'open' },
      { key: 'exit_reason', label: 'exit reason' },
    ], d.trades.slice(-100).reverse(), { sortable: true, empty: 'no trades' }));
  }

  function monthly(equity) {
    const byMonth = new Map();
    for (const x of equity) byMonth.set(x.date.slice(0, 7), x.equity);  // last equity of each month
    const months = [...byMonth.keys()].sort();
    const ret = new Map();
    for (let i = 1; i < months.length; ++i) ret.set(months[i], byMonth.get(months[i]) / byMonth.get(months[i - 1]) - 1);
    const years = [...new Set(months.map((m) => m.slice(0, 4)))];
    const cell = (r) => {
      if (r === undefined) return el('td', {}, '');
      const a = Math.min(1, Math.abs(r) / 0.08);
      const color = r >= 0 ? `rgba(38,166,154,${a})` : `rgba(239,83,80,${a})`;
      return el('td', { style: 'background:' + color }, (100 * r).toFixed(1));
    };
    return el('table', { class: 'heat', id: 'monthly' },
      el('thead', {}, el('tr', {}, el('th', {}, 'year'), ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => el('th', {}, m)))),
      el('tbody', {}, years.map((y) => el('tr', {}, el('th', {}, y),
        Array.from({ length: 12 }, (_, i) => cell(ret.get(`${y}-${String(i + 1).padStart(2, '0')}`)))))));
  }

  // ---- Paper ----
  async function Paper() {
    main.append(el('h1', {}, 'Paper accounts'));
    const r = await tryApi('/api/paper');
    if (r.error) { main.append(errorBox(r.error)); return; }
    if (!r.data.accounts.length) main.append(el('p', {}, 'No paper accounts: qtrader paper init.'));
    for (const a of r.data.accounts) {
      const s = a.status;
      const section = el('section', { class: 'account' }, el('h2', {}, `${s.account} (${s.config.strategy}: ${s.config.symbols.join(' ')})`));
      main.append(section);
      section.append(el('div', { class: 'cards' }, [
        ['equity', money(s.equity)], ['buy-and-hold since inception', money(s.buy_and_hold_equity)], ['cash', money(s.cash)],
        ['fees', money(s.fees)], ['inception', s.inception], ['last session done', s.last_done], ['sessions', s.sessions],
      ].map(([k, v]) => el('div', { class: 'card' }, el('div', { class: 'v' }, v), el('div', { class: 'k' }, k)))));
      if (a.equity.length > 1) {
        const box = el('div', { class: 'chart small' });
        section.append(el('h2', {}, 'Equity since inception'), box);
        lineChart(box, [{ title: 'equity', data: a.equity.map((x) => ({ time: dayTime(x.date), value: x.equity })), options: { color: '#2962ff' } }]);
      }
      section.append(el('h2', {}, 'Positions'), table([
        { key: 'symbol', label: 'symbol', render: (p) => el('a', { href: '#/symbol/' + encodeURIComponent(p.symbol) }, p.symbol) },
        { key: 'shares', label: 'shares', num: true }, { key: 'entry_day', label: 'since' },
        { key: 'entry_price', label: 'entry', num: true, render: (p) => num(p.entry_price) },
        { key: 'last_close', label: 'last close', num: true, render: (p) => num(p.last_close) },
        { key: 'stop', label: 'stop', num: true, render: (p) => num(p.stop) }, { key: 'target', label: 'target', num: true, render: (p) => num(p.target) },
        { key: 'unrealised', label: 'unrealised', num: true, render: (p) => money(p.unrealised) },
      ], s.positions, { empty: 'no open positions' }));
      section.append(el('h2', {}, 'Orders for the next open ',
        el('a', { href: '/api/paper/orders.csv?account=' + encodeURIComponent(s.account), download: s.account + '-orders.csv', class: 'note' }, '(CSV for the broker)')),
      table([
        { key: 'symbol', label: 'symbol' }, { key: 'side', label: 'side' }, { key: 'quantity', label: 'qty', num: true },
        { key: 'type', label: 'type' }, { key: 'limit', label: 'limit', num: true, render: (o) => num(o.limit) },
        { key: 'stop', label: 'stop', num: true, render: (o) => num(o.stop) }, { key: 'time_in_force', label: 'TIF' },
        { key: 'note', label: 'note' },
      ], s.orders, { empty: 'no orders' }));
      section.append(el('h2', {}, 'Ledger (latest fills first)'), table([
        { key: 'date', label: 'date' }, { key: 'symbol', label: 'symbol' }, { key: 'side', label: 'side' },
        { key: 'quantity', label: 'qty', num: true }, { key: 'price', label: 'price', num: true, render: (f) => num(f.price) },
        { key: 'commission', label: 'commission', num: true, render: (f) => num(f.commission) }, { key: 'reason', label: 'reason' },
      ], a.fills.slice(-200).reverse(), { empty: 'no fills yet' }));
    }
  }

  route();
})();
