// CDLTRISTAR: Tristar (reversal, three candles).
//
// Rules, candles 1..3 (3 = current bar): all three are dojis, each real body <= the
// BodyDoji average measured on candle 1 (by default 0.1 x the mean high-low range of the
// 10 candles before candle 1; the same threshold serves all three). Then:
//  - bearish: 2's real body gaps up above 1's and the top of 3's body is below the top of
//    2's body -> -100;
//  - bullish: 2's real body gaps down below 1's and the bottom of 3's body is above the
//    bottom of 2's body -> +100.
// Three dojis without either shape give 0. Lookback: BodyDoji period + 2.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLTRISTARLookback(const CandleSettings& settings) {
  return group3::Period(settings, CandleSettingType::kBodyDoji) + 2;
}

std::vector<int> CDLTRISTAR(const OhlcView& bars, const CandleSettings& settings) {
  using group3::TaMax;
  using group3::TaMin;
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLTRISTARLookback(settings));
  if (start >= n) return out;
  patterns_detail::RunningTotal doji(bars, settings[CandleSettingType::kBodyDoji], start, 2);
  const auto& open = bars.open;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const double doji_avg = doji.Average(i);
    if (RealBody(bars, i - 2) <= doji_avg && RealBody(bars, i - 1) <= doji_avg &&
        RealBody(bars, i) <= doji_avg) {
      if (RealBodyGapUp(bars, i - 1, i - 2) &&
          TaMax(open[i], close[i]) < TaMax(open[i - 1], close[i - 1])) {
        out[i] = -100;
      }
      if (RealBodyGapDown(bars, i - 1, i - 2) &&
          TaMin(open[i], close[i]) > TaMin(open[i - 1], close[i - 1])) {
        out[i] = 100;
      }
    }
    doji.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
