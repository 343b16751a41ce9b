#!/usr/bin/env node
/*
 * Splits a golden CSV (date + columns) by columns so that no part exceeds MAX_BYTES.
 *
 *   node tests/testdata/ta/split_columns.js IN.csv OUT_PREFIX MAX_BYTES
 *
 * Writes OUT_PREFIX.csv if IN.csv fits, else OUT_PREFIX.1.csv, OUT_PREFIX.2.csv, ... each
 * holding `date` and a run of consecutive columns (the test loader joins the parts).
 */
'use strict';
const fs = require('fs');

const [inPath, prefix, maxArg] = process.argv.slice(2);
if (!inPath || !prefix || !maxArg) {
  process.stderr.write('usage: split_columns.js IN.csv OUT_PREFIX MAX_BYTES\n');
  process.exit(2);
}
const max = Number(maxArg);
const rows = fs.readFileSync(inPath, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split(','));
const width = rows[0].length - 1;
// Bytes each column adds (cell + comma) over all rows.
const cost = new Array(width).fill(0);
let base = 0;
for (const r of rows) {
  base += r[0].length + 1;
  for (let j = 1; j <= width; j++) cost[j - 1] += r[j].length + 1;
}
const parts = [];
let cur = [];
let size = base;
for (let j = 0; j < width; j++) {
  if (cur.length > 0 && size + cost[j] > max) {
    parts.push(cur);
    cur = [];
    size = base;
  }
  cur.push(j + 1);
  size += cost[j];
}
if (cur.length > 0) parts.push(cur);
parts.forEach((cols, k) => {
  const name = parts.length === 1 ? prefix + '.csv' : prefix + '.' + (k + 1) + '.csv';
  const text = rows.map((r) => [r[0]].concat(cols.map((j) => r[j])).join(',')).join('\n') + '\n';
  fs.writeFileSync(name, text);
  process.stderr.write('split_columns.js: ' + name + ' (' + cols.length + ' columns, ' + text.length + ' bytes)\n');
});
