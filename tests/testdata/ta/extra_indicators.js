#!/usr/bin/env node
/*
 * Golden columns for the indicators (and parameter variants) that the oracle's 85-column
 * table does not cover. Same TA-Lib as the oracle: the npm `talib` module it installs.
 *
 *   NODE_PATH=/tmp/oracle-ta/node_modules node tests/testdata/ta/extra_indicators.js \
 *       --set base|variants IN.csv OUT.csv
 *
 * --set base      the indicators of the ta module that the oracle lacks, TA-Lib defaults
 * --set variants  other MA types and non-default parameters of several indicators
 *
 * IN.csv needs date,open,high,low,close,volume (case-insensitive; other columns ignored).
 * OUT.csv: date + one column per entry of COLUMNS below; a cell is empty where TA-Lib leaves
 * the value undefined (index < outBegIdx); reals are written with 17 significant digits.
 * Every TA-Lib call uses startIdx = 0, endIdx = n - 1 and default global settings.
 */
'use strict';

const fs = require('fs');
const talib = require('talib');

// MA type codes (TA_MAType): 0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA.
// [function, optional inputs, {TA-Lib output name: column}]
const BASE = [
  ['WMA', { optInTimePeriod: 30 }, { outReal: 'WMA' }],
  ['DEMA', { optInTimePeriod: 30 }, { outReal: 'DEMA' }],
  ['TEMA', { optInTimePeriod: 30 }, { outReal: 'TEMA' }],
  ['ADXR', { optInTimePeriod: 14 }, { outReal: 'ADXR' }],
  ['AD', {}, { outReal: 'AD' }],
  ['ADOSC', { optInFastPeriod: 3, optInSlowPeriod: 10 }, { outReal: 'ADOSC' }],
  ['STOCHF', { optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0 },
    { outFastK: 'STOCHF_fastk', outFastD: 'STOCHF_fastd' }],
  ['STOCHRSI', { optInTimePeriod: 14, optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0 },
    { outFastK: 'STOCHRSI_fastk', outFastD: 'STOCHRSI_fastd' }],
  ['AROON', { optInTimePeriod: 14 }, { outAroonDown: 'AROON_down', outAroonUp: 'AROON_up' }],
  ['PPO', { optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: 0 }, { outReal: 'PPO' }],
  ['ULTOSC', { optInTimePeriod1: 7, optInTimePeriod2: 14, optInTimePeriod3: 28 }, { outReal: 'ULTOSC' }],
  ['BOP', {}, { outReal: 'BOP' }],
  ['STDDEV', { optInTimePeriod: 5, optInNbDev: 1 }, { outReal: 'STDDEV' }],
];
const VARIANTS = [
  ['STDDEV', { optInTimePeriod: 20, optInNbDev: 2 }, { outReal: 'STDDEV_20_2' }],
  ['BBANDS', { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 1.5, optInMAType: 1 },
    { outRealUpperBand: 'BBANDS_EMA_upper', outRealMiddleBand: 'BBANDS_EMA_middle', outRealLowerBand: 'BBANDS_EMA_lower' }],
  ['BBANDS', { optInTimePeriod: 10, optInNbDevUp: 1, optInNbDevDn: 3, optInMAType: 4 },
    { outRealUpperBand: 'BBANDS_TEMA_upper', outRealMiddleBand: 'BBANDS_TEMA_middle', outRealLowerBand: 'BBANDS_TEMA_lower' }],
  ['STOCH', { optInFastK_Period: 14, optInSlowK_Period: 3, optInSlowK_MAType: 1, optInSlowD_Period: 4, optInSlowD_MAType: 2 },
    { outSlowK: 'STOCH_EMA_WMA_slowk', outSlowD: 'STOCH_EMA_WMA_slowd' }],
  ['STOCH', { optInFastK_Period: 5, optInSlowK_Period: 1, optInSlowK_MAType: 0, optInSlowD_Period: 5, optInSlowD_MAType: 3 },
    { outSlowK: 'STOCH_1_DEMA_slowk', outSlowD: 'STOCH_1_DEMA_slowd' }],
  ['STOCHRSI', { optInTimePeriod: 14, optInFastK_Period: 14, optInFastD_Period: 3, optInFastD_MAType: 1 },
    { outFastK: 'STOCHRSI_EMA_fastk', outFastD: 'STOCHRSI_EMA_fastd' }],
  ['PPO', { optInFastPeriod: 26, optInSlowPeriod: 12, optInMAType: 1 }, { outReal: 'PPO_EMA' }],
  ['MACD', { optInFastPeriod: 5, optInSlowPeriod: 35, optInSignalPeriod: 5 },
    { outMACD: 'MACD_5_35_5_macd', outMACDSignal: 'MACD_5_35_5_signal', outMACDHist: 'MACD_5_35_5_hist' }],
  ['RSI', { optInTimePeriod: 2 }, { outReal: 'RSI_2' }],
  ['ATR', { optInTimePeriod: 1 }, { outReal: 'ATR_1' }],
  ['NATR', { optInTimePeriod: 5 }, { outReal: 'NATR_5' }],
  ['PLUS_DI', { optInTimePeriod: 1 }, { outReal: 'PLUS_DI_1' }],
  ['MINUS_DI', { optInTimePeriod: 1 }, { outReal: 'MINUS_DI_1' }],
  ['ADX', { optInTimePeriod: 5 }, { outReal: 'ADX_5' }],
  ['ULTOSC', { optInTimePeriod1: 20, optInTimePeriod2: 3, optInTimePeriod3: 9 }, { outReal: 'ULTOSC_20_3_9' }],
  ['ADOSC', { optInFastPeriod: 12, optInSlowPeriod: 5 }, { outReal: 'ADOSC_12_5' }],
  ['EMA', { optInTimePeriod: 2 }, { outReal: 'EMA_2' }],
];

