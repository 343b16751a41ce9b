// CDLHOMINGPIGEON: Homing Pigeon (two candles, bullish only).
//
// Rules, judging bar i with candles i-1 and i:
//   1. Both candles are black.
//   2. Candle i-1 has a long real body: larger than the BodyLong average of the candles
//      before it.
//   3. Candle i has a short real body: no larger than the BodyShort average of the candles
//      before it.
//   4. Candle i's body lies strictly inside candle i-1's body: open(i) < open(i-1) and
//      close(i) > close(i-1).
// Settings used: BodyLong (for i-1), BodyShort (for i).
// Returns +100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLHOMINGPIGEONLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyShort), Period(s, T::kBodyLong)) + 1;
}

std::vector<int> CDLHOMINGPIGEON(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLHOMINGPIGEONLookback(s));
  if (n <= first) return out;
  RunningTotal body_long(b, s[T::kBodyLong], first, 1);
  RunningTotal body_short(b, s[T::kBodyShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(b, i - 1) == -1 && CandleColor(b, i) == -1 &&
        RealBody(b, i - 1) > body_long.AverageAt(i - 1) && RealBody(b, i) <= body_short.AverageAt(i) &&
        b.open[i] < b.open[i - 1] && b.close[i] > b.close[i - 1]) {
      out[i] = 100;
    }
    body_long.Advance(i);
    body_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
