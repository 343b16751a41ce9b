// CDLUNIQUE3RIVER: Unique 3 River (bullish, three candles).
//
// Rules, candles 1..3 (3 = current bar):
//  - 1 is long and black (real body > BodyLong average, by default the mean body of the 10
//    candles before it).
//  - 2 is black, a harami of 1 by its body (close2 > close1 and open2 <= open1), and makes
//    a lower low (low2 < low1).
//  - 3 is white with a short body (< BodyShort average, mean body of the 10 candles before
//    it) and opens above 2's low.
// Returns +100 on candle 3; there is no bearish form.
// Lookback: max(BodyShort, BodyLong periods) + 2.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLUNIQUE3RIVERLookback(const CandleSettings& settings) {
  return std::max(group3::Period(settings, CandleSettingType::kBodyShort),
                  group3::Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

std::vector<int> CDLUNIQUE3RIVER(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLUNIQUE3RIVERLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal long1(bars, settings[CandleSettingType::kBodyLong], start, 2);
  patterns_detail::RunningTotal short3(bars, settings[CandleSettingType::kBodyShort], start, 0);
  const auto& open = bars.open;
  const auto& low = bars.low;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    if (RealBody(bars, i - 2) > long1.Average(i) && CandleColor(bars, i - 2) == -1 &&
        CandleColor(bars, i - 1) == -1 && close[i - 1] > close[i - 2] &&
        open[i - 1] <= open[i - 2] && low[i - 1] < low[i - 2] &&
        RealBody(bars, i) < short3.Average(i) && CandleColor(bars, i) == 1 &&
        open[i] > low[i - 1]) {
      out[i] = 100;
    }
    long1.Advance(i);
    short3.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
