// CDLIDENTICAL3CROWS: Identical Three Crows (three candles, bearish only).
//
// Rules, judging bar i with candles i-2, i-1, i:
//   1. All three candles are black, and each has a very short lower shadow: smaller than
//      the ShadowVeryShort average of the candles before that candle.
//   2. The closes decline: close(i-2) > close(i-1) > close(i).
//   3. Each candle opens about where the previous one closed: open(i-1) lies within
//      close(i-2) +/- the Equal average measured for candle i-2, and open(i) within
//      close(i-1) +/- the Equal average measured for candle i-1.
// Settings used: ShadowVeryShort (one running total per candle), Equal (for i-2 and i-1).
// Returns -100 where it fires (the trend is not considered), else 0.
// Lookback: max(ShadowVeryShort, Equal periods) + 2.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLIDENTICAL3CROWSLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kShadowVeryShort), Period(s, T::kEqual)) + 2;
}

QAT_VECTOR_KERNEL void CDLIDENTICAL3CROWSKernel(patterns_detail::CandleFrame& f,
                                                std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLIDENTICAL3CROWSLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* lower = f.lower();
  const double* short2 = f.Average(T::kShadowVeryShort, first, 2);
  const double* short1 = f.Average(T::kShadowVeryShort, first, 1);
  const double* short0 = f.Average(T::kShadowVeryShort, first, 0);
  const double* equal2 = f.Average(T::kEqual, first, 2);
  const double* equal1 = f.Average(T::kEqual, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 2] >= open[i - 2]) & (lower[i - 2] < short2[i - 2]) &
                     !(close[i - 1] >= open[i - 1]) & (lower[i - 1] < short1[i - 1]) &
                     !(close[i] >= open[i]) & (lower[i] < short0[i]) &
                     (close[i - 2] > close[i - 1]) & (close[i - 1] > close[i]) &
                     (open[i - 1] <= close[i - 2] + equal2[i - 2]) &
                     (open[i - 1] >= close[i - 2] - equal2[i - 2]) &
                     (open[i] <= close[i - 1] + equal1[i - 1]) &
                     (open[i] >= close[i - 1] - equal1[i - 1]);
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDLIDENTICAL3CROWS(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLIDENTICAL3CROWSKernel);
}

}  // namespace qat::ta
