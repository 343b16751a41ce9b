// CDLMATCHINGLOW: Matching Low (bullish, two candles).
//
// Rules: two black candles in a row (close below open) whose closes are practically the
// same: the second close lies within +/- the Equal average of the first close. Equal is
// measured on the first candle (default: 0.05 x the mean high-low range of the 5 candles
// before it). Returns +100 on the second candle; the pattern has no bearish form.
// Lookback: Equal period + 1.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLMATCHINGLOWLookback(const CandleSettings& settings) {
  return group3::Period(settings, CandleSettingType::kEqual) + 1;
}

std::vector<int> CDLMATCHINGLOW(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLMATCHINGLOWLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal equal(bars, settings[CandleSettingType::kEqual], start, 1);
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const double eq = equal.Average(i);
    if (CandleColor(bars, i - 1) == -1 && CandleColor(bars, i) == -1 &&
        close[i] <= close[i - 1] + eq && close[i] >= close[i - 1] - eq) {
      out[i] = 100;
    }
    equal.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
