// CDLHIGHWAVE: High-Wave Candle (one candle).
//
// Rules, judging candle i alone:
//   1. Short real body: body(i) is smaller than the BodyShort average.
//   2. Both shadows are very long: the upper and the lower shadow are each larger than the
//      ShadowVeryLong average (by default twice the candle's own real body, since
//      ShadowVeryLong has period 0).
// Settings used: BodyShort, ShadowVeryLong.
// Returns +100 for a white candle, -100 for a black one, else 0.
// Lookback: max(BodyShort, ShadowVeryLong periods).
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLHIGHWAVELookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyShort), Period(s, T::kShadowVeryLong));
}

std::vector<int> CDLHIGHWAVE(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLHIGHWAVELookback(s));
  if (n <= first) return out;
  RunningTotal body(b, s[T::kBodyShort], first, 0);
  RunningTotal shadow(b, s[T::kShadowVeryLong], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i) < body.AverageAt(i) && UpperShadow(b, i) > shadow.AverageAt(i) &&
        LowerShadow(b, i) > shadow.AverageAt(i)) {
      out[i] = CandleColor(b, i) * 100;
    }
    body.Advance(i);
    shadow.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
