// CDLDOJISTAR - Doji Star (two candles).
//
// Rules, with candles numbered 1..2 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before it);
//   2. a doji (body <= BodyDoji average of the period candles before it) whose real body gaps
//      away from candle 1's body in candle 1's direction: up after a white candle 1, down
//      after a black one.
// Settings used: BodyLong, BodyDoji. Returns -100 after a white candle 1 (bearish), +100
// after a black one (bullish), else 0; the trend is not examined.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLDOJISTARLookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(Period(settings, CandleSettingType::kBodyDoji),
                  Period(settings, CandleSettingType::kBodyLong)) +
         1;
}

std::vector<int> CDLDOJISTAR(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLDOJISTARLookback(settings));
  if (n <= first) return out;
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 1);
  RunningTotal body_doji(bars, settings[CandleSettingType::kBodyDoji], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    const int c1 = CandleColor(bars, i - 1);
    if (RealBody(bars, i - 1) > body_long.Average(i) &&
        RealBody(bars, i) <= body_doji.Average(i) &&
        ((c1 == 1 && RealBodyGapUp(bars, i, i - 1)) ||
         (c1 == -1 && RealBodyGapDown(bars, i, i - 1)))) {
      out[i] = -c1 * 100;
    }
    body_long.Advance(i);
    body_doji.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
