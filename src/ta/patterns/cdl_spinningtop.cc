// CDLSPINNINGTOP: Spinning Top (one candle).
//
// Rules: a small real body (< BodyShort average, by default the mean body of the 10
// candles before it) with both the upper and the lower shadow longer than the body.
// Returns +100 for a white candle, -100 for a black one.
// Lookback: BodyShort period.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLSPINNINGTOPLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kBodyShort);
}

QAT_VECTOR_KERNEL void CDLSPINNINGTOPKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLSPINNINGTOPLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_avg = f.Average(CandleSettingType::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool hit = (body[i] < body_avg[i]) & (upper[i] > body[i]) & (lower[i] > body[i]);
    o[i] = hit ? 100 * patterns_detail::Color(open, close, i) : 0;
  }
}

std::vector<int> CDLSPINNINGTOP(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLSPINNINGTOPKernel);
}

}  // namespace qat::ta
