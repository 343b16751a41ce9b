// MACD with TA-Lib's alignment: both EMAs begin at bar slow-1.
#include <algorithm>
#include <utility>

#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;

Result<MacdResult> MACD(std::span<const double> real, int fast, int slow, int signal) {
  QAT_RETURN_IF_ERROR(CheckPeriod("MACD", "fast", fast, 2));
  QAT_RETURN_IF_ERROR(CheckPeriod("MACD", "slow", slow, 2));
  QAT_RETURN_IF_ERROR(CheckPeriod("MACD", "signal", signal, 2));
  if (slow < fast) std::swap(slow, fast);
  const std::size_t n = real.size();
  MacdResult r{NanSeries(n), NanSeries(n), NanSeries(n)};
  const std::size_t slow_lb = static_cast<std::size_t>(slow - 1);
  const std::size_t lookback = slow_lb + static_cast<std::size_t>(signal - 1);
  if (n <= lookback) return r;
  // TA-Lib asks both EMAs for output from bar slow-1 on; the fast one (lookback fast-1) then
  // seeds on the `fast` values ending at bar slow-1.
  std::vector<double> slow_ema(n), line(n);
  internal::EmaKernel(real, slow, internal::EmaK(slow), slow_ema.data());
  const std::size_t fast_from = slow_lb - static_cast<std::size_t>(fast - 1);
  internal::EmaKernel(real.subspan(fast_from), fast, internal::EmaK(fast), line.data() + fast_from);
  for (std::size_t i = slow_lb; i < n; ++i) line[i] = line[i] - slow_ema[i];
  internal::EmaKernel(std::span<const double>(line).subspan(slow_lb), signal, internal::EmaK(signal),
                      r.signal.data() + slow_lb);
  for (std::size_t i = lookback; i < n; ++i) {
    r.macd[i] = line[i];
    r.hist[i] = line[i] - r.signal[i];
  }
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
