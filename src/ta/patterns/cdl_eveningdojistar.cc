// CDLEVENINGDOJISTAR - Evening Doji Star (bearish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   1. a white candle with a long real body (> BodyLong average of the period candles before
//      it);
//   2. a doji (body <= BodyDoji average of the period candles before it) whose real body gaps
//      up above candle 1's body;
//   3. a black candle whose body is longer than short (> BodyShort average of the period
//      candles before it), closing more than penetration x body(1) below candle 1's close,
//      i.e. well into candle 1's body. No gap between candles 2 and 3 is required.
// Settings used: BodyLong, BodyDoji, BodyShort; penetration defaults to 0.3. Returns -100 when
// all hold (always bearish; the uptrend is not examined), else 0.
#include <algorithm>

#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLEVENINGDOJISTARLookback(const CandleSettings& settings) {
  using kernels::Period;
  return std::max(std::max(Period(settings, CandleSettingType::kBodyDoji),
                           Period(settings, CandleSettingType::kBodyLong)),
                  Period(settings, CandleSettingType::kBodyShort)) +
         2;
}

namespace {

// The rule for any penetration; inlined into the kernel (default penetration) and into the
// public function (the caller's penetration).
[[gnu::always_inline]] inline void EveningDojiStarRule(patterns_detail::CandleFrame& f,
                                                       std::span<int> out, double penetration) {
  using patterns_detail::BodyGapUp;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLEVENINGDOJISTARLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* body_long = f.Average(CandleSettingType::kBodyLong, first, 2);
  const double* body_doji = f.Average(CandleSettingType::kBodyDoji, first, 1);
  const double* body_short = f.Average(CandleSettingType::kBodyShort, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    const bool hit = (body[i - 2] > body_long[i - 2]) & (close[i - 2] >= open[i - 2]) &
                     (body[i - 1] <= body_doji[i - 1]) & BodyGapUp(open, close, i - 1, i - 2) &
                     (body[i] > body_short[i]) & !(close[i] >= open[i]) &
                     (close[i] < close[i - 2] - body[i - 2] * penetration);
    o[i] = hit ? -100 : 0;
  }
}

}  // namespace

QAT_VECTOR_KERNEL void CDLEVENINGDOJISTARKernel(patterns_detail::CandleFrame& f,
                                                std::span<int> out) {
  EveningDojiStarRule(f, out, kEveningDojiStarPenetration);
}

std::vector<int> CDLEVENINGDOJISTAR(const OhlcView& bars, const CandleSettings& settings,
                                    double penetration) {
  kernels::CheckPenetration(penetration);
  const std::size_t n = kernels::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  if (n == 0) return out;
  patterns_detail::CandleFrame frame(bars, settings);
  EveningDojiStarRule(frame, out, penetration);
  return out;
}

}  // namespace qat::ta
