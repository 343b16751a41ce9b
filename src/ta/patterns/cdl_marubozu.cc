// CDLMARUBOZU: Marubozu (one candle).
//
// Rules, judging candle i alone:
//   1. Long real body: body(i) is larger than the BodyLong average.
//   2. Both shadows are very short: the upper and the lower shadow are each smaller than the
//      ShadowVeryShort average (10% of the mean high-low range of the candles before it, by
//      default).
// Settings used: BodyLong, ShadowVeryShort.
// Returns +100 for a white marubozu, -100 for a black one, else 0.
// Lookback: max(BodyLong, ShadowVeryShort periods).
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLMARUBOZULookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyLong), Period(s, T::kShadowVeryShort));
}

std::vector<int> CDLMARUBOZU(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLMARUBOZULookback(s));
  if (n <= first) return out;
  RunningTotal body(b, s[T::kBodyLong], first, 0);
  RunningTotal very_short(b, s[T::kShadowVeryShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i) > body.AverageAt(i) && UpperShadow(b, i) < very_short.AverageAt(i) &&
        LowerShadow(b, i) < very_short.AverageAt(i)) {
      out[i] = CandleColor(b, i) * 100;
    }
    body.Advance(i);
    very_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
