// CDLGRAVESTONEDOJI: Gravestone Doji (one candle).
//
// Rules, judging candle i alone:
//   1. It is a doji: body(i) is no larger than the BodyDoji average (10% of the mean
//      high-low range of the candles before it, by default).
//   2. Its lower shadow is very short: smaller than the ShadowVeryShort average.
//   3. Its upper shadow is not very short: larger than the ShadowVeryShort average.
// Settings used: BodyDoji, ShadowVeryShort.
// Returns +100 where it fires (TA-Lib reports it as +100; read it as a doji, its meaning depends
// on the trend), else 0. Lookback: max(BodyDoji, ShadowVeryShort periods).
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLGRAVESTONEDOJILookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyDoji), Period(s, T::kShadowVeryShort));
}

std::vector<int> CDLGRAVESTONEDOJI(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLGRAVESTONEDOJILookback(s));
  if (n <= first) return out;
  RunningTotal doji(b, s[T::kBodyDoji], first, 0);
  RunningTotal very_short(b, s[T::kShadowVeryShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i) <= doji.AverageAt(i) && LowerShadow(b, i) < very_short.AverageAt(i) &&
        UpperShadow(b, i) > very_short.AverageAt(i)) {
      out[i] = 100;
    }
    doji.Advance(i);
    very_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
