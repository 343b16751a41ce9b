// CDLINVERTEDHAMMER: Inverted Hammer (one candle judged against the one before it).
//
// Rules, judging candle i:
//   1. Small real body: body(i) is smaller than the BodyShort average.
//   2. Long upper shadow: larger than the ShadowLong average (by default the candle's own
//      real body).
//   3. Very short lower shadow: smaller than the ShadowVeryShort average.
//   4. Its real body gaps down from the previous candle's real body (entirely below it).
// Settings used: BodyShort, ShadowLong, ShadowVeryShort, all for candle i.
// Returns +100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, ShadowLong, ShadowVeryShort periods) + 1.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLINVERTEDHAMMERLookback(const CandleSettings& s) {
  return std::max({Period(s, T::kBodyShort), Period(s, T::kShadowLong),
                   Period(s, T::kShadowVeryShort)}) +
         1;
}

std::vector<int> CDLINVERTEDHAMMER(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLINVERTEDHAMMERLookback(s));
  if (n <= first) return out;
  RunningTotal body(b, s[T::kBodyShort], first, 0);
  RunningTotal shadow_long(b, s[T::kShadowLong], first, 0);
  RunningTotal very_short(b, s[T::kShadowVeryShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i) < body.AverageAt(i) && UpperShadow(b, i) > shadow_long.AverageAt(i) &&
        LowerShadow(b, i) < very_short.AverageAt(i) && RealBodyGapDown(b, i, i - 1)) {
      out[i] = 100;
    }
    body.Advance(i);
    shadow_long.Advance(i);
    very_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
