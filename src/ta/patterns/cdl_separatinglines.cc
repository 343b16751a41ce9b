// CDLSEPARATINGLINES: Separating Lines (continuation, two candles).
//
// Rules: two candles of opposite colour that open at the same price (the second open lies
// within +/- the Equal average of the first open; Equal is measured on the first candle,
// by default 0.05 x the mean high-low range of the 5 candles before it). The second candle
// is a belt hold: a long real body (> BodyLong average, by default the mean body of the 10
// candles before it) with, if white, a lower shadow, or, if black, an upper shadow shorter
// than the ShadowVeryShort average (default 0.1 x the mean high-low range of the 10
// candles before it).
// Returns +100 when the second candle is white, -100 when black.
// Lookback: max(ShadowVeryShort, BodyLong, Equal periods) + 1.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLSEPARATINGLINESLookback(const CandleSettings& settings) {
  return std::max(std::max(kernels::Period(settings, CandleSettingType::kShadowVeryShort),
                           kernels::Period(settings, CandleSettingType::kBodyLong)),
                  kernels::Period(settings, CandleSettingType::kEqual)) +
         1;
}

QAT_VECTOR_KERNEL void CDLSEPARATINGLINESKernel(patterns_detail::CandleFrame& f,
                                                std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLSEPARATINGLINESLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* very_short = f.Average(CandleSettingType::kShadowVeryShort, first, 0);
  const double* long2 = f.Average(CandleSettingType::kBodyLong, first, 0);
  const double* equal = f.Average(CandleSettingType::kEqual, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double eq = equal[i - 1];
    const bool white = close[i] >= open[i];
    // Opposite colours: CandleColor(i - 1) == -CandleColor(i).
    const bool white1 = close[i - 1] >= open[i - 1];
    // Branch-free (& and | not && and ||): every operand is a plain comparison, so the
    // result is the same.
    const bool hit = (white1 != white) & (open[i] <= open[i - 1] + eq) &
                     (open[i] >= open[i - 1] - eq) & (body[i] > long2[i]) &
                     ((white & (lower[i] < very_short[i])) |
                      (!white & (upper[i] < very_short[i])));
    o[i] = hit ? (white ? 100 : -100) : 0;
  }
}

std::vector<int> CDLSEPARATINGLINES(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLSEPARATINGLINESKernel);
}

}  // namespace qat::ta
