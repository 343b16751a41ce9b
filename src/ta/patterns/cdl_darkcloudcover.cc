// CDLDARKCLOUDCOVER - Dark Cloud Cover (bearish, two candles).
//
// Rules, with candles numbered 1..2 ending at the bar that gets the value:
//   1. a white candle with a long real body (> BodyLong average of the period candles before
//      it);
//   2. a black candle that opens above candle 1's high and closes inside candle 1's body,
//      above its open but more than penetration x body(1) below its close.
// Settings used: BodyLong; penetration defaults to 0.5 (below the middle of candle 1's body).
// Returns -100 when all hold (always bearish; the uptrend is not examined), else 0.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLDARKCLOUDCOVERLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kBodyLong) + 1;
}

namespace {

// The rule for any penetration; inlined into the kernel (default penetration) and into the
// public function (the caller's penetration).
[[gnu::always_inline]] inline void DarkCloudCoverRule(patterns_detail::CandleFrame& f,
                                                      std::span<int> out, double penetration) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLDARKCLOUDCOVERLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (close[i - 1] >= open[i - 1]) & (body[i - 1] > body_long[i - 1]) &
                     !(close[i] >= open[i]) & (open[i] > high[i - 1]) &
                     (close[i] > open[i - 1]) &
                     (close[i] < close[i - 1] - body[i - 1] * penetration);
    o[i] = hit ? -100 : 0;
  }
}

}  // namespace

QAT_VECTOR_KERNEL void CDLDARKCLOUDCOVERKernel(patterns_detail::CandleFrame& f,
                                               std::span<int> out) {
  DarkCloudCoverRule(f, out, kDarkCloudCoverPenetration);
}

std::vector<int> CDLDARKCLOUDCOVER(const OhlcView& bars, const CandleSettings& settings,
                                   double penetration) {
  kernels::CheckPenetration(penetration);
  const std::size_t n = kernels::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  if (n == 0) return out;
  patterns_detail::CandleFrame frame(bars, settings);
  DarkCloudCoverRule(frame, out, penetration);
  return out;
}

}  // namespace qat::ta
