// CDLKICKINGBYLENGTH: Kicking, bull/bear determined by the longer marubozu.
//
// Rules, judging bar i with candles i-1 and i:
//   1. The two candles have opposite colors.
//   2. Both are marubozu: a long real body (larger than the BodyLong average of the candles
//      before that candle) and both shadows very short (each smaller than the
//      ShadowVeryShort average of the candles before that candle).
//   3. There is a gap between the whole candles: after a black candle i-1, candle i's low is
//      above candle i-1's high; after a white candle i-1, candle i's high is below candle
//      i-1's low.
//   The direction is the color of the longer of the two marubozu (candle i if its body is
//   strictly longer, otherwise candle i-1).
// Returns +100 (the longer marubozu is white) or -100 (it is black), else 0.
// Settings used: BodyLong, ShadowVeryShort (one running total per candle for each).
// Lookback: max(ShadowVeryShort, BodyLong periods) + 1.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

// The rule and its kernel are CDLKICKING's (cdl_kicking.cc), with the direction taken from
// the longer body.
int CDLKICKINGBYLENGTHLookback(const CandleSettings& s) { return CDLKICKINGLookback(s); }

std::vector<int> CDLKICKINGBYLENGTH(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLKICKINGBYLENGTHKernel);
}

}  // namespace qat::ta
