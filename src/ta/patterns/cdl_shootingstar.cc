// CDLSHOOTINGSTAR: Shooting Star (bearish, one candle after any candle).
//
// Rules: the current candle has a small real body (< BodyShort average, by default the
// mean body of the 10 candles before it), a long upper shadow (> ShadowLong average, by
// default its own real body), a very short lower shadow (< ShadowVeryShort average,
// default 0.1 x the mean high-low range of the 10 candles before it), and its real body
// gaps up above the previous candle's real body.
// Returns -100; there is no bullish form (the inverted hammer is the bullish relative).
// Lookback: max(BodyShort, ShadowLong, ShadowVeryShort periods) + 1.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLSHOOTINGSTARLookback(const CandleSettings& settings) {
  return std::max(std::max(kernels::Period(settings, CandleSettingType::kBodyShort),
                           kernels::Period(settings, CandleSettingType::kShadowLong)),
                  kernels::Period(settings, CandleSettingType::kShadowVeryShort)) +
         1;
}

QAT_VECTOR_KERNEL void CDLSHOOTINGSTARKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLSHOOTINGSTARLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_short = f.Average(CandleSettingType::kBodyShort, first, 0);
  const double* shadow_long = f.Average(CandleSettingType::kShadowLong, first, 0);
  const double* very_short = f.Average(CandleSettingType::kShadowVeryShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[i] < body_short[i]) & (upper[i] > shadow_long[i]) &
                     (lower[i] < very_short[i]) &
                     patterns_detail::BodyGapUp(open, close, i, i - 1);
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDLSHOOTINGSTAR(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLSHOOTINGSTARKernel);
}

}  // namespace qat::ta
