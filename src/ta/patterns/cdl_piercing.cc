// CDLPIERCING: Piercing Pattern (bullish reversal, two candles).
//
// Rules: the first candle is long and black, the second long and white (each real body >
// its own BodyLong average: by default the mean body of the 10 candles before it). The
// second opens below the first candle's low and closes inside the first body, above its
// midpoint (close > first close + half the first body) but below the first open.
// Returns +100 on the second candle; there is no bearish form (that is CDLDARKCLOUDCOVER).
// Lookback: BodyLong period + 1.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLPIERCINGLookback(const CandleSettings& settings) {
  return group3::Period(settings, CandleSettingType::kBodyLong) + 1;
}

std::vector<int> CDLPIERCING(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLPIERCINGLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal long1(bars, settings[CandleSettingType::kBodyLong], start, 1);
  patterns_detail::RunningTotal long2(bars, settings[CandleSettingType::kBodyLong], start, 0);
  const auto& open = bars.open;
  const auto& low = bars.low;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    if (CandleColor(bars, i - 1) == -1 && RealBody(bars, i - 1) > long1.Average(i) &&
        CandleColor(bars, i) == 1 && RealBody(bars, i) > long2.Average(i) &&
        open[i] < low[i - 1] && close[i] < open[i - 1] &&
        close[i] > close[i - 1] + RealBody(bars, i - 1) * 0.5) {
      out[i] = 100;
    }
    long1.Advance(i);
    long2.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
