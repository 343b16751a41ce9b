// CDLINVERTEDHAMMER: Inverted Hammer (one candle judged against the one before it).
//
// Rules, judging candle i:
//   1. Small real body: body(i) is smaller than the BodyShort average.
//   2. Long upper shadow: larger than the ShadowLong average (by default the candle's own
//      real body).
//   3. Very short lower shadow: smaller than the ShadowVeryShort average.
//   4. Its real body gaps down from the previous candle's real body (entirely below it).
// Settings used: BodyShort, ShadowLong, ShadowVeryShort, all for candle i.
// Returns +100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, ShadowLong, ShadowVeryShort periods) + 1.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLINVERTEDHAMMERLookback(const CandleSettings& s) {
  return std::max({Period(s, T::kBodyShort), Period(s, T::kShadowLong),
                   Period(s, T::kShadowVeryShort)}) +
         1;
}

QAT_VECTOR_KERNEL void CDLINVERTEDHAMMERKernel(patterns_detail::CandleFrame& f,
                                               std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLINVERTEDHAMMERLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_short = f.Average(T::kBodyShort, first, 0);
  const double* shadow_long = f.Average(T::kShadowLong, first, 0);
  const double* very_short = f.Average(T::kShadowVeryShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[i] < body_short[i]) & (upper[i] > shadow_long[i]) &
                     (lower[i] < very_short[i]) &
                     patterns_detail::BodyGapDown(open, close, i, i - 1);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLINVERTEDHAMMER(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLINVERTEDHAMMERKernel);
}

}  // namespace qat::ta
