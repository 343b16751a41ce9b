// CDLLONGLINE: Long Line Candle (one candle).
//
// Rules, judging candle i alone:
//   1. Long real body: body(i) is larger than the BodyLong average.
//   2. Both shadows are short: the upper and the lower shadow are each smaller than the
//      ShadowShort average (half the mean of upper+lower shadow of the candles before it, i.e.
//      the mean single shadow, by default).
// Settings used: BodyLong, ShadowShort.
// Returns +100 for a white candle, -100 for a black one, else 0.
// Lookback: max(BodyLong, ShadowShort periods).
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLLONGLINELookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyLong), Period(s, T::kShadowShort));
}

std::vector<int> CDLLONGLINE(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLLONGLINELookback(s));
  if (n <= first) return out;
  RunningTotal body(b, s[T::kBodyLong], first, 0);
  RunningTotal shadow(b, s[T::kShadowShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i) > body.AverageAt(i) && UpperShadow(b, i) < shadow.AverageAt(i) &&
        LowerShadow(b, i) < shadow.AverageAt(i)) {
      out[i] = CandleColor(b, i) * 100;
    }
    body.Advance(i);
    shadow.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
