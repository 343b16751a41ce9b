// CDLRICKSHAWMAN: Rickshaw Man (one candle).
//
// Rules: a doji (real body <= BodyDoji average: by default 0.1 x the mean high-low range of
// the 10 candles before it) with both shadows long (each longer than the ShadowLong
// average, by default the candle's own real body) and its body near the middle of its
// range: the body's bottom is at most, and its top at least, the midpoint low + range/2,
// give or take the Near average (default 0.2 x mean high-low range of the 5 candles
// before it). Returns +100 when it fires (TA-Lib gives it no direction).
// Lookback: max(BodyDoji, ShadowLong, Near periods).
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLRICKSHAWMANLookback(const CandleSettings& settings) {
  return std::max(std::max(group3::Period(settings, CandleSettingType::kBodyDoji),
                           group3::Period(settings, CandleSettingType::kShadowLong)),
                  group3::Period(settings, CandleSettingType::kNear));
}

std::vector<int> CDLRICKSHAWMAN(const OhlcView& bars, const CandleSettings& settings) {
  using group3::TaMax;
  using group3::TaMin;
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLRICKSHAWMANLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal doji(bars, settings[CandleSettingType::kBodyDoji], start, 0);
  patterns_detail::RunningTotal shadow_long(bars, settings[CandleSettingType::kShadowLong], start, 0);
  patterns_detail::RunningTotal near(bars, settings[CandleSettingType::kNear], start, 0);
  const auto& open = bars.open;
  const auto& low = bars.low;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const double shadow = shadow_long.Average(i);
    const double mid = low[i] + HighLowRange(bars, i) / 2;
    const double nr = near.Average(i);
    if (RealBody(bars, i) <= doji.Average(i) && LowerShadow(bars, i) > shadow &&
        UpperShadow(bars, i) > shadow && TaMin(open[i], close[i]) <= mid + nr &&
        TaMax(open[i], close[i]) >= mid - nr) {
      out[i] = 100;
    }
    doji.Advance(i);
    shadow_long.Advance(i);
    near.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
