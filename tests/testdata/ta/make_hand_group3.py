#!/usr/bin/env python3
# Writes the hand-made inputs for group 3 (see tests/testdata/ta/README_group3.md).
# Warm-up bars alternate white/black with bodies of exactly 0.5; `u` sets the shadows
# (range = 0.5 + 2u). "Boundary" instances come first in a file, right after exact warm-up
# bars, so that every running total is exact and a comparison sits exactly on its edge.
import sys, os, datetime
out_dir = sys.argv[1]

def warmup(n, base=100.0, u=0.5):
    bars = []
    for k in range(n):
        if k % 2 == 0:
            bars.append((base, base + 0.5 + u, base - u, base + 0.5))  # white
        else:
            bars.append((base + 0.5, base + 0.5 + u, base - u, base))  # black
    return bars

def write(name, bars):
    d = datetime.date(2024, 1, 2)
    with open(os.path.join(out_dir, f"hand_{name}.csv"), "w") as f:
        f.write("date,open,high,low,close,volume\n")
        for k, (o, h, l, c) in enumerate(bars):
            assert l <= min(o, c) and h >= max(o, c), (name, k)
            while d.weekday() >= 5:
                d += datetime.timedelta(days=1)
            f.write(f"{d.isoformat()},{o:g},{h:g},{l:g},{c:g},{1000000 + 1000 * k}\n")
            d += datetime.timedelta(days=1)

# Bars are (open, high, low, close).
# Mat hold: fires twice; the boundary copy opens candle 5 exactly at candle 4's close (0).
mathold_bull = [(100, 103.1, 99.9, 103), (104.2, 104.3, 103.9, 104.0), (102.9, 103.0, 102.6, 102.7),
                (102.6, 102.7, 102.3, 102.4), (102.5, 105.1, 102.4, 105.0)]
mathold_edge = [(100, 103.25, 99.75, 103), (104.25, 104.5, 103.75, 104.0),
                (102.75, 103.0, 102.5, 102.5), (102.5, 102.75, 102.25, 102.25),
                (102.25, 105.25, 102.25, 105.0)]
# Near misses appended after those: the bullish shape with exactly one rule broken (TA-Lib
# gives 0), in the kernel's order: 1st body not long (a small copy), 2nd, 3rd, 4th body not
# short, 1st black, 5th black, 3rd body's bottom not below the 1st close, 3rd bottom below
# the penetration floor, 3rd body's top reaching the 2nd open.
mathold_near = [
    [(100, 100.5, 99.9, 100.4), (100.8, 100.9, 100.55, 100.6), (100.5, 100.55, 100.25, 100.3),
     (100.45, 100.5, 100.2, 100.25), (100.3, 101.5, 100.25, 101.4)],
    [(100, 103.1, 99.9, 103), (104.8, 104.9, 103.7, 103.8), (102.9, 103.0, 102.6, 102.7),
     (102.6, 102.7, 102.3, 102.4), (102.5, 105.1, 102.4, 105.0)],
    [(100, 103.1, 99.9, 103), (104.2, 104.3, 103.9, 104.0), (104.0, 104.1, 102.0, 102.1),
     (102.6, 102.7, 102.3, 102.4), (102.5, 105.1, 102.4, 105.0)],
    [(100, 103.1, 99.9, 103), (104.2, 104.3, 103.9, 104.0), (102.9, 103.0, 102.6, 102.7),
     (102.85, 102.9, 101.55, 101.6), (102.5, 105.1, 102.4, 105.0)],
    [(103, 103.1, 99.9, 100), (104.2, 104.3, 103.9, 104.0), (99.9, 100.0, 99.6, 99.7),
     (99.6, 99.7, 99.3, 99.4), (99.5, 105.1, 99.4, 105.0)],
    [(100, 103.1, 99.9, 103), (104.2, 104.3, 103.9, 104.0), (102.9, 103.0, 102.6, 102.7),
     (102.6, 102.7, 102.3, 102.4), (105.2, 105.3, 104.4, 104.5)],
    [(100, 103.1, 99.9, 103), (104.2, 104.3, 103.9, 104.0), (103.3, 103.4, 103.0, 103.05),
     (103.0, 103.1, 102.3, 102.4), (102.5, 105.1, 102.4, 105.0)],
    [(100, 103.1, 99.9, 103), (104.2, 104.3, 103.9, 104.0), (101.7, 101.8, 101.3, 101.4),
     (101.65, 101.7, 101.5, 101.55), (101.6, 105.1, 101.5, 105.0)],
    [(100, 103.1, 99.9, 103), (103.5, 103.6, 103.1, 103.2), (103.5, 103.6, 102.8, 102.85),
     (102.9, 103.0, 102.6, 102.7), (102.8, 105.1, 102.7, 105.0)],
]
write("cdlmathold", warmup(15) + mathold_edge + warmup(12) + mathold_bull + warmup(12) +
      mathold_bull + warmup(3) + sum((warmup(12) + m for m in mathold_near), []) + warmup(3))

