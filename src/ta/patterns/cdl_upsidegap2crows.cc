// CDLUPSIDEGAP2CROWS: Upside Gap Two Crows (bearish, three candles).
//
// Rules, candles 1..3 (3 = current bar):
//  - 1 is long and white (real body > BodyLong average, by default the mean body of the
//    10 candles before it).
//  - 2 is black and short (real body <= BodyShort average, mean body of the 10 candles
//    before it) and its real body gaps up above 1's.
//  - 3 is black, engulfs 2's body (opens above 2's open, closes below 2's close) yet
//    closes above 1's close, so the gap over 1 is not closed.
// Returns -100 on candle 3; there is no bullish form.
// Lookback: max(BodyShort, BodyLong periods) + 2.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLUPSIDEGAP2CROWSLookback(const CandleSettings& settings) {
  return std::max(kernels::Period(settings, CandleSettingType::kBodyShort),
                  kernels::Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

QAT_VECTOR_KERNEL void CDLUPSIDEGAP2CROWSKernel(patterns_detail::CandleFrame& f,
                                                std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLUPSIDEGAP2CROWSLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* long1 = f.Average(CandleSettingType::kBodyLong, first, 2);
  const double* short2 = f.Average(CandleSettingType::kBodyShort, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool hit = (close[i - 2] >= open[i - 2]) & (body[i - 2] > long1[i - 2]) &
                     !(close[i - 1] >= open[i - 1]) & (body[i - 1] <= short2[i - 1]) &
                     patterns_detail::BodyGapUp(open, close, i - 1, i - 2) &
                     !(close[i] >= open[i]) & (open[i] > open[i - 1]) &
                     (close[i] < close[i - 1]) & (close[i] > close[i - 2]);
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDLUPSIDEGAP2CROWS(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLUPSIDEGAP2CROWSKernel);
}

}  // namespace qat::ta
