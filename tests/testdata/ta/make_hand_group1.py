#!/usr/bin/env python3
# Usage: python3 tests/testdata/ta/make_hand_group1.py tests/testdata/ta/inputs
# Writes the hand-made group-1 pattern inputs (date,open,high,low,close,volume): quiet
# warm-up candles (body 1, range 2, around 100) so the candle averages are known, then
# each direction of the pattern, separated by more warm-up.
import datetime, sys, os

def warm(k):
    out = []
    for j in range(k):
        if j % 2 == 0: out.append((100.0, 101.5, 99.5, 101.0))
        else:          out.append((101.0, 101.5, 99.5, 100.0))
    return out

P = {
 '2crows': [[(100,104.2,99.9,104), (106,106.2,104.9,105), (105.5,105.6,101.9,102)]],
 '3blackcrows': [[(100,103.5,99.8,103), (103,103.3,101,101), (102.5,102.6,99.5,99.5), (101,101.1,97,97)],
   # near misses, each failing one rule that no other case decides (TA-Lib gives 0):
   # the 2nd crow opens above the 1st crow's open
   [(100,103.5,99.8,103), (103,103.3,101,101), (103.1,103.2,99.5,99.5), (101,101.1,97,97)],
   # the 3rd crow opens above the 2nd crow's open
   [(100,103.5,99.8,103), (103,103.3,101,101), (102.5,102.6,99.5,99.5), (102.6,102.7,97,97)],
   # the 1st crow closes at the white candle's high (not below it)
   [(100,101,99.8,101), (103,103.3,101,101), (102.5,102.6,99.5,99.5), (101,101.1,97,97)]],
 '3linestrike': [
   [(100,101.6,99.9,101.5), (101.2,102.9,101.1,102.8), (102.5,104.1,102.4,104), (104.5,104.6,99.4,99.5)],
   [(101,101.1,99.4,99.5), (99.8,99.9,98.1,98.2), (98.5,98.6,96.9,97), (96.5,101.6,96.4,101.5)]],
 '3starsinsouth': [[(102,102.1,95.5,99), (100.5,100.6,97.5,99.2), (99.0,99.02,98.48,98.5)],
   # near misses: the shape above with exactly one rule broken (TA-Lib gives 0), in rule order
   [(99,102.1,95.5,102), (102.05,102.08,99.5,100.5), (100.3,100.31,99.79,99.8)],  # 1st white
   [(102,102.1,95.5,99), (99.2,100.6,97.5,100.5), (99.0,99.02,98.48,98.5)],  # 2nd white
   [(102,102.1,95.5,99), (100.5,100.6,97.5,99.2), (98.5,99.02,98.48,99.0)],  # 3rd white
   [(99.9,100.0,95.5,99.0), (99.8,99.85,97.5,99.2), (99.0,99.02,98.68,98.7)],  # 1st body not long
   [(102,102.1,96,99), (100.5,100.6,97.5,99.2), (99.0,99.02,98.48,98.5)],  # 1st lower shadow = body
   [(102,102.1,95.5,99), (101.0,101.1,97.5,98.0), (99.0,99.02,98.48,98.5)],  # 2nd body = 1st
   [(102,102.1,95.5,99), (99.0,100.6,97.5,98.2), (99.0,99.02,98.48,98.5)],  # 2nd opens at 1st close
   [(102,102.1,95.5,99), (102.2,102.3,97.5,99.5), (99.0,99.02,98.48,98.5)],  # 2nd opens above 1st high
   [(102,102.1,95.5,99), (100.5,100.6,99.0,99.6), (99.8,99.82,99.28,99.3)],  # 2nd low = 1st close
   [(102,102.1,95.5,99), (100.5,100.6,95.4,99.2), (99.0,99.02,98.48,98.5)],  # 2nd low below 1st low
   [(102,102.1,95.5,99), (100.5,100.6,98.9,98.9), (99.5,99.52,98.98,99.0)],  # 2nd has no lower shadow
   [(102,102.1,95.5,99), (100.5,100.6,97.5,99.2), (100.0,100.02,98.48,98.5)],  # 3rd body not short
   [(102,102.1,95.5,99), (100.5,100.6,97.5,99.2), (99.0,99.02,98.0,98.5)],  # 3rd lower shadow
   [(102,102.1,95.5,99), (100.5,100.6,97.5,99.2), (99.0,99.5,98.48,98.5)],  # 3rd upper shadow
   [(102,102.1,95.5,99), (100.5,100.6,97.5,99.2), (98.0,98.02,97.48,97.5)],  # 3rd low below 2nd's
   [(102,102.1,95.5,99), (100.5,100.6,97.5,99.2), (100.6,100.62,100.08,100.1)]],  # 3rd high above 2nd's
 '3whitesoldiers': [[(100,101.55,99.8,101.5), (101.3,102.95,101.2,102.9), (102.7,104.35,102.6,104.3)],
   # a wide bar leaves the Far window between candles 2 and 3, so "3rd not far shorter than
   # 2nd" holds only with the Far average taken before candle 2, as TA-Lib takes it
   [(100,104,98,101), (101,101.5,99.5,100), (100,101.5,99.5,101), (101,101.5,99.5,100),
    (100,101.65,99.9,101.6), (101.4,104.45,101.35,104.4), (104.2,105.75,104.1,105.7)],
   # near misses (TA-Lib gives 0): the 3rd closes at the 2nd's close; the 2nd closes at the 1st's
   [(100,101.05,99.9,101), (100.9,102.45,100.8,102.4), (101.0,102.45,100.95,102.4)],
   [(100,101.55,99.8,101.5), (100.1,101.55,100,101.5), (101.0,102.95,100.9,102.9)],
   # a black 3rd candle opening and closing above the 2nd's close: possible only where the
   # Near average exceeds the BodyShort one, so ten wide-range near-doji bars come first
   [(100,102,98,100.1), (100.1,102,98,100)] * 5 +
   [(100,100.35,99.5,100.3), (100.32,100.7,100.0,100.65), (101.1,101.15,100.75,100.8)]],
 'abandonedbaby': [
   [(104,104.1,99.8,100), (98.5,98.8,98.2,98.52), (99.2,102.6,99.0,102.5)],
   [(100,104.2,99.9,104), (105,105.3,104.7,105.02), (104.5,104.6,101.4,101.5)],
   # near misses, one rule broken each (TA-Lib gives 0): bearish shape with a black 1st
   # candle, with a white 3rd candle, with a 3rd that closes above the penetration level;
   # bullish shape with a white 1st, with a black 3rd, with a 3rd closing below the level
   [(104,104.2,99.9,100), (105,105.3,104.7,105.02), (104.5,104.6,98.0,98.5)],
   [(100,104.2,99.9,104), (105,105.3,104.7,105.02), (101.0,102.6,100.9,102.5)],
   [(100,104.2,99.9,104), (105,105.3,104.7,105.02), (104.5,104.6,102.9,103.0)],
   [(100,104.1,99.8,104), (98.5,98.8,98.2,98.52), (99.2,105.6,99.0,105.5)],
   [(104,104.1,99.8,100), (98.5,98.8,98.2,98.52), (103.0,103.1,99.0,101.5)],
   [(104,104.1,99.8,100), (98.5,98.8,98.2,98.52), (99.2,101.1,99.0,101.0)]],
 'breakaway': [
   [(104,104.1,99.9,100), (99.5,99.6,98.4,98.5), (98.3,98.5,97.7,97.8), (97.6,97.7,96.7,96.8), (96.9,99.9,96.8,99.8)],
   [(100,104.1,99.9,104), (104.5,105.6,104.4,105.5), (105.7,106.3,105.5,106.2), (106.4,107.3,106.3,107.2), (107.1,107.2,104.1,104.2)],
   # the same two shapes with candle 5 of candle 4's colour (still closing inside the gap):
   # every other rule holds, so only "5th has the opposite colour" keeps TA-Lib at 0
   [(104,104.1,99.9,100), (99.5,99.6,98.4,98.5), (98.3,98.5,97.7,97.8), (97.6,97.7,96.7,96.8), (99.9,99.95,99.6,99.7)],
   [(100,104.1,99.9,104), (104.5,105.6,104.4,105.5), (105.7,106.3,105.5,106.2), (106.4,107.3,106.3,107.2), (104.1,104.4,104.0,104.3)]],
 'concealbabyswall': [[(104,104.01,101.99,102), (102,102.01,99.99,100), (99.5,100.5,98.4,98.5), (100.8,100.9,97.3,97.5)]],
 'counterattack': [
   [(103,103.1,99.9,100), (97,100.1,96.9,100.02)],
   [(100,103.1,99.9,103), (106,106.1,102.9,102.99)]],
}

outdir = sys.argv[1]
for name, groups in P.items():
    bars = warm(14)
    for g in groups:
        bars += [tuple(map(float, b)) for b in g]
        bars += warm(12)
    d = datetime.date(2020, 1, 1)
    with open(os.path.join(outdir, f'hand_{name}.csv'), 'w') as f:
        f.write('date,open,high,low,close,volume\n')
        for (o, h, l, c) in bars:
            assert h >= max(o, c) and l <= min(o, c), (name, o, h, l, c)
            f.write(f'{d.isoformat()},{o:g},{h:g},{l:g},{c:g},1000\n')
            d += datetime.timedelta(days=1)
