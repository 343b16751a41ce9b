// CDLABANDONEDBABY - Abandoned Baby (three candles, top or bottom).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1. a long real body (> BodyLong average of the period candles before candle 1);
//   2. a doji (body <= BodyDoji average of the period candles before candle 2) whose whole
//      range is separated from candle 1's range by a gap: above it when candle 1 is white,
//      below it when black (the shadows do not touch);
//   3. a body longer than short (> BodyShort average of the period candles before it), of the
//      colour opposite to candle 1, separated from the doji by a gap in the other direction,
//      and closing well inside candle 1's body: more than penetration x body(1) below candle
//      1's close when candle 1 is white, above it when black.
// Settings used: BodyLong, BodyDoji, BodyShort; penetration defaults to 0.3. Returns +100
// for the bottom (candle 3 white), -100 for the top (candle 3 black), else 0; the trend is
// not examined.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLABANDONEDBABYLookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(std::max(Period(settings, CandleSettingType::kBodyDoji),
                           Period(settings, CandleSettingType::kBodyLong)),
                  Period(settings, CandleSettingType::kBodyShort)) +
         2;
}

namespace {

// The rule for any penetration: the kernel runs it with the default, the public function with
// the caller's.
QAT_VECTOR_KERNEL void AbandonedBabyRule(patterns_detail::CandleFrame& f, std::span<int> out,
                                         double penetration) {
  using patterns_detail::RangeGapDown;
  using patterns_detail::RangeGapUp;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLABANDONEDBABYLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 2);
  const double* body_doji = f.Average(CandleSettingType::kBodyDoji, first, 1);
  const double* body_short = f.Average(CandleSettingType::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const bool white1 = close[i - 2] >= open[i - 2];
    const bool white3 = close[i] >= open[i];
    // Branch-free (& and | for && and ||): every operand is a plain comparison.
    const bool hit =
        (body[i - 2] > body_long[i - 2]) & (body[i - 1] <= body_doji[i - 1]) &
        (body[i] > body_short[i]) &
        ((white1 & !white3 & (close[i] < close[i - 2] - body[i - 2] * penetration) &
          RangeGapUp(low, high, i - 1, i - 2) & RangeGapDown(low, high, i, i - 1)) |
         (!white1 & white3 & (close[i] > close[i - 2] + body[i - 2] * penetration) &
          RangeGapDown(low, high, i - 1, i - 2) & RangeGapUp(low, high, i, i - 1)));
    o[i] = hit ? patterns_detail::Color(open, close, i) * 100 : 0;
  }
}

}  // namespace

void CDLABANDONEDBABYKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  AbandonedBabyRule(f, out, kAbandonedBabyPenetration);
}

std::vector<int> CDLABANDONEDBABY(const OhlcView& bars, const CandleSettings& settings,
                                  double penetration) {
  kernels::CheckPenetration(penetration);
  std::vector<int> out(kernels::CheckedSize(bars, settings), 0);
  if (out.empty()) return out;
  patterns_detail::CandleFrame frame(bars, settings);
  AbandonedBabyRule(frame, out, penetration);
  return out;
}

}  // namespace qat::ta
