// CDL3STARSINSOUTH - Three Stars in the South (bullish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value; all three black:
//   1. a long real body (> BodyLong average of the period candles before candle 1) with a
//      long lower shadow (> ShadowLong average; with the default period 0 that is candle 1's
//      own real body times the factor);
//   2. a smaller real body than candle 1 that opens above candle 1's close but not above its
//      high, trades below candle 1's close but not below its low, and has a lower shadow
//      (> ShadowVeryShort average of the period candles before candle 2);
//   3. a short real body (< BodyShort average of the period candles before it) with very short
//      upper and lower shadows (each < ShadowVeryShort average), inside candle 2's range
//      (higher low and lower high).
// Settings used: BodyLong, ShadowLong, ShadowVeryShort, BodyShort. Returns +100 when all hold
// (always bullish; the downtrend is not examined), else 0.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDL3STARSINSOUTHLookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(std::max(Period(settings, CandleSettingType::kShadowVeryShort),
                           Period(settings, CandleSettingType::kShadowLong)),
                  std::max(Period(settings, CandleSettingType::kBodyLong),
                           Period(settings, CandleSettingType::kBodyShort))) +
         2;
}

QAT_VECTOR_KERNEL void CDL3STARSINSOUTHKernel(patterns_detail::CandleFrame& f,
                                              std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDL3STARSINSOUTHLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 2);
  const double* shadow_long = f.Average(CandleSettingType::kShadowLong, first, 2);
  const double* very_short1 = f.Average(CandleSettingType::kShadowVeryShort, first, 1);
  const double* very_short0 = f.Average(CandleSettingType::kShadowVeryShort, first, 0);
  const double* body_short = f.Average(CandleSettingType::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 2] >= open[i - 2]) & !(close[i - 1] >= open[i - 1]) &
                     !(close[i] >= open[i]) &
                     (body[i - 2] > body_long[i - 2]) & (lower[i - 2] > shadow_long[i - 2]) &
                     (body[i - 1] < body[i - 2]) &
                     (open[i - 1] > close[i - 2]) & (open[i - 1] <= high[i - 2]) &
                     (low[i - 1] < close[i - 2]) & (low[i - 1] >= low[i - 2]) &
                     (lower[i - 1] > very_short1[i - 1]) &
                     (body[i] < body_short[i]) &
                     (lower[i] < very_short0[i]) & (upper[i] < very_short0[i]) &
                     (low[i] > low[i - 1]) & (high[i] < high[i - 1]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDL3STARSINSOUTH(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDL3STARSINSOUTHKernel);
}

}  // namespace qat::ta
