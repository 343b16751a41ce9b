// CDLMATCHINGLOW: Matching Low (bullish, two candles).
//
// Rules: two black candles in a row (close below open) whose closes are practically the
// same: the second close lies within +/- the Equal average of the first close. Equal is
// measured on the first candle (default: 0.05 x the mean high-low range of the 5 candles
// before it). Returns +100 on the second candle; the pattern has no bearish form.
// Lookback: Equal period + 1.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLMATCHINGLOWLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kEqual) + 1;
}

QAT_VECTOR_KERNEL void CDLMATCHINGLOWKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLMATCHINGLOWLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* equal = f.Average(CandleSettingType::kEqual, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double eq = equal[i - 1];
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 1] >= open[i - 1]) & !(close[i] >= open[i]) &
                     (close[i] <= close[i - 1] + eq) & (close[i] >= close[i - 1] - eq);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLMATCHINGLOW(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLMATCHINGLOWKernel);
}

}  // namespace qat::ta
