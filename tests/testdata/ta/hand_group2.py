#!/usr/bin/env python3
"""Writes the hand-made bar sets of the group-2 candlestick patterns (rare in real data).

Each set is ~12 quiet warm-up bars (alternating small white/black candles around 100), then
one or more pattern occurrences separated by quiet bars. Which bars fire is decided by the
TA-Lib oracle, not here: see README_group2.md for the commands that made the golden files.

usage: python3 hand_group2.py OUTPUT_DIR
"""
import datetime
import os
import sys


def quiet(n, level=100.0):
    """n small candles: body 1, shadows 0.5, alternating colors, around `level`."""
    bars = []
    for k in range(n):
        if k % 2 == 0:
            o, c = level - 0.5, level + 0.5
        else:
            o, c = level + 0.5, level - 0.5
        bars.append((o, max(o, c) + 0.5, min(o, c) - 0.5, c))
    return bars


def bar(o, h, l, c):
    return (o, h, l, c)


def write(path, bars):
    day = datetime.date(2024, 1, 1)
    with open(path, "w") as f:
        f.write("date,open,high,low,close,volume\n")
        for k, (o, h, l, c) in enumerate(bars):
            assert l <= min(o, c) and h >= max(o, c), (path, k)
            d = day + datetime.timedelta(days=k)
            f.write(f"{d.isoformat()},{o:.2f},{h:.2f},{l:.2f},{c:.2f},{100000 + 1000 * k}\n")


def kicking():
    b = quiet(12)
    # bullish: black marubozu, then a white marubozu whose low is above the black one's high
    b += [bar(100.0, 100.05, 96.95, 97.0), bar(101.0, 104.05, 100.95, 104.0)]
    b += quiet(12, 104.0)
    # bearish: white marubozu, then a black marubozu whose high is below the white one's low
    b += [bar(104.0, 107.05, 103.95, 107.0), bar(103.0, 103.05, 99.95, 100.0)]
    b += quiet(6, 100.0)
    b += kicking_near_misses()
    return b


def kicking_near_misses():
    """Kicking shapes with one rule broken each (TA-Lib gives 0 for both kicking patterns)."""
    b = []
    for pair in (
        # 1st marubozu with a lower shadow; 2nd with an upper shadow
        [bar(100.0, 100.05, 96.5, 97.0), bar(101.0, 104.05, 100.95, 104.0)],
        [bar(100.0, 100.05, 96.95, 97.0), bar(101.0, 104.5, 100.95, 104.0)],
        # white then black gapping up; black then white gapping down (gap on the wrong side)
        [bar(97.0, 100.05, 96.95, 100.0), bar(104.0, 104.05, 100.95, 101.0)],
        [bar(107.0, 107.05, 103.95, 104.0), bar(100.0, 103.05, 99.95, 103.0)],
        # two black marubozu, the 2nd gapping up (same colour)
        [bar(100.0, 100.05, 96.95, 97.0), bar(104.0, 104.05, 100.95, 101.0)],
    ):
        b += quiet(12, 100.0) + pair
    b += quiet(6, 100.0)
    return b


def kickingbylength():
    b = quiet(12)
    # black 3 then longer white 4, gap up: the longer one is white -> bullish
    b += [bar(100.0, 100.05, 96.95, 97.0), bar(101.0, 105.05, 100.95, 105.0)]
    b += quiet(12, 105.0)
    # white 3 then longer black 4, gap down: bearish
    b += [bar(105.0, 108.05, 104.95, 108.0), bar(104.0, 104.05, 99.95, 100.0)]
    b += quiet(12, 100.0)
    # black 4 then shorter white 3, gap up: the longer one is black -> bearish
    b += [bar(100.0, 100.05, 95.95, 96.0), bar(101.0, 104.05, 100.95, 104.0)]
    b += quiet(6, 104.0)
    b += kicking_near_misses()
    return b


def identical3crows():
    b = quiet(12, 104.0)
    # three black candles, each opening at the previous close, tiny lower shadows
    b += [bar(104.0, 104.3, 101.98, 102.0), bar(102.0, 102.2, 99.98, 100.0),
          bar(100.0, 100.2, 97.98, 98.0)]
    b += quiet(12, 98.0)
    # again, with opens a hair away from the prior close (inside the Equal band)
    b += [bar(98.0, 98.2, 95.99, 96.0), bar(96.02, 96.1, 93.99, 94.0),
          bar(93.99, 94.1, 91.99, 92.0)]
    b += quiet(6, 92.0)
    # near misses, one rule broken each (TA-Lib gives 0): a tiny white 2nd candle; a tiny
    # white 3rd; a tiny black 2nd closing above the 1st close; a tiny black 3rd closing above
    # the 2nd close (each opening within the Equal band of the prior close)
    for crows in (
        [bar(104.0, 104.3, 101.98, 102.0), bar(101.95, 102.0, 101.94, 101.98),
         bar(101.98, 102.0, 99.98, 100.0)],
        [bar(104.0, 104.3, 101.98, 102.0), bar(102.0, 102.2, 99.98, 100.0),
         bar(99.95, 100.0, 99.94, 99.98)],
        [bar(104.0, 104.3, 101.98, 102.0), bar(102.05, 102.1, 102.0, 102.02),
         bar(102.02, 102.1, 99.98, 100.0)],
        [bar(104.0, 104.3, 101.98, 102.0), bar(102.0, 102.2, 99.98, 100.0),
         bar(100.05, 100.1, 100.0, 100.02)],
    ):
        b += quiet(12, 104.0) + crows
    b += quiet(6, 100.0)
    return b


