// STOCH, STOCHF, STOCHRSI and WILLR: where the close sits in the recent high-low range.
//   raw %K = 100 * (close - lowest low) / (highest high - lowest low), 0 when the range is 0
//   WILLR  = -100 * (highest high - close) / (highest high - lowest low), 0 when the range is 0
// (TA-Lib divides by range/100 and range/-100; we do the same so the rounding agrees).
#include <algorithm>

#include "ta/indicators/common.h"
#include "ta/indicators/simd.h"

namespace qat::ta {

using internal::CheckMaType;
using internal::CheckPeriod;
using internal::MaLookbackUnchecked;
using internal::NanSeries;

namespace {

// STOCHF over (high, low, close) into aligned fastk/fastd; both defined from
// (fastk_period-1) + MA lookback on.
void StochFKernel(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, int fastk_period, int fastd_period,
                  MaType fastd_type, Series& fastk, Series& fastd) {
  const std::size_t n = close.size();
  const std::size_t k_lb = static_cast<std::size_t>(fastk_period - 1);
  const std::size_t lookback = k_lb + static_cast<std::size_t>(MaLookbackUnchecked(fastd_period, fastd_type));
  if (n <= lookback) return;
  double* raw = internal::Scratch(internal::kScratchStochRaw, n);
  internal::RawStochKKernel(high, low, close, fastk_period, raw);
  internal::MaKernel(std::span<const double>(raw, n).subspan(k_lb), fastd_period, fastd_type,
                     fastd.data() + k_lb);
  for (std::size_t i = k_lb; i < lookback; ++i) fastd[i] = internal::kNaN;
  for (std::size_t i = lookback; i < n; ++i) fastk[i] = raw[i];
}

}  // namespace

Result<StochResult> STOCH(std::span<const double> high, std::span<const double> low,
                          std::span<const double> close, int fastk_period, int slowk_period,
                          MaType slowk_type, int slowd_period, MaType slowd_type) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("STOCH", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("STOCH", "fastk_period", fastk_period, 1));
  QAT_RETURN_IF_ERROR(CheckPeriod("STOCH", "slowk_period", slowk_period, 1));
  QAT_RETURN_IF_ERROR(CheckMaType("STOCH", "slowk_type", slowk_type));
  QAT_RETURN_IF_ERROR(CheckPeriod("STOCH", "slowd_period", slowd_period, 1));
  QAT_RETURN_IF_ERROR(CheckMaType("STOCH", "slowd_type", slowd_type));
  const std::size_t n = close.size();
  StochResult r{NanSeries(n), NanSeries(n)};
  internal::StochKernel(high, low, close, fastk_period, slowk_period, slowk_type, slowd_period,
                        slowd_type, r.slowk.data(), r.slowd.data());
  return r;
}

void internal::StochKernel(std::span<const double> high, std::span<const double> low,
                           std::span<const double> close, int fastk_period, int slowk_period,
                           MaType slowk_type, int slowd_period, MaType slowd_type,
                           double* slowk_out, double* slowd_out) {
  const std::size_t n = close.size();
  const std::size_t k_lb = static_cast<std::size_t>(fastk_period - 1);
  const std::size_t slowk_from = k_lb + static_cast<std::size_t>(MaLookbackUnchecked(slowk_period, slowk_type));
  const std::size_t lookback =
      slowk_from + static_cast<std::size_t>(MaLookbackUnchecked(slowd_period, slowd_type));
  if (n <= lookback) return;
  double* raw = internal::Scratch(internal::kScratchStochRaw, n);
  double* slowk = internal::Scratch(internal::kScratchStochSlowK, n);
  internal::RawStochKKernel(high, low, close, fastk_period, raw);
  if (slowk_type == MaType::kSma && slowd_type == MaType::kSma && slowk_period > 1 && slowd_period > 1) {
    // Both SMAs (SmaKernel's operations) in one loop: two short add/subtract chains side by
    // side instead of one after the other.
    const std::size_t lk = static_cast<std::size_t>(slowk_period - 1);
    const std::size_t ld = static_cast<std::size_t>(slowd_period - 1);
    const double div_k = slowk_period, div_d = slowd_period;
    double total_k = 0.0, total_d = 0.0;
    for (std::size_t i = k_lb; i < slowk_from; ++i) total_k += raw[i];
    for (std::size_t i = slowk_from; i < n; ++i) {
      total_k += raw[i];
      const double k_sum = total_k;
      total_k -= raw[i - lk];
      slowk[i] = k_sum / div_k;
      total_d += slowk[i];
      if (i >= lookback) {
        const double d_sum = total_d;
        total_d -= slowk[i - ld];
        slowd_out[i] = d_sum / div_d;
      }
    }
  } else {
    internal::MaKernel(std::span<const double>(raw, n).subspan(k_lb), slowk_period, slowk_type,
                       slowk + k_lb);
    internal::MaKernel(std::span<const double>(slowk, n).subspan(slowk_from), slowd_period,
                       slowd_type, slowd_out + slowk_from);
  }
  for (std::size_t i = slowk_from; i < lookback; ++i) slowd_out[i] = internal::kNaN;
  for (std::size_t i = lookback; i < n; ++i) slowk_out[i] = slowk[i];
}
int STOCHLookback(int fastk_period, int slowk_period, MaType slowk_type, int slowd_period,
                  MaType slowd_type) {
  if (!CheckPeriod("STOCH", "fastk_period", fastk_period, 1).ok() ||
      !CheckPeriod("STOCH", "slowk_period", slowk_period, 1).ok() ||
      !CheckPeriod("STOCH", "slowd_period", slowd_period, 1).ok() ||
      !CheckMaType("STOCH", "slowk_type", slowk_type).ok() ||
      !CheckMaType("STOCH", "slowd_type", slowd_type).ok()) {
    return -1;
  }
  return fastk_period - 1 + MaLookbackUnchecked(slowk_period, slowk_type) +
         MaLookbackUnchecked(slowd_period, slowd_type);
}

