// CDLTHRUSTING: Thrusting Pattern (bearish continuation, two candles).
//
// Rules: the first candle is long and black (real body > BodyLong average, by default the
// mean body of the 10 candles before it). The second is white, opens below the first
// candle's low and closes into the first body: above the first close by more than the
// Equal average measured on the first candle (default 0.05 x the mean high-low range of
// the 5 candles before it), but not above the body's midpoint (close <= first close + half
// the first body).
// Returns -100 on the second candle; there is no bullish form.
// Lookback: max(Equal, BodyLong periods) + 1.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLTHRUSTINGLookback(const CandleSettings& settings) {
  return std::max(group3::Period(settings, CandleSettingType::kEqual),
                  group3::Period(settings, CandleSettingType::kBodyLong)) +
         1;
}

std::vector<int> CDLTHRUSTING(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLTHRUSTINGLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal equal(bars, settings[CandleSettingType::kEqual], start, 1);
  patterns_detail::RunningTotal long1(bars, settings[CandleSettingType::kBodyLong], start, 1);
  const auto& open = bars.open;
  const auto& low = bars.low;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    if (CandleColor(bars, i - 1) == -1 && RealBody(bars, i - 1) > long1.Average(i) &&
        CandleColor(bars, i) == 1 && open[i] < low[i - 1] &&
        close[i] > close[i - 1] + equal.Average(i) &&
        close[i] <= close[i - 1] + RealBody(bars, i - 1) * 0.5) {
      out[i] = -100;
    }
    equal.Advance(i);
    long1.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
