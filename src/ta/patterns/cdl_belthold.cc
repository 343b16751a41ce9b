// CDLBELTHOLD - Belt-hold (one candle).
//
// Rules: a long real body (> BodyLong average of the period candles before it) that opens at
// or very near its extreme: a white candle with a very short lower shadow, or a black candle
// with a very short upper shadow (< ShadowVeryShort average of the period candles before it).
// Settings used: BodyLong, ShadowVeryShort. Returns +100 for the white (bullish) form, -100
// for the black (bearish) form, else 0; the trend is not examined.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLBELTHOLDLookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(Period(settings, CandleSettingType::kBodyLong),
                  Period(settings, CandleSettingType::kShadowVeryShort));
}

QAT_VECTOR_KERNEL void CDLBELTHOLDKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLBELTHOLDLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 0);
  const double* very_short = f.Average(CandleSettingType::kShadowVeryShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool white = close[i] >= open[i];
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool hit = (body[i] > body_long[i]) &
                     ((white & (lower[i] < very_short[i])) |
                      (!white & (upper[i] < very_short[i])));
    o[i] = hit ? patterns_detail::Color(open, close, i) * 100 : 0;
  }
}

std::vector<int> CDLBELTHOLD(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLBELTHOLDKernel);
}

}  // namespace qat::ta
