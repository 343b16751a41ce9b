// CDLHANGINGMAN: Hanging Man (one candle judged against the one before it).
//
// The same shape as the hammer, found at the top instead of the bottom. Rules, judging
// candle i:
//   1. Small real body: body(i) is smaller than the BodyShort average.
//   2. Long lower shadow: larger than the ShadowLong average (by default the candle's own
//      real body).
//   3. Very short upper shadow: smaller than the ShadowVeryShort average.
//   4. The body sits near the previous candle's high: min(open, close) of candle i is at
//      least high(i-1) - the Near average measured for candle i-1.
// Settings used: BodyShort, ShadowLong, ShadowVeryShort (for candle i), Near (for i-1).
// Returns -100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, ShadowLong, ShadowVeryShort, Near periods) + 1.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

// The hammer's shape with the body near the prior high (kernels::HammerShape).
int CDLHANGINGMANLookback(const CandleSettings& s) { return kernels::HammerShapeLookback(s); }

void CDLHANGINGMANKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  kernels::HammerShape(f, out, /*near_prior_high=*/true);
}

std::vector<int> CDLHANGINGMAN(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHANGINGMANKernel);
}

}  // namespace qat::ta
