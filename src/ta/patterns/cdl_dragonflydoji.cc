// CDLDRAGONFLYDOJI - Dragonfly Doji (one candle).
//
// Rules: a doji (body <= BodyDoji average of the period candles before it) with a very short
// upper shadow (< ShadowVeryShort average of the period candles before it) and a lower shadow
// that is not very short (> the same ShadowVeryShort average).
// Settings used: BodyDoji, ShadowVeryShort. Returns +100 when it holds, else 0.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLDRAGONFLYDOJILookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(Period(settings, CandleSettingType::kBodyDoji),
                  Period(settings, CandleSettingType::kShadowVeryShort));
}

std::vector<int> CDLDRAGONFLYDOJI(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLDRAGONFLYDOJILookback(settings));
  if (n <= first) return out;
  RunningTotal body_doji(bars, settings[CandleSettingType::kBodyDoji], first, 0);
  RunningTotal very_short(bars, settings[CandleSettingType::kShadowVeryShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(bars, i) <= body_doji.Average(i) &&
        UpperShadow(bars, i) < very_short.Average(i) &&
        LowerShadow(bars, i) > very_short.Average(i)) {
      out[i] = 100;
    }
    body_doji.Advance(i);
    very_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
