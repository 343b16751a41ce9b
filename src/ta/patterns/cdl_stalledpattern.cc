// CDLSTALLEDPATTERN: Stalled Pattern (bearish, three candles).
//
// Rules, candles 1..3 (3 = current bar):
//  - all three white, with rising closes (close1 < close2 < close3).
//  - 1 and 2 have long real bodies (> their BodyLong averages, by default the mean body of
//    the 10 candles before each).
//  - 2 has a very short upper shadow (< ShadowVeryShort average measured on 2, default
//    0.1 x the mean high-low range of the 10 candles before it), and opens above 1's open
//    but no higher than 1's close plus the Near average measured on 1 (default 0.2 x the
//    mean high-low range of the 5 candles before it).
//  - 3 has a small real body (< BodyShort average, mean body of the 10 candles before it)
//    and rides on 2's shoulder: open3 >= close2 - body3 - Near average measured on 2.
// Returns -100 on candle 3; there is no bullish form.
// Lookback: max(BodyLong, BodyShort, ShadowVeryShort, Near periods) + 2.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLSTALLEDPATTERNLookback(const CandleSettings& settings) {
  return std::max(std::max(kernels::Period(settings, CandleSettingType::kBodyLong),
                           kernels::Period(settings, CandleSettingType::kBodyShort)),
                  std::max(kernels::Period(settings, CandleSettingType::kShadowVeryShort),
                           kernels::Period(settings, CandleSettingType::kNear))) +
         2;
}

QAT_VECTOR_KERNEL void CDLSTALLEDPATTERNKernel(patterns_detail::CandleFrame& f,
                                               std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLSTALLEDPATTERNLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* upper = f.upper();
  const double* long1 = f.Average(CandleSettingType::kBodyLong, first, 2);
  const double* long2 = f.Average(CandleSettingType::kBodyLong, first, 1);
  const double* short3 = f.Average(CandleSettingType::kBodyShort, first, 0);
  const double* very_short2 = f.Average(CandleSettingType::kShadowVeryShort, first, 1);
  const double* near1 = f.Average(CandleSettingType::kNear, first, 2);
  const double* near2 = f.Average(CandleSettingType::kNear, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const std::size_t c1 = i - 2, c2 = i - 1;
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (close[c1] >= open[c1]) & (close[c2] >= open[c2]) & (close[i] >= open[i]) &
                     (close[i] > close[c2]) & (close[c2] > close[c1]) &
                     (body[c1] > long1[c1]) & (body[c2] > long2[c2]) &
                     (upper[c2] < very_short2[c2]) & (open[c2] > open[c1]) &
                     (open[c2] <= close[c1] + near1[c1]) & (body[i] < short3[i]) &
                     (open[i] >= close[c2] - body[i] - near2[c2]);
    o[i] = hit ? -100 : 0;
  }
}

std::vector<int> CDLSTALLEDPATTERN(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLSTALLEDPATTERNKernel);
}

}  // namespace qat::ta
