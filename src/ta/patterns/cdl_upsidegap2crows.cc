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
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLUPSIDEGAP2CROWSLookback(const CandleSettings& settings) {
  return std::max(group3::Period(settings, CandleSettingType::kBodyShort),
                  group3::Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

std::vector<int> CDLUPSIDEGAP2CROWS(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLUPSIDEGAP2CROWSLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal long1(bars, settings[CandleSettingType::kBodyLong], start, 2);
  patterns_detail::RunningTotal short2(bars, settings[CandleSettingType::kBodyShort], start, 1);
  const auto& open = bars.open;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    if (CandleColor(bars, i - 2) == 1 && RealBody(bars, i - 2) > long1.Average(i) &&
        CandleColor(bars, i - 1) == -1 && RealBody(bars, i - 1) <= short2.Average(i) &&
        RealBodyGapUp(bars, i - 1, i - 2) && CandleColor(bars, i) == -1 &&
        open[i] > open[i - 1] && close[i] < close[i - 1] && close[i] > close[i - 2]) {
      out[i] = -100;
    }
    long1.Advance(i);
    short2.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
