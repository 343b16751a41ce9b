// CDL3LINESTRIKE - Three-Line Strike (four candles).
//
// Rules, with candles numbered 1..4 ending at the bar that gets the value:
//   1-3. three candles of one colour, with candle 2 opening within or near candle 1's real
//      body and candle 3 within or near candle 2's ("near": the open may lie outside the body
//      by up to the Near average of the period candles before the candle it is compared with);
//      if white, the three closes rise one after another; if black, they fall;
//   4. the opposite colour, opening beyond candle 3's close in the direction of the run
//      (above it after three white, below after three black) and closing beyond candle 1's
//      open the other way (below it after three white, above after three black).
// Settings used: Near (averages for candles 1 and 2). Returns +100 when the three candles are
// white, -100 when black (the colour of the run, as TA-Lib does), else 0.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDL3LINESTRIKELookback(const CandleSettings& settings) {
  return group1_detail::Period(settings, CandleSettingType::kNear) + 3;
}

std::vector<int> CDL3LINESTRIKE(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDL3LINESTRIKELookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& close = bars.close;
  const CandleSetting& near = settings[CandleSettingType::kNear];
  RunningTotal near3(bars, near, first, 3);
  RunningTotal near2(bars, near, first, 2);
  for (std::size_t i = first; i < n; ++i) {
    const int run = CandleColor(bars, i - 1);
    if (CandleColor(bars, i - 3) == CandleColor(bars, i - 2) &&
        CandleColor(bars, i - 2) == run && CandleColor(bars, i) == -run &&
        open[i - 2] >= std::min(open[i - 3], close[i - 3]) - near3.Average(i) &&
        open[i - 2] <= std::max(open[i - 3], close[i - 3]) + near3.Average(i) &&
        open[i - 1] >= std::min(open[i - 2], close[i - 2]) - near2.Average(i) &&
        open[i - 1] <= std::max(open[i - 2], close[i - 2]) + near2.Average(i) &&
        ((run == 1 && close[i - 1] > close[i - 2] && close[i - 2] > close[i - 3] &&
          open[i] > close[i - 1] && close[i] < open[i - 3]) ||
         (run == -1 && close[i - 1] < close[i - 2] && close[i - 2] < close[i - 3] &&
          open[i] < close[i - 1] && close[i] > open[i - 3]))) {
      out[i] = run * 100;
    }
    near3.Advance(i);
    near2.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
