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
#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLCONCEALBABYSWALLLookback(const CandleSettings& settings) {
  return group1_detail::Period(settings, CandleSettingType::kShadowVeryShort) + 3;
}

std::vector<int> CDLCONCEALBABYSWALL(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLCONCEALBABYSWALLLookback(settings));
  if (n <= first) return out;
  const auto& high = bars.high;
  const auto& low = bars.low;
  const auto& close = bars.close;
  const CandleSetting& very_short = settings[CandleSettingType::kShadowVeryShort];
  RunningTotal very_short3(bars, very_short, first, 3);
  RunningTotal very_short2(bars, very_short, first, 2);
  RunningTotal very_short1(bars, very_short, first, 1);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(bars, i - 3) == -1 && CandleColor(bars, i - 2) == -1 &&
        CandleColor(bars, i - 1) == -1 && CandleColor(bars, i) == -1 &&
        LowerShadow(bars, i - 3) < very_short3.Average(i) &&
        UpperShadow(bars, i - 3) < very_short3.Average(i) &&
        LowerShadow(bars, i - 2) < very_short2.Average(i) &&
        UpperShadow(bars, i - 2) < very_short2.Average(i) &&
        RealBodyGapDown(bars, i - 1, i - 2) &&
        UpperShadow(bars, i - 1) > very_short1.Average(i) && high[i - 1] > close[i - 2] &&
        high[i] > high[i - 1] && low[i] < low[i - 1]) {
      out[i] = 100;
    }
    very_short3.Advance(i);
    very_short2.Advance(i);
    very_short1.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
