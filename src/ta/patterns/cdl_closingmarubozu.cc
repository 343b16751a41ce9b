// CDLCLOSINGMARUBOZU - Closing Marubozu (one candle).
//
// Rules: a long real body (> BodyLong average of the period candles before it) that closes at
// or very near its extreme: a white candle with a very short upper shadow, or a black candle
// with a very short lower shadow (< ShadowVeryShort average of the period candles before it).
// Settings used: BodyLong, ShadowVeryShort. Returns +100 for the white form, -100 for the
// black form, else 0.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLCLOSINGMARUBOZULookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(Period(settings, CandleSettingType::kBodyLong),
                  Period(settings, CandleSettingType::kShadowVeryShort));
}

std::vector<int> CDLCLOSINGMARUBOZU(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLCLOSINGMARUBOZULookback(settings));
  if (n <= first) return out;
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 0);
  RunningTotal very_short(bars, settings[CandleSettingType::kShadowVeryShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    const int color = CandleColor(bars, i);
    if (RealBody(bars, i) > body_long.Average(i) &&
        ((color == 1 && UpperShadow(bars, i) < very_short.Average(i)) ||
         (color == -1 && LowerShadow(bars, i) < very_short.Average(i)))) {
      out[i] = color * 100;
    }
    body_long.Advance(i);
    very_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
