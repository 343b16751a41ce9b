// CDLCONCEALBABYSWALL - Concealing Baby Swallow (bullish, four black candles).
//
// Rules, with candles numbered 1..4 ending at the bar that gets the value; all four black:
//   1, 2. black marubozu: lower and upper shadows both very short (< ShadowVeryShort average
//      of the period candles before that candle);
//   3. its real body gaps down below candle 2's body, yet it has an upper shadow that is not
//      very short (> ShadowVeryShort average before it) and whose high reaches above candle
//      2's close, into candle 2's body;
//   4. engulfs candle 3 entirely, shadows included: higher high and lower low.
// Settings used: ShadowVeryShort (averages for candles 1, 2 and 3). Returns +100 when all
// hold (always bullish; the downtrend is not examined), else 0.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLCONCEALBABYSWALLLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kShadowVeryShort) + 3;
}

QAT_VECTOR_KERNEL void CDLCONCEALBABYSWALLKernel(patterns_detail::CandleFrame& f,
                                                 std::span<int> out) {
  using patterns_detail::BodyGapDown;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLCONCEALBABYSWALLLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* very_short3 = f.Average(CandleSettingType::kShadowVeryShort, first, 3);
  const double* very_short2 = f.Average(CandleSettingType::kShadowVeryShort, first, 2);
  const double* very_short1 = f.Average(CandleSettingType::kShadowVeryShort, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = !(close[i - 3] >= open[i - 3]) & !(close[i - 2] >= open[i - 2]) &
                     !(close[i - 1] >= open[i - 1]) & !(close[i] >= open[i]) &
                     (lower[i - 3] < very_short3[i - 3]) & (upper[i - 3] < very_short3[i - 3]) &
                     (lower[i - 2] < very_short2[i - 2]) & (upper[i - 2] < very_short2[i - 2]) &
                     BodyGapDown(open, close, i - 1, i - 2) &
                     (upper[i - 1] > very_short1[i - 1]) & (high[i - 1] > close[i - 2]) &
                     (high[i] > high[i - 1]) & (low[i] < low[i - 1]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLCONCEALBABYSWALL(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLCONCEALBABYSWALLKernel);
}

}  // namespace qat::ta
