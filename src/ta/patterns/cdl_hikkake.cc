// CDLHIKKAKE: Hikkake pattern (three candles, plus an optional confirmation later).
//
// Rules, judging bar i:
//   1. Candle i-1 is an inside bar of candle i-2: a lower high and a higher low.
//   2. Candle i breaks out of the inside bar:
//      - bullish setup (a false breakdown): lower high and lower low than candle i-1;
//      - bearish setup (a false breakout): higher high and higher low than candle i-1.
//   A setup fires at bar i with +100 (bullish) or -100 (bearish) and is remembered.
//   3. Confirmation: on any of the three bars after a setup, a close above the high of the
//      setup's inside bar (bullish) or below its low (bearish) fires +200 or -200 on that bar;
//      a setup is confirmed at most once. A new setup on a bar takes precedence over a
//      confirmation on that bar and replaces the remembered one.
// No candle settings are used; only highs, lows and closes.
// Returns +100/-100 for a setup, +200/-200 for a confirmation, else 0. Lookback: 5 (the three
// bars before the first output are scanned for setups so that confirmations near the start
// are found, as TA-Lib does).
#include "ta/patterns/group2.h"

namespace qat::ta {

int CDLHIKKAKELookback(const CandleSettings&) { return 5; }

// A scalar loop: a setup is carried to the next three bars. The per-bar tests are computed
// without branches (& and |, selects), so the loop has no data-dependent jump to mispredict.
QAT_VECTOR_KERNEL void CDLHIKKAKEKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLHIKKAKELookback(f.settings()));
  if (n <= first) return;
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  int* o = out.data();
  // The last unconfirmed setup: its value (+100/-100), the last bar that may confirm it, and
  // the high and low of its inside bar.
  bool pending = false;
  int result = 0;
  std::size_t until = 0;
  double ref_high = 0.0, ref_low = 0.0;
  const auto step = [&](std::size_t i) {
    const bool inside = (high[i - 1] < high[i - 2]) & (low[i - 1] > low[i - 2]);
    const bool lower = (high[i] < high[i - 1]) & (low[i] < low[i - 1]);
    const bool higher = (high[i] > high[i - 1]) & (low[i] > low[i - 1]);
    const bool setup = inside & (lower | higher);
    const int setup_result = high[i] < high[i - 1] ? 100 : -100;
    const bool confirm = !setup & pending & (i <= until) &
                         (((result > 0) & (close[i] > ref_high)) | ((result < 0) & (close[i] < ref_low)));
    const int value = setup ? setup_result : (confirm ? result + (result > 0 ? 100 : -100) : 0);
    pending = setup | (pending & !confirm);
    result = setup ? setup_result : result;
    until = setup ? i + 3 : until;
    ref_high = setup ? high[i - 1] : ref_high;
    ref_low = setup ? low[i - 1] : ref_low;
    return value;
  };
  // The three bars before the first output are scanned for setups only.
  for (std::size_t i = first - 3; i < first; ++i) step(i);
  for (std::size_t i = first; i < n; ++i) o[i] = step(i);
}

std::vector<int> CDLHIKKAKE(const OhlcView& b, const CandleSettings& s) {
  group2_detail::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHIKKAKEKernel);
}

}  // namespace qat::ta
