// CDLSEPARATINGLINES: Separating Lines (continuation, two candles).
//
// Rules: two candles of opposite colour that open at the same price (the second open lies
// within +/- the Equal average of the first open; Equal is measured on the first candle,
// by default 0.05 x the mean high-low range of the 5 candles before it). The second candle
// is a belt hold: a long real body (> BodyLong average, by default the mean body of the 10
// candles before it) with, if white, a lower shadow, or, if black, an upper shadow shorter
// than the ShadowVeryShort average (default 0.1 x the mean high-low range of the 10
// candles before it).
// Returns +100 when the second candle is white, -100 when black.
// Lookback: max(ShadowVeryShort, BodyLong, Equal periods) + 1.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLSEPARATINGLINESLookback(const CandleSettings& settings) {
  return std::max(std::max(group3::Period(settings, CandleSettingType::kShadowVeryShort),
                           group3::Period(settings, CandleSettingType::kBodyLong)),
                  group3::Period(settings, CandleSettingType::kEqual)) +
         1;
}

std::vector<int> CDLSEPARATINGLINES(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLSEPARATINGLINESLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal very_short(bars, settings[CandleSettingType::kShadowVeryShort], start,
                                  0);
  patterns_detail::RunningTotal long2(bars, settings[CandleSettingType::kBodyLong], start, 0);
  patterns_detail::RunningTotal equal(bars, settings[CandleSettingType::kEqual], start, 1);
  const auto& open = bars.open;
  for (std::size_t i = start; i < n; ++i) {
    const double eq = equal.Average(i);
    const int color = CandleColor(bars, i);
    if (CandleColor(bars, i - 1) == -color && open[i] <= open[i - 1] + eq &&
        open[i] >= open[i - 1] - eq && RealBody(bars, i) > long2.Average(i) &&
        ((color == 1 && LowerShadow(bars, i) < very_short.Average(i)) ||
         (color == -1 && UpperShadow(bars, i) < very_short.Average(i)))) {
      out[i] = 100 * color;
    }
    very_short.Advance(i);
    long2.Advance(i);
    equal.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
