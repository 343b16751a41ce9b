// CDLHARAMICROSS: Harami Cross (two candles).
//
// A harami whose second candle is a doji. Rules, judging bar i with candles i-1 and i:
//   1. Candle i-1 has a long real body: larger than the BodyLong average of the candles
//      before it.
//   2. Candle i is a doji: body(i) is no larger than the BodyDoji average (10% of the mean
//      high-low range of the candles before it, by default).
//   3. Candle i's real body lies inside candle i-1's real body:
//      - strictly inside at both ends: strength 100;
//      - otherwise inside with one end touching (top <= top and bottom >= bottom): strength 80.
//   The direction is the opposite of candle i-1's color (bearish after white, bullish after
//   black).
// Settings used: BodyLong (for i-1), BodyDoji (for i).
// Returns +100/+80 (bullish), -100/-80 (bearish), else 0.
// Lookback: max(BodyDoji, BodyLong periods) + 1.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using T = CandleSettingType;

// The harami rule with a doji bound on the second body (kernels::Harami).
int CDLHARAMICROSSLookback(const CandleSettings& s) {
  return kernels::HaramiLookback(s, T::kBodyDoji);
}

void CDLHARAMICROSSKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  kernels::Harami(f, out, T::kBodyDoji);
}

std::vector<int> CDLHARAMICROSS(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHARAMICROSSKernel);
}

}  // namespace qat::ta
