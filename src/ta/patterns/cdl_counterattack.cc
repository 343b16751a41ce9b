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

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLCOUNTERATTACKLookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(Period(settings, CandleSettingType::kEqual),
                  Period(settings, CandleSettingType::kBodyLong)) +
         1;
}

std::vector<int> CDLCOUNTERATTACK(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLCOUNTERATTACKLookback(settings));
  if (n <= first) return out;
  const auto& close = bars.close;
  const CandleSetting& body_long = settings[CandleSettingType::kBodyLong];
  RunningTotal equal(bars, settings[CandleSettingType::kEqual], first, 1);
  RunningTotal body_long1(bars, body_long, first, 1);
  RunningTotal body_long0(bars, body_long, first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(bars, i - 1) == -CandleColor(bars, i) &&
        RealBody(bars, i - 1) > body_long1.Average(i) &&
        RealBody(bars, i) > body_long0.Average(i) &&
        close[i] <= close[i - 1] + equal.Average(i) &&
        close[i] >= close[i - 1] - equal.Average(i)) {
      out[i] = CandleColor(bars, i) * 100;
    }
    equal.Advance(i);
    body_long1.Advance(i);
    body_long0.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
