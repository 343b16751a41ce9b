// CDL2CROWS - Two Crows (bearish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1. a white candle with a long real body: body > BodyLong average of the BodyLong period
//      candles before candle 1;
//   2. a black candle whose real body gaps up above candle 1's real body;
//   3. a black candle that opens inside candle 2's real body (strictly below its open, above
//      its close) and closes inside candle 1's real body (strictly between its open and close).
// Settings used: BodyLong. Returns -100 when all hold (the pattern is always bearish; the
// trend before it is not examined), else 0.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDL2CROWSLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kBodyLong) + 2;
}

QAT_VECTOR_KERNEL void CDL2CROWSKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDL2CROWSLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 2);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (close[i - 2] >= open[i - 2]) & (body[i - 2] > body_long[i - 2]) &
                     !(close[i - 1] >= open[i - 1]) &
                     patterns_detail::BodyGapUp(open, close, i - 1, i - 2) &
                     !(close[i] >= open[i]) & (open[i] < open[i - 1]) & (open[i] > close[i - 1]) &
                     (close[i] > open[i - 2]) & (close[i] < close[i - 2]);
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDL2CROWS(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDL2CROWSKernel);
}

}  // namespace qat::ta
