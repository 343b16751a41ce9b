// ROC, MOM, PPO, ULTOSC and BOP.
#include <algorithm>
#include <cmath>
#include <utility>

#include "ta/indicators/common.h"
#include "ta/indicators/simd.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;

QAT_VECTOR_KERNEL
void internal::RocKernel(std::span<const double> real, int period, double* out) {
  const std::size_t n = real.size();
  const std::size_t p = static_cast<std::size_t>(period);
  std::size_t i = p;
  // Four bars per vector (the divisions are independent).
  using internal::V4d;
  const V4d zero = {}, one = internal::Splat4(1.0), hundred = internal::Splat4(100.0);
  for (; i + 4 <= n; i += 4) {
    const V4d prev = internal::Load4(real.data() + (i - p));
    const V4d value = ((internal::Load4(real.data() + i) / prev) - one) * hundred;
    internal::Store4(out + i, prev != zero ? value : zero);
  }
  for (; i < n; ++i) {
    const double prev = real[i - p];
    out[i] = prev != 0.0 ? ((real[i] / prev) - 1.0) * 100.0 : 0.0;
  }
}

Result<Series> ROC(std::span<const double> real, int period) {
  QAT_RETURN_IF_ERROR(CheckPeriod("ROC", "period", period, 1));
  Series out = NanSeries(real.size());
  internal::RocKernel(real, period, out.data());
  return out;
}
int ROCLookback(int period) { return CheckPeriod("ROC", "period", period, 1).ok() ? period : -1; }

Result<Series> MOM(std::span<const double> real, int period) {
  QAT_RETURN_IF_ERROR(CheckPeriod("MOM", "period", period, 1));
  Series out = NanSeries(real.size());
  const std::size_t p = static_cast<std::size_t>(period);
  for (std::size_t i = p; i < real.size(); ++i) out[i] = real[i] - real[i - p];
  return out;
}
int MOMLookback(int period) { return CheckPeriod("MOM", "period", period, 1).ok() ? period : -1; }

Result<Series> PPO(std::span<const double> real, int fast, int slow, MaType type) {
  QAT_RETURN_IF_ERROR(CheckPeriod("PPO", "fast", fast, 2));
  QAT_RETURN_IF_ERROR(CheckPeriod("PPO", "slow", slow, 2));
  QAT_RETURN_IF_ERROR(internal::CheckMaType("PPO", "ma_type", type));
  if (slow < fast) std::swap(slow, fast);
  const std::size_t n = real.size();
  Series out = NanSeries(n);
  const std::size_t lookback = static_cast<std::size_t>(internal::MaLookbackUnchecked(slow, type));
  if (n <= lookback) return out;
  // Both averages run over the whole series (unlike MACD's fast EMA).
  std::vector<double> fast_ma(n), slow_ma(n);
  internal::MaKernel(real, fast, type, fast_ma.data());
  internal::MaKernel(real, slow, type, slow_ma.data());
  for (std::size_t i = lookback; i < n; ++i) {
    const double s = slow_ma[i];
    out[i] = !internal::IsZero(s) ? ((fast_ma[i] - s) / s) * 100.0 : 0.0;
  }
  return out;
}
int PPOLookback(int fast, int slow, MaType type) {
  if (!CheckPeriod("PPO", "fast", fast, 2).ok() || !CheckPeriod("PPO", "slow", slow, 2).ok() ||
      !internal::CheckMaType("PPO", "ma_type", type).ok()) {
    return -1;
  }
  return internal::MaLookbackUnchecked(std::max(fast, slow), type);
}

Result<Series> ULTOSC(std::span<const double> high, std::span<const double> low,
                      std::span<const double> close, int period1, int period2, int period3) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("ULTOSC", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("ULTOSC", "period1", period1, 1));
  QAT_RETURN_IF_ERROR(CheckPeriod("ULTOSC", "period2", period2, 1));
  QAT_RETURN_IF_ERROR(CheckPeriod("ULTOSC", "period3", period3, 1));
  // TA-Lib sorts the periods: the weights 4, 2, 1 go to the shortest, middle, longest.
  int sorted[3] = {period1, period2, period3};
  std::sort(sorted, sorted + 3);
  const std::size_t p[3] = {static_cast<std::size_t>(sorted[0]), static_cast<std::size_t>(sorted[1]),
                            static_cast<std::size_t>(sorted[2])};
  const std::size_t n = close.size();
  Series out = NanSeries(n);
  const std::size_t lookback = p[2];
  if (n <= lookback) return out;
  // Buying pressure (close - true low) and true range of bar i >= 1.
  auto bar = [&](std::size_t i, double& bp, double& tr) {
    const double lt = low[i];
    const double ht = high[i];
    const double cy = close[i - 1];
    const double true_low = lt < cy ? lt : cy;
    bp = close[i] - true_low;
    tr = ht - lt;
    double t = std::fabs(cy - ht);
    if (t > tr) tr = t;
    t = std::fabs(cy - lt);
    if (t > tr) tr = t;
  };
  double a[3], b[3];
  for (int k = 0; k < 3; ++k) {
    a[k] = 0.0;
    b[k] = 0.0;
    for (std::size_t i = lookback - p[k] + 1; i < lookback; ++i) {
      double bp, tr;
      bar(i, bp, tr);
      a[k] += bp;
      b[k] += tr;
    }
  }
  for (std::size_t today = lookback; today < n; ++today) {
    double bp, tr;
    bar(today, bp, tr);
    for (int k = 0; k < 3; ++k) {
      a[k] += bp;
      b[k] += tr;
    }
    double output = 0.0;
    if (!internal::IsZero(b[0])) output += 4.0 * (a[0] / b[0]);
    if (!internal::IsZero(b[1])) output += 2.0 * (a[1] / b[1]);
    if (!internal::IsZero(b[2])) output += a[2] / b[2];
    for (int k = 0; k < 3; ++k) {
      bar(today - p[k] + 1, bp, tr);
      a[k] -= bp;
      b[k] -= tr;
    }
    out[today] = 100.0 * (output / 7.0);
  }
  return out;
}
int ULTOSCLookback(int period1, int period2, int period3) {
  if (!CheckPeriod("ULTOSC", "period1", period1, 1).ok() ||
      !CheckPeriod("ULTOSC", "period2", period2, 1).ok() ||
      !CheckPeriod("ULTOSC", "period3", period3, 1).ok()) {
    return -1;
  }
  return std::max({period1, period2, period3});
}

Result<Series> BOP(std::span<const double> open, std::span<const double> high,
                   std::span<const double> low, std::span<const double> close) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("BOP", {open, high, low, close}));
  Series out(close.size());
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double range = high[i] - low[i];
    out[i] = range < internal::kEpsilon ? 0.0 : (close[i] - open[i]) / range;
  }
  return out;
}
int BOPLookback() { return 0; }

}  // namespace qat::ta
