// CDLEVENINGSTAR: Evening Star (three candles, bearish only).
//
// Rules, judging bar i with candles i-2, i-1, i:
//   1. Candle i-2 is white with a long real body: its body is larger than the BodyLong
//      average of the candles before it.
//   2. Candle i-1 is a star: a short body (no larger than the BodyShort average of the
//      candles before it) whose real body gaps up above the real body of candle i-2.
//   3. Candle i is black, its body is larger than the BodyShort average of the candles before
//      it (it is not short), and it closes well into candle i-2's body: below
//      close(i-2) - penetration * body(i-2). The penetration defaults to 0.3.
// Settings used: BodyLong (for i-2), BodyShort (for i-1 and i, two separate running totals).
// Returns -100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, BodyLong periods) + 2.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLEVENINGSTARLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyShort), Period(s, T::kBodyLong)) + 2;
}

std::vector<int> CDLEVENINGSTAR(const OhlcView& b, const CandleSettings& s, double penetration) {
  assert(penetration >= 0.0 && penetration <= 3e37);
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLEVENINGSTARLookback(s));
  if (n <= first) return out;
  RunningTotal body_long(b, s[T::kBodyLong], first, 2);
  RunningTotal body_short_star(b, s[T::kBodyShort], first, 1);
  RunningTotal body_short_last(b, s[T::kBodyShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(b, i - 2) > body_long.AverageAt(i - 2) && CandleColor(b, i - 2) == 1 &&
        RealBody(b, i - 1) <= body_short_star.AverageAt(i - 1) && RealBodyGapUp(b, i - 1, i - 2) &&
        RealBody(b, i) > body_short_last.AverageAt(i) && CandleColor(b, i) == -1 &&
        b.close[i] < b.close[i - 2] - RealBody(b, i - 2) * penetration) {
      out[i] = -100;
    }
    body_long.Advance(i);
    body_short_star.Advance(i);
    body_short_last.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
