// CDLMORNINGSTAR: Morning Star (bullish reversal, three candles).
//
// Rules, candles 1..3 (3 = current bar):
//  - 1 is a long black candle: real body > BodyLong average (default: mean body of the 10
//    candles before it).
//  - 2 is a star: real body <= BodyShort average (mean body of the 10 candles before it)
//    whose real body gaps down below 1's real body. Its colour does not matter.
//  - 3 is white, its body longer than short (> BodyShort average of the 10 candles before
//    it), and it closes above 1's close plus `penetration` (default 0.3) times 1's body.
// Returns +100 on candle 3; there is no bearish form (that is CDLEVENINGSTAR).
// Lookback: max(BodyShort, BodyLong periods) + 2.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLMORNINGSTARLookback(const CandleSettings& settings) {
  return std::max(group3::Period(settings, CandleSettingType::kBodyShort),
                  group3::Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

std::vector<int> CDLMORNINGSTAR(const OhlcView& bars, const CandleSettings& settings,
                                double penetration) {
  assert(group3::ValidPenetration(penetration));
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLMORNINGSTARLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal long1(bars, settings[CandleSettingType::kBodyLong], start, 2);
  patterns_detail::RunningTotal short2(bars, settings[CandleSettingType::kBodyShort], start, 1);
  patterns_detail::RunningTotal short3(bars, settings[CandleSettingType::kBodyShort], start, 0);
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    if (RealBody(bars, i - 2) > long1.Average(i) && CandleColor(bars, i - 2) == -1 &&
        RealBody(bars, i - 1) <= short2.Average(i) && RealBodyGapDown(bars, i - 1, i - 2) &&
        RealBody(bars, i) > short3.Average(i) && CandleColor(bars, i) == 1 &&
        close[i] > close[i - 2] + RealBody(bars, i - 2) * penetration) {
      out[i] = 100;
    }
    long1.Advance(i);
    short2.Advance(i);
    short3.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
