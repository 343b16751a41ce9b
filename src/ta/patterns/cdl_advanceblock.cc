// CDLADVANCEBLOCK - Advance Block (bearish, three candles).
//
// Rules, with candles numbered 1..3 ending at the bar that gets the value:
//   - three white candles with rising closes; candle 2 opens above candle 1's open and at
//     most Near-average above candle 1's close, candle 3 likewise against candle 2;
//   - candle 1 has a long body (> BodyLong average of the period candles before it) and a
//     short upper shadow (< ShadowShort average before it);
//   - and the advance weakens in at least one of these ways:
//     a. body(2) < body(1) - Far average (before candle 1) and
//        body(3) < body(2) + Near average (before candle 2);
//     b. body(3) < body(2) - Far average (before candle 2);
//     c. body(3) < body(2) < body(1) and candle 3 or candle 2 has an upper shadow that is
//        not short (> ShadowShort average before that candle);
//     d. body(3) < body(2) and candle 3's upper shadow is long (> ShadowLong average; with
//        the default period 0 that is candle 3's own body times the factor).
// Every average is over the period candles before the candle named. Settings used:
// BodyLong, ShadowShort, ShadowLong, Near, Far. Returns -100 when it holds (always bearish;
// the uptrend is not examined), else 0.
#include <algorithm>

#include "ta/patterns/group1.h"

namespace qat::ta {

int CDLADVANCEBLOCKLookback(const CandleSettings& settings) {
  using group1_detail::Period;
  return std::max(std::max(std::max(Period(settings, CandleSettingType::kShadowLong),
                                    Period(settings, CandleSettingType::kShadowShort)),
                           std::max(Period(settings, CandleSettingType::kFar),
                                    Period(settings, CandleSettingType::kNear))),
                  Period(settings, CandleSettingType::kBodyLong)) +
         2;
}

std::vector<int> CDLADVANCEBLOCK(const OhlcView& bars, const CandleSettings& settings) {
  using patterns_detail::RunningTotal;
  const std::size_t n = group1_detail::CheckedSize(bars, settings);
  std::vector<int> out(n, 0);
  const auto first = static_cast<std::size_t>(CDLADVANCEBLOCKLookback(settings));
  if (n <= first) return out;
  const auto& open = bars.open;
  const auto& close = bars.close;
  const CandleSetting& shadow_short = settings[CandleSettingType::kShadowShort];
  const CandleSetting& shadow_long = settings[CandleSettingType::kShadowLong];
  const CandleSetting& near = settings[CandleSettingType::kNear];
  const CandleSetting& far = settings[CandleSettingType::kFar];
  RunningTotal shadow_short2(bars, shadow_short, first, 2);
  RunningTotal shadow_short1(bars, shadow_short, first, 1);
  RunningTotal shadow_short0(bars, shadow_short, first, 0);
  RunningTotal shadow_long1(bars, shadow_long, first, 1);
  RunningTotal shadow_long0(bars, shadow_long, first, 0);
  RunningTotal near2(bars, near, first, 2);
  RunningTotal near1(bars, near, first, 1);
  RunningTotal far2(bars, far, first, 2);
  RunningTotal far1(bars, far, first, 1);
  RunningTotal body_long(bars, settings[CandleSettingType::kBodyLong], first, 2);
  for (std::size_t i = first; i < n; ++i) {
    const double body1 = RealBody(bars, i - 2);
    const double body2 = RealBody(bars, i - 1);
    const double body3 = RealBody(bars, i);
    if (CandleColor(bars, i - 2) == 1 && CandleColor(bars, i - 1) == 1 &&
        CandleColor(bars, i) == 1 &&
        close[i] > close[i - 1] && close[i - 1] > close[i - 2] &&
        open[i - 1] > open[i - 2] && open[i - 1] <= close[i - 2] + near2.Average(i) &&
        open[i] > open[i - 1] && open[i] <= close[i - 1] + near1.Average(i) &&
        body1 > body_long.Average(i) && UpperShadow(bars, i - 2) < shadow_short2.Average(i) &&
        ((body2 < body1 - far2.Average(i) && body3 < body2 + near1.Average(i)) ||
         (body3 < body2 - far1.Average(i)) ||
         (body3 < body2 && body2 < body1 &&
          (UpperShadow(bars, i) > shadow_short0.Average(i) ||
           UpperShadow(bars, i - 1) > shadow_short1.Average(i))) ||
         (body3 < body2 && UpperShadow(bars, i) > shadow_long0.Average(i)))) {
      out[i] = -100;
    }
    shadow_short2.Advance(i);
    shadow_short1.Advance(i);
    shadow_short0.Advance(i);
    shadow_long1.Advance(i);
    shadow_long0.Advance(i);
    near2.Advance(i);
    near1.Advance(i);
    far2.Advance(i);
    far1.Advance(i);
    body_long.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
