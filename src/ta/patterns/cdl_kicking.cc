// CDLKICKING: Kicking (two opposite marubozu separated by a gap).
//
// Rules, judging bar i with candles i-1 and i:
//   1. The two candles have opposite colors.
//   2. Both are marubozu: a long real body (larger than the BodyLong average of the candles
//      before that candle) and both shadows very short (each smaller than the
//      ShadowVeryShort average of the candles before that candle).
//   3. There is a gap between the whole candles: after a black candle i-1, candle i's low is
//      above candle i-1's high; after a white candle i-1, candle i's high is below candle
//      i-1's low.
//   The direction is the color of candle i (the second marubozu).
// Returns +100 (bullish: black then white) or -100 (bearish: white then black), else 0.
// Settings used: BodyLong, ShadowVeryShort (one running total per candle for each).
// Lookback: max(ShadowVeryShort, BodyLong periods) + 1.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLKICKINGLookback(const CandleSettings& s) {
  return std::max(Period(s, T::kShadowVeryShort), Period(s, T::kBodyLong)) + 1;
}

namespace {

// Both kicking patterns: rules 1-3 above; the direction is candle i's colour, or with
// kByLength (CDLKICKINGBYLENGTH) the colour of the longer body. A template, not a run-time
// flag, so that each instance's loop vectorizes.
template <bool kByLength>
[[gnu::always_inline]] inline void KickingRule(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLKICKINGLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* body_long1 = f.Average(T::kBodyLong, first, 1);
  const double* body_long0 = f.Average(T::kBodyLong, first, 0);
  const double* very_short1 = f.Average(T::kShadowVeryShort, first, 1);
  const double* very_short0 = f.Average(T::kShadowVeryShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& and | not && and ||): every operand is a plain comparison, so the result
    // is the same. Opposite colours: CandleColor(i - 1) == -CandleColor(i).
    const bool white1 = close[i - 1] >= open[i - 1];
    const bool white0 = close[i] >= open[i];
    const bool first_marubozu = (body[i - 1] > body_long1[i - 1]) &
                                (upper[i - 1] < very_short1[i - 1]) &
                                (lower[i - 1] < very_short1[i - 1]);
    const bool second_marubozu = (body[i] > body_long0[i]) & (upper[i] < very_short0[i]) &
                                 (lower[i] < very_short0[i]);
    const bool gap = (!white1 & (low[i] > high[i - 1])) | (white1 & (high[i] < low[i - 1]));
    const bool hit = (white1 != white0) & first_marubozu & second_marubozu & gap;
    bool up = white0;
    if constexpr (kByLength) {
      // Candle i only if strictly longer. Written as & and | and a separate int select: GCC 12
      // left the loop scalar with a ?: between the two bools, or nested in the store's ?:.
      const bool second_longer = body[i] > body[i - 1];
      up = (second_longer & white0) | (!second_longer & white1);
    }
    const int direction = up ? 100 : -100;
    o[i] = hit ? direction : 0;
  }
}

}  // namespace

QAT_VECTOR_KERNEL void CDLKICKINGKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  KickingRule<false>(f, out);
}

QAT_VECTOR_KERNEL void CDLKICKINGBYLENGTHKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  KickingRule<true>(f, out);
}

std::vector<int> CDLKICKING(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLKICKINGKernel);
}

}  // namespace qat::ta
