// CDLONNECK: On-Neck (bearish continuation, two candles).
//
// Rules: the first candle is a long black candle (real body > BodyLong average, by default
// the mean body of the 10 candles before it). The second is white, opens below the first
// candle's low and closes at that low, within +/- the Equal average measured on the first
// candle (default: 0.05 x mean high-low range of the 5 candles before the first).
// Returns -100 on the second candle; there is no bullish form.
// Lookback: max(Equal, BodyLong periods) + 1.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLONNECKLookback(const CandleSettings& settings) {
  return std::max(kernels::Period(settings, CandleSettingType::kEqual),
                  kernels::Period(settings, CandleSettingType::kBodyLong)) +
         1;
}

QAT_VECTOR_KERNEL void CDLONNECKKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLONNECKLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* equal = f.Average(CandleSettingType::kEqual, first, 1);
  const double* long1 = f.Average(CandleSettingType::kBodyLong, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double eq = equal[i - 1];
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 1] >= open[i - 1]) & (body[i - 1] > long1[i - 1]) &
                     (close[i] >= open[i]) & (open[i] < low[i - 1]) &
                     (close[i] <= low[i - 1] + eq) & (close[i] >= low[i - 1] - eq);
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDLONNECK(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLONNECKKernel);
}

}  // namespace qat::ta
