#!/usr/bin/env python3
# Usage: python3 tests/testdata/ta/make_hand_doji_rounding.py 2 tests/testdata/ta/inputs/hand_doji_rounding.csv
# Builds bars on which TA-Lib's running total of candle ranges (total += new - old) and a
# fresh sum of the same ranges round differently, then places doji candidates whose body lies
# exactly between the two averages, once each way.
import random, sys, datetime
random.seed(int(sys.argv[1]))
N=400; P=10
bars=[]; p=1.0
for k in range(N):
    o=round(p+random.uniform(-0.05,0.05),3)
    c=round(o+random.uniform(-0.2,0.2),3)
    h=round(max(o,c)+random.uniform(0,0.15),3)
    l=max(0.05,round(min(o,c)-random.uniform(0,0.15),3))
    bars.append([o,h,l,c]); p=c if 0.6<c<1.6 else 1.0
hl=lambda b: b[1]-b[2]
def averages():
    tot=0.0
    for j in range(P): tot+=hl(bars[j])
    res={}; tr=0
    for i in range(P,N):
        fresh=0.0
        for j in range(i-P,i): fresh+=hl(bars[j])
        res[i]=(0.1*(tot/P)/1.0, 0.1*(fresh/P)/1.0)
        tot+=hl(bars[i])-hl(bars[tr]); tr+=1
    return res
placed=[]; start=P+20
for want_run in (False, True):   # what TA-Lib (running total) should say
    av=averages()
    for i in range(start,N-20):
        a_run,a_fresh=av[i]
        if a_run==a_fresh: continue
        # body == the larger average: "doji" for the larger, not for the smaller
        if (a_run>a_fresh)!=want_run: continue
        hi=max(a_run,a_fresh)
        o=0.25; c=o+hi; bd=abs(c-o)
        if bd!=hi: continue
        bars[i]=[o,max(o,c)+0.05,min(o,c)-0.05,c]
        placed.append((i,want_run)); start=i+20; break
print(placed)
av=averages()
for i,w in placed:
    a_run,a_fresh=av[i]; bd=abs(bars[i][3]-bars[i][0])
    print(i,"running says",bd<=a_run,"fresh says",bd<=a_fresh)
d=datetime.date(2010,1,1)
n=placed[-1][0]+5
with open(sys.argv[2],'w') as f:
    f.write('date,open,high,low,close,volume\n')
    for (o,h,l,c) in bars[:n]:
        f.write(f'{d.isoformat()},{o!r},{h!r},{l!r},{c!r},1000\n'); d+=datetime.timedelta(days=1)
print("rows",n)
