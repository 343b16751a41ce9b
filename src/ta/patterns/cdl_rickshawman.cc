// CDLRICKSHAWMAN: Rickshaw Man (one candle).
//
// Rules: a doji (real body <= BodyDoji average: by default 0.1 x the mean high-low range of
// the 10 candles before it) with both shadows long (each longer than the ShadowLong
// average, by default the candle's own real body) and its body near the middle of its
// range: the body's bottom is at most, and its top at least, the midpoint low + range/2,
// give or take the Near average (default 0.2 x mean high-low range of the 5 candles
// before it). Returns +100 when it fires (TA-Lib gives it no direction).
// Lookback: max(BodyDoji, ShadowLong, Near periods).
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLRICKSHAWMANLookback(const CandleSettings& settings) {
  return std::max(std::max(kernels::Period(settings, CandleSettingType::kBodyDoji),
                           kernels::Period(settings, CandleSettingType::kShadowLong)),
                  kernels::Period(settings, CandleSettingType::kNear));
}

QAT_VECTOR_KERNEL void CDLRICKSHAWMANKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLRICKSHAWMANLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* lower = f.lower();
  const double* hl = f.hl();
  const double* doji = f.Average(CandleSettingType::kBodyDoji, first, 0);
  const double* shadow_long = f.Average(CandleSettingType::kShadowLong, first, 0);
  const double* near = f.Average(CandleSettingType::kNear, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double shadow = shadow_long[i];
    const double mid = low[i] + hl[i] / 2;
    const double nr = near[i];
    // TA-Lib's min/max macros as ternaries (the second operand on NaN).
    const double body_bottom = open[i] < close[i] ? open[i] : close[i];
    const double body_top = open[i] > close[i] ? open[i] : close[i];
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[i] <= doji[i]) & (lower[i] > shadow) & (upper[i] > shadow) &
                     (body_bottom <= mid + nr) & (body_top >= mid - nr);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLRICKSHAWMAN(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLRICKSHAWMANKernel);
}

}  // namespace qat::ta
