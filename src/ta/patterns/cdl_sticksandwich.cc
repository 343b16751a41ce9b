// CDLSTICKSANDWICH: Stick Sandwich (bullish, three candles).
//
// Rules, candles 1..3 (3 = current bar): 1 black, 2 white, 3 black; 2 trades entirely
// above 1's close (low2 > close1); 3 closes at 1's close, within +/- the Equal average
// measured on 1 (default 0.05 x the mean high-low range of the 5 candles before it).
// Returns +100 on candle 3; there is no bearish form.
// Lookback: Equal period + 2.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLSTICKSANDWICHLookback(const CandleSettings& settings) {
  return group3::Period(settings, CandleSettingType::kEqual) + 2;
}

std::vector<int> CDLSTICKSANDWICH(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLSTICKSANDWICHLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal equal(bars, settings[CandleSettingType::kEqual], start, 2);
  const auto& low = bars.low;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const double eq = equal.Average(i);
    if (CandleColor(bars, i - 2) == -1 && CandleColor(bars, i - 1) == 1 &&
        CandleColor(bars, i) == -1 && low[i - 1] > close[i - 2] &&
        close[i] <= close[i - 2] + eq && close[i] >= close[i - 2] - eq) {
      out[i] = 100;
    }
    equal.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
