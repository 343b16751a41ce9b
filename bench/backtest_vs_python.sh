#!/bin/bash
# Rounds alternating the engine's sma-cross benchmark (bench_backtest_bench: all 45 bundled
# daily files, one account each) and the plain-Python reference loop on the same files, in
# the same session (the machines are shared and noisy: compare medians of rounds).
#
#   bench/backtest_vs_python.sh [ROUNDS=5]
#
# Needs build/release/bin/bench_backtest_bench (cmake --build --preset release --target bench_backtest_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
OURS=build/release/bin/bench_backtest_bench
[ -x "$OURS" ] || { echo "backtest_vs_python: build $OURS first" >&2; exit 1; }
LOG=$(mktemp)
for r in $(seq 1 "$ROUNDS"); do
  q=$("$OURS" --benchmark_min_time=0.5 2>/dev/null | grep -o 'bar_steps_per_s=[0-9.]*[kM]' | head -1)
  p=$(/usr/bin/python3 bench/backtest_vs_python.py 1 | grep -o '[0-9.]*M bar-steps/s')
  echo "round $r: engine $q | python $p" | tee -a "$LOG"
done
/usr/bin/python3 - "$LOG" <<'PY'
import re, statistics as st, sys
ours, py = [], []
for line in open(sys.argv[1]):
    m = re.search(r'bar_steps_per_s=([0-9.]+)([kM])', line)
    ours.append(float(m.group(1)) * (1e6 if m.group(2) == 'M' else 1e3))
    py.append(float(re.search(r'python ([0-9.]+)M', line).group(1)) * 1e6)
o, p = st.median(ours), st.median(py)
print(f"median: engine {o / 1e6:.1f}M bar-steps/s, python {p / 1e6:.2f}M bar-steps/s, ratio {o / p:.0f}x")
PY
rm -f "$LOG"
