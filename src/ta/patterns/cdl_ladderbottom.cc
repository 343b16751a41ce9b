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
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLLADDERBOTTOMLookback(const CandleSettings& s) { return Period(s, T::kShadowVeryShort) + 4; }

QAT_VECTOR_KERNEL void CDLLADDERBOTTOMKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLLADDERBOTTOMLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* close = f.close();
  const double* upper = f.upper();
  const double* very_short = f.Average(T::kShadowVeryShort, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 4] >= open[i - 4]) & !(close[i - 3] >= open[i - 3]) &
                     !(close[i - 2] >= open[i - 2]) & (open[i - 4] > open[i - 3]) &
                     (open[i - 3] > open[i - 2]) & (close[i - 4] > close[i - 3]) &
                     (close[i - 3] > close[i - 2]) & !(close[i - 1] >= open[i - 1]) &
                     (upper[i - 1] > very_short[i - 1]) & (close[i] >= open[i]) &
                     (open[i] > open[i - 1]) & (close[i] > high[i - 1]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLLADDERBOTTOM(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLLADDERBOTTOMKernel);
}

}  // namespace qat::ta
