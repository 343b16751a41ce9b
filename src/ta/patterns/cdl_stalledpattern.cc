// CDLSTALLEDPATTERN: Stalled Pattern (bearish, three candles).
//
// Rules, candles 1..3 (3 = current bar):
//  - all three white, with rising closes (close1 < close2 < close3).
//  - 1 and 2 have long real bodies (> their BodyLong averages, by default the mean body of
//    the 10 candles before each).
//  - 2 has a very short upper shadow (< ShadowVeryShort average measured on 2, default
//    0.1 x the mean high-low range of the 10 candles before it), and opens above 1's open
//    but no higher than 1's close plus the Near average measured on 1 (default 0.2 x the
//    mean high-low range of the 5 candles before it).
//  - 3 has a small real body (< BodyShort average, mean body of the 10 candles before it)
//    and rides on 2's shoulder: open3 >= close2 - body3 - Near average measured on 2.
// Returns -100 on candle 3; there is no bullish form.
// Lookback: max(BodyLong, BodyShort, ShadowVeryShort, Near periods) + 2.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLSTALLEDPATTERNLookback(const CandleSettings& settings) {
  return std::max(std::max(group3::Period(settings, CandleSettingType::kBodyLong),
                           group3::Period(settings, CandleSettingType::kBodyShort)),
                  std::max(group3::Period(settings, CandleSettingType::kShadowVeryShort),
                           group3::Period(settings, CandleSettingType::kNear))) +
         2;
}

std::vector<int> CDLSTALLEDPATTERN(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLSTALLEDPATTERNLookback(settings));
  if (start >= n) return out;
  const CandleSetting& body_long = settings[CandleSettingType::kBodyLong];
  const CandleSetting& near = settings[CandleSettingType::kNear];
  patterns_detail::RunningTotal long1(bars, body_long, start, 2);
  patterns_detail::RunningTotal long2(bars, body_long, start, 1);
  patterns_detail::RunningTotal short3(bars, settings[CandleSettingType::kBodyShort], start, 0);
  patterns_detail::RunningTotal very_short2(bars, settings[CandleSettingType::kShadowVeryShort], start,
                                   1);
  patterns_detail::RunningTotal near1(bars, near, start, 2);
  patterns_detail::RunningTotal near2(bars, near, start, 1);
  const auto& open = bars.open;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const std::size_t c1 = i - 2, c2 = i - 1;
    if (CandleColor(bars, c1) == 1 && CandleColor(bars, c2) == 1 && CandleColor(bars, i) == 1 &&
        close[i] > close[c2] && close[c2] > close[c1] &&
        RealBody(bars, c1) > long1.Average(i) && RealBody(bars, c2) > long2.Average(i) &&
        UpperShadow(bars, c2) < very_short2.Average(i) && open[c2] > open[c1] &&
        open[c2] <= close[c1] + near1.Average(i) && RealBody(bars, i) < short3.Average(i) &&
        open[i] >= close[c2] - RealBody(bars, i) - near2.Average(i)) {
      out[i] = -100;
    }
    long1.Advance(i);
    long2.Advance(i);
    near1.Advance(i);
    near2.Advance(i);
    short3.Advance(i);
    very_short2.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
