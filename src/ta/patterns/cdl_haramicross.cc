// CDLHARAMICROSS: Harami Cross (two candles).
//
// A harami whose second candle is a doji. Rules, judging bar i with candles i-1 and i:
//   1. Candle i-1 has a long real body: larger than the BodyLong average of the candles
//      before it.
//   2. Candle i is a doji: body(i) is no larger than the BodyDoji average (10% of the mean
//      high-low range of the candles before it, by default).
//   3. Candle i's real body lies inside candle i-1's real body:
//      - strictly inside at both ends: strength 100;
//      - otherwise inside with one end touching (top <= top and bottom >= bottom): strength 80.
//   The direction is the opposite of candle i-1's color (bearish after white, bullish after
//   black).
// Settings used: BodyLong (for i-1), BodyDoji (for i).
// Returns +100/+80 (bullish), -100/-80 (bearish), else 0.
// Lookback: max(BodyDoji, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLHARAMICROSSLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyDoji), Period(s, T::kBodyLong)) + 1;
}

std::vector<int> CDLHARAMICROSS(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLHARAMICROSSLookback(s));
  if (n <= first) return out;
  RunningTotal body_long(b, s[T::kBodyLong], first, 1);
  RunningTotal doji(b, s[T::kBodyDoji], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i - 1) > body_long.AverageAt(i - 1) && RealBody(b, i) <= doji.AverageAt(i)) {
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
    doji.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
