// BBANDS and STDDEV (population variance from running sums, as TA_INT_VAR).
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ta/indicators/common.h"
#include "ta/indicators/simd.h"

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

namespace {

// BBANDS with the SMA (TA-Lib's common case) in two passes. The running sums are a serial
// chain; the divisions and square roots of each bar are not, so the first pass only keeps the
// sums (the window sum in `middle`, the sum of squares in `lower`, both before the trailing
// value leaves: TA-Lib's order) and the second does the rest four bars per vector. Same
// operations on the same values as SmaKernel + StddevAroundSma, so the same bits.
QAT_VECTOR_KERNEL
void BbandsSma(std::span<const double> in, int period, double nbdev_up, double nbdev_dn,
               double* upper, double* middle, double* lower) {
  const std::size_t n = in.size();
  const std::size_t lookback = static_cast<std::size_t>(period - 1);
  if (n <= lookback) return;
  double total = 0.0, total2 = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) {
    total += in[i];
    total2 += in[i] * in[i];
  }
  for (std::size_t i = lookback, start = 0; i < n; ++i, ++start) {
    total += in[i];
    total2 += in[i] * in[i];
    middle[i] = total;
    lower[i] = total2;
    total -= in[start];
    total2 -= in[start] * in[start];
  }
  const double divisor = period;
  const bool same = nbdev_up == nbdev_dn;
  const bool up_one = nbdev_up == 1.0, dn_one = nbdev_dn == 1.0;
  // BbandsKernel's cases: the multiplication is skipped where TA-Lib skips it.
  const V4d vdiv = Splat4(divisor), veps = Splat4(kEpsilon), zero = {};
  const V4d vup = Splat4(nbdev_up), vdn = Splat4(nbdev_dn);
  std::size_t i = lookback;
  for (; i + 4 <= n; i += 4) {
    const V4d mid = Load4(middle + i) / vdiv;
    V4d mean2 = Load4(lower + i) / vdiv;
    mean2 -= mid * mid;
#if defined(__SSE2__)
    // Correctly rounded like std::sqrt, without its errno path for negative lanes (those are
    // replaced by 0 below): two 2-lane roots instead of four scalar ones.
    double lanes[4];
    Store4(lanes, mean2);
    _mm_storeu_pd(lanes, _mm_sqrt_pd(_mm_loadu_pd(lanes)));
    _mm_storeu_pd(lanes + 2, _mm_sqrt_pd(_mm_loadu_pd(lanes + 2)));
    const V4d root = Load4(lanes);
#else
    const V4d root = {std::sqrt(mean2[0]), std::sqrt(mean2[1]), std::sqrt(mean2[2]), std::sqrt(mean2[3])};
#endif
    const V4d d = mean2 < veps ? zero : root;
    const V4d up = up_one ? d : d * vup;
    const V4d dn = same ? up : (dn_one ? d : d * vdn);
    Store4(middle + i, mid);
    Store4(upper + i, mid + up);
    Store4(lower + i, mid - dn);
  }
  for (; i < n; ++i) {
    const double mid = middle[i] / divisor;
    double mean2 = lower[i] / divisor;
    mean2 -= mid * mid;
    const double d = !(mean2 < kEpsilon) ? std::sqrt(mean2) : 0.0;
    const double up = up_one ? d : d * nbdev_up;
    const double dn = same ? up : (dn_one ? d : d * nbdev_dn);
    middle[i] = mid;
    upper[i] = mid + up;
    lower[i] = mid - dn;
  }
}

}  // namespace

void BbandsKernel(std::span<const double> real, int period, double nbdev_up, double nbdev_dn,
                  MaType type, double* upper, double* middle, double* lower) {
  const std::size_t n = real.size();
  const std::size_t lookback = static_cast<std::size_t>(internal::MaLookbackUnchecked(period, type));
  if (n <= lookback) return;
  if (type == MaType::kSma) {
    BbandsSma(real, period, nbdev_up, nbdev_dn, upper, middle, lower);
    return;
  }
  internal::MaKernel(real, period, type, middle);
  // The deviation goes into `upper` first, then the bands are formed in place.
  double* dev = upper;
  // TA_STDDEV(startIdx = MA's begin) with nbdev 1: a variance whose running sums start
  // period-1 bars before the MA's first output.
  const std::size_t from = lookback - static_cast<std::size_t>(period - 1);
  VarKernel(real.subspan(from), period, dev + from);
  for (std::size_t i = lookback; i < n; ++i) dev[i] = !(dev[i] < kEpsilon) ? std::sqrt(dev[i]) : 0.0;
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
