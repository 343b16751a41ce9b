// CDLDOJI - Doji (one candle).
//
// Rule: the real body is tiny, at most the BodyDoji average of the period candles before it
// (by default 10% of their mean high-low range; "<=" so a body of exactly that size counts).
// Settings used: BodyDoji. Returns +100 when it holds, else 0 (a doji has no direction; TA-Lib
// reports it as 100).
#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLDOJILookback(const CandleSettings& settings) {
  return group1_detail::Period(settings, CandleSettingType::kBodyDoji);
}

std::vector<int> CDLDOJI(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLDOJILookback(settings));
  if (n <= first) return out;
  RunningTotal body_doji(bars, settings[CandleSettingType::kBodyDoji], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (RealBody(bars, i) <= body_doji.Average(i)) out[i] = 100;
    body_doji.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
