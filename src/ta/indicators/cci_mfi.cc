// CCI and MFI, both on the typical price (high+low+close)/3.
#include <cmath>

#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;

Result<Series> CCI(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("CCI", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("CCI", "period", period, 2));
  const std::size_t n = close.size();
  Series out = NanSeries(n);
  const std::size_t p = static_cast<std::size_t>(period);
  if (n < p) return out;
  // TA-Lib keeps the last `period` typical prices in a circular buffer and sums it in slot
  // order (slot = bar index mod period), which fixes the rounding of the mean.
  std::vector<double> ring(p);
  for (std::size_t i = 0; i + 1 < p; ++i) ring[i] = (high[i] + low[i] + close[i]) / 3;
  const double dp = period;
  std::size_t slot = p - 1;
  for (std::size_t i = p - 1; i < n; ++i) {
    const double last = (high[i] + low[i] + close[i]) / 3;
    ring[slot] = last;
    double mean = 0.0;
    for (std::size_t j = 0; j < p; ++j) mean += ring[j];
    mean /= dp;
    double dev = 0.0;
    for (std::size_t j = 0; j < p; ++j) dev += std::fabs(ring[j] - mean);
    const double diff = last - mean;
    out[i] = (diff != 0.0 && dev != 0.0) ? diff / (0.015 * (dev / dp)) : 0.0;
    if (++slot == p) slot = 0;
  }
  return out;
}
int CCILookback(int period) { return CheckPeriod("CCI", "period", period, 2).ok() ? period - 1 : -1; }

Result<Series> MFI(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, std::span<const double> volume, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("MFI", {high, low, close, volume}));
  QAT_RETURN_IF_ERROR(CheckPeriod("MFI", "period", period, 2));
  const std::size_t n = close.size();
  Series out = NanSeries(n);
  const std::size_t p = static_cast<std::size_t>(period);
  if (n <= p) return out;
  std::vector<double> pos(p, 0.0), neg(p, 0.0);
  double pos_sum = 0.0, neg_sum = 0.0;
  double prev = (high[0] + low[0] + close[0]) / 3.0;
  std::size_t slot = 0;
  // Money flow of bar i into the ring slot (replacing what it held).
  auto add = [&](std::size_t i) {
    double tp = (high[i] + low[i] + close[i]) / 3.0;
    const double change = tp - prev;
    prev = tp;
    tp *= volume[i];
    if (change < 0) {
      neg[slot] = tp;
      neg_sum += tp;
      pos[slot] = 0.0;
    } else if (change > 0) {
      pos[slot] = tp;
      pos_sum += tp;
      neg[slot] = 0.0;
    } else {
      pos[slot] = 0.0;
      neg[slot] = 0.0;
    }
  };
  auto value = [&] {
    const double total = pos_sum + neg_sum;
    return total < 1.0 ? 0.0 : 100.0 * (pos_sum / total);
  };
  for (std::size_t i = 1; i <= p; ++i) {
    add(i);
    if (++slot == p) slot = 0;
  }
  out[p] = value();
  for (std::size_t i = p + 1; i < n; ++i) {
    pos_sum -= pos[slot];
    neg_sum -= neg[slot];
    add(i);
    out[i] = value();
    if (++slot == p) slot = 0;
  }
  return out;
}
int MFILookback(int period) { return CheckPeriod("MFI", "period", period, 2).ok() ? period : -1; }

}  // namespace qat::ta
