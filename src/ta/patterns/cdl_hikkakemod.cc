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

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLHIKKAKEMODLookback(const CandleSettings& s) { return std::max(1, Period(s, T::kNear)) + 5; }

std::vector<int> CDLHIKKAKEMOD(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLHIKKAKEMODLookback(s));
  if (n <= first) return out;
  const std::size_t scan_from = first - 3;
  RunningTotal near(b, s[T::kNear], scan_from, 2);
  std::size_t pattern_idx = 0;  // bar of the last unconfirmed setup; 0 = none
  int pattern_result = 0;
  for (std::size_t i = scan_from; i < n; ++i) {
    int value = 0;
    const bool insides = b.high[i - 2] < b.high[i - 3] && b.low[i - 2] > b.low[i - 3] &&
                         b.high[i - 1] < b.high[i - 2] && b.low[i - 1] > b.low[i - 2];
    const bool bull = b.high[i] < b.high[i - 1] && b.low[i] < b.low[i - 1] &&
                      b.close[i - 2] <= b.low[i - 2] + near.AverageAt(i - 2);
    const bool bear = b.high[i] > b.high[i - 1] && b.low[i] > b.low[i - 1] &&
                      b.close[i - 2] >= b.high[i - 2] - near.AverageAt(i - 2);
    if (insides && (bull || bear)) {
      pattern_result = b.high[i] < b.high[i - 1] ? 100 : -100;
      pattern_idx = i;
      value = pattern_result;
    } else if (pattern_idx > 0 && i <= pattern_idx + 3 &&
               ((pattern_result > 0 && b.close[i] > b.high[pattern_idx - 1]) ||
                (pattern_result < 0 && b.close[i] < b.low[pattern_idx - 1]))) {
      value = pattern_result + (pattern_result > 0 ? 100 : -100);
      pattern_idx = 0;
    }
    if (i >= first) out[i] = value;
    near.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
