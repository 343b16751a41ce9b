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

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLTASUKIGAPLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kNear) + 2;
}

QAT_VECTOR_KERNEL void CDLTASUKIGAPKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  using patterns_detail::TaMax;
  using patterns_detail::TaMin;
  using patterns_detail::BodyGapDown;
  using patterns_detail::BodyGapUp;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLTASUKIGAPLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* near = f.Average(CandleSettingType::kNear, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const std::size_t c1 = i - 2, c2 = i - 1;
    // The two forms need opposite colours of candle 2, so at most one holds and the value is
    // 100 x colour of 2 either way.
    const bool similar = std::fabs(body[c2] - body[i]) < near[c2];
    const bool upside = BodyGapUp(open, close, c2, c1) & (close[c2] >= open[c2]) &
                        !(close[i] >= open[i]) & (open[i] < close[c2]) & (open[i] > open[c2]) &
                        (close[i] < open[c2]) & (close[i] > TaMax(close[c1], open[c1])) & similar;
    const bool downside = BodyGapDown(open, close, c2, c1) & !(close[c2] >= open[c2]) &
                          (close[i] >= open[i]) & (open[i] < open[c2]) & (open[i] > close[c2]) &
                          (close[i] > open[c2]) & (close[i] < TaMin(close[c1], open[c1])) &
                          similar;
    o[i] = (upside | downside) ? 100 * patterns_detail::Color(open, close, c2) : 0;
  }
}

std::vector<int> CDLTASUKIGAP(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLTASUKIGAPKernel);
}

}  // namespace qat::ta
