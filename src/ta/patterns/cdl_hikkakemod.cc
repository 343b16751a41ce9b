// CDLHIKKAKEMOD: Modified Hikkake pattern (four candles, plus an optional confirmation).
//
// Rules, judging bar i:
//   1. Candle i-2 is an inside bar of candle i-3 (lower high, higher low), and candle i-1 is
//      an inside bar of candle i-2.
//   2. Candle i breaks out of candle i-1, and candle i-2 closed at the matching end of its
//      range:
//      - bullish setup: candle i has a lower high and a lower low than candle i-1, and candle
//        i-2 closed near its low: close(i-2) <= low(i-2) + the Near average for candle i-2;
//      - bearish setup: candle i has a higher high and a higher low than candle i-1, and
//        candle i-2 closed near its high: close(i-2) >= high(i-2) - the Near average.
//   A setup fires at bar i with +100 (bullish) or -100 (bearish) and is remembered.
//   3. Confirmation: on any of the three bars after a setup, a close above the high of
//      candle i-1 of the setup (bullish) or below its low (bearish) fires +200 or -200 on
//      that bar; at most once per setup. A new setup on a bar takes precedence.
// Settings used: Near (for candle i-2).
// Returns +100/-100 for a setup, +200/-200 for a confirmation, else 0.
// Lookback: max(1, Near period) + 5; the three bars before the first output are scanned for
// setups, as TA-Lib does.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLHIKKAKEMODLookback(const CandleSettings& s) { return std::max(1, Period(s, T::kNear)) + 5; }

namespace {

// The setup at bar i (rules 1 and 2): +100, -100 or 0, without branches. `near` is the Near
// average indexed by candle.
[[gnu::always_inline]] inline int Setup(const double* high, const double* low, const double* close,
                                        const double* near, std::size_t i) {
  const bool insides = (high[i - 2] < high[i - 3]) & (low[i - 2] > low[i - 3]) &
                       (high[i - 1] < high[i - 2]) & (low[i - 1] > low[i - 2]);
  const bool bull = (high[i] < high[i - 1]) & (low[i] < low[i - 1]) &
                    (close[i - 2] <= low[i - 2] + near[i - 2]);
  const bool bear = (high[i] > high[i - 1]) & (low[i] > low[i - 1]) &
                    (close[i - 2] >= high[i - 2] - near[i - 2]);
  const int direction = high[i] < high[i - 1] ? 100 : -100;
  return (insides & (bull | bear)) ? direction : 0;
}

}  // namespace

// Two passes: the setups of every bar (a vectorized loop), then a scalar pass that follows
// each setup over the next three bars for its confirmation (rule 3, state carried from bar to
// bar; setups are rare, so that pass is mostly a scan over zeros).
QAT_VECTOR_KERNEL void CDLHIKKAKEMODKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLHIKKAKEMODLookback(f.settings()));
  if (n <= first) return;
  const std::size_t scan_from = first - 3;
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  const double* near = f.Average(T::kNear, scan_from, 2);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) o[i] = Setup(high, low, close, near, i);
  // The setup at bar k (computed for the three bars before `first`, which are not written).
  const auto setup_at = [&](std::size_t k) {
    return k < first ? Setup(high, low, close, near, k) : o[k];
  };
  kernels::ConfirmHikkake(o, first, n, high, low, close, setup_at);
}

std::vector<int> CDLHIKKAKEMOD(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHIKKAKEMODKernel);
}

}  // namespace qat::ta
