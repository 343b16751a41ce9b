// CDLSTICKSANDWICH: Stick Sandwich (bullish, three candles).
//
// Rules, candles 1..3 (3 = current bar): 1 black, 2 white, 3 black; 2 trades entirely
// above 1's close (low2 > close1); 3 closes at 1's close, within +/- the Equal average
// measured on 1 (default 0.05 x the mean high-low range of the 5 candles before it).
// Returns +100 on candle 3; there is no bearish form.
// Lookback: Equal period + 2.
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLSTICKSANDWICHLookback(const CandleSettings& settings) {
  return kernels::Period(settings, CandleSettingType::kEqual) + 2;
}

QAT_VECTOR_KERNEL void CDLSTICKSANDWICHKernel(patterns_detail::CandleFrame& f,
                                              std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLSTICKSANDWICHLookback(f.settings()));
  if (n <= first) return;
  const double* open = f.open();
  const double* low = f.low();
  const double* close = f.close();
  const double* equal = f.Average(CandleSettingType::kEqual, first, 2);
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) {
    const double eq = equal[i - 2];
    const bool hit = !(close[i - 2] >= open[i - 2]) & (close[i - 1] >= open[i - 1]) &
                     !(close[i] >= open[i]) & (low[i - 1] > close[i - 2]) &
                     (close[i] <= close[i - 2] + eq) & (close[i] >= close[i - 2] - eq);
    o[i] = hit ? 100 : 0;
  }
}

std::vector<int> CDLSTICKSANDWICH(const OhlcView& bars, const CandleSettings& settings) {
  kernels::CheckedSize(bars);
  return patterns_detail::RunPattern(bars, settings, CDLSTICKSANDWICHKernel);
}

}  // namespace qat::ta
