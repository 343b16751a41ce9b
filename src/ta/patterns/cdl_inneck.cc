// CDLINNECK: In-Neck pattern (two candles, bearish continuation).
//
// Rules, judging bar i with candles i-1 and i:
//   1. Candle i-1 is black with a long real body: larger than the BodyLong average of the
//      candles before it.
//   2. Candle i is white and opens below candle i-1's low.
//   3. Candle i closes at or slightly above candle i-1's close: close(i-1) <= close(i) <=
//      close(i-1) + the Equal average measured for candle i-1.
// Settings used: BodyLong and Equal, both for candle i-1.
// Returns -100 where it fires (the trend is not considered), else 0.
// Lookback: max(Equal, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLINNECKLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kEqual), Period(s, T::kBodyLong)) + 1;
}

QAT_VECTOR_KERNEL void CDLINNECKKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLINNECKLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* equal = f.Average(T::kEqual, first, 1);
  const double* body_long = f.Average(T::kBodyLong, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 1] >= open[i - 1]) & (body[i - 1] > body_long[i - 1]) &
                     (close[i] >= open[i]) & (open[i] < low[i - 1]) &
                     (close[i] <= close[i - 1] + equal[i - 1]) & (close[i] >= close[i - 1]);
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDLINNECK(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLINNECKKernel);
}

}  // namespace qat::ta
