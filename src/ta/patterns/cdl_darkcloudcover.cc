// CDLDARKCLOUDCOVER - Dark Cloud Cover (bearish, two candles).
//
// Rules, with candles numbered 1..2 ending at the bar that gets the value:
//   1. a white candle with a long real body (> BodyLong average of the period candles before
//      it);
//   2. a black candle that opens above candle 1's high and closes inside candle 1's body,
//      above its open but more than penetration x body(1) below its close.
// Settings used: BodyLong; penetration defaults to 0.5 (below the middle of candle 1's body).
// Returns -100 when all hold (always bearish; the uptrend is not examined), else 0.
#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLDARKCLOUDCOVERLookback(const CandleSettings& settings) {
  return group1_detail::Period(settings, CandleSettingType::kBodyLong) + 1;
}

std::vector<int> CDLDARKCLOUDCOVER(const OhlcView& bars, const CandleSettings& settings,
                                   double penetration) {
  using patterns_detail::RunningTotal;
  group1_detail::CheckPenetration(penetration);
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLDARKCLOUDCOVERLookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& high = bars.high;
  const auto& close = bars.close;
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 1);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(bars, i - 1) == 1 && RealBody(bars, i - 1) > body_long.Average(i) &&
        CandleColor(bars, i) == -1 && open[i] > high[i - 1] && close[i] > open[i - 1] &&
        close[i] < close[i - 1] - RealBody(bars, i - 1) * penetration) {
      out[i] = -100;
    }
    body_long.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
