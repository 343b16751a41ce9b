// CDLSHORTLINE: Short Line Candle (one candle).
//
// Rules: a short real body (< BodyShort average, by default the mean body of the 10
// candles before it) and short shadows: the upper and the lower shadow are each shorter
// than the ShadowShort average (by default the mean of one shadow over the 10 candles
// before it, i.e. half the mean of upper + lower shadow).
// Returns +100 for a white candle, -100 for a black one.
// Lookback: max(BodyShort, ShadowShort periods).
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLSHORTLINELookback(const CandleSettings& settings) {
  return std::max(group3::Period(settings, CandleSettingType::kBodyShort),
                  group3::Period(settings, CandleSettingType::kShadowShort));
}

std::vector<int> CDLSHORTLINE(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLSHORTLINELookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal body(bars, settings[CandleSettingType::kBodyShort], start, 0);
  patterns_detail::RunningTotal shadow(bars, settings[CandleSettingType::kShadowShort], start, 0);
  for (std::size_t i = start; i < n; ++i) {
    const double shadow_avg = shadow.Average(i);
    if (RealBody(bars, i) < body.Average(i) && UpperShadow(bars, i) < shadow_avg &&
        LowerShadow(bars, i) < shadow_avg) {
      out[i] = 100 * CandleColor(bars, i);
    }
    body.Advance(i);
    shadow.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