function die(msg) { process.stderr.write('extra_indicators.js: ' + msg + '\n'); process.exit(2); }

function fmt17(x) {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let s = x.toPrecision(17);
  let exp = '';
  const e = s.indexOf('e');
  if (e >= 0) { exp = s.slice(e); s = s.slice(0, e); }
  if (s.indexOf('.') >= 0) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s + exp;
}

function main() {
  const args = process.argv.slice(2);
  if (args.length !== 4 || args[0] !== '--set' || !['base', 'variants'].includes(args[1])) {
    die('usage: extra_indicators.js --set base|variants INPUT.csv OUTPUT.csv');
  }
  const COLUMNS = args[1] === 'base' ? BASE : VARIANTS;
  const [inPath, outPath] = args.slice(2);
  const lines = fs.readFileSync(inPath, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const col = {};
  for (const k of ['date', 'open', 'high', 'low', 'close', 'volume']) {
    col[k] = header.indexOf(k);
    if (col[k] < 0) die(inPath + ': no column ' + k);
  }
  const n = lines.length - 1;
  const dates = [];
  const s = { open: [], high: [], low: [], close: [], volume: [] };
  for (let r = 1; r <= n; r++) {
    const f = lines[r].split(',');
    dates.push(f[col.date].trim());
    for (const k of Object.keys(s)) {
      const v = Number(f[col[k]]);
      if (!Number.isFinite(v)) die(inPath + ': row ' + (r + 1) + ' ' + k + ' is not a number');
      s[k].push(v);
    }
  }
  const out = [];
  for (const [fn, params, outputs] of COLUMNS) {
    const info = talib.explain(fn);
    const p = Object.assign({ name: fn, startIdx: 0, endIdx: n - 1 }, params);
    for (const inp of info.inputs) {
      if (inp.type === 'price') Object.assign(p, s);
      else p[inp.name] = s.close;
    }
    const res = talib.execute(p);
    if (!res || res.error) die(fn + ': ' + JSON.stringify(res && res.error));
    for (const [taName, name] of Object.entries(outputs)) {
      const arr = res.result[taName];
      if (!arr) die(fn + ': no output ' + taName);
      const cells = new Array(n).fill('');
      for (let i = 0; i < res.nbElement; i++) {
        if (Number.isFinite(arr[i])) cells[res.begIndex + i] = fmt17(arr[i]);
      }
      out.push([name, cells]);
    }
  }
  const rows = [['date'].concat(out.map((c) => c[0])).join(',')];
  for (let r = 0; r < n; r++) rows.push([dates[r]].concat(out.map((c) => c[1][r])).join(','));
  fs.writeFileSync(outPath, rows.join('\n') + '\n');
  process.stderr.write('extra_indicators.js: ' + n + ' rows x ' + out.length + ' columns -> ' + outPath + '\n');
}

main();
