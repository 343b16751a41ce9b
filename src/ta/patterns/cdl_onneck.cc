// CDLONNECK: On-Neck (bearish continuation, two candles).
//
// Rules: the first candle is a long black candle (real body > BodyLong average, by default
// the mean body of the 10 candles before it). The second is white, opens below the first
// candle's low and closes at that low, within +/- the Equal average measured on the first
// candle (default: 0.05 x mean high-low range of the 5 candles before the first).
// Returns -100 on the second candle; there is no bullish form.
// Lookback: max(Equal, BodyLong periods) + 1.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLONNECKLookback(const CandleSettings& settings) {
  return std::max(group3::Period(settings, CandleSettingType::kEqual),
                  group3::Period(settings, CandleSettingType::kBodyLong)) +
         1;
}

std::vector<int> CDLONNECK(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLONNECKLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal equal(bars, settings[CandleSettingType::kEqual], start, 1);
  patterns_detail::RunningTotal long1(bars, settings[CandleSettingType::kBodyLong], start, 1);
  const auto& open = bars.open;
  const auto& low = bars.low;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const double eq = equal.Average(i);
    if (CandleColor(bars, i - 1) == -1 && RealBody(bars, i - 1) > long1.Average(i) &&
        CandleColor(bars, i) == 1 && open[i] < low[i - 1] && close[i] <= low[i - 1] + eq &&
        close[i] >= low[i - 1] - eq) {
      out[i] = -100;
    }
    equal.Advance(i);
    long1.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
