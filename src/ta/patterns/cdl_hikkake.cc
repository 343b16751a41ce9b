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
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {

int CDLHIKKAKELookback(const CandleSettings&) { return 5; }

namespace {

// The setup at bar i (rules 1 and 2): +100, -100 or 0, without branches.
[[gnu::always_inline]] inline int Setup(const double* high, const double* low, std::size_t i) {
  const bool inside = (high[i - 1] < high[i - 2]) & (low[i - 1] > low[i - 2]);
  const bool lower = (high[i] < high[i - 1]) & (low[i] < low[i - 1]);
  const bool higher = (high[i] > high[i - 1]) & (low[i] > low[i - 1]);
  const int direction = high[i] < high[i - 1] ? 100 : -100;
  return (inside & (lower | higher)) ? direction : 0;
}

}  // namespace

// Two passes: the setups of every bar (a vectorized loop), then a scalar pass that follows
// each setup over the next three bars for its confirmation (rule 3, state carried from bar to
// bar; setups are rare, so that pass is mostly a scan over zeros).
QAT_VECTOR_KERNEL void CDLHIKKAKEKernel(patterns_detail::CandleFrame& f, std::span<int> out) {
  const std::size_t n = f.size();
  const auto first = static_cast<std::size_t>(CDLHIKKAKELookback(f.settings()));
  if (n <= first) return;
  const double* high = f.high();
  const double* low = f.low();
  const double* close = f.close();
  int* o = out.data();
  for (std::size_t i = first; i < n; ++i) o[i] = Setup(high, low, i);
  // The setup at bar k (computed for the three bars before `first`, which are not written).
  const auto setup_at = [&](std::size_t k) { return k < first ? Setup(high, low, k) : o[k]; };
  kernels::ConfirmHikkake(o, first, n, high, low, close, setup_at);
}

std::vector<int> CDLHIKKAKE(const OhlcView& b, const CandleSettings& s) {
  kernels::CheckedSize(b);
  return patterns_detail::RunPattern(b, s, CDLHIKKAKEKernel);
}

}  // namespace qat::ta
