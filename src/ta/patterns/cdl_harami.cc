// CDLHARAMI: Harami (two candles).
//
// Rules, judging bar i with candles i-1 and i:
//   1. Candle i-1 has a long real body: larger than the BodyLong average of the candles
//      before it.
//   2. Candle i has a short real body: no larger than the BodyShort average of the candles
//      before it.
//   3. Candle i's real body lies inside candle i-1's real body:
//      - strictly inside at both ends (top below the top, bottom above the bottom): the full
//        pattern, strength 100;
//      - otherwise inside with one end touching (top <= top and bottom >= bottom): the weaker
//        form, strength 80.
//   The direction is the opposite of candle i-1's color: after a white candle the harami is
//   bearish, after a black one bullish. The color of candle i does not matter.
// Settings used: BodyLong (for i-1), BodyShort (for i).
// Returns +100/+80 (bullish), -100/-80 (bearish), else 0.
// Lookback: max(BodyShort, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int group2_detail::HaramiLookback(const CandleSettings& s, CandleSettingType second_body) {
  return std::max(Period(s, second_body), Period(s, T::kBodyLong)) + 1;
}

std::vector<int> group2_detail::Harami(const OhlcView& b, const CandleSettings& s,
                                       CandleSettingType second_body) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(HaramiLookback(s, second_body));
  if (n <= first) return out;
  RunningTotal body_long(b, s[T::kBodyLong], first, 1);
  RunningTotal body_second(b, s[second_body], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i - 1) > body_long.AverageAt(i - 1) && RealBody(b, i) <= body_second.AverageAt(i)) {
      const double top = std::max(b.close[i], b.open[i]);
      const double bottom = std::min(b.close[i], b.open[i]);
      const double prior_top = std::max(b.close[i - 1], b.open[i - 1]);
      const double prior_bottom = std::min(b.close[i - 1], b.open[i - 1]);
      if (top < prior_top && bottom > prior_bottom) {
        out[i] = -CandleColor(b, i - 1) * 100;
      } else if (top <= prior_top && bottom >= prior_bottom) {
        out[i] = -CandleColor(b, i - 1) * 80;
      }
    }
    body_long.Advance(i);
    body_second.Advance(i);
  }
  return out;
}

int CDLHARAMILookback(const CandleSettings& s) { return group2_detail::HaramiLookback(s, T::kBodyShort); }

std::vector<int> CDLHARAMI(const OhlcView& b, const CandleSettings& s) {
  return group2_detail::Harami(b, s, T::kBodyShort);
}

}  // namespace qat::ta
