// CDL3INSIDE - Three Inside Up / Down (three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before candle 1);
//   2. a short real body (<= BodyShort average of the period candles before candle 2) lying
//      strictly inside candle 1's body: its top below candle 1's top and its bottom above
//      candle 1's bottom (a harami);
//   3. the opposite colour to candle 1 and closing beyond candle 1's open: a black candle
//      closing below a white candle 1's open (three inside down), or a white candle closing
//      above a black candle 1's open (three inside up).
// Settings used: BodyLong, BodyShort. Returns +100 for three inside up (candle 1 black),
// -100 for three inside down (candle 1 white), else 0; the trend is not examined.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDL3INSIDELookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(Period(settings, CandleSettingType::kBodyShort),
                  Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

QAT_VECTOR_KERNEL void CDL3INSIDEKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDL3INSIDELookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 2);
  const double* body_short = f.Average(CandleSettingType::kBodyShort, first, 1);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool white1 = close[i - 2] >= open[i - 2];
    const bool white3 = close[i] >= open[i];
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool hit =
        (body[i - 2] > body_long[i - 2]) & (body[i - 1] <= body_short[i - 1]) &
        (std::max(close[i - 1], open[i - 1]) < std::max(close[i - 2], open[i - 2])) &
        (std::min(close[i - 1], open[i - 1]) > std::min(close[i - 2], open[i - 2])) &
        ((white1 & !white3 & (close[i] < open[i - 2])) |
         (!white1 & white3 & (close[i] > open[i - 2])));
    o[i] = hit ? -patterns_detail::Color(open, close, i - 2) * 100 : 0;
  }
}

std::vector<int> CDL3INSIDE(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars, settings);
  return patterns_detail::RunPattern(bars, settings, CDL3INSIDEKernel);
}

}  // namespace qat::ta
