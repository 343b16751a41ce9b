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

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDL3LINESTRIKELookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kNear) + 3;
}

QAT_VECTOR_KERNEL void CDL3LINESTRIKEKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDL3LINESTRIKELookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* near3 = f.Average(CandleSettingType::kNear, first, 3);
  const double* near2 = f.Average(CandleSettingType::kNear, first, 2);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool white1 = close[i - 3] >= open[i - 3];
    const bool white2 = close[i - 2] >= open[i - 2];
    const bool run_white = close[i - 1] >= open[i - 1];  // the colour of the run (candle 3)
    const bool white4 = close[i] >= open[i];
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool hit =
        (white1 == white2) & (white2 == run_white) & (white4 != run_white) &
        (open[i - 2] >= std::min(open[i - 3], close[i - 3]) - near3[i - 3]) &
        (open[i - 2] <= std::max(open[i - 3], close[i - 3]) + near3[i - 3]) &
        (open[i - 1] >= std::min(open[i - 2], close[i - 2]) - near2[i - 2]) &
        (open[i - 1] <= std::max(open[i - 2], close[i - 2]) + near2[i - 2]) &
        ((run_white & (close[i - 1] > close[i - 2]) & (close[i - 2] > close[i - 3]) &
          (open[i] > close[i - 1]) & (close[i] < open[i - 3])) |
         (!run_white & (close[i - 1] < close[i - 2]) & (close[i - 2] < close[i - 3]) &
          (open[i] < close[i - 1]) & (close[i] > open[i - 3])));
    o[i] = hit ? patterns_detail::Color(open, close, i - 1) * 100 : 0;
  }
}

std::vector<int> CDL3LINESTRIKE(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDL3LINESTRIKEKernel);
}

}  // namespace qat::ta
