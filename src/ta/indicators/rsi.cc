// RSI with Wilder smoothing, seeded with the plain averages of the first `period` changes.
#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;

namespace internal {

void RsiKernel(std::span<const double> in, int period, double* out) {
  const std::size_t n = in.size();
  const std::size_t lookback = static_cast<std::size_t>(period);
  if (n <= lookback) return;
  const double p = period;
  const double p1 = period - 1;
  double prev_gain = 0.0, prev_loss = 0.0;
  double prev_value = in[0];
  for (std::size_t i = 1; i <= lookback; ++i) {
    const double change = in[i] - prev_value;
    prev_value = in[i];
    if (change < 0) {
      prev_loss -= change;
    } else {
      prev_gain += change;
    }
  }
  prev_loss /= p;
  prev_gain /= p;
  auto value = [](double gain, double loss) {
    const double sum = gain + loss;
    return !IsZero(sum) ? 100.0 * (gain / sum) : 0.0;
  };
  out[lookback] = value(prev_gain, prev_loss);
  for (std::size_t i = lookback + 1; i < n; ++i) {
    const double change = in[i] - prev_value;
    prev_value = in[i];
    prev_loss *= p1;
    prev_gain *= p1;
    if (change < 0) {
      prev_loss -= change;
    } else {
      prev_gain += change;
    }
    prev_loss /= p;
    prev_gain /= p;
    out[i] = value(prev_gain, prev_loss);
  }
}

}  // namespace internal

Result<Series> RSI(std::span<const double> real, int period) {
  QAT_RETURN_IF_ERROR(CheckPeriod("RSI", "period", period, 2));
  Series out = internal::NanSeries(real.size());
  internal::RsiKernel(real, period, out.data());
  return out;
}
int RSILookback(int period) { return CheckPeriod("RSI", "period", period, 2).ok() ? period : -1; }

}  // namespace qat::ta
