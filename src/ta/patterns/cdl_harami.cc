// CDLHARAMI: Harami (two candles).
//
// Rules, judging bar i with candles i-1 and i:
//   1. Candle i-1 has a long real body: larger than the BodyLong average of the candles
//      before it.
//   2. Candle i has a short real body: no larger than the BodyShort average of the candles
//      before it.
//   3. Candle i's real body lies inside candle i-1's real body:
//      - strictly inside at both ends (top below the top, bottom above the bottom): the full
//        pattern, strength 100;
//      - otherwise inside with one end touching (top <= top and bottom >= bottom): the weaker
//        form, strength 80.
//   The direction is the opposite of candle i-1's color: after a white candle the harami is
//   bearish, after a black one bullish. The color of candle i does not matter.
// Settings used: BodyLong (for i-1), BodyShort (for i).
// Returns +100/+80 (bullish), -100/-80 (bearish), else 0.
// Lookback: max(BodyShort, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int kernels::HaramiLookback(const CandleSettings& s, CandleSettingType second_body) {
  return std::max(Period(s, second_body), Period(s, T::kBodyLong)) + 1;
}

// Compiled for AVX2 and the baseline (the harami and harami-cross kernels call it).
QAT_VECTOR_KERNEL void kernels::Harami(patterns_detail::CandleFrame& f, std::span<int> out,
                                             CandleSettingType second_body) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(HaramiLookback(f.settings(), second_body));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(T::kBodyLong, first, 1);
  const double* body_second = f.Average(second_body, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double top = std::max(close[i], open[i]);
    const double bottom = std::min(close[i], open[i]);
    const double prior_top = std::max(close[i - 1], open[i - 1]);
    const double prior_bottom = std::min(close[i - 1], open[i - 1]);
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool bodies = (body[i - 1] > body_long[i - 1]) & (body[i] <= body_second[i]);
    const bool inside = (top < prior_top) & (bottom > prior_bottom);
    const bool touching = (top <= prior_top) & (bottom >= prior_bottom);
    // bodies ? -TA_CANDLECOLOR(i-1) * (inside ? 100 : touching ? 80 : 0) : 0. Written as
    // selects of constants and a sum (inside implies touching: 20 + 80 = 100), the form GCC
    // if-converts, so that both clones vectorize.
    const int full = (bodies & inside) ? 20 : 0;
    const int weak = (bodies & touching) ? 80 : 0;
    const int sign = close[i - 1] >= open[i - 1] ? -1 : 1;
    o[i] = sign * (full + weak);
  }
}

int CDLHARAMILookback(const CandleSettings& s) { return kernels::HaramiLookback(s, T::kBodyShort); }

void CDLHARAMIKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  kernels::Harami(f, out, T::kBodyShort);
}

std::vector<int> CDLHARAMI(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHARAMIKernel);
}

}  // namespace qat::ta
