// CDLGRAVESTONEDOJI: Gravestone Doji (one candle).
//
// Rules, judging candle i alone:
//   1. It is a doji: body(i) is no larger than the BodyDoji average (10% of the mean
//      high-low range of the candles before it, by default).
//   2. Its lower shadow is very short: smaller than the ShadowVeryShort average.
//   3. Its upper shadow is not very short: larger than the ShadowVeryShort average.
// Settings used: BodyDoji, ShadowVeryShort.
// Returns +100 where it fires (TA-Lib reports it as +100; read it as a doji, its meaning depends
// on the trend), else 0. Lookback: max(BodyDoji, ShadowVeryShort periods).
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLGRAVESTONEDOJILookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyDoji), Period(s, T::kShadowVeryShort));
}

QAT_VECTOR_KERNEL void CDLGRAVESTONEDOJIKernel(patterns_detail::CandleFrame& f,
                                               std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLGRAVESTONEDOJILookback(f.settings()));
  if (n <= first) return;
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* doji = f.Average(T::kBodyDoji, first, 0);
  const double* very_short = f.Average(T::kShadowVeryShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool hit = (body[i] <= doji[i]) & (lower[i] < very_short[i]) & (upper[i] > very_short[i]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLGRAVESTONEDOJI(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLGRAVESTONEDOJIKernel);
}

}  // namespace qat::ta
