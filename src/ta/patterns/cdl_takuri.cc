// CDLTAKURI: Takuri, a dragonfly doji with a very long lower shadow (one candle).
//
// Rules: a doji (real body <= BodyDoji average, by default 0.1 x the mean high-low range
// of the 10 candles before it) with a very short upper shadow (< ShadowVeryShort average,
// by default 0.1 x the same mean range) and a very long lower shadow (> ShadowVeryLong
// average, by default twice the candle's own real body).
// Returns +100 when it fires; there is no bearish form.
// Lookback: max(BodyDoji, ShadowVeryShort, ShadowVeryLong periods).
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLTAKURILookback(const CandleSettings& settings) {
  return std::max(std::max(group3::Period(settings, CandleSettingType::kBodyDoji),
                           group3::Period(settings, CandleSettingType::kShadowVeryShort)),
                  group3::Period(settings, CandleSettingType::kShadowVeryLong));
}

std::vector<int> CDLTAKURI(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLTAKURILookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal doji(bars, settings[CandleSettingType::kBodyDoji], start, 0);
  patterns_detail::RunningTotal very_short(bars, settings[CandleSettingType::kShadowVeryShort], start,
                                  0);
  patterns_detail::RunningTotal very_long(bars, settings[CandleSettingType::kShadowVeryLong], start, 0);
  for (std::size_t i = start; i < n; ++i) {
    if (RealBody(bars, i) <= doji.Average(i) && UpperShadow(bars, i) < very_short.Average(i) &&
        LowerShadow(bars, i) > very_long.Average(i)) {
      out[i] = 100;
    }
    doji.Advance(i);
    very_short.Advance(i);
    very_long.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
