// CDLADVANCEBLOCK - Advance Block (bearish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   - three white candles with rising closes; candle 2 opens above candle 1's open and at
//     most Near-average above candle 1's close, candle 3 likewise against candle 2;
//   - candle 1 has a long body (> BodyLong average of the period candles before it) and a
//     short upper shadow (< ShadowShort average before it);
//   - and the advance weakens in at least one of these ways:
//     a. body(2) < body(1) - Far average (before candle 1) and
//        body(3) < body(2) + Near average (before candle 2);
//     b. body(3) < body(2) - Far average (before candle 2);
//     c. body(3) < body(2) < body(1) and candle 3 or candle 2 has an upper shadow that is
//        not short (> ShadowShort average before that candle);
//     d. body(3) < body(2) and candle 3's upper shadow is long (> ShadowLong average; with
//        the default period 0 that is candle 3's own body times the factor).
// Every average is over the period candles before the candle named. Settings used:
// BodyLong, ShadowShort, ShadowLong, Near, Far. Returns -100 when it holds (always bearish;
// the uptrend is not examined), else 0.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLADVANCEBLOCKLookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(std::max(std::max(Period(settings, CandleSettingType::kShadowLong),
                                    Period(settings, CandleSettingType::kShadowShort)),
                           std::max(Period(settings, CandleSettingType::kFar),
                                    Period(settings, CandleSettingType::kNear))),
                  Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

QAT_VECTOR_KERNEL void CDLADVANCEBLOCKKernel(patterns_detail::CandleFrame& f,
                                             std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLADVANCEBLOCKLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* shadow_short2 = f.Average(CandleSettingType::kShadowShort, first, 2);
  const double* shadow_short1 = f.Average(CandleSettingType::kShadowShort, first, 1);
  const double* shadow_short0 = f.Average(CandleSettingType::kShadowShort, first, 0);
  const double* shadow_long0 = f.Average(CandleSettingType::kShadowLong, first, 0);
  const double* near2 = f.Average(CandleSettingType::kNear, first, 2);
  const double* near1 = f.Average(CandleSettingType::kNear, first, 1);
  const double* far2 = f.Average(CandleSettingType::kFar, first, 2);
  const double* far1 = f.Average(CandleSettingType::kFar, first, 1);
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 2);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double body1 = body[i - 2];
    const double body2 = body[i - 1];
    const double body3 = body[i];
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool hit =
        (close[i - 2] >= open[i - 2]) & (close[i - 1] >= open[i - 1]) & (close[i] >= open[i]) &
        (close[i] > close[i - 1]) & (close[i - 1] > close[i - 2]) &
        (open[i - 1] > open[i - 2]) & (open[i - 1] <= close[i - 2] + near2[i - 2]) &
        (open[i] > open[i - 1]) & (open[i] <= close[i - 1] + near1[i - 1]) &
        (body1 > body_long[i - 2]) & (upper[i - 2] < shadow_short2[i - 2]) &
        (((body2 < body1 - far2[i - 2]) & (body3 < body2 + near1[i - 1])) |
         (body3 < body2 - far1[i - 1]) |
         ((body3 < body2) & (body2 < body1) &
          ((upper[i] > shadow_short0[i]) | (upper[i - 1] > shadow_short1[i - 1]))) |
         ((body3 < body2) & (upper[i] > shadow_long0[i])));
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDLADVANCEBLOCK(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDLADVANCEBLOCKKernel);
}

}  // namespace qat::ta
