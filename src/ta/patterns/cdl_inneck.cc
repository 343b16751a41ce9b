// CDLINNECK: In-Neck pattern (two candles, bearish continuation).
//
// Rules, judging bar i with candles i-1 and i:
//   1. Candle i-1 is black with a long real body: larger than the BodyLong average of the
//      candles before it.
//   2. Candle i is white and opens below candle i-1's low.
//   3. Candle i closes at or slightly above candle i-1's close: close(i-1) <= close(i) <=
//      close(i-1) + the Equal average measured for candle i-1.
// Settings used: BodyLong and Equal, both for candle i-1.
// Returns -100 where it fires (the trend is not considered), else 0.
// Lookback: max(Equal, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLINNECKLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kEqual), Period(s, T::kBodyLong)) + 1;
}

std::vector<int> CDLINNECK(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLINNECKLookback(s));
  if (n <= first) return out;
  RunningTotal equal(b, s[T::kEqual], first, 1);
  RunningTotal body_long(b, s[T::kBodyLong], first, 1);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(b, i - 1) == -1 && RealBody(b, i - 1) > body_long.AverageAt(i - 1) &&
        CandleColor(b, i) == 1 && b.open[i] < b.low[i - 1] &&
        b.close[i] <= b.close[i - 1] + equal.AverageAt(i - 1) && b.close[i] >= b.close[i - 1]) {
      out[i] = -100;
    }
    equal.Advance(i);
    body_long.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
