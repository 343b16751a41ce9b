#!/usr/bin/python3
"""The plain-Python reference loop of tests/testdata/sma_cross/README.md over the same 45
daily files: SMA(10)/SMA(30) with math.fsum, next-open fills, 0.1% commission, one account
per symbol. Prints bars, trades and bar-steps per second (parsing excluded, as in the C++
benchmark). Run beside bench_backtest_bench: bench/backtest_vs_python.sh."""
import csv, glob, math, os, sys, time

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "daily")
series = []
for path in sorted(glob.glob(os.path.join(root, "*.csv"))):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    series.append(([float(r["open"]) for r in rows], [float(r["close"]) for r in rows]))

def run(opens, closes):
    cash, size, trades = 10000.0, 0, 0
    prev = None
    for t in range(len(closes)):
        if t < 29:
            continue
        d = math.fsum(closes[t - 9:t + 1]) / 10 - math.fsum(closes[t - 29:t + 1]) / 30
        if prev is not None and t + 1 < len(closes):
            o = opens[t + 1]
            if size == 0 and prev <= 0 < d:
                size = math.floor(cash / (o * 1.001))
                cash -= size * o + size * o * 0.001
                trades += 1
            elif size > 0 and prev >= 0 > d:
                cash += size * o - size * o * 0.001
                size = 0
        prev = d
    return cash + size * closes[-1], trades

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
bars = sum(len(c) for _, c in series)
for _ in range(rounds):
    start = time.perf_counter()
    trades = sum(run(o, c)[1] for o, c in series)
    elapsed = time.perf_counter() - start
    print(f"python: {bars} bars, {trades} entries, {elapsed * 1000:.0f} ms, {bars / elapsed / 1e6:.2f}M bar-steps/s")
