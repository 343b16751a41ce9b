// CDLRISEFALL3METHODS: Rising / Falling Three Methods (continuation, five candles).
//
// Rules, candles 1..5 (5 = current bar):
//  - 1 and 5 have long real bodies (> their BodyLong averages, by default the mean body of
//    the 10 candles before each); 2, 3 and 4 have short ones (< their BodyShort averages).
//  - colours: 1 has one colour, 2..4 all the opposite colour, 5 the colour of 1.
//  - each of 2, 3, 4 keeps part of its real body inside 1's high-low range (body bottom
//    below 1's high and body top above 1's low).
//  - with s = +1 when 1 is white and -1 when black: the closes of 2, 3, 4 move against 1
//    (s*close falls from 2 to 3 to 4), 5 opens beyond 4's close (s*open5 > s*close4) and
//    closes beyond 1's close (s*close5 > s*close1).
// Returns +100 (rising three methods, 1 white) or -100 (falling three methods, 1 black) on
// candle 5. Lookback: max(BodyShort, BodyLong periods) + 4.
#include "ta/patterns/group3.h"

namespace qat::ta {

int CDLRISEFALL3METHODSLookback(const CandleSettings& settings) {
  return std::max(group3::Period(settings, CandleSettingType::kBodyShort),
                  group3::Period(settings, CandleSettingType::kBodyLong)) +
         4;
}

std::vector<int> CDLRISEFALL3METHODS(const OhlcView& bars, const CandleSettings& settings) {
  using group3::TaMax;
  using group3::TaMin;
  const std::size_t n = group3::CheckedSize(bars);
  std::vector<int> out(n, 0);
  const auto start = static_cast<std::size_t>(CDLRISEFALL3METHODSLookback(settings));
  if (start >= n) return out;
  const CandleSetting& body_short = settings[CandleSettingType::kBodyShort];
  const CandleSetting& body_long = settings[CandleSettingType::kBodyLong];
  patterns_detail::RunningTotal long1(bars, body_long, start, 4);
  patterns_detail::RunningTotal short2(bars, body_short, start, 3);
  patterns_detail::RunningTotal short3(bars, body_short, start, 2);
  patterns_detail::RunningTotal short4(bars, body_short, start, 1);
  patterns_detail::RunningTotal long5(bars, body_long, start, 0);
  const auto& open = bars.open;
  const auto& high = bars.high;
  const auto& low = bars.low;
  const auto& close = bars.close;
  // Part of candle c's real body lies within candle `first`'s high-low range.
  auto holds_within = [&](std::size_t c, std::size_t first) {
    return TaMin(open[c], close[c]) < high[first] && TaMax(open[c], close[c]) > low[first];
  };
  for (std::size_t i = start; i < n; ++i) {
    const std::size_t c1 = i - 4, c2 = i - 3, c3 = i - 2, c4 = i - 1;
    const int color1 = CandleColor(bars, c1);
    const double s = color1;
    if (RealBody(bars, c1) > long1.Average(i) && RealBody(bars, c2) < short2.Average(i) &&
        RealBody(bars, c3) < short3.Average(i) && RealBody(bars, c4) < short4.Average(i) &&
        RealBody(bars, i) > long5.Average(i) && color1 == -CandleColor(bars, c2) &&
        CandleColor(bars, c2) == CandleColor(bars, c3) &&
        CandleColor(bars, c3) == CandleColor(bars, c4) &&
        CandleColor(bars, c4) == -CandleColor(bars, i) && holds_within(c2, c1) &&
        holds_within(c3, c1) && holds_within(c4, c1) && close[c3] * s < close[c2] * s &&
        close[c4] * s < close[c3] * s && open[i] * s > close[c4] * s &&
        close[i] * s > close[c1] * s) {
      out[i] = 100 * color1;
    }
    long1.Advance(i);
    short2.Advance(i);
    short3.Advance(i);
    short4.Advance(i);
    long5.Advance(i);
  }
  return out;
}

}  // namespace qat::ta
