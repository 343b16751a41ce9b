// CDLKICKING: Kicking (two opposite marubozu separated by a gap).
//
// Rules, judging bar i with candles i-1 and i:
//   1. The two candles have opposite colors.
//   2. Both are marubozu: a long real body (larger than the BodyLong average of the candles
//      before that candle) and both shadows very short (each smaller than the
//      ShadowVeryShort average of the candles before that candle).
//   3. There is a gap between the whole candles: after a black candle i-1, candle i's low is
//      above candle i-1's high; after a white candle i-1, candle i's high is below candle
//      i-1's low.
//   The direction is the color of candle i (the second marubozu).
// Returns +100 (bullish: black then white) or -100 (bearish: white then black), else 0.
// Settings used: BodyLong, ShadowVeryShort (one running total per candle for each).
// Lookback: max(ShadowVeryShort, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLKICKINGLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kShadowVeryShort), Period(s, T::kBodyLong)) + 1;
}

std::vector<int> CDLKICKING(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLKICKINGLookback(s));
  if (n <= first) return out;
  RunningTotal body_long1(b, s[T::kBodyLong], first, 1);
  RunningTotal body_long0(b, s[T::kBodyLong], first, 0);
  RunningTotal very_short1(b, s[T::kShadowVeryShort], first, 1);
  RunningTotal very_short0(b, s[T::kShadowVeryShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    const bool first_marubozu = RealBody(b, i - 1) > body_long1.AverageAt(i - 1) &&
                                UpperShadow(b, i - 1) < very_short1.AverageAt(i - 1) &&
                                LowerShadow(b, i - 1) < very_short1.AverageAt(i - 1);
    const bool second_marubozu = RealBody(b, i) > body_long0.AverageAt(i) &&
                                 UpperShadow(b, i) < very_short0.AverageAt(i) &&
                                 LowerShadow(b, i) < very_short0.AverageAt(i);
    const bool gap = (CandleColor(b, i - 1) == -1 && CandleGapUp(b, i, i - 1)) ||
                     (CandleColor(b, i - 1) == 1 && CandleGapDown(b, i, i - 1));
    if (CandleColor(b, i - 1) == -CandleColor(b, i) && first_marubozu && second_marubozu && gap) {
      out[i] = CandleColor(b, i) * 100;
    }
    body_long1.Advance(i);
    very_short1.Advance(i);
    body_long0.Advance(i);
    very_short0.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
