// CDLSHOOTINGSTAR: Shooting Star (bearish, one candle after any candle).
//
// Rules: the current candle has a small real body (< BodyShort average, by default the
// mean body of the 10 candles before it), a long upper shadow (> ShadowLong average, by
// default its own real body), a very short lower shadow (< ShadowVeryShort average,
// default 0.1 x the mean high-low range of the 10 candles before it), and its real body
// gaps up above the previous candle's real body.
// Returns -100; there is no bullish form (the inverted hammer is the bullish relative).
// Lookback: max(BodyShort, ShadowLong, ShadowVeryShort periods) + 1.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLSHOOTINGSTARLookback(const CandleSettings& settings) {
  return std::max(std::max(group3::Period(settings, CandleSettingType::kBodyShort),
                           group3::Period(settings, CandleSettingType::kShadowLong)),
                  group3::Period(settings, CandleSettingType::kShadowVeryShort)) +
         1;
}

std::vector<int> CDLSHOOTINGSTAR(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLSHOOTINGSTARLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal body(bars, settings[CandleSettingType::kBodyShort], start, 0);
  patterns_detail::RunningTotal shadow_long(bars, settings[CandleSettingType::kShadowLong], start, 0);
  patterns_detail::RunningTotal very_short(bars, settings[CandleSettingType::kShadowVeryShort], start,
                                  0);
  for (std::size_t i = start; i < n; ++i) {
    if (RealBody(bars, i) < body.Average(i) && UpperShadow(bars, i) > shadow_long.Average(i) &&
        LowerShadow(bars, i) < very_short.Average(i) && RealBodyGapUp(bars, i, i - 1)) {
      out[i] = -100;
    }
    body.Advance(i);
    shadow_long.Advance(i);
    very_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
