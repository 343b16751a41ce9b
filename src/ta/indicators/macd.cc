// MACD with TA-Lib's alignment: both EMAs begin at bar slow-1.
#include <algorithm>
#include <utility>

#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;

namespace internal {

void MacdKernel(std::span<const double> real, int fast, int slow, int signal, double* macd_out,
                double* signal_out, double* hist_out, int ema_period, double* ema_out) {
  if (slow < fast) std::swap(slow, fast);
  const std::size_t n = real.size();
  const std::size_t slow_lb = static_cast<std::size_t>(slow - 1);
  const std::size_t lookback = slow_lb + static_cast<std::size_t>(signal - 1);
  if (n <= lookback) {
    if (ema_out != nullptr) EmaKernel(real, ema_period, internal::EmaK(ema_period), ema_out);
    return;
  }
  // TA-Lib asks both EMAs for output from bar slow-1 on; the fast one (lookback fast-1) then
  // seeds on the `fast` values ending at bar slow-1. The signal EMA seeds on the first
  // `signal` MACD values. One pass runs the three recursions side by side with TA-Lib's
  // operations in TA-Lib's order.
  const std::size_t fast_from = slow_lb - static_cast<std::size_t>(fast - 1);
  const double k_slow = internal::EmaK(slow), k_fast = internal::EmaK(fast), k_signal = internal::EmaK(signal);
  double slow_ema = 0.0;
  for (std::size_t i = 0; i <= slow_lb; ++i) slow_ema += real[i];
  slow_ema = slow_ema / slow;
  double fast_ema = 0.0;
  for (std::size_t i = fast_from; i <= slow_lb; ++i) fast_ema += real[i];
  fast_ema = fast_ema / fast;
  double line = fast_ema - slow_ema;
  double sig = line;  // running sum of the first `signal` MACD values, then the signal EMA
  for (std::size_t i = slow_lb + 1; i < lookback; ++i) {
    slow_ema = ((real[i] - slow_ema) * k_slow) + slow_ema;
    fast_ema = ((real[i] - fast_ema) * k_fast) + fast_ema;
    line = fast_ema - slow_ema;
    sig += line;
  }
  if (lookback > slow_lb) {
    const std::size_t i = lookback;
    slow_ema = ((real[i] - slow_ema) * k_slow) + slow_ema;
    fast_ema = ((real[i] - fast_ema) * k_fast) + fast_ema;
    line = fast_ema - slow_ema;
    sig += line;
  }
  sig = sig / signal;
  macd_out[lookback] = line;
  signal_out[lookback] = sig;
  hist_out[lookback] = line - sig;
  // The three recursions from bar lookback + 1 on; with kEma, the extra EMA as a fourth chain
  // (its latency hides behind the other three).
  auto run = [&]<bool kEma>(double ema, double k_ema) {
    for (std::size_t i = lookback + 1; i < n; ++i) {
      slow_ema = ((real[i] - slow_ema) * k_slow) + slow_ema;
      fast_ema = ((real[i] - fast_ema) * k_fast) + fast_ema;
      if constexpr (kEma) ema = ((real[i] - ema) * k_ema) + ema;
      line = fast_ema - slow_ema;
      sig = ((line - sig) * k_signal) + sig;
      macd_out[i] = line;
      signal_out[i] = sig;
      hist_out[i] = line - sig;
      if constexpr (kEma) ema_out[i] = ema;
    }
  };
  if (ema_out != nullptr) {
    // The extra EMA runs alone up to bar `lookback`, then inside the loop.
    const std::size_t ema_lb = static_cast<std::size_t>(ema_period - 1);
    const double k_ema = internal::EmaK(ema_period);
    if (ema_lb > lookback) {
      EmaKernel(real, ema_period, k_ema, ema_out);
    } else {
      EmaKernel(real.first(lookback + 1), ema_period, k_ema, ema_out);
      run.template operator()<true>(ema_out[lookback], k_ema);
      return;
    }
  }
  run.template operator()<false>(0.0, 0.0);
}

}  // namespace internal

Result<MacdResult> MACD(std::span<const double> real, int fast, int slow, int signal) {
  QAT_RETURN_IF_ERROR(CheckPeriod("MACD", "fast", fast, 2));
  QAT_RETURN_IF_ERROR(CheckPeriod("MACD", "slow", slow, 2));
  QAT_RETURN_IF_ERROR(CheckPeriod("MACD", "signal", signal, 2));
  const std::size_t n = real.size();
  MacdResult r{NanSeries(n), NanSeries(n), NanSeries(n)};
  internal::MacdKernel(real, fast, slow, signal, r.macd.data(), r.signal.data(), r.hist.data());
  return r;
}
int MACDLookback(int fast, int slow, int signal) {
  if (!CheckPeriod("MACD", "fast", fast, 2).ok() || !CheckPeriod("MACD", "slow", slow, 2).ok() ||
      !CheckPeriod("MACD", "signal", signal, 2).ok()) {
    return -1;
  }
  return std::max(fast, slow) - 1 + signal - 1;
}

}  // namespace qat::ta
