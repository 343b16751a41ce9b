// CDLDRAGONFLYDOJI - Dragonfly Doji (one candle).
//
// Rules: a doji (body <= BodyDoji average of the period candles before it) with a very short
// upper shadow (< ShadowVeryShort average of the period candles before it) and a lower shadow
// that is not very short (> the same ShadowVeryShort average).
// Settings used: BodyDoji, ShadowVeryShort. Returns +100 when it holds, else 0.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLDRAGONFLYDOJILookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(Period(settings, CandleSettingType::kBodyDoji),
                  Period(settings, CandleSettingType::kShadowVeryShort));
}

QAT_VECTOR_KERNEL void CDLDRAGONFLYDOJIKernel(patterns_detail::CandleFrame& f,
                                              std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLDRAGONFLYDOJILookback(f.settings()));
  if (n <= first) return;
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_doji = f.Average(CandleSettingType::kBodyDoji, first, 0);
  const double* very_short = f.Average(CandleSettingType::kShadowVeryShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[i] <= body_doji[i]) & (upper[i] < very_short[i]) &
                     (lower[i] > very_short[i]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLDRAGONFLYDOJI(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLDRAGONFLYDOJIKernel);
}

}  // namespace qat::ta
