// CDLHAMMER: Hammer (one candle judged against the one before it).
//
// Rules, judging candle i:
//   1. Small real body: body(i) is smaller than the BodyShort average.
//   2. Long lower shadow: larger than the ShadowLong average (by default the candle's own
//      real body, since ShadowLong has period 0).
//   3. Very short upper shadow: smaller than the ShadowVeryShort average.
//   4. The body sits near the previous candle's low: min(open, close) of candle i is at most
//      low(i-1) + the Near average measured for candle i-1.
// Settings used: BodyShort, ShadowLong, ShadowVeryShort (for candle i), Near (for i-1).
// Returns +100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, ShadowLong, ShadowVeryShort, Near periods) + 1.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int kernels::HammerShapeLookback(const CandleSettings& s) {
  return std::max({Period(s, T::kBodyShort), Period(s, T::kShadowLong),
                   Period(s, T::kShadowVeryShort), Period(s, T::kNear)}) +
         1;
}

namespace {

// The loop for one placement of the body. The placement is a template argument: with a
// run-time select between the two placements, GCC 12 did not vectorize the baseline clone.
template <bool kNearPriorHigh>
[[gnu::always_inline]] inline void HammerLoop(patterns_detail::CandleFrame& f, std::span<int> out,
                                              std::size_t first) {
  const std::size_t n = f.size();
  const double* open = f.open();
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_short = f.Average(T::kBodyShort, first, 0);
  const double* shadow_long = f.Average(T::kShadowLong, first, 0);
  const double* very_short = f.Average(T::kShadowVeryShort, first, 0);
  const double* near = f.Average(T::kNear, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double body_bottom = std::min(close[i], open[i]);
    const bool near_prior = kNearPriorHigh ? body_bottom >= high[i - 1] - near[i - 1]
                                           : body_bottom <= low[i - 1] + near[i - 1];
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[i] < body_short[i]) & (lower[i] > shadow_long[i]) &
                     (upper[i] < very_short[i]) & near_prior;
    o[i] = hit ? (kNearPriorHigh ? -100 : 100) : 0;
  }
}

}  // namespace

// Compiled for AVX2 and the baseline (the hammer and hanging-man kernels call it).
QAT_VECTOR_KERNEL void kernels::HammerShape(patterns_detail::CandleFrame& f,
                                                  std::span<int> out, bool near_prior_high) {
  const auto first = static_cast<std::size_t>(HammerShapeLookback(f.settings()));
  if (f.size() <= first) return;
  if (near_prior_high) {
    HammerLoop<true>(f, out, first);
  } else {
    HammerLoop<false>(f, out, first);
  }
}

int CDLHAMMERLookback(const CandleSettings& s) { return kernels::HammerShapeLookback(s); }

void CDLHAMMERKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  kernels::HammerShape(f, out, /*near_prior_high=*/false);
}

std::vector<int> CDLHAMMER(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHAMMERKernel);
}

}  // namespace qat::ta
