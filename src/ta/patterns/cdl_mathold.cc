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
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLMATHOLDLookback(const CandleSettings& settings) {
  return std::max(group3::Period(settings, CandleSettingType::kBodyShort),
                  group3::Period(settings, CandleSettingType::kBodyLong)) +
         4;
}

std::vector<int> CDLMATHOLD(const OhlcView& bars, const CandleSettings& settings,
                            double penetration) {
  assert(group3::ValidPenetration(penetration));
  using group3::TaMax;
  using group3::TaMin;
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLMATHOLDLookback(settings));
  if (start >= n) return out;
  const CandleSetting& body_short = settings[CandleSettingType::kBodyShort];
  const CandleSetting& body_long = settings[CandleSettingType::kBodyLong];
  patterns_detail::RunningTotal long1(bars, body_long, start, 4);
  patterns_detail::RunningTotal short2(bars, body_short, start, 3);
  patterns_detail::RunningTotal short3(bars, body_short, start, 2);
  patterns_detail::RunningTotal short4(bars, body_short, start, 1);
  const auto& open = bars.open;
  const auto& high = bars.high;
  const auto& close = bars.close;
  for (std::size_t i = start; i < n; ++i) {
    const std::size_t c1 = i - 4, c2 = i - 3, c3 = i - 2, c4 = i - 1;
    const double floor1 = close[c1] - RealBody(bars, c1) * penetration;
    if (RealBody(bars, c1) > long1.Average(i) && RealBody(bars, c2) < short2.Average(i) &&
        RealBody(bars, c3) < short3.Average(i) && RealBody(bars, c4) < short4.Average(i) &&
        CandleColor(bars, c1) == 1 && CandleColor(bars, c2) == -1 &&
        CandleColor(bars, i) == 1 && RealBodyGapUp(bars, c2, c1) &&
        TaMin(open[c3], close[c3]) < close[c1] && TaMin(open[c4], close[c4]) < close[c1] &&
        TaMin(open[c3], close[c3]) > floor1 && TaMin(open[c4], close[c4]) > floor1 &&
        TaMax(close[c3], open[c3]) < open[c2] &&
        TaMax(close[c4], open[c4]) < TaMax(close[c3], open[c3]) && open[i] > close[c4] &&
        close[i] > TaMax(TaMax(high[c2], high[c3]), high[c4])) {
      out[i] = 100;
    }
    long1.Advance(i);
    short2.Advance(i);
    short3.Advance(i);
    short4.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
