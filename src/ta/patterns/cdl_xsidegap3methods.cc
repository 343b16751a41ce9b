// CDLXSIDEGAP3METHODS: Upside / Downside Gap Three Methods (continuation, three candles).
//
// Rules, candles 1..3 (3 = current bar): 1 and 2 have the same colour and 3 the opposite
// one. If 1 and 2 are white, 2's real body gaps up above 1's (upside form); if black, it
// gaps down below 1's (downside form). 3 opens strictly inside 2's real body and closes
// strictly inside 1's real body, filling the gap. No candle setting is used.
// Returns +100 for the upside form (white 1 and 2), -100 for the downside form.
// Lookback: 2.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLXSIDEGAP3METHODSLookback(const CandleSettings& /*settings*/) { return 2; }

std::vector<int> CDLXSIDEGAP3METHODS(const OhlcView& bars, const CandleSettings& settings) {
  using group3::TaMax;
  using group3::TaMin;
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLXSIDEGAP3METHODSLookback(settings));
  if (start >= n) return out;
  const auto& open = bars.open;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const std::size_t c1 = i - 2, c2 = i - 1;
    const int color1 = CandleColor(bars, c1);
    if (color1 == CandleColor(bars, c2) && CandleColor(bars, c2) == -CandleColor(bars, i) &&
        open[i] < TaMax(close[c2], open[c2]) && open[i] > TaMin(close[c2], open[c2]) &&
        close[i] < TaMax(close[c1], open[c1]) && close[i] > TaMin(close[c1], open[c1]) &&
        ((color1 == 1 && RealBodyGapUp(bars, c2, c1)) ||
         (color1 == -1 && RealBodyGapDown(bars, c2, c1)))) {
      out[i] = 100 * color1;
    }
  }
  return out;
}

}  // namespace qat::ta
