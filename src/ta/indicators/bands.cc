// BBANDS and STDDEV (population variance from running sums, as TA_INT_VAR).
#include <cmath>

#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::kEpsilon;
using internal::NanSeries;

namespace {

// TA_INT_VAR over `in` (startIdx 0): out[i] = E[x^2] - E[x]^2 for i >= period-1.
void VarKernel(std::span<const double> in, int period, double* out) {
  const std::size_t n = in.size();
  const std::size_t lookback = static_cast<std::size_t>(period - 1);
  if (n <= lookback) return;
  double total1 = 0.0, total2 = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) {
    const double v = in[i];
    total1 += v;
    total2 += v * v;
  }
  std::size_t trailing = 0;
  for (std::size_t i = lookback; i < n; ++i) {
    double v = in[i];
    total1 += v;
    total2 += v * v;
    const double mean1 = total1 / period;
    const double mean2 = total2 / period;
    v = in[trailing++];
    total1 -= v;
    total2 -= v * v;
    out[i] = mean2 - mean1 * mean1;
  }
}

// TA_INT_stddev_using_precalc_ma: the deviation around an SMA that is already computed
// (ma[i] defined for i >= period-1).
void StddevAroundSma(std::span<const double> in, const double* ma, int period, double* out) {
  const std::size_t n = in.size();
  const std::size_t lookback = static_cast<std::size_t>(period - 1);
  if (n <= lookback) return;
  double total2 = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) total2 += in[i] * in[i];
  std::size_t start = 0;
  for (std::size_t i = lookback; i < n; ++i, ++start) {
    total2 += in[i] * in[i];
    double mean2 = total2 / period;
    total2 -= in[start] * in[start];
    mean2 -= ma[i] * ma[i];
    out[i] = !(mean2 < kEpsilon) ? std::sqrt(mean2) : 0.0;
  }
}

}  // namespace

Result<Series> STDDEV(std::span<const double> real, int period, double nbdev) {
  QAT_RETURN_IF_ERROR(CheckPeriod("STDDEV", "period", period, 2));
  QAT_RETURN_IF_ERROR(internal::CheckReal("STDDEV", "nbdev", nbdev));
  Series out = NanSeries(real.size());
  VarKernel(real, period, out.data());
  for (std::size_t i = static_cast<std::size_t>(period - 1); i < out.size(); ++i) {
    const double v = out[i];
    if (nbdev != 1.0) {
      out[i] = !(v < kEpsilon) ? std::sqrt(v) * nbdev : 0.0;
    } else {
      out[i] = !(v < kEpsilon) ? std::sqrt(v) : 0.0;
    }
  }
  return out;
}
int STDDEVLookback(int period) {
  return CheckPeriod("STDDEV", "period", period, 2).ok() ? period - 1 : -1;
}


namespace internal {

void BbandsKernel(std::span<const double> real, int period, double nbdev_up, double nbdev_dn,
                  MaType type, double* upper, double* middle, double* lower) {
  const std::size_t n = real.size();
  const std::size_t lookback = static_cast<std::size_t>(internal::MaLookbackUnchecked(period, type));
  if (n <= lookback) return;
  internal::MaKernel(real, period, type, middle);
  // The deviation goes into `upper` first, then the bands are formed in place.
  double* dev = upper;
  if (type == MaType::kSma) {
    StddevAroundSma(real, middle, period, dev);
  } else {
    // TA_STDDEV(startIdx = MA's begin) with nbdev 1: a variance whose running sums start
    // period-1 bars before the MA's first output.
    const std::size_t from = lookback - static_cast<std::size_t>(period - 1);
    VarKernel(real.subspan(from), period, dev + from);
    for (std::size_t i = lookback; i < n; ++i) dev[i] = !(dev[i] < kEpsilon) ? std::sqrt(dev[i]) : 0.0;
  }
  for (std::size_t i = lookback; i < n; ++i) {
    const double mid = middle[i];
    const double d = dev[i];
    if (nbdev_up == nbdev_dn) {
      const double t = nbdev_up == 1.0 ? d : d * nbdev_up;
      upper[i] = mid + t;
      lower[i] = mid - t;
    } else if (nbdev_up == 1.0) {
      upper[i] = mid + d;
      lower[i] = mid - (d * nbdev_dn);
    } else if (nbdev_dn == 1.0) {
      lower[i] = mid - d;
      upper[i] = mid + (d * nbdev_up);
    } else {
      upper[i] = mid + (d * nbdev_up);
      lower[i] = mid - (d * nbdev_dn);
    }
  }
}

}  // namespace internal

Result<BbandsResult> BBANDS(std::span<const double> real, int period, double nbdev_up,
                            double nbdev_dn, MaType type) {
  QAT_RETURN_IF_ERROR(CheckPeriod("BBANDS", "period", period, 2));
  QAT_RETURN_IF_ERROR(internal::CheckReal("BBANDS", "nbdev_up", nbdev_up));
  QAT_RETURN_IF_ERROR(internal::CheckReal("BBANDS", "nbdev_dn", nbdev_dn));
  QAT_RETURN_IF_ERROR(internal::CheckMaType("BBANDS", "ma_type", type));
  const std::size_t n = real.size();
  BbandsResult r{NanSeries(n), NanSeries(n), NanSeries(n)};
  internal::BbandsKernel(real, period, nbdev_up, nbdev_dn, type, r.upper.data(), r.middle.data(),
                         r.lower.data());
  return r;
}
int BBANDSLookback(int period, MaType type) {
  if (!CheckPeriod("BBANDS", "period", period, 2).ok() ||
      !internal::CheckMaType("BBANDS", "ma_type", type).ok()) {
    return -1;
  }
  return internal::MaLookbackUnchecked(period, type);
}

}  // namespace qat::ta
