// CDLLONGLEGGEDDOJI: Long-Legged Doji (one candle).
//
// Rules, judging candle i alone:
//   1. It is a doji: body(i) is no larger than the BodyDoji average (10% of the mean
//      high-low range of the candles before it, by default).
//   2. At least one shadow is long: the lower or the upper shadow is larger than the
//      ShadowLong average (by default the candle's own real body).
// Settings used: BodyDoji, ShadowLong.
// Returns +100 where it fires (it marks indecision, not a direction), else 0.
// Lookback: max(BodyDoji, ShadowLong periods).
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLLONGLEGGEDDOJILookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyDoji), Period(s, T::kShadowLong));
}

QAT_VECTOR_KERNEL void CDLLONGLEGGEDDOJIKernel(patterns_detail::CandleFrame& f,
                                               std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLLONGLEGGEDDOJILookback(f.settings()));
  if (n <= first) return;
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* doji = f.Average(T::kBodyDoji, first, 0);
  const double* shadow_long = f.Average(T::kShadowLong, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& and | not && and ||): every operand is a plain comparison, so the result
    // is the same.
    const bool hit = (body[i] <= doji[i]) &
                     ((lower[i] > shadow_long[i]) | (upper[i] > shadow_long[i]));
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLLONGLEGGEDDOJI(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLLONGLEGGEDDOJIKernel);
}

}  // namespace qat::ta
