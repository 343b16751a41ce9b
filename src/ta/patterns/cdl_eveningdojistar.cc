// CDLEVENINGDOJISTAR - Evening Doji Star (bearish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1. a white candle with a long real body (> BodyLong average of the period candles before
//      it);
//   2. a doji (body <= BodyDoji average of the period candles before it) whose real body gaps
//      up above candle 1's body;
//   3. a black candle whose body is longer than short (> BodyShort average of the period
//      candles before it), closing more than penetration x body(1) below candle 1's close,
//      i.e. well into candle 1's body. No gap between candles 2 and 3 is required.
// Settings used: BodyLong, BodyDoji, BodyShort; penetration defaults to 0.3. Returns -100 when
// all hold (always bearish; the uptrend is not examined), else 0.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLEVENINGDOJISTARLookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(std::max(Period(settings, CandleSettingType::kBodyDoji),
                           Period(settings, CandleSettingType::kBodyLong)),
                  Period(settings, CandleSettingType::kBodyShort)) +
         2;
}

std::vector<int> CDLEVENINGDOJISTAR(const OhlcView& bars, const CandleSettings& settings,
                                    double penetration) {
  using patterns_detail::RunningTotal;
  group1_detail::CheckPenetration(penetration);
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLEVENINGDOJISTARLookback(settings));
  if (n <= first) return out;
  const auto& close = bars.close;
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 2);
  RunningTotal body_doji(bars, settings[CandleSettingType::kBodyDoji], first, 1);
  RunningTotal body_short(bars, settings[CandleSettingType::kBodyShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(bars, i - 2) > body_long.Average(i) && CandleColor(bars, i - 2) == 1 &&
        RealBody(bars, i - 1) <= body_doji.Average(i) && RealBodyGapUp(bars, i - 1, i - 2) &&
        RealBody(bars, i) > body_short.Average(i) && CandleColor(bars, i) == -1 &&
        close[i] < close[i - 2] - RealBody(bars, i - 2) * penetration) {
      out[i] = -100;
    }
    body_long.Advance(i);
    body_doji.Advance(i);
    body_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
