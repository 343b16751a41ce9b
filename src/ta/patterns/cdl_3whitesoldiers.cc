// CDL3WHITESOLDIERS - Three Advancing White Soldiers (bullish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   - all three white, each with a very short upper shadow (< ShadowVeryShort average of the
//     period candles before that candle), and the closes rise one after another;
//   - candle 2 opens above candle 1's open and at most Near-average above candle 1's close;
//     candle 3 likewise against candle 2 (Near averages taken before candles 1 and 2);
//   - no candle is far shorter than the one before it: body(2) > body(1) - Far average (before
//     candle 1) and body(3) > body(2) - Far average (before candle 2);
//   - candle 3's body is not short: > BodyShort average of the period candles before it.
// Settings used: ShadowVeryShort, Near, Far, BodyShort. Returns +100 when all hold (always
// bullish; the downtrend is not examined), else 0.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDL3WHITESOLDIERSLookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(std::max(Period(settings, CandleSettingType::kShadowVeryShort),
                           Period(settings, CandleSettingType::kBodyShort)),
                  std::max(Period(settings, CandleSettingType::kFar),
                           Period(settings, CandleSettingType::kNear))) +
         2;
}

std::vector<int> CDL3WHITESOLDIERS(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDL3WHITESOLDIERSLookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& close = bars.close;
  const CandleSetting& very_short = settings[CandleSettingType::kShadowVeryShort];
  const CandleSetting& near = settings[CandleSettingType::kNear];
  const CandleSetting& far = settings[CandleSettingType::kFar];
  RunningTotal very_short2(bars, very_short, first, 2);
  RunningTotal very_short1(bars, very_short, first, 1);
  RunningTotal very_short0(bars, very_short, first, 0);
  RunningTotal near2(bars, near, first, 2);
  RunningTotal near1(bars, near, first, 1);
  RunningTotal far2(bars, far, first, 2);
  RunningTotal far1(bars, far, first, 1);
  RunningTotal body_short(bars, settings[CandleSettingType::kBodyShort], first, 0);
  for (std::size_t i = first; i < n; ++i) {
    if (CandleColor(bars, i - 2) == 1 && UpperShadow(bars, i - 2) < very_short2.Average(i) &&
        CandleColor(bars, i - 1) == 1 && UpperShadow(bars, i - 1) < very_short1.Average(i) &&
        CandleColor(bars, i) == 1 && UpperShadow(bars, i) < very_short0.Average(i) &&
        close[i] > close[i - 1] && close[i - 1] > close[i - 2] &&
        open[i - 1] > open[i - 2] && open[i - 1] <= close[i - 2] + near2.Average(i) &&
        open[i] > open[i - 1] && open[i] <= close[i - 1] + near1.Average(i) &&
        RealBody(bars, i - 1) > RealBody(bars, i - 2) - far2.Average(i) &&
        RealBody(bars, i) > RealBody(bars, i - 1) - far1.Average(i) &&
        RealBody(bars, i) > body_short.Average(i)) {
      out[i] = 100;
    }
    very_short2.Advance(i);
    very_short1.Advance(i);
    very_short0.Advance(i);
    near2.Advance(i);
    near1.Advance(i);
    far2.Advance(i);
    far1.Advance(i);
    body_short.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
