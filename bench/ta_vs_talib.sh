#!/bin/bash
# Rounds alternating TA-Lib C's own bench and ours on the same file, in the same session (the
# development machines are shared and noisy: compare medians of rounds, never one run).
#
#   bench/ta_vs_talib.sh [ROUNDS=10] [CSV=data/daily/SPY.csv]
#
# Needs build/release/bin/bench_ta_bench and TA-Lib C's bench at $TA_BENCH (default
# /tmp/ta_bench_c), built as in ../shared/tools/oracle/README.md ("Timing TA-Lib C itself").
# Prints each round and the medians (wall ns per bar; ours also CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-10}
CSV=${2:-data/daily/SPY.csv}
TA_BENCH=${TA_BENCH:-/tmp/ta_bench_c}
OURS=build/release/bin/bench_ta_bench
[ -x "$TA_BENCH" ] || { echo "ta_vs_talib: no TA-Lib bench at $TA_BENCH (see the oracle README)" >&2; exit 1; }
[ -x "$OURS" ] || { echo "ta_vs_talib: build $OURS first (cmake --build --preset release --target bench_ta_bench)" >&2; exit 1; }
SYMBOL=$(basename "$CSV" .csv)
LOG=$(mktemp)
for r in $(seq 1 "$ROUNDS"); do
  t=$("$TA_BENCH" "$CSV" 50 | tail -1)
  q=$("$OURS" --benchmark_filter="Table/(all|indicators24|patterns)_${SYMBOL}\$" --benchmark_repetitions=5 \
        --benchmark_report_aggregates_only=true 2>&1 | grep median |
      sed -E 's/.*Table\/([a-z0-9]+)_[A-Z]+_median.*cpu_ns_per_bar=([0-9.]+) ns_per_bar=([0-9.]+).*/\1 cpu=\2 wall=\3/' | tr '\n' ' ')
  echo "round $r: TA-Lib $t | qat $q" | tee -a "$LOG"
done
python3 - "$LOG" <<'PY'
import re, statistics as st, sys
ta = {'cdl61': [], 'ind24': [], 'all85': []}
ours = {'patterns': [], 'indicators24': [], 'all': []}
for line in open(sys.argv[1]):
    for k in ta:
        ta[k].append(float(re.search(k + r'_ns_per_bar=([0-9.]+)', line).group(1)))
    for k in ours:
        m = re.search(r'\b' + k + r' cpu=([0-9.]+) wall=([0-9.]+)', line)
        ours[k].append((float(m.group(1)), float(m.group(2))))
names = {'cdl61': 'patterns', 'ind24': 'indicators24', 'all85': 'all'}
print('medians, wall ns/bar        TA-Lib C     qat (cpu)')
for k, q in names.items():
    print(f"  {k:6s}                 {st.median(ta[k]):8.1f}  {st.median([w for _, w in ours[q]]):8.1f} "
          f"({st.median([c for c, _ in ours[q]]):.1f})")
PY
rm -f "$LOG"
