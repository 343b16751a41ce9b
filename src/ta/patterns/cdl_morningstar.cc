// CDLMORNINGSTAR: Morning Star (bullish reversal, three candles).
//
// Rules, candles 1..3 (3 = current bar):
//  - 1 is a long black candle: real body > BodyLong average (default: mean body of the 10
//    candles before it).
//  - 2 is a star: real body <= BodyShort average (mean body of the 10 candles before it)
//    whose real body gaps down below 1's real body. Its colour does not matter.
//  - 3 is white, its body longer than short (> BodyShort average of the 10 candles before
//    it), and it closes above 1's close plus `penetration` (default 0.3) times 1's body.
// Returns +100 on candle 3; there is no bearish form (that is CDLEVENINGSTAR).
// Lookback: max(BodyShort, BodyLong periods) + 2.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLMORNINGSTARLookback(const CandleSettings& settings) {
  return std::max(kernels::Period(settings, CandleSettingType::kBodyShort),
                  kernels::Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

namespace {

// The rule for any penetration (compiled for AVX2 and the baseline, like a kernel): the
// kernel runs it with the default, the public function with the caller's.
QAT_VECTOR_KERNEL void MorningStarRule(patterns_detail::CandleFrame& f, std::span<int> out,
                                       double penetration) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLMORNINGSTARLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* long1 = f.Average(CandleSettingType::kBodyLong, first, 2);
  const double* short2 = f.Average(CandleSettingType::kBodyShort, first, 1);
  const double* short3 = f.Average(CandleSettingType::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[i - 2] > long1[i - 2]) & !(close[i - 2] >= open[i - 2]) &
                     (body[i - 1] <= short2[i - 1]) &
                     patterns_detail::BodyGapDown(open, close, i - 1, i - 2) &
                     (body[i] > short3[i]) & (close[i] >= open[i]) &
                     (close[i] > close[i - 2] + body[i - 2] * penetration);
    o[i] = hit ? 100 : 0;
  }
}

}  // namespace

QAT_VECTOR_KERNEL void CDLMORNINGSTARKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  MorningStarRule(f, out, kMorningStarPenetration);
}

std::vector<int> CDLMORNINGSTAR(const OhlcView& bars, const CandleSettings& settings,
                                double penetration) {
  kernels::CheckPenetration(penetration);
  const std::size_t n = kernels::CheckedSize(bars);
  std::vector<int> out(n, 0);
  if (n == 0) return out;
  patterns_detail::CandleFrame frame(bars, settings);
  MorningStarRule(frame, out, penetration);
  return out;
}

}  // namespace qat::ta
