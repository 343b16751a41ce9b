// CDLDOJISTAR - Doji Star (two candles).
//
// Rules, with candles numbered 1..2 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before it);
//   2. a doji (body <= BodyDoji average of the period candles before it) whose real body gaps
//      away from candle 1's body in candle 1's direction: up after a white candle 1, down
//      after a black one.
// Settings used: BodyLong, BodyDoji. Returns -100 after a white candle 1 (bearish), +100
// after a black one (bullish), else 0; the trend is not examined.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLDOJISTARLookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(Period(settings, CandleSettingType::kBodyDoji),
                  Period(settings, CandleSettingType::kBodyLong)) +
         1;
}

QAT_VECTOR_KERNEL void CDLDOJISTARKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  using patterns_detail::BodyGapDown;
  using patterns_detail::BodyGapUp;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLDOJISTARLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 1);
  const double* body_doji = f.Average(CandleSettingType::kBodyDoji, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool white1 = close[i - 1] >= open[i - 1];
    const bool hit = (body[i - 1] > body_long[i - 1]) & (body[i] <= body_doji[i]) &
                     ((white1 & BodyGapUp(open, close, i, i - 1)) |
                      (!white1 & BodyGapDown(open, close, i, i - 1)));
    o[i] = hit ? (white1 ? -100 : 100) : 0;
  }
}

std::vector<int> CDLDOJISTAR(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLDOJISTARKernel);
}

}  // namespace qat::ta
