// CDLENGULFING - Engulfing Pattern (two candles).
//
// Rules, with candles numbered 1..2 ending at the bar that gets the value:
//   candle 2 has the opposite colour to candle 1 and its real body covers candle 1's real
//   body, with at least one end strictly beyond: for a white candle 2 after a black one,
//   close(2) >= open(1) and open(2) <= close(1) with at least one of the two strict; for a
//   black candle 2 after a white one, open(2) >= close(1) and close(2) <= open(1) likewise.
// No candle settings are used. Returns +-100 when both ends of candle 2's body lie strictly
// beyond candle 1's, +-80 when one end is level with candle 1's (the weaker form described by
// Greg Morris); + for a white candle 2 (bullish), - for black. Else 0; the trend is not
// examined.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLENGULFINGLookback(const CandleSettings& /*settings*/) { return 2; }

QAT_VECTOR_KERNEL void CDLENGULFINGKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLENGULFINGLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool white2 = close[i] >= open[i];
    const bool white1 = close[i - 1] >= open[i - 1];
    const bool engulfs =
        (white2 & !white1 &
         (((close[i] >= open[i - 1]) & (open[i] < close[i - 1])) |
          ((close[i] > open[i - 1]) & (open[i] <= close[i - 1])))) |
        (!white2 & white1 &
         (((open[i] >= close[i - 1]) & (close[i] < open[i - 1])) |
          ((open[i] > close[i - 1]) & (close[i] <= open[i - 1]))));
    const bool strict = (open[i] != close[i - 1]) & (close[i] != open[i - 1]);
    const int size = strict ? 100 : 80;
    o[i] = engulfs ? (white2 ? size : -size) : 0;
  }
}

std::vector<int> CDLENGULFING(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLENGULFINGKernel);
}

}  // namespace qat::ta
