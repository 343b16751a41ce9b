// CDL3BLACKCROWS - Three Black Crows (bearish, four candles).
//
// Rules, with candles numbered 0..3 ending at the bar that gets the value:
//   0. a white candle whose high is above candle 1's close (the crows start below its top);
//   1, 2, 3. three black candles, each with a very short lower shadow (lower shadow <
//      ShadowVeryShort average of the period candles before that candle);
//   candles 2 and 3 each open inside the previous crow's real body (strictly between its
//   close and open), and the three closes fall one after the other.
// Settings used: ShadowVeryShort (one running average per crow). Returns -100 when all hold
// (always bearish; the prior advance is not examined), else 0.
#include "ta/patterns/group1.h"

namespace qat::ta {

int CDL3BLACKCROWSLookback(const CandleSettings& settings) {
  return group1_detail::Period(settings, CandleSettingType::kShadowVeryShort) + 3;
}

std::vector<int> CDL3BLACKCROWS(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDL3BLACKCROWSLookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& high = bars.high;
  const auto& close = bars.close;
  const CandleSetting& very_short = settings[CandleSettingType::kShadowVeryShort];
  RunningTotal shadow2(bars, very_short, first, 2);
  RunningTotal shadow1(bars, very_short, first, 1);
  RunningTotal shadow0(bars, very_short, first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(bars, i - 3) == 1 &&
        CandleColor(bars, i - 2) == -1 && LowerShadow(bars, i - 2) < shadow2.Average(i) &&
        CandleColor(bars, i - 1) == -1 && LowerShadow(bars, i - 1) < shadow1.Average(i) &&
        CandleColor(bars, i) == -1 && LowerShadow(bars, i) < shadow0.Average(i) &&
        open[i - 1] < open[i - 2] && open[i - 1] > close[i - 2] &&
        open[i] < open[i - 1] && open[i] > close[i - 1] &&
        high[i - 3] > close[i - 2] &&
        close[i - 2] > close[i - 1] && close[i - 1] > close[i]) {
      out[i] = -100;
    }
    shadow2.Advance(i);
    shadow1.Advance(i);
    shadow0.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
