// CDLLONGLEGGEDDOJI: Long-Legged Doji (one candle).
//
// Rules, judging candle i alone:
//   1. It is a doji: body(i) is no larger than the BodyDoji average (10% of the mean
//      high-low range of the candles before it, by default).
//   2. At least one shadow is long: the lower or the upper shadow is larger than the
//      ShadowLong average (by default the candle's own real body).
// Settings used: BodyDoji, ShadowLong.
// Returns +100 where it fires (it marks indecision, not a direction), else 0.
// Lookback: max(BodyDoji, ShadowLong periods).
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLLONGLEGGEDDOJILookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyDoji), Period(s, T::kShadowLong));
}

std::vector<int> CDLLONGLEGGEDDOJI(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLLONGLEGGEDDOJILookback(s));
  if (n <= first) return out;
  RunningTotal doji(b, s[T::kBodyDoji], first, 0);
  RunningTotal shadow_long(b, s[T::kShadowLong], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i) <= doji.AverageAt(i) &&
        (LowerShadow(b, i) > shadow_long.AverageAt(i) || UpperShadow(b, i) > shadow_long.AverageAt(i))) {
      out[i] = 100;
    }
    doji.Advance(i);
    shadow_long.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
