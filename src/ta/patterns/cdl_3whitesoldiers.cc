// CDL3WHITESOLDIERS - Three Advancing White Soldiers (bullish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   - all three white, each with a very short upper shadow (< ShadowVeryShort average of the
//     period candles before that candle), and the closes rise one after another;
//   - candle 2 opens above candle 1's open and at most Near-average above candle 1's close;
//     candle 3 likewise against candle 2 (Near averages taken before candles 1 and 2);
//   - no candle is far shorter than the one before it: body(2) > body(1) - Far average (before
//     candle 1) and body(3) > body(2) - Far average (before candle 2);
//   - candle 3's body is not short: > BodyShort average of the period candles before it.
// Settings used: ShadowVeryShort, Near, Far, BodyShort. Returns +100 when all hold (always
// bullish; the downtrend is not examined), else 0.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDL3WHITESOLDIERSLookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(std::max(Period(settings, CandleSettingType::kShadowVeryShort),
                           Period(settings, CandleSettingType::kBodyShort)),
                  std::max(Period(settings, CandleSettingType::kFar),
                           Period(settings, CandleSettingType::kNear))) +
         2;
}

QAT_VECTOR_KERNEL void CDL3WHITESOLDIERSKernel(patterns_detail::CandleFrame& f,
                                               std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDL3WHITESOLDIERSLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* very_short2 = f.Average(CandleSettingType::kShadowVeryShort, first, 2);
  const double* very_short1 = f.Average(CandleSettingType::kShadowVeryShort, first, 1);
  const double* very_short0 = f.Average(CandleSettingType::kShadowVeryShort, first, 0);
  const double* near2 = f.Average(CandleSettingType::kNear, first, 2);
  const double* near1 = f.Average(CandleSettingType::kNear, first, 1);
  const double* far2 = f.Average(CandleSettingType::kFar, first, 2);
  const double* far1 = f.Average(CandleSettingType::kFar, first, 1);
  const double* body_short = f.Average(CandleSettingType::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (close[i - 2] >= open[i - 2]) & (upper[i - 2] < very_short2[i - 2]) &
                     (close[i - 1] >= open[i - 1]) & (upper[i - 1] < very_short1[i - 1]) &
                     (close[i] >= open[i]) & (upper[i] < very_short0[i]) &
                     (close[i] > close[i - 1]) & (close[i - 1] > close[i - 2]) &
                     (open[i - 1] > open[i - 2]) & (open[i - 1] <= close[i - 2] + near2[i - 2]) &
                     (open[i] > open[i - 1]) & (open[i] <= close[i - 1] + near1[i - 1]) &
                     (body[i - 1] > body[i - 2] - far2[i - 2]) &
                     (body[i] > body[i - 1] - far1[i - 1]) &
                     (body[i] > body_short[i]);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDL3WHITESOLDIERS(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDL3WHITESOLDIERSKernel);
}

}  // namespace qat::ta
