// CDLTAKURI: Takuri, a dragonfly doji with a very long lower shadow (one candle).
//
// Rules: a doji (real body <= BodyDoji average, by default 0.1 x the mean high-low range
// of the 10 candles before it) with a very short upper shadow (< ShadowVeryShort average,
// by default 0.1 x the same mean range) and a very long lower shadow (> ShadowVeryLong
// average, by default twice the candle's own real body).
// Returns +100 when it fires; there is no bearish form.
// Lookback: max(BodyDoji, ShadowVeryShort, ShadowVeryLong periods).
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLTAKURILookback(const CandleSettings& settings) {
  return std::max(std::max(kernels::Period(settings, CandleSettingType::kBodyDoji),
                           kernels::Period(settings, CandleSettingType::kShadowVeryShort)),
                  kernels::Period(settings, CandleSettingType::kShadowVeryLong));
}

QAT_VECTOR_KERNEL void CDLTAKURIKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLTAKURILookback(f.settings()));
  if (n <= first) return;
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* doji = f.Average(CandleSettingType::kBodyDoji, first, 0);
  const double* very_short = f.Average(CandleSettingType::kShadowVeryShort, first, 0);
  const double* very_long = f.Average(CandleSettingType::kShadowVeryLong, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool hit = (body[i] <= doji[i]) & (upper[i] < very_short[i]) & (lower[i] > very_long[i]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLTAKURI(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLTAKURIKernel);
}

}  // namespace qat::ta
