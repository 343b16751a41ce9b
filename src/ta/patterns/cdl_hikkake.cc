// CDLHIKKAKE: Hikkake pattern (three candles, plus an optional confirmation later).
//
// Rules, judging bar i:
//   1. Candle i-1 is an inside bar of candle i-2: a lower high and a higher low.
//   2. Candle i breaks out of the inside bar:
//      - bullish setup (a false breakdown): lower high and lower low than candle i-1;
//      - bearish setup (a false breakout): higher high and higher low than candle i-1.
//   A setup fires at bar i with +100 (bullish) or -100 (bearish) and is remembered.
//   3. Confirmation: on any of the three bars after a setup, a close above the high of the
//      setup's inside bar (bullish) or below its low (bearish) fires +200 or -200 on that bar;
//      a setup is confirmed at most once. A new setup on a bar takes precedence over a
//      confirmation on that bar and replaces the remembered one.
// No candle settings are used; only highs, lows and closes.
// Returns +100/-100 for a setup, +200/-200 for a confirmation, else 0. Lookback: 5 (the three
// bars before the first output are scanned for setups so that confirmations near the start
// are found, as TA-Lib does).
#include "ta/patterns/group2.h"

namespace qat::ta {

int CDLHIKKAKELookback(const CandleSettings&) { return 5; }

std::vector<int> CDLHIKKAKE(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLHIKKAKELookback(s));
  if (n <= first) return out;
  std::size_t pattern_idx = 0;  // bar of the last unconfirmed setup; 0 = none
  int pattern_result = 0;       // +100 / -100 of the last setup
  for (std::size_t i = first - 3; i < n; ++i) {
    int value = 0;
    const bool inside = b.high[i - 1] < b.high[i - 2] && b.low[i - 1] > b.low[i - 2];
    const bool lower = b.high[i] < b.high[i - 1] && b.low[i] < b.low[i - 1];
    const bool higher = b.high[i] > b.high[i - 1] && b.low[i] > b.low[i - 1];
    if (inside && (lower || higher)) {
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
  }
  return out;
}

}  // namespace qat::ta
