// CDLSPINNINGTOP: Spinning Top (one candle).
//
// Rules: a small real body (< BodyShort average, by default the mean body of the 10
// candles before it) with both the upper and the lower shadow longer than the body.
// Returns +100 for a white candle, -100 for a black one.
// Lookback: BodyShort period.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLSPINNINGTOPLookback(const CandleSettings& settings) {
  return group3::Period(settings, CandleSettingType::kBodyShort);
}

std::vector<int> CDLSPINNINGTOP(const OhlcView& bars, const CandleSettings& settings) {
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLSPINNINGTOPLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal body(bars, settings[CandleSettingType::kBodyShort], start, 0);
  for (std::size_t i = start; i < n; ++i) {
    const double rb = RealBody(bars, i);
    if (rb < body.Average(i) && UpperShadow(bars, i) > rb && LowerShadow(bars, i) > rb) {
      out[i] = 100 * CandleColor(bars, i);
    }
    body.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
