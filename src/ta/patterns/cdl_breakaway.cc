// CDLBREAKAWAY - Breakaway (five candles).
//
// Rules, with candles numbered 1..5 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before candle 1);
//   2. same colour as 1, its real body gapping away from candle 1's body (down after a black
//      candle 1, up after a white one);
//   3. any colour, continuing the move: lower high and lower low than candle 2 (black case),
//      or higher high and higher low (white case);
//   4. same colour as 1 and 2, again a lower high and low than candle 3 (black case) or
//      higher high and low (white case);
//   5. the opposite colour, closing inside the gap between candles 1 and 2: above candle 2's
//      open and below candle 1's close (black case), or below candle 2's open and above
//      candle 1's close (white case).
// Settings used: BodyLong. Returns +100 when candle 5 is white (bullish), -100 when black,
// else 0; the trend is not examined.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLBREAKAWAYLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kBodyLong) + 4;
}

QAT_VECTOR_KERNEL void CDLBREAKAWAYKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLBREAKAWAYLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 4);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool white1 = close[i - 4] >= open[i - 4];
    const bool white2 = close[i - 3] >= open[i - 3];
    const bool white4 = close[i - 1] >= open[i - 1];
    const bool white5 = close[i] >= open[i];
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool hit =
        (body[i - 4] > body_long[i - 4]) & (white1 == white2) & (white2 == white4) &
        (white4 != white5) &
        ((!white1 & patterns_detail::BodyGapDown(open, close, i - 3, i - 4) &
          (high[i - 2] < high[i - 3]) & (low[i - 2] < low[i - 3]) &
          (high[i - 1] < high[i - 2]) & (low[i - 1] < low[i - 2]) &
          (close[i] > open[i - 3]) & (close[i] < close[i - 4])) |
         (white1 & patterns_detail::BodyGapUp(open, close, i - 3, i - 4) &
          (high[i - 2] > high[i - 3]) & (low[i - 2] > low[i - 3]) &
          (high[i - 1] > high[i - 2]) & (low[i - 1] > low[i - 2]) &
          (close[i] < open[i - 3]) & (close[i] > close[i - 4])));
    o[i] = hit ? patterns_detail::Color(open, close, i) * 100 : 0;
  }
}

std::vector<int> CDLBREAKAWAY(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLBREAKAWAYKernel);
}

}  // namespace qat::ta
