// CDLXSIDEGAP3METHODS: Upside / Downside Gap Three Methods (continuation, three candles).
//
// Rules, candles 1..3 (3 = current bar): 1 and 2 have the same colour and 3 the opposite
// one. If 1 and 2 are white, 2's real body gaps up above 1's (upside form); if black, it
// gaps down below 1's (downside form). 3 opens strictly inside 2's real body and closes
// strictly inside 1's real body, filling the gap. No candle setting is used.
// Returns +100 for the upside form (white 1 and 2), -100 for the downside form.
// Lookback: 2.

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLXSIDEGAP3METHODSLookback(const CandleSettings& /*settings*/) { return 2; }

QAT_VECTOR_KERNEL void CDLXSIDEGAP3METHODSKernel(patterns_detail::CandleFrame& f,
                                                 std::span<int> out) {
  using patterns_detail::TaMax;
  using patterns_detail::TaMin;
  using patterns_detail::BodyGapDown;
  using patterns_detail::BodyGapUp;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLXSIDEGAP3METHODSLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const std::size_t c1 = i - 2, c2 = i - 1;
    // Colours as booleans: equal colours are equal booleans, opposite colours differ.
    const bool white1 = close[c1] >= open[c1];
    const bool white2 = close[c2] >= open[c2];
    const bool white3 = close[i] >= open[i];
    const bool hit = (white1 == white2) & (white2 != white3) &
                     (open[i] < TaMax(close[c2], open[c2])) &
                     (open[i] > TaMin(close[c2], open[c2])) &
                     (close[i] < TaMax(close[c1], open[c1])) &
                     (close[i] > TaMin(close[c1], open[c1])) &
                     ((white1 & BodyGapUp(open, close, c2, c1)) |
                      (!white1 & BodyGapDown(open, close, c2, c1)));
    o[i] = hit ? 100 * patterns_detail::Color(open, close, c1) : 0;
  }
}

std::vector<int> CDLXSIDEGAP3METHODS(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLXSIDEGAP3METHODSKernel);
}

}  // namespace qat::ta