# Rising and falling three methods; the boundary copy closes candle 5 exactly at candle 1's
# close (0).
rise = [(100, 103.1, 99.9, 103), (102.8, 102.9, 102.5, 102.6), (102.5, 102.6, 102.2, 102.3),
        (102.2, 102.3, 101.9, 102.0), (102.1, 104.1, 102.0, 104.0)]
rise_edge = [(100, 103.25, 99.75, 103), (102.75, 103.0, 102.5, 102.5), (102.5, 102.75, 102.0, 102.25),
             (102.25, 102.5, 101.75, 102.0), (102.25, 103.25, 102.0, 103.0)]
fall = [(103, 103.1, 99.9, 100), (100.2, 100.5, 100.1, 100.4), (100.5, 100.8, 100.4, 100.7),
        (100.8, 101.1, 100.7, 101.0), (100.9, 101.0, 98.9, 99.0)]
# Near misses appended after those (TA-Lib gives 0; each the only rule broken): rising shape
# with a white 2nd candle (and a black 5th); with a white 3rd; with a white 4th; falling shape
# whose 3rd body lies above the 1st high; rising shape whose 3rd body lies below the 1st low;
# rising shape whose 4th body lies below the 1st low.
rf_near = [
    [(100, 103.1, 99.9, 103), (102.4, 102.9, 102.3, 102.8), (102.2, 102.7, 102.1, 102.6),
     (102.0, 102.5, 101.9, 102.4), (105.0, 105.1, 103.1, 103.2)],
    [(100, 103.1, 99.9, 103), (102.8, 102.9, 102.5, 102.6), (102.2, 102.6, 102.1, 102.5),
     (102.0, 102.5, 101.9, 102.4), (105.0, 105.1, 103.1, 103.2)],
    [(100, 103.1, 99.9, 103), (102.8, 102.9, 102.5, 102.6), (102.5, 102.6, 102.2, 102.3),
     (101.9, 102.3, 101.8, 102.2), (105.0, 105.1, 103.1, 103.2)],
    [(103, 103.1, 99.9, 100), (100.2, 100.5, 100.1, 100.4), (103.2, 103.6, 103.15, 103.5),
     (103.05, 103.65, 103.0, 103.55), (103.5, 103.55, 98.9, 99.0)],
    [(100, 103.1, 99.9, 103), (102.8, 102.9, 102.5, 102.6), (99.8, 99.85, 99.45, 99.5),
     (99.95, 100.0, 99.35, 99.4), (99.5, 104.1, 99.4, 104.0)],
    [(100, 103.1, 99.9, 103), (102.8, 102.9, 102.5, 102.6), (102.5, 102.6, 102.2, 102.3),
     (99.8, 99.85, 99.45, 99.5), (99.6, 104.1, 99.5, 104.0)],
]
write("cdlrisefall3methods", warmup(15) + rise_edge + warmup(12) + rise + warmup(12) + fall +
      warmup(3) + sum((warmup(12) + m for m in rf_near), []) + warmup(3))

# Upside gap two crows; the boundary copy's second body equals the BodyShort average
# exactly (0.75 <= 0.75: fires).
crows = [(100, 103.1, 99.9, 103), (104.0, 104.1, 103.7, 103.8), (104.3, 104.4, 103.2, 103.3)]
crows_edge = [(100, 103.25, 99.75, 103), (104.75, 105.0, 103.75, 104.0), (105.0, 105.25, 103.25, 103.5)]
write("cdlupsidegap2crows", warmup(15) + crows_edge + warmup(12) + crows + warmup(12) + crows +
      warmup(3))

# Stick sandwich; the boundary copy (after warm-up bars of range 2.5, Equal = 0.125) closes
# candle 3 exactly Equal above candle 1's close (fires).
sandwich = [(101, 101.1, 99.9, 100), (100.3, 101.3, 100.2, 101.2), (101.5, 101.6, 99.9, 100.0)]
sandwich_edge = [(101, 101.25, 99.75, 100), (100.25, 101.5, 100.25, 101.25),
                 (101.5, 101.75, 100.0, 100.125)]
write("cdlsticksandwich", warmup(15, u=1.0) + sandwich_edge + warmup(12) + sandwich + warmup(12) +
      sandwich + warmup(3))

