// CDLIDENTICAL3CROWS: Identical Three Crows (three candles, bearish only).
//
// Rules, judging bar i with candles i-2, i-1, i:
//   1. All three candles are black, and each has a very short lower shadow: smaller than
//      the ShadowVeryShort average of the candles before that candle.
//   2. The closes decline: close(i-2) > close(i-1) > close(i).
//   3. Each candle opens about where the previous one closed: open(i-1) lies within
//      close(i-2) +/- the Equal average measured for candle i-2, and open(i) within
//      close(i-1) +/- the Equal average measured for candle i-1.
// Settings used: ShadowVeryShort (one running total per candle), Equal (for i-2 and i-1).
// Returns -100 where it fires (the trend is not considered), else 0.
// Lookback: max(ShadowVeryShort, Equal periods) + 2.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLIDENTICAL3CROWSLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kShadowVeryShort), Period(s, T::kEqual)) + 2;
}

std::vector<int> CDLIDENTICAL3CROWS(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLIDENTICAL3CROWSLookback(s));
  if (n <= first) return out;
  RunningTotal short2(b, s[T::kShadowVeryShort], first, 2);
  RunningTotal short1(b, s[T::kShadowVeryShort], first, 1);
  RunningTotal short0(b, s[T::kShadowVeryShort], first, 0);
  RunningTotal equal2(b, s[T::kEqual], first, 2);
  RunningTotal equal1(b, s[T::kEqual], first, 1);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(b, i - 2) == -1 && LowerShadow(b, i - 2) < short2.AverageAt(i - 2) &&
        CandleColor(b, i - 1) == -1 && LowerShadow(b, i - 1) < short1.AverageAt(i - 1) &&
        CandleColor(b, i) == -1 && LowerShadow(b, i) < short0.AverageAt(i) &&
        b.close[i - 2] > b.close[i - 1] && b.close[i - 1] > b.close[i] &&
        b.open[i - 1] <= b.close[i - 2] + equal2.AverageAt(i - 2) &&
        b.open[i - 1] >= b.close[i - 2] - equal2.AverageAt(i - 2) &&
        b.open[i] <= b.close[i - 1] + equal1.AverageAt(i - 1) &&
        b.open[i] >= b.close[i - 1] - equal1.AverageAt(i - 1)) {
      out[i] = -100;
    }
    short2.Advance(i);
    short1.Advance(i);
    short0.Advance(i);
    equal2.Advance(i);
    equal1.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
