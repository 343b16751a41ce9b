// CDLMARUBOZU: Marubozu (one candle).
//
// Rules, judging candle i alone:
//   1. Long real body: body(i) is larger than the BodyLong average.
//   2. Both shadows are very short: the upper and the lower shadow are each smaller than the
//      ShadowVeryShort average (10% of the mean high-low range of the candles before it, by
//      default).
// Settings used: BodyLong, ShadowVeryShort.
// Returns +100 for a white marubozu, -100 for a black one, else 0.
// Lookback: max(BodyLong, ShadowVeryShort periods).
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLMARUBOZULookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyLong), Period(s, T::kShadowVeryShort));
}

QAT_VECTOR_KERNEL void CDLMARUBOZUKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLMARUBOZULookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_long = f.Average(T::kBodyLong, first, 0);
  const double* very_short = f.Average(T::kShadowVeryShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit =
        (body[i] > body_long[i]) & (upper[i] < very_short[i]) & (lower[i] < very_short[i]);
    o[i] = hit ? (close[i] >= open[i] ? 100 : -100) : 0;
  }
}

std::vector<int> CDLMARUBOZU(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLMARUBOZUKernel);
}

}  // namespace qat::ta