Result<StochFResult> STOCHF(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, int fastk_period, int fastd_period,
                            MaType fastd_type) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("STOCHF", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("STOCHF", "fastk_period", fastk_period, 1));
  QAT_RETURN_IF_ERROR(CheckPeriod("STOCHF", "fastd_period", fastd_period, 1));
  QAT_RETURN_IF_ERROR(CheckMaType("STOCHF", "fastd_type", fastd_type));
  const std::size_t n = close.size();
  StochFResult r{NanSeries(n), NanSeries(n)};
  StochFKernel(high, low, close, fastk_period, fastd_period, fastd_type, r.fastk, r.fastd);
  return r;
}
int STOCHFLookback(int fastk_period, int fastd_period, MaType fastd_type) {
  if (!CheckPeriod("STOCHF", "fastk_period", fastk_period, 1).ok() ||
      !CheckPeriod("STOCHF", "fastd_period", fastd_period, 1).ok() ||
      !CheckMaType("STOCHF", "fastd_type", fastd_type).ok()) {
    return -1;
  }
  return fastk_period - 1 + MaLookbackUnchecked(fastd_period, fastd_type);
}

Result<StochFResult> STOCHRSI(std::span<const double> real, int period, int fastk_period,
                              int fastd_period, MaType fastd_type) {
  QAT_RETURN_IF_ERROR(CheckPeriod("STOCHRSI", "period", period, 2));
  QAT_RETURN_IF_ERROR(CheckPeriod("STOCHRSI", "fastk_period", fastk_period, 1));
  QAT_RETURN_IF_ERROR(CheckPeriod("STOCHRSI", "fastd_period", fastd_period, 1));
  QAT_RETURN_IF_ERROR(CheckMaType("STOCHRSI", "fastd_type", fastd_type));
  const std::size_t n = real.size();
  StochFResult r{NanSeries(n), NanSeries(n)};
  const std::size_t rsi_lb = static_cast<std::size_t>(period);
  if (n <= rsi_lb) return r;
  std::vector<double> rsi(n);
  internal::RsiKernel(real, period, rsi.data());
  std::span<const double> tail = std::span<const double>(rsi).subspan(rsi_lb);
  Series k(tail.size(), internal::kNaN), d(tail.size(), internal::kNaN);
  StochFKernel(tail, tail, tail, fastk_period, fastd_period, fastd_type, k, d);
  std::copy(k.begin(), k.end(), r.fastk.begin() + static_cast<std::ptrdiff_t>(rsi_lb));
  std::copy(d.begin(), d.end(), r.fastd.begin() + static_cast<std::ptrdiff_t>(rsi_lb));
  return r;
}
int STOCHRSILookback(int period, int fastk_period, int fastd_period, MaType fastd_type) {
  if (!CheckPeriod("STOCHRSI", "period", period, 2).ok()) return -1;
  const int f = STOCHFLookback(fastk_period, fastd_period, fastd_type);
  return f < 0 ? -1 : period + f;
}

Result<Series> WILLR(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("WILLR", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("WILLR", "period", period, 2));
  Series out = NanSeries(close.size());
  internal::WillrKernel(high, low, close, period, out.data());
  return out;
}

double internal::WillrAt(std::span<const double> high, std::span<const double> low,
                         std::span<const double> close, std::size_t w, std::size_t i) {
  const auto [hi, lo] = internal::WindowHighLow(high.data() + (i + 1 - w), low.data() + (i + 1 - w), w);
  const double diff = (hi - lo) / (-100.0);
  return diff != 0.0 ? (hi - close[i]) / diff : 0.0;
}

QAT_VECTOR_KERNEL
void internal::WillrKernel(std::span<const double> high, std::span<const double> low,
                           std::span<const double> close, int period, double* out) {
  const std::size_t n = close.size();
  const std::size_t w = static_cast<std::size_t>(period);
  if (n < w) return;
  // Only the window's highest high and lowest low matter (TA-Lib divides by their
  // difference / -100, and so do we). The extremes are values of the window, so any exact
  // way of finding them gives TA-Lib's bits (for inputs without NaN).
  std::size_t i = w - 1;
  if (w <= internal::kSmallWindow) {
    // Short windows: scan each window directly, four bars per vector.
    using internal::V4d;
    const V4d zero = {};
    const V4d scale = internal::Splat4(-100.0);
    for (; i + 4 <= n; i += 4) {
      const auto [hi, lo] = internal::WindowHighLow4(high.data() + (i + 1 - w), low.data() + (i + 1 - w), w);
      const V4d diff = (hi - lo) / scale;
      const V4d value = (hi - internal::Load4(close.data() + i)) / diff;
      internal::Store4(out + i, diff != zero ? value : zero);
    }
    for (; i < n; ++i) out[i] = internal::WillrAt(high, low, close, w, i);
    return;
  }
  double* hi = internal::Scratch(internal::kScratchRollHi, n);
  double* lo = internal::Scratch(internal::kScratchRollLo, n);
  internal::RollingMax(high.data(), n, w, hi);
  internal::RollingMin(low.data(), n, w, lo);
  for (; i < n; ++i) {
    const double diff = (hi[i] - lo[i]) / (-100.0);
    out[i] = diff != 0.0 ? (hi[i] - close[i]) / diff : 0.0;
  }
}
int WILLRLookback(int period) { return CheckPeriod("WILLR", "period", period, 2).ok() ? period - 1 : -1; }

}  // namespace qat::ta
