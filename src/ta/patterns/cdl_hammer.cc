// CDLHAMMER: Hammer (one candle judged against the one before it).
//
// Rules, judging candle i:
//   1. Small real body: body(i) is smaller than the BodyShort average.
//   2. Long lower shadow: larger than the ShadowLong average (by default the candle's own
//      real body, since ShadowLong has period 0).
//   3. Very short upper shadow: smaller than the ShadowVeryShort average.
//   4. The body sits near the previous candle's low: min(open, close) of candle i is at most
//      low(i-1) + the Near average measured for candle i-1.
// Settings used: BodyShort, ShadowLong, ShadowVeryShort (for candle i), Near (for i-1).
// Returns +100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, ShadowLong, ShadowVeryShort, Near periods) + 1.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int group2_detail::HammerShapeLookback(const CandleSettings& s) {
  return std::max({Period(s, T::kBodyShort), Period(s, T::kShadowLong),
                   Period(s, T::kShadowVeryShort), Period(s, T::kNear)}) +
         1;
}

std::vector<int> group2_detail::HammerShape(const OhlcView& b, const CandleSettings& s,
                                            bool near_prior_high) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(HammerShapeLookback(s));
  if (n <= first) return out;
  RunningTotal body(b, s[T::kBodyShort], first, 0);
  RunningTotal shadow_long(b, s[T::kShadowLong], first, 0);
  RunningTotal very_short(b, s[T::kShadowVeryShort], first, 0);
  RunningTotal near(b, s[T::kNear], first, 1);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i) < body.AverageAt(i) && LowerShadow(b, i) > shadow_long.AverageAt(i) &&
        UpperShadow(b, i) < very_short.AverageAt(i)) {
      const double body_bottom = std::min(b.close[i], b.open[i]);
      if (near_prior_high ? body_bottom >= b.high[i - 1] - near.AverageAt(i - 1)
                          : body_bottom <= b.low[i - 1] + near.AverageAt(i - 1)) {
        out[i] = near_prior_high ? -100 : 100;
      }
    }
    body.Advance(i);
    shadow_long.Advance(i);
    very_short.Advance(i);
    near.Advance(i);
  }
  return out;
}

int CDLHAMMERLookback(const CandleSettings& s) { return group2_detail::HammerShapeLookback(s); }

std::vector<int> CDLHAMMER(const OhlcView& b, const CandleSettings& s) {
  return group2_detail::HammerShape(b, s, /*near_prior_high=*/false);
}

}  // namespace qat::ta
