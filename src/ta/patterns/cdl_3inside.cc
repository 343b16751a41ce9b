// CDL3INSIDE - Three Inside Up / Down (three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before candle 1);
//   2. a short real body (<= BodyShort average of the period candles before candle 2) lying
//      strictly inside candle 1's body: its top below candle 1's top and its bottom above
//      candle 1's bottom (a harami);
//   3. the opposite colour to candle 1 and closing beyond candle 1's open: a black candle
//      closing below a white candle 1's open (three inside down), or a white candle closing
//      above a black candle 1's open (three inside up).
// Settings used: BodyLong, BodyShort. Returns +100 for three inside up (candle 1 black),
// -100 for three inside down (candle 1 white), else 0; the trend is not examined.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDL3INSIDELookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(Period(settings, CandleSettingType::kBodyShort),
                  Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

std::vector<int> CDL3INSIDE(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDL3INSIDELookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& close = bars.close;
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 2);
  RunningTotal body_short(bars, settings[CandleSettingType::kBodyShort], first, 1);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(bars, i - 2) > body_long.Average(i) &&
        RealBody(bars, i - 1) <= body_short.Average(i) &&
        std::max(close[i - 1], open[i - 1]) < std::max(close[i - 2], open[i - 2]) &&
        std::min(close[i - 1], open[i - 1]) > std::min(close[i - 2], open[i - 2]) &&
        ((CandleColor(bars, i - 2) == 1 && CandleColor(bars, i) == -1 && close[i] < open[i - 2]) ||
         (CandleColor(bars, i - 2) == -1 && CandleColor(bars, i) == 1 && close[i] > open[i - 2]))) {
      out[i] = -CandleColor(bars, i - 2) * 100;
    }
    body_long.Advance(i);
    body_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
