// CDLUNIQUE3RIVER: Unique 3 River (bullish, three candles).
//
// Rules, candles 1..3 (3 = current bar):
//  - 1 is long and black (real body > BodyLong average, by default the mean body of the 10
//    candles before it).
//  - 2 is black, a harami of 1 by its body (close2 > close1 and open2 <= open1), and makes
//    a lower low (low2 < low1).
//  - 3 is white with a short body (< BodyShort average, mean body of the 10 candles before
//    it) and opens above 2's low.
// Returns +100 on candle 3; there is no bearish form.
// Lookback: max(BodyShort, BodyLong periods) + 2.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLUNIQUE3RIVERLookback(const CandleSettings& settings) {
  return std::max(kernels::Period(settings, CandleSettingType::kBodyShort),
                  kernels::Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

QAT_VECTOR_KERNEL void CDLUNIQUE3RIVERKernel(patterns_detail::CandleFrame& f,
                                             std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLUNIQUE3RIVERLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* long1 = f.Average(CandleSettingType::kBodyLong, first, 2);
  const double* short3 = f.Average(CandleSettingType::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool hit = (body[i - 2] > long1[i - 2]) & !(close[i - 2] >= open[i - 2]) &
                     !(close[i - 1] >= open[i - 1]) & (close[i - 1] > close[i - 2]) &
                     (open[i - 1] <= open[i - 2]) & (low[i - 1] < low[i - 2]) &
                     (body[i] < short3[i]) & (close[i] >= open[i]) & (open[i] > low[i - 1]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLUNIQUE3RIVER(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLUNIQUE3RIVERKernel);
}

}  // namespace qat::ta
