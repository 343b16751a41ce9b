// CDLPIERCING: Piercing Pattern (bullish reversal, two candles).
//
// Rules: the first candle is long and black, the second long and white (each real body >
// its own BodyLong average: by default the mean body of the 10 candles before it). The
// second opens below the first candle's low and closes inside the first body, above its
// midpoint (close > first close + half the first body) but below the first open.
// Returns +100 on the second candle; there is no bearish form (that is CDLDARKCLOUDCOVER).
// Lookback: BodyLong period + 1.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLPIERCINGLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kBodyLong) + 1;
}

QAT_VECTOR_KERNEL void CDLPIERCINGKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLPIERCINGLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* long1 = f.Average(CandleSettingType::kBodyLong, first, 1);
  const double* long2 = f.Average(CandleSettingType::kBodyLong, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 1] >= open[i - 1]) & (body[i - 1] > long1[i - 1]) &
                     (close[i] >= open[i]) & (body[i] > long2[i]) &
                     (open[i] < low[i - 1]) & (close[i] < open[i - 1]) &
                     (close[i] > close[i - 1] + body[i - 1] * 0.5);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLPIERCING(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLPIERCINGKernel);
}

}  // namespace qat::ta
