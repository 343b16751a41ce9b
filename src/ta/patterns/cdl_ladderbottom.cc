// CDLLADDERBOTTOM: Ladder Bottom (five candles, bullish only).
//
// Rules, judging bar i with candles i-4 .. i:
//   1. Candles i-4, i-3, i-2 are black, with consecutively lower opens and consecutively
//      lower closes.
//   2. Candle i-1 is black too and has an upper shadow that is not very
//      short: larger than the ShadowVeryShort average measured for candle i-1.
//   3. Candle i is white, opens above candle i-1's open (above its body, as i-1 is black) and
//      closes above candle i-1's high.
// Settings used: ShadowVeryShort (for candle i-1).
// Returns +100 where it fires (the trend is not considered), else 0.
// Lookback: ShadowVeryShort period + 4.
#include "ta/patterns/group2.h"

namespace qat::ta {

using patterns_detail::RunningTotal;
using group2_detail::Period;
using T = CandleSettingType;

int CDLLADDERBOTTOMLookback(const CandleSettings& s) { return Period(s, T::kShadowVeryShort) + 4; }

std::vector<int> CDLLADDERBOTTOM(const OhlcView& b, const CandleSettings& s) {
  const std::size_t n = group2_detail::CheckedSize(b);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLLADDERBOTTOMLookback(s));
  if (n <= first) return out;
  RunningTotal very_short(b, s[T::kShadowVeryShort], first, 1);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(b, i - 4) == -1 && CandleColor(b, i - 3) == -1 &&
        CandleColor(b, i - 2) == -1 && b.open[i - 4] > b.open[i - 3] &&
        b.open[i - 3] > b.open[i - 2] && b.close[i - 4] > b.close[i - 3] &&
        b.close[i - 3] > b.close[i - 2] && CandleColor(b, i - 1) == -1 &&
        UpperShadow(b, i - 1) > very_short.AverageAt(i - 1) && CandleColor(b, i) == 1 &&
        b.open[i] > b.open[i - 1] && b.close[i] > b.high[i - 1]) {
      out[i] = 100;
    }
    very_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
