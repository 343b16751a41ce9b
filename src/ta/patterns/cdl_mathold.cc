// CDLMATHOLD: Mat Hold (bullish continuation, five candles).
//
// Rules, candles 1..5 (5 = current bar):
//  - 1 is a long white candle (real body > BodyLong average: by default the mean body of
//    the 10 candles before it); 2, 3 and 4 have short bodies (each < its own BodyShort
//    average, the mean body of the 10 candles before it); 2 is black and 5 is white
//    (3 and 4 may be either colour).
//  - 2's real body gaps up above 1's real body.
//  - 3 and 4 hold within 1's body: the bottom of each body is below 1's close but above
//    1's close minus `penetration` (default 0.5) times 1's body.
//  - the reaction falls: the top of 3's body is below 2's open, the top of 4's body is
//    below the top of 3's body.
//  - 5 opens above 4's close and closes above the highest high of 2, 3 and 4.
// Returns +100 on candle 5; there is no bearish form.
// Lookback: max(BodyShort, BodyLong periods) + 4.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLMATHOLDLookback(const CandleSettings& settings) {
  return std::max(kernels::Period(settings, CandleSettingType::kBodyShort),
                  kernels::Period(settings, CandleSettingType::kBodyLong)) +
         4;
}

namespace {

// The rule for any penetration (compiled for AVX2 and the baseline, like a kernel): the
// kernel runs it with the default, the public function with the caller's.
QAT_VECTOR_KERNEL void MatHoldRule(patterns_detail::CandleFrame& f, std::span<int> out,
                                   double penetration) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLMATHOLDLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* close = f.close();
  const double* body = f.body();
  const double* long1 = f.Average(CandleSettingType::kBodyLong, first, 4);
  const double* short2 = f.Average(CandleSettingType::kBodyShort, first, 3);
  const double* short3 = f.Average(CandleSettingType::kBodyShort, first, 2);
  const double* short4 = f.Average(CandleSettingType::kBodyShort, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const std::size_t c1 = i - 4, c2 = i - 3, c3 = i - 2, c4 = i - 1;
    const double floor1 = close[c1] - body[c1] * penetration;
    // TA-Lib's min/max macros as ternaries (the second operand on NaN), same operand order.
    const double bottom3 = open[c3] < close[c3] ? open[c3] : close[c3];
    const double bottom4 = open[c4] < close[c4] ? open[c4] : close[c4];
    const double top3 = close[c3] > open[c3] ? close[c3] : open[c3];
    const double top4 = close[c4] > open[c4] ? close[c4] : open[c4];
    const double high23 = high[c2] > high[c3] ? high[c2] : high[c3];
    const double high234 = high23 > high[c4] ? high23 : high[c4];
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[c1] > long1[c1]) & (body[c2] < short2[c2]) &
                     (body[c3] < short3[c3]) & (body[c4] < short4[c4]) &
                     (close[c1] >= open[c1]) & !(close[c2] >= open[c2]) &
                     (close[i] >= open[i]) & patterns_detail::BodyGapUp(open, close, c2, c1) &
                     (bottom3 < close[c1]) & (bottom4 < close[c1]) & (bottom3 > floor1) &
                     (bottom4 > floor1) & (top3 < open[c2]) & (top4 < top3) &
                     (open[i] > close[c4]) & (close[i] > high234);
    o[i] = hit ? 100 : 0;
  }
}

}  // namespace

QAT_VECTOR_KERNEL void CDLMATHOLDKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  MatHoldRule(f, out, kMatHoldPenetration);
}

std::vector<int> CDLMATHOLD(const OhlcView& bars, const CandleSettings& settings,
                            double penetration) {
  kernels::CheckPenetration(penetration);
  const std::size_t n = kernels::CheckedSize(bars);
  std::vector<int> out(n, 0);
  if (n == 0) return out;
  patterns_detail::CandleFrame frame(bars, settings);
  MatHoldRule(frame, out, penetration);
  return out;
}

}  // namespace qat::ta
