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
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLTRISTARLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kBodyDoji) + 2;
}

QAT_VECTOR_KERNEL void CDLTRISTARKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  using patterns_detail::TaMax;
  using patterns_detail::TaMin;
  using patterns_detail::BodyGapDown;
  using patterns_detail::BodyGapUp;
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLTRISTARLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* close = f.close();
  const double* body = f.body();
  const double* doji = f.Average(CandleSettingType::kBodyDoji, first, 2);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double doji_avg = doji[i - 2];
    const bool dojis =
        (body[i - 2] <= doji_avg) & (body[i - 1] <= doji_avg) & (body[i] <= doji_avg);
    const bool bearish = dojis & BodyGapUp(open, close, i - 1, i - 2) &
                         (TaMax(open[i], close[i]) < TaMax(open[i - 1], close[i - 1]));
    const bool bullish = dojis & BodyGapDown(open, close, i - 1, i - 2) &
                         (TaMin(open[i], close[i]) > TaMin(open[i - 1], close[i - 1]));
    // The bullish test is applied last, so it wins if both held (they cannot: 2's body
    // cannot gap both up and down). Two plain selects: nested ones kept GCC from vectorizing.
    const int bearish_value = bearish ? -100 : 0;
    o[i] = bullish ? 100 : bearish_value;
  }
}

std::vector<int> CDLTRISTAR(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLTRISTARKernel);
}

}  // namespace qat::ta
