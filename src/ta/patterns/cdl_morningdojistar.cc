// CDLMORNINGDOJISTAR: Morning Doji Star (bullish reversal, three candles).
//
// Rules, candles 1..3 (3 = current bar):
//  - 1 is a long black candle: real body > BodyLong average (default: mean body of the 10
//    candles before it).
//  - 2 is a doji: real body <= BodyDoji average (default: 0.1 x mean high-low range of the
//    10 candles before it), and its real body gaps down below 1's real body.
//  - 3 is white with a body longer than short (> BodyShort average, mean body of the 10
//    candles before it) and closes above 1's close plus `penetration` (default 0.3) times
//    1's real body, i.e. well into 1's body.
// Returns +100 on candle 3; there is no bearish form (that is CDLEVENINGDOJISTAR).
// Lookback: max(BodyDoji, BodyLong, BodyShort periods) + 2.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLMORNINGDOJISTARLookback(const CandleSettings& settings) {
  return std::max(std::max(group3::Period(settings, CandleSettingType::kBodyDoji),
                           group3::Period(settings, CandleSettingType::kBodyLong)),
                  group3::Period(settings, CandleSettingType::kBodyShort)) +
         2;
}

std::vector<int> CDLMORNINGDOJISTAR(const OhlcView& bars, const CandleSettings& settings,
                                    double penetration) {
  assert(group3::ValidPenetration(penetration));
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLMORNINGDOJISTARLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal long1(bars, settings[CandleSettingType::kBodyLong], start, 2);
  patterns_detail::RunningTotal doji2(bars, settings[CandleSettingType::kBodyDoji], start, 1);
  patterns_detail::RunningTotal short3(bars, settings[CandleSettingType::kBodyShort], start, 0);
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    if (RealBody(bars, i - 2) > long1.Average(i) && CandleColor(bars, i - 2) == -1 &&
        RealBody(bars, i - 1) <= doji2.Average(i) && RealBodyGapDown(bars, i - 1, i - 2) &&
        RealBody(bars, i) > short3.Average(i) && CandleColor(bars, i) == 1 &&
        close[i] > close[i - 2] + RealBody(bars, i - 2) * penetration) {
      out[i] = 100;
    }
    long1.Advance(i);
    doji2.Advance(i);
    short3.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
