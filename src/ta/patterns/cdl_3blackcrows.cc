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
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDL3BLACKCROWSLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kShadowVeryShort) + 3;
}

QAT_VECTOR_KERNEL void CDL3BLACKCROWSKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDL3BLACKCROWSLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* close = f.close();
  const double* lower = f.lower();
  const double* shadow2 = f.Average(CandleSettingType::kShadowVeryShort, first, 2);
  const double* shadow1 = f.Average(CandleSettingType::kShadowVeryShort, first, 1);
  const double* shadow0 = f.Average(CandleSettingType::kShadowVeryShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (close[i - 3] >= open[i - 3]) &
                     !(close[i - 2] >= open[i - 2]) & (lower[i - 2] < shadow2[i - 2]) &
                     !(close[i - 1] >= open[i - 1]) & (lower[i - 1] < shadow1[i - 1]) &
                     !(close[i] >= open[i]) & (lower[i] < shadow0[i]) &
                     (open[i - 1] < open[i - 2]) & (open[i - 1] > close[i - 2]) &
                     (open[i] < open[i - 1]) & (open[i] > close[i - 1]) &
                     (high[i - 3] > close[i - 2]) &
                     (close[i - 2] > close[i - 1]) & (close[i - 1] > close[i]);
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDL3BLACKCROWS(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDL3BLACKCROWSKernel);
}

}  // namespace qat::ta
