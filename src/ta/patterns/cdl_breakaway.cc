// CDLBREAKAWAY - Breakaway (five candles).
//
// Rules, with candles numbered 1..5 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before candle 1);
//   2. same colour as 1, its real body gapping away from candle 1's body (down after a black
//      candle 1, up after a white one);
//   3. any colour, continuing the move: lower high and lower low than candle 2 (black case),
//      or higher high and higher low (white case);
//   4. same colour as 1 and 2, again a lower high and low than candle 3 (black case) or
//      higher high and low (white case);
//   5. the opposite colour, closing inside the gap between candles 1 and 2: above candle 2's
//      open and below candle 1's close (black case), or below candle 2's open and above
//      candle 1's close (white case).
// Settings used: BodyLong. Returns +100 when candle 5 is white (bullish), -100 when black,
// else 0; the trend is not examined.
#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLBREAKAWAYLookback(const CandleSettings& settings) {
  return group1_detail::Period(settings, CandleSettingType::kBodyLong) + 4;
}

std::vector<int> CDLBREAKAWAY(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLBREAKAWAYLookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& high = bars.high;
  const auto& low = bars.low;
  const auto& close = bars.close;
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 4);
  for (std::size_t i = first; i < n; ++i) {
    const int c1 = CandleColor(bars, i - 4);
    if (RealBody(bars, i - 4) > body_long.Average(i) && c1 == CandleColor(bars, i - 3) &&
        CandleColor(bars, i - 3) == CandleColor(bars, i - 1) &&
        CandleColor(bars, i - 1) == -CandleColor(bars, i) &&
        ((c1 == -1 && RealBodyGapDown(bars, i - 3, i - 4) &&
          high[i - 2] < high[i - 3] && low[i - 2] < low[i - 3] &&
          high[i - 1] < high[i - 2] && low[i - 1] < low[i - 2] &&
          close[i] > open[i - 3] && close[i] < close[i - 4]) ||
         (c1 == 1 && RealBodyGapUp(bars, i - 3, i - 4) &&
          high[i - 2] > high[i - 3] && low[i - 2] > low[i - 3] &&
          high[i - 1] > high[i - 2] && low[i - 1] > low[i - 2] &&
          close[i] < open[i - 3] && close[i] > close[i - 4]))) {
      out[i] = CandleColor(bars, i) * 100;
    }
    body_long.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