def hikkakemod():
    b = quiet(12)
    # bullish: two nested inside bars, the first closing near its low; breakdown bar; then a
    # close above the second inside bar's high within three bars (+200)
    b += [bar(100.0, 104.0, 96.0, 101.0), bar(102.0, 103.0, 97.0, 97.2),
          bar(99.0, 102.0, 98.0, 100.0), bar(100.0, 101.5, 97.5, 98.0),
          bar(99.0, 103.0, 98.5, 102.5)]
    b += quiet(12, 102.0)
    # bearish: the first inside bar closes near its high; breakout bar; then a close below the
    # second inside bar's low (-200)
    b += [bar(102.0, 106.0, 98.0, 101.0), bar(100.0, 105.0, 99.0, 104.8),
          bar(103.0, 104.0, 100.0, 102.0), bar(102.0, 104.5, 100.5, 104.0),
          bar(103.0, 103.5, 99.0, 99.5)]
    b += quiet(12, 100.0)
    # bullish setup that is never confirmed (+100 only)
    b += [bar(100.0, 104.0, 96.0, 101.0), bar(102.0, 103.0, 97.0, 97.2),
          bar(99.0, 102.0, 98.0, 100.0), bar(100.0, 101.5, 97.5, 98.0),
          bar(98.0, 99.0, 97.0, 98.5), bar(98.5, 99.0, 97.5, 98.0)]
    b += quiet(6, 98.0)
    # near miss (TA-Lib gives 0): the bearish setup's last bar is a third nested inside bar
    # (higher low but lower high), so neither breakout direction holds
    b += quiet(12, 102.0)
    b += [bar(102.0, 106.0, 98.0, 101.0), bar(100.0, 105.0, 99.0, 104.8),
          bar(103.0, 104.0, 100.0, 102.0), bar(102.0, 103.8, 100.5, 103.0)]
    b += quiet(6, 100.0)
    return b


def gapsidesidewhite():
    b = quiet(12)
    # upside gap: a candle, then two similar white candles opening alike above its body
    b += [bar(99.5, 100.8, 99.3, 100.5), bar(101.5, 102.8, 101.3, 102.5),
          bar(101.52, 102.9, 101.4, 102.55)]
    b += quiet(12, 102.0)
    # downside gap: a candle, then two similar white candles opening alike below its body
    b += [bar(102.5, 102.7, 101.3, 101.5), bar(99.5, 100.7, 99.3, 100.5),
          bar(99.48, 100.6, 99.4, 100.45)]
    b += quiet(6, 100.0)
    return b


def inneck():
    b = quiet(12, 104.0)
    # long black candle, then a white one opening below its low and closing just at its close
    b += [bar(104.0, 104.3, 99.8, 100.0), bar(99.0, 100.1, 98.8, 100.02)]
    b += quiet(12, 100.0)
    b += [bar(100.0, 100.2, 96.9, 97.0), bar(96.5, 97.1, 96.3, 97.0)]
    b += quiet(6, 97.0)
    return b


def ladderbottom():
    b = quiet(12, 106.0)
    # three black candles with lower opens and closes, a black one with an upper shadow, then a
    # white candle opening above its open and closing above its high
    b += [bar(106.0, 106.2, 103.8, 104.0), bar(104.5, 104.7, 102.3, 102.5),
          bar(103.0, 103.2, 100.8, 101.0), bar(101.0, 102.5, 99.8, 100.0),
          bar(101.2, 103.5, 101.0, 103.2)]
    b += quiet(6, 103.0)
    return b


CASES = {
    "kicking": kicking,
    "kickingbylength": kickingbylength,
    "identical3crows": identical3crows,
    "hikkakemod": hikkakemod,
    "gapsidesidewhite": gapsidesidewhite,
    "inneck": inneck,
    "ladderbottom": ladderbottom,
}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    for name, make in CASES.items():
        write(os.path.join(out, f"hand_{name}.csv"), make())
