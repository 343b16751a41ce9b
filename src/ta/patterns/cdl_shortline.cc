// CDLSHORTLINE: Short Line Candle (one candle).
//
// Rules: a short real body (< BodyShort average, by default the mean body of the 10
// candles before it) and short shadows: the upper and the lower shadow are each shorter
// than the ShadowShort average (by default the mean of one shadow over the 10 candles
// before it, i.e. half the mean of upper + lower shadow).
// Returns +100 for a white candle, -100 for a black one.
// Lookback: max(BodyShort, ShadowShort periods).
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLSHORTLINELookback(const CandleSettings& settings) {
  return std::max(kernels::Period(settings, CandleSettingType::kBodyShort),
                  kernels::Period(settings, CandleSettingType::kShadowShort));
}

QAT_VECTOR_KERNEL void CDLSHORTLINEKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLSHORTLINELookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_avg = f.Average(CandleSettingType::kBodyShort, first, 0);
  const double* shadow_avg = f.Average(CandleSettingType::kShadowShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool hit = (body[i] < body_avg[i]) & (upper[i] < shadow_avg[i]) &
                     (lower[i] < shadow_avg[i]);
    o[i] = hit ? 100 * patterns_detail::Color(open, close, i) : 0;
  }
}

std::vector<int> CDLSHORTLINE(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLSHORTLINEKernel);
}

}  // namespace qat::ta