# Tristar, bearish and bullish; the boundary copy (after warm-up bars of range 2.5, doji
# threshold 0.25) has three bodies of exactly 0.25 (fires).
tri_bear = [(100, 100.7, 99.4, 100.05), (101, 101.7, 100.4, 101.05), (100.5, 101.2, 99.9, 100.55)]
tri_bull = [(100, 100.7, 99.4, 100.05), (99, 99.7, 98.4, 99.05), (99.5, 100.2, 98.9, 99.55)]
tri_edge = [(100, 101.0, 99.25, 100.25), (101, 102.0, 100.5, 101.25), (100.5, 101.5, 99.75, 100.75)]
write("cdltristar", warmup(15, u=1.0) + tri_edge + warmup(12) + tri_bear + warmup(12) + tri_bull +
      warmup(3))

# Morning star; the boundary copy's star body equals the BodyShort average (0.75: fires).
mstar_edge = [(103, 103.25, 99.75, 100), (99.75, 100.0, 98.75, 99.0), (99.5, 101.75, 99.25, 101.5)]
mstar = [(103, 103.1, 99.9, 100), (99.6, 99.8, 99.2, 99.4), (99.5, 101.6, 99.4, 101.5)]
write("cdlmorningstar", warmup(15) + mstar_edge + warmup(12) + mstar + warmup(3))

# Morning doji star; in the boundary copy candle 3's body equals the BodyShort average
# (0.75 > 0.75 fails: 0); the next copy has a body of 1 (fires).
mdoji_edge = [(103.5, 103.75, 99.75, 100), (99.5, 99.75, 99.25, 99.5), (100.5, 101.5, 100.25, 101.25)]
mdoji = [(103.5, 103.75, 99.75, 100), (99.5, 99.75, 99.25, 99.5), (100.25, 101.5, 100.0, 101.25)]
# Near miss appended (TA-Lib gives 0): the same with a black 3rd candle that still closes
# above the penetration level, the only rule broken.
mdoji_black3 = [(103.5, 103.75, 99.75, 100), (99.5, 99.75, 99.25, 99.5), (102.5, 102.75, 101.25, 101.5)]
write("cdlmorningdojistar", warmup(15) + mdoji_edge + warmup(12) + mdoji + warmup(3) +
      warmup(12) + mdoji_black3 + warmup(3))

# Shooting star after a black candle; the boundary copy's body equals the BodyShort average
# (0.5 < 0.5 fails: 0); the next copy has a body of 0.25 (fires).
write("cdlshootingstar", warmup(16) + [(101, 103, 101, 101.5)] + warmup(12) +
      [(101, 103, 101, 101.25)] + warmup(3))

# Matching low after warm-up bars of range 2.5 (Equal = 0.125): second close exactly Equal
# above, then exactly Equal below the first close (both fire).
ml_up = [(100.5, 101.5, 99, 100), (100.875, 101.5, 99, 100.125)]
ml_down = [(100.5, 101.5, 99, 100), (100.875, 101.5, 99, 99.875)]
write("cdlmatchinglow", warmup(15, u=1.0) + ml_up + warmup(12, u=1.0) + ml_down + warmup(3, u=1.0))

# Stalled pattern after ten wide near-doji bars (body 0.1, range 4), so that the Near average
# (HighLow) exceeds the BodyLong one (RealBody): fires once; then the same idea with a black
# 1st candle, and with a black 2nd candle, each the only rule broken (0). Only where Near >
# BodyLong can a black candle meet "2nd opens above the 1st open and within Near of its close".
wide = [(100, 102, 98, 100.1), (100.1, 102, 98, 100)] * 5
stalled = [(100.0, 100.55, 99.8, 100.5), (100.4, 101.05, 100.3, 101.0), (101.05, 101.3, 101.0, 101.15)]
stalled_black1 = [(100.5, 100.55, 99.8, 100.0), (100.6, 101.25, 100.5, 101.2), (101.25, 101.5, 101.2, 101.35)]
stalled_black2 = [(100.0, 100.55, 99.8, 100.5), (101.2, 101.25, 100.5, 100.9), (100.95, 101.1, 100.9, 101.05)]
write("cdlstalledpattern", warmup(5) + wide + stalled + warmup(12) + wide + stalled_black1 +
      warmup(12) + wide + stalled_black2 + warmup(3))

# On-neck: fires once (a white 2nd candle opening below the 1st low and closing at it); then
# a tiny black 2nd candle opening below the 1st low and closing within Equal of it, which only
# the colour rule rejects (0).
onneck = [(104, 104.1, 99.9, 100), (99.0, 99.9, 98.9, 99.9)]
onneck_black2 = [(104, 104.1, 99.9, 100), (99.89, 99.9, 99.85, 99.86)]
write("cdlonneck", warmup(15) + onneck + warmup(12) + onneck_black2 + warmup(3))
