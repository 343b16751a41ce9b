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
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLRISEFALL3METHODSLookback(const CandleSettings& settings) {
  return std::max(kernels::Period(settings, CandleSettingType::kBodyShort),
                  kernels::Period(settings, CandleSettingType::kBodyLong)) +
         4;
}

QAT_VECTOR_KERNEL void CDLRISEFALL3METHODSKernel(patterns_detail::CandleFrame& f,
                                                 std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLRISEFALL3METHODSLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  const double* body = f.body();
  const double* long1 = f.Average(CandleSettingType::kBodyLong, first, 4);
  const double* short2 = f.Average(CandleSettingType::kBodyShort, first, 3);
  const double* short3 = f.Average(CandleSettingType::kBodyShort, first, 2);
  const double* short4 = f.Average(CandleSettingType::kBodyShort, first, 1);
  const double* long5 = f.Average(CandleSettingType::kBodyLong, first, 0);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const std::size_t c1 = i - 4, c2 = i - 3, c3 = i - 2, c4 = i - 1;
    const bool white1 = close[c1] >= open[c1];
    const bool white2 = close[c2] >= open[c2];
    const bool white3 = close[c3] >= open[c3];
    const bool white4 = close[c4] >= open[c4];
    const bool white5 = close[i] >= open[i];
    const double s = white1 ? 1.0 : -1.0;  // CandleColor(c1) as a double
    // Part of candle c's real body lies within candle 1's high-low range (TA-Lib's min/max
    // macros as ternaries).
    const double bottom2 = open[c2] < close[c2] ? open[c2] : close[c2];
    const double top2 = open[c2] > close[c2] ? open[c2] : close[c2];
    const double bottom3 = open[c3] < close[c3] ? open[c3] : close[c3];
    const double top3 = open[c3] > close[c3] ? open[c3] : close[c3];
    const double bottom4 = open[c4] < close[c4] ? open[c4] : close[c4];
    const double top4 = open[c4] > close[c4] ? open[c4] : close[c4];
    // Branch-free (& not &&): every operand is a plain comparison, so the result is the same.
    // The colour equalities of the old form (color1 == -color2, color2 == color3, ...) are
    // comparisons of the white flags, since the colour is a function of that flag.
    const bool hit = (body[c1] > long1[c1]) & (body[c2] < short2[c2]) &
                     (body[c3] < short3[c3]) & (body[c4] < short4[c4]) &
                     (body[i] > long5[i]) & (white1 != white2) & (white2 == white3) &
                     (white3 == white4) & (white4 != white5) &
                     (bottom2 < high[c1]) & (top2 > low[c1]) &
                     (bottom3 < high[c1]) & (top3 > low[c1]) &
                     (bottom4 < high[c1]) & (top4 > low[c1]) &
                     (close[c3] * s < close[c2] * s) & (close[c4] * s < close[c3] * s) &
                     (open[i] * s > close[c4] * s) & (close[i] * s > close[c1] * s);
    o[i] = hit ? (white1 ? 100 : -100) : 0;
  }
}

std::vector<int> CDLRISEFALL3METHODS(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLRISEFALL3METHODSKernel);
}

}  // namespace qat::ta
