// CDLCOUNTERATTACK - Counterattack (two candles).
//
// Rules, with candles numbered 1..2 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before it);
//   2. a long real body of the opposite colour (> BodyLong average of the period candles
//      before it) closing level with candle 1: |close(2) - close(1)| within the Equal average
//      of the period candles before candle 1 (both bounds inclusive).
// Settings used: BodyLong, Equal. Returns +100 when candle 2 is white (bullish), -100 when
// black, else 0; the trend is not examined.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLCOUNTERATTACKLookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(Period(settings, CandleSettingType::kEqual),
                  Period(settings, CandleSettingType::kBodyLong)) +
         1;
}

QAT_VECTOR_KERNEL void CDLCOUNTERATTACKKernel(patterns_detail::CandleFrame& f,
                                              std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLCOUNTERATTACKLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* equal = f.Average(CandleSettingType::kEqual, first, 1);
  const double* body_long1 = f.Average(CandleSettingType::kBodyLong, first, 1);
  const double* body_long0 = f.Average(CandleSettingType::kBodyLong, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&). Opposite colours: exactly one of the two candles is white.
    const bool white = close[i] >= open[i];
    const bool hit = ((close[i - 1] >= open[i - 1]) != white) &
                     (body[i - 1] > body_long1[i - 1]) & (body[i] > body_long0[i]) &
                     (close[i] <= close[i - 1] + equal[i - 1]) &
                     (close[i] >= close[i - 1] - equal[i - 1]);
    o[i] = hit ? (white ? 100 : -100) : 0;
  }
}

std::vector<int> CDLCOUNTERATTACK(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLCOUNTERATTACKKernel);
}

}  // namespace qat::ta
