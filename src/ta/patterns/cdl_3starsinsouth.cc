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

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDL3STARSINSOUTHLookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(std::max(Period(settings, CandleSettingType::kShadowVeryShort),
                           Period(settings, CandleSettingType::kShadowLong)),
                  std::max(Period(settings, CandleSettingType::kBodyLong),
                           Period(settings, CandleSettingType::kBodyShort))) +
         2;
}

std::vector<int> CDL3STARSINSOUTH(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDL3STARSINSOUTHLookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& high = bars.high;
  const auto& low = bars.low;
  const auto& close = bars.close;
  const CandleSetting& very_short = settings[CandleSettingType::kShadowVeryShort];
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 2);
  RunningTotal shadow_long(bars, settings[CandleSettingType::kShadowLong], first, 2);
  RunningTotal very_short1(bars, very_short, first, 1);
  RunningTotal very_short0(bars, very_short, first, 0);
  RunningTotal body_short(bars, settings[CandleSettingType::kBodyShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(bars, i - 2) == -1 && CandleColor(bars, i - 1) == -1 &&
        CandleColor(bars, i) == -1 &&
        RealBody(bars, i - 2) > body_long.Average(i) &&
        LowerShadow(bars, i - 2) > shadow_long.Average(i) &&
        RealBody(bars, i - 1) < RealBody(bars, i - 2) &&
        open[i - 1] > close[i - 2] && open[i - 1] <= high[i - 2] &&
        low[i - 1] < close[i - 2] && low[i - 1] >= low[i - 2] &&
        LowerShadow(bars, i - 1) > very_short1.Average(i) &&
        RealBody(bars, i) < body_short.Average(i) &&
        LowerShadow(bars, i) < very_short0.Average(i) &&
        UpperShadow(bars, i) < very_short0.Average(i) &&
        low[i] > low[i - 1] && high[i] < high[i - 1]) {
      out[i] = 100;
    }
    body_long.Advance(i);
    shadow_long.Advance(i);
    very_short1.Advance(i);
    very_short0.Advance(i);
    body_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
