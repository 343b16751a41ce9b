// CDLGAPSIDESIDEWHITE: Up/Down-gap side-by-side white lines (three candles).
//
// Rules, judging bar i with candles i-2, i-1, i:
//   1. The real bodies of both i-1 and i gap away from the real body of i-2 in the same
//      direction: both entirely above it (upside gap) or both entirely below it (downside).
//   2. Candles i-1 and i are both white.
//   3. They are about the same size: body(i) lies within body(i-1) +/- the Near average
//      (measured for candle i-1).
//   4. They open at about the same price: open(i) lies within open(i-1) +/- the Equal average
//      (measured for candle i-1).
// Settings used: Near and Equal, both averaged over the candles before i-1.
// Returns +100 for the upside-gap form, -100 for the downside-gap form (the trend is not
// considered), else 0. Lookback: max(Near, Equal periods) + 2.
#include <algorithm>

#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLGAPSIDESIDEWHITELookback(const CandleSettings& s) {
  return std::max(Period(s, T::kNear), Period(s, T::kEqual)) + 2;
}

std::vector<int> CDLGAPSIDESIDEWHITE(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLGAPSIDESIDEWHITELookback(s));
  if (n <= first) return out;
  RunningTotal near(b, s[T::kNear], first, 1);
  RunningTotal equal(b, s[T::kEqual], first, 1);
  for (std::size_t i = first; i < n; ++i) {
    const bool gap_up = RealBodyGapUp(b, i - 1, i - 2) && RealBodyGapUp(b, i, i - 2);
    const bool gap_down = RealBodyGapDown(b, i - 1, i - 2) && RealBodyGapDown(b, i, i - 2);
    if ((gap_up || gap_down) && CandleColor(b, i - 1) == 1 && CandleColor(b, i) == 1 &&
        RealBody(b, i) >= RealBody(b, i - 1) - near.AverageAt(i - 1) &&
        RealBody(b, i) <= RealBody(b, i - 1) + near.AverageAt(i - 1) &&
        b.open[i] >= b.open[i - 1] - equal.AverageAt(i - 1) &&
        b.open[i] <= b.open[i - 1] + equal.AverageAt(i - 1)) {
      out[i] = RealBodyGapUp(b, i - 1, i - 2) ? 100 : -100;
    }
    near.Advance(i);
    equal.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
