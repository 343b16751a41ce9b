// CDL2CROWS - Two Crows (bearish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1. a white candle with a long real body: body > BodyLong average of the BodyLong period
//      candles before candle 1;
//   2. a black candle whose real body gaps up above candle 1's real body;
//   3. a black candle that opens inside candle 2's real body (strictly below its open, above
//      its close) and closes inside candle 1's real body (strictly between its open and close).
// Settings used: BodyLong. Returns -100 when all hold (the pattern is always bearish; the
// trend before it is not examined), else 0.
#include "ta/patterns/group1.h"

namespace qat::ta {

int CDL2CROWSLookback(const CandleSettings& settings) {
  return group1_detail::Period(settings, CandleSettingType::kBodyLong) + 2;
}

std::vector<int> CDL2CROWS(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDL2CROWSLookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& close = bars.close;
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 2);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(bars, i - 2) == 1 && RealBody(bars, i - 2) > body_long.Average(i) &&
        CandleColor(bars, i - 1) == -1 && RealBodyGapUp(bars, i - 1, i - 2) &&
        CandleColor(bars, i) == -1 && open[i] < open[i - 1] && open[i] > close[i - 1] &&
        close[i] > open[i - 2] && close[i] < close[i - 2]) {
      out[i] = -100;
    }
    body_long.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
