// CDLHOMINGPIGEON: Homing Pigeon (two candles, bullish only).
//
// Rules, judging bar i with candles i-1 and i:
//   1. Both candles are black.
//   2. Candle i-1 has a long real body: larger than the BodyLong average of the candles
//      before it.
//   3. Candle i has a short real body: no larger than the BodyShort average of the candles
//      before it.
//   4. Candle i's body lies strictly inside candle i-1's body: open(i) < open(i-1) and
//      close(i) > close(i-1).
// Settings used: BodyLong (for i-1), BodyShort (for i).
// Returns +100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLHOMINGPIGEONLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyShort), Period(s, T::kBodyLong)) + 1;
}

QAT_VECTOR_KERNEL void CDLHOMINGPIGEONKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLHOMINGPIGEONLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(T::kBodyLong, first, 1);
  const double* body_short = f.Average(T::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 1] >= open[i - 1]) & !(close[i] >= open[i]) &
                     (body[i - 1] > body_long[i - 1]) & (body[i] <= body_short[i]) &
                     (open[i] < open[i - 1]) & (close[i] > close[i - 1]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLHOMINGPIGEON(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHOMINGPIGEONKernel);
}

}  // namespace qat::ta
