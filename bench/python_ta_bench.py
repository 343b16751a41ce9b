"""qtrader.ta from Python beside the same work in C++ and beside pandas/numpy (docs/python.md).

    PYTHONPATH=build/release/python /usr/bin/python3 bench/python_ta_bench.py \
        [--rounds 7] [--cpp build/release/bin/bench_ta45_bench]

Each round runs, one after the other (the machines are shared: medians of alternating rounds,
never one run):
  * per-call overhead on short arrays: RSI(14) of 16 closes through the raw binding
    (qtrader._core.ta_RSI), through qtrader.ta.RSI (numpy in, numpy out) and with a pandas
    Series in and out; beside the C++ call alone (bench_ta45_bench's rsi_short);
  * the 45 bundled daily files, loaded into pandas DataFrames before timing: RSI(14),
    MACD(12, 26, 9) and BBANDS(20, 2, 2) of every close through qtrader.ta (Series in and
    out), the same three in pandas/numpy (ewm and rolling; RSI with Wilder's smoothing,
    ewm(alpha=1/14, adjust=False); not seeded as TA-Lib, so the numbers differ in the warm-up),
    and the 85-column `qtrader ta` table of every file (qtrader.ta.table);
  * bench_ta45_bench (the C++ side: the same three indicators and the same table over the same
    files, read before timing).
Prints every round, then the medians and the ratios.
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import time
import timeit

import numpy as np
import pandas as pd

import qtrader
import qtrader.ta as talib

REPO = pathlib.Path(__file__).resolve().parents[1]


def load_all():
    files = sorted((REPO / "data" / "daily").glob("*.csv"))
    return [pd.read_csv(f, index_col="date", parse_dates=["date"]) for f in files]


def per_call_us(fn, number):
    best = min(timeit.repeat(fn, number=number, repeat=5))
    return best / number * 1e6


def qtrader_three(frames):
    for df in frames:
        close = df["close"]
        talib.RSI(close, timeperiod=14)
        talib.MACD(close, fastperiod=12, slowperiod=26, signalperiod=9)
        talib.BBANDS(close, timeperiod=20, nbdevup=2, nbdevdn=2)


def pandas_three(frames):
    for df in frames:
        close = df["close"]
        delta = close.diff()
        gain = delta.clip(lower=0).ewm(alpha=1 / 14, adjust=False).mean()
        loss = (-delta.clip(upper=0)).ewm(alpha=1 / 14, adjust=False).mean()
        rsi = 100 - 100 / (1 + gain / loss)
        macd = close.ewm(span=12, adjust=False).mean() - close.ewm(span=26, adjust=False).mean()
        signal = macd.ewm(span=9, adjust=False).mean()
        hist = macd - signal
        mid = close.rolling(20).mean()
        sd = close.rolling(20).std(ddof=0)
        upper, lower = mid + 2 * sd, mid - 2 * sd
        _ = (rsi, hist, upper, lower)


def qtrader_table(frames):
    for df in frames:
        talib.table(df)


def timed_ms(fn, frames, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(frames)
        best = min(best, time.perf_counter() - t0)
    return best * 1e3


def cpp_round(binary):
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_min_time=0.3"], capture_output=True,
                         text=True, check=True).stdout
    times = {}
    for b in json.loads(out)["benchmarks"]:
        unit = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9}[b["time_unit"]]
        times[b["name"].removeprefix("BM_")] = b["real_time"] * unit
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cpp", default=str(REPO / "build" / "release" / "bin" / "bench_ta45_bench"))
    args = parser.parse_args()
    frames = load_all()
    bars = sum(len(f) for f in frames)
    print(f"{len(frames)} files, {bars} bars; qtrader {qtrader.__version__} ({qtrader._core.git_commit})")
    short = frames[0]["close"].to_numpy()[:16].copy()
    short_series = frames[0]["close"].iloc[:16]
    rows = []
    for r in range(1, args.rounds + 1):
        row = {
            "core_us": per_call_us(lambda: qtrader._core.ta_RSI(short, 14), 20000),
            "numpy_us": per_call_us(lambda: talib.RSI(short), 20000),
            "series_us": per_call_us(lambda: talib.RSI(short_series), 5000),
            "qtrader3_ms": timed_ms(qtrader_three, frames),
            "pandas3_ms": timed_ms(pandas_three, frames),
            "table_ms": timed_ms(qtrader_table, frames),
        }
        cpp = cpp_round(args.cpp)
        row["cpp3_ms"] = cpp["rsi_macd_bbands"] * 1e3
        row["cpptable_ms"] = cpp["table85"] * 1e3
        row["cppshort_us"] = cpp["rsi_short"] * 1e6
        rows.append(row)
        print(f"round {r}: " + "  ".join(f"{k} {v:.3f}" for k, v in row.items()), flush=True)
    med = {k: statistics.median(row[k] for row in rows) for k in rows[0]}
    print("\nmedians of", args.rounds, "rounds:")
    print(f"  RSI(14) of 16 closes, per call: C++ {med['cppshort_us']:.3f} us; raw binding {med['core_us']:.3f} us; "
          f"qtrader.ta numpy {med['numpy_us']:.3f} us; pandas Series {med['series_us']:.3f} us")
    print(f"    binding overhead ~{med['core_us'] - med['cppshort_us']:.3f} us, wrapper +{med['numpy_us'] - med['core_us']:.3f} us,"
          f" Series +{med['series_us'] - med['numpy_us']:.3f} us")
    print(f"  RSI+MACD+BBANDS over {len(frames)} files: C++ {med['cpp3_ms']:.2f} ms; qtrader.ta (pandas Series) "
          f"{med['qtrader3_ms']:.2f} ms ({med['qtrader3_ms'] / med['cpp3_ms']:.2f}x C++); pandas/numpy "
          f"{med['pandas3_ms']:.2f} ms ({med['pandas3_ms'] / med['qtrader3_ms']:.2f}x qtrader.ta)")
    print(f"  85-column table over {len(frames)} files: C++ {med['cpptable_ms']:.2f} ms; qtrader.ta.table "
          f"{med['table_ms']:.2f} ms ({med['table_ms'] / med['cpptable_ms']:.2f}x C++)")


if __name__ == "__main__":
    main()
