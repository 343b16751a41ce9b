// CDLGAPSIDESIDEWHITE: Up/Down-gap side-by-side white lines (three candles).
//
// Rules, judging bar i with candles i-2, i-1, i:
//   1. The real bodies of both i-1 and i gap away from the real body of i-2 in the same
//      direction: both entirely above it (upside gap) or both entirely below it (downside).
//   2. Candles i-1 and i are both white.
//   3. They are about the same size: body(i) lies within body(i-1) +/- the Near average
//      (measured for candle i-1).
//   4. They open at about the same price: open(i) lies within open(i-1) +/- the Equal average
//      (measured for candle i-1).
// Settings used: Near and Equal, both averaged over the candles before i-1.
// Returns +100 for the upside-gap form, -100 for the downside-gap form (the trend is not
// considered), else 0. Lookback: max(Near, Equal periods) + 2.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

using kernels::Period;
using T = CandleSettingType;

int CDLGAPSIDESIDEWHITELookback(const CandleSettings& s) {
  return std::max(Period(s, T::kNear), Period(s, T::kEqual)) + 2;
}

QAT_VECTOR_KERNEL void CDLGAPSIDESIDEWHITEKernel(patterns_detail::CandleFrame& f,
                                                 std::span<int> out) {
  using patterns_detail::BodyGapDown;
  using patterns_detail::BodyGapUp;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLGAPSIDESIDEWHITELookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* near = f.Average(T::kNear, first, 1);
  const double* equal = f.Average(T::kEqual, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& and | not && and ||): every operand is a plain comparison.
    const bool up1 = BodyGapUp(open, close, i - 1, i - 2);
    const bool gap_up = up1 & BodyGapUp(open, close, i, i - 2);
    const bool gap_down = BodyGapDown(open, close, i - 1, i - 2) & BodyGapDown(open, close, i, i - 2);
    const bool hit = (gap_up | gap_down) & (close[i - 1] >= open[i - 1]) & (close[i] >= open[i]) &
                     (body[i] >= body[i - 1] - near[i - 1]) &
                     (body[i] <= body[i - 1] + near[i - 1]) &
                     (open[i] >= open[i - 1] - equal[i - 1]) &
                     (open[i] <= open[i - 1] + equal[i - 1]);
    o[i] = hit ? (up1 ? 100 : -100) : 0;
  }
}

std::vector<int> CDLGAPSIDESIDEWHITE(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLGAPSIDESIDEWHITEKernel);
}

}  // namespace qat::ta
