// CDLEVENINGSTAR: Evening Star (three candles, bearish only).
//
// Rules, judging bar i with candles i-2, i-1, i:
//   1. Candle i-2 is white with a long real body: its body is larger than the BodyLong
//      average of the candles before it.
//   2. Candle i-1 is a star: a short body (no larger than the BodyShort average of the
//      candles before it) whose real body gaps up above the real body of candle i-2.
//   3. Candle i is black, its body is larger than the BodyShort average of the candles before
//      it (it is not short), and it closes well into candle i-2's body: below
//      close(i-2) - penetration * body(i-2). The penetration defaults to 0.3.
// Settings used: BodyLong (for i-2), BodyShort (for i-1 and i, two separate averages).
// Returns -100 where it fires (the trend is not considered), else 0.
// Lookback: max(BodyShort, BodyLong periods) + 2.
// The registry's kernel uses the default penetration; CDLEVENINGSTAR with another penetration
// runs the same rule on a frame of its own.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLEVENINGSTARLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kBodyShort), Period(s, T::kBodyLong)) + 2;
}

namespace {

// The whole rule for one penetration (compiled for AVX2 and the baseline, so the kernel and
// the public function both run the vector loop).
QAT_VECTOR_KERNEL void EveningStarRule(patterns_detail::CandleFrame& f, std::span<int> out,
                                       double penetration) {
  using patterns_detail::BodyGapUp;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLEVENINGSTARLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(T::kBodyLong, first, 2);
  const double* body_short_star = f.Average(T::kBodyShort, first, 1);
  const double* body_short_last = f.Average(T::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[i - 2] > body_long[i - 2]) & (close[i - 2] >= open[i - 2]) &
                     (body[i - 1] <= body_short_star[i - 1]) &
                     BodyGapUp(open, close, i - 1, i - 2) &
                     (body[i] > body_short_last[i]) & !(close[i] >= open[i]) &
                     (close[i] < close[i - 2] - body[i - 2] * penetration);
    o[i] = hit ? -100 : 0;
  }
}

}  // namespace

void CDLEVENINGSTARKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  EveningStarRule(f, out, kEveningStarPenetration);
}

std::vector<int> CDLEVENINGSTAR(const OhlcView& b, const CandleSettings& s, double penetration) {
  kernels::CheckPenetration(penetration);
  const std::size_t n = kernels::CheckedSize(b);
  std::vector<int> out(n, 0);
  if (n == 0) return out;
  patterns_detail::CandleFrame frame(b, s);
  EveningStarRule(frame, out, penetration);
  return out;
}

}  // namespace qat::ta
