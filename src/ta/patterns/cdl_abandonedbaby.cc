// CDLABANDONEDBABY - Abandoned Baby (three candles, top or bottom).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before candle 1);
//   2. a doji (body <= BodyDoji average of the period candles before candle 2) whose whole
//      range is separated from candle 1's range by a gap: above it when candle 1 is white,
//      below it when black (the shadows do not touch);
//   3. a body longer than short (> BodyShort average of the period candles before it), of the
//      colour opposite to candle 1, separated from the doji by a gap in the other direction,
//      and closing well inside candle 1's body: more than penetration x body(1) below candle
//      1's close when candle 1 is white, above it when black.
// Settings used: BodyLong, BodyDoji, BodyShort; penetration defaults to 0.3. Returns +100
// for the bottom (candle 3 white), -100 for the top (candle 3 black), else 0; the trend is
// not examined.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLABANDONEDBABYLookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(std::max(Period(settings, CandleSettingType::kBodyDoji),
                           Period(settings, CandleSettingType::kBodyLong)),
                  Period(settings, CandleSettingType::kBodyShort)) +
         2;
}

std::vector<int> CDLABANDONEDBABY(const OhlcView& bars, const CandleSettings& settings,
                                  double penetration) {
  using patterns_detail::RunningTotal;
  group1_detail::CheckPenetration(penetration);
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLABANDONEDBABYLookback(settings));
  if (n <= first) return out;
  const auto& close = bars.close;
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 2);
  RunningTotal body_doji(bars, settings[CandleSettingType::kBodyDoji], first, 1);
  RunningTotal body_short(bars, settings[CandleSettingType::kBodyShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(bars, i - 2) > body_long.Average(i) &&
        RealBody(bars, i - 1) <= body_doji.Average(i) &&
        RealBody(bars, i) > body_short.Average(i) &&
        ((CandleColor(bars, i - 2) == 1 && CandleColor(bars, i) == -1 &&
          close[i] < close[i - 2] - RealBody(bars, i - 2) * penetration &&
          CandleGapUp(bars, i - 1, i - 2) && CandleGapDown(bars, i, i - 1)) ||
         (CandleColor(bars, i - 2) == -1 && CandleColor(bars, i) == 1 &&
          close[i] > close[i - 2] + RealBody(bars, i - 2) * penetration &&
          CandleGapDown(bars, i - 1, i - 2) && CandleGapUp(bars, i, i - 1)))) {
      out[i] = CandleColor(bars, i) * 100;
    }
    body_long.Advance(i);
    body_doji.Advance(i);
    body_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
