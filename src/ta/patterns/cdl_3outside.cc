// CDL3OUTSIDE - Three Outside Up / Down (three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1-2. an engulfing pair: a black candle 1 whose real body is strictly engulfed by a white
//      candle 2 (candle 2 closes above candle 1's open and opens below its close), or a white
//      candle 1 strictly engulfed by a black candle 2 (opens above its close, closes below its
//      open);
//   3. a close beyond candle 2's close in candle 2's direction (higher after the white
//      engulfing, lower after the black one).
// No candle settings are used (no averages). Returns +100 for three outside up (white
// engulfing), -100 for three outside down, else 0; the trend is not examined.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDL3OUTSIDELookback(const CandleSettings& /*settings*/) { return 3; }

QAT_VECTOR_KERNEL void CDL3OUTSIDEKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDL3OUTSIDELookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool white1 = close[i - 2] >= open[i - 2];
    const bool white2 = close[i - 1] >= open[i - 1];
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool hit = (white2 & !white1 & (close[i - 1] > open[i - 2]) &
                      (open[i - 1] < close[i - 2]) & (close[i] > close[i - 1])) |
                     (!white2 & white1 & (open[i - 1] > close[i - 2]) &
                      (close[i - 1] < open[i - 2]) & (close[i] < close[i - 1]));
    o[i] = hit ? patterns_detail::Color(open, close, i - 1) * 100 : 0;
  }
}

std::vector<int> CDL3OUTSIDE(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDL3OUTSIDEKernel);
}

}  // namespace qat::ta
