// CDLHIGHWAVE: High-Wave Candle (one candle).
//
// Rules, judging candle i alone:
//   1. Short real body: body(i) is smaller than the BodyShort average.
//   2. Both shadows are very long: the upper and the lower shadow are each larger than the
//      ShadowVeryLong average (by default twice the candle's own real body, since
//      ShadowVeryLong has period 0).
// Settings used: BodyShort, ShadowVeryLong.
// Returns +100 for a white candle, -100 for a black one, else 0.
// Lookback: max(BodyShort, ShadowVeryLong periods).
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLHIGHWAVELookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyShort), Period(s, T::kShadowVeryLong));
}

QAT_VECTOR_KERNEL void CDLHIGHWAVEKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLHIGHWAVELookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_short = f.Average(T::kBodyShort, first, 0);
  const double* shadow = f.Average(T::kShadowVeryLong, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool hit = (body[i] < body_short[i]) & (upper[i] > shadow[i]) & (lower[i] > shadow[i]);
    // hit ? TA_CANDLECOLOR * 100 : 0, as two plain selects (so that the baseline clone
    // vectorizes too).
    const int value = close[i] >= open[i] ? 100 : -100;
    o[i] = hit ? value : 0;
  }
}

std::vector<int> CDLHIGHWAVE(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHIGHWAVEKernel);
}

}  // namespace qat::ta
