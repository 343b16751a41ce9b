// CDLDOJI - Doji (one candle).
//
// Rule: the real body is tiny, at most the BodyDoji average of the period candles before it
// (by default 10% of their mean high-low range; "<=" so a body of exactly that size counts).
// Settings used: BodyDoji. Returns +100 when it holds, else 0 (a doji has no direction; TA-Lib
// reports it as 100).
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLDOJILookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kBodyDoji);
}

QAT_VECTOR_KERNEL void CDLDOJIKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLDOJILookback(f.settings()));
  if (n <= first) return;
  const double* body = f.body();
  const double* body_doji = f.Average(CandleSettingType::kBodyDoji, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) o[i] = body[i] <= body_doji[i] ? 100 : 0;
}

std::vector<int> CDLDOJI(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLDOJIKernel);
}

}  // namespace qat::ta
