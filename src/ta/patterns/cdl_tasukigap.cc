// CDLTASUKIGAP: Upside / Downside Tasuki Gap (continuation, three candles).
//
// Rules, candles 1..3 (3 = current bar). Upside form: 2's real body gaps up above 1's
// real body; 2 is white and 3 black; 3 opens inside 2's body (open2 < open3 < close2) and
// closes below 2's open but still above the top of 1's body, i.e. inside the gap.
// Downside form: the mirror image (2's body gaps down below 1's, 2 black, 3 white, 3 opens
// inside 2's body, closes above 2's open but below the bottom of 1's body). In both, the
// bodies of 2 and 3 have about the same size: |body2 - body3| < Near average measured on
// 2 (default 0.2 x the mean high-low range of the 5 candles before it).
// Returns +100 for the upside form (2 white), -100 for the downside form (2 black).
// Lookback: Near period + 2.
#include <cmath>

#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLTASUKIGAPLookback(const CandleSettings& settings) {
  return group3::Period(settings, CandleSettingType::kNear) + 2;
}

std::vector<int> CDLTASUKIGAP(const OhlcView& bars, const CandleSettings& settings) {
  using group3::TaMax;
  using group3::TaMin;
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLTASUKIGAPLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal near(bars, settings[CandleSettingType::kNear], start, 1);
  const auto& open = bars.open;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const std::size_t c1 = i - 2, c2 = i - 1;
    const bool upside = RealBodyGapUp(bars, c2, c1) && CandleColor(bars, c2) == 1 &&
                        CandleColor(bars, i) == -1 && open[i] < close[c2] &&
                        open[i] > open[c2] && close[i] < open[c2] &&
                        close[i] > TaMax(close[c1], open[c1]) &&
                        std::fabs(RealBody(bars, c2) - RealBody(bars, i)) < near.Average(i);
    const bool downside = !upside && RealBodyGapDown(bars, c2, c1) &&
                          CandleColor(bars, c2) == -1 && CandleColor(bars, i) == 1 &&
                          open[i] < open[c2] && open[i] > close[c2] && close[i] > open[c2] &&
                          close[i] < TaMin(close[c1], open[c1]) &&
                          std::fabs(RealBody(bars, c2) - RealBody(bars, i)) < near.Average(i);
    if (upside || downside) out[i] = 100 * CandleColor(bars, c2);
    near.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
