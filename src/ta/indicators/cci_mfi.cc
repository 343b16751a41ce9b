// CCI and MFI, both on the typical price (high+low+close)/3.
#include <algorithm>
#include <bit>
#include <cmath>

#include "ta/indicators/common.h"
#include "ta/indicators/simd.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;

Result<Series> CCI(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("CCI", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("CCI", "period", period, 2));
  Series out = NanSeries(close.size());
  internal::CciKernel(high, low, close, period, out.data());
  return out;
}

namespace {

// The typical prices (high + low + close) / 3 of bars 0 .. n-1 in scratch slot `slot`,
// followed by zeros up to `size` >= n.
QAT_VECTOR_KERNEL
double* TypicalPrices(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                      internal::ScratchSlot slot, std::size_t size) {
  const std::size_t n = close.size();
  double* tp = internal::Scratch(slot, size);
  for (std::size_t i = 0; i < n; ++i) tp[i] = (high[i] + low[i] + close[i]) / 3;
  std::fill(tp + n, tp + size, 0.0);
  return tp;
}

// How many typical prices CciFromTypical reads for n bars: short periods run four cycles of
// `period` bars side by side and read (never use) the bars past n-1 of the last group.
std::size_t CciReadSize(std::size_t n, std::size_t p) {
  return p > internal::kSmallWindow ? n : ((n + p - 1) / p + 4) * p;
}

// CCI of bars period-1 .. n-1 from the typical prices tp[0 .. n-1], any period.
void CciAnyPeriod(const double* tp, std::size_t n, int period, double* out) {
  const std::size_t p = static_cast<std::size_t>(period);
  // TA-Lib keeps the last `period` typical prices in a circular buffer (bar k in slot
  // k mod period) and sums it in slot order, which fixes the rounding of the mean and of the
  // mean deviation. For bar i with s = i mod period that order is bars i-s..i, then
  // i-period+1..i-s-1. We add in exactly that order, but for kLanes bars at a time, so the
  // independent sums overlap instead of waiting on each other.
  const double dp = period;
  constexpr std::size_t kLanes = 4;
  std::size_t i = p - 1;
  auto index = [&](std::size_t bar, std::size_t j) {
    const std::size_t s = bar % p;
    return j <= s ? bar - s + j : bar - s + j - p;
  };
  for (; i + kLanes <= n; i += kLanes) {
    const std::size_t s0 = i % p;
    double mean[kLanes] = {};
    double dev[kLanes] = {};
    if (s0 + kLanes <= p) {
      // No lane wraps: lane b holds slot s0+b, and every lane reads the same bar at slot j
      // except for s0 < j < s0+kLanes, where lanes b >= j-s0 read the newer bar.
      const double* base = tp + (i - s0);
      const double* old = base - p;  // bars of the previous cycle, same slot numbering
      for (std::size_t j = 0; j <= s0; ++j) {
        const double v = base[j];
        for (std::size_t b = 0; b < kLanes; ++b) mean[b] += v;
      }
      for (std::size_t j = s0 + 1; j < s0 + kLanes; ++j) {
        for (std::size_t b = 0; b < kLanes; ++b) mean[b] += b >= j - s0 ? base[j] : old[j];
      }
      for (std::size_t j = s0 + kLanes; j < p; ++j) {
        const double v = old[j];
        for (std::size_t b = 0; b < kLanes; ++b) mean[b] += v;
      }
      for (std::size_t b = 0; b < kLanes; ++b) mean[b] /= dp;
      for (std::size_t j = 0; j <= s0; ++j) {
        const double v = base[j];
        for (std::size_t b = 0; b < kLanes; ++b) dev[b] += std::fabs(v - mean[b]);
      }
      for (std::size_t j = s0 + 1; j < s0 + kLanes; ++j) {
        for (std::size_t b = 0; b < kLanes; ++b) {
          dev[b] += std::fabs((b >= j - s0 ? base[j] : old[j]) - mean[b]);
        }
      }
      for (std::size_t j = s0 + kLanes; j < p; ++j) {
        const double v = old[j];
        for (std::size_t b = 0; b < kLanes; ++b) dev[b] += std::fabs(v - mean[b]);
      }
    } else {
      // Lane b reads tp[first[b] + j] for j <= slot[b], tp[first[b] + j - p] after.
      const double* first[kLanes];
      std::size_t slot[kLanes];
      for (std::size_t b = 0; b < kLanes; ++b) {
        slot[b] = s0 + b < p ? s0 + b : s0 + b - p;
        first[b] = tp + (i + b - slot[b]);
      }
      auto at = [&](std::size_t b, std::size_t j) {
        // Branch-free: subtract p once j has passed the lane's slot.
        const std::size_t wrap = p & (std::size_t{0} - static_cast<std::size_t>(j > slot[b]));
        return *(first[b] + j - wrap);
      };
      for (std::size_t j = 0; j < p; ++j) {
        for (std::size_t b = 0; b < kLanes; ++b) mean[b] += at(b, j);
      }
      for (std::size_t b = 0; b < kLanes; ++b) mean[b] /= dp;
      for (std::size_t j = 0; j < p; ++j) {
        for (std::size_t b = 0; b < kLanes; ++b) dev[b] += std::fabs(at(b, j) - mean[b]);
      }
    }
    for (std::size_t b = 0; b < kLanes; ++b) {
      const double diff = tp[i + b] - mean[b];
      out[i + b] = (diff != 0.0 && dev[b] != 0.0) ? diff / (0.015 * (dev[b] / dp)) : 0.0;
    }
  }
  for (; i < n; ++i) {
    double mean = 0.0;
    for (std::size_t j = 0; j < p; ++j) mean += tp[index(i, j)];
    mean /= dp;
    double dev = 0.0;
    for (std::size_t j = 0; j < p; ++j) dev += std::fabs(tp[index(i, j)] - mean);
    const double diff = tp[i] - mean;
    out[i] = (diff != 0.0 && dev != 0.0) ? diff / (0.015 * (dev / dp)) : 0.0;
  }
}

// CCI of bars period-1 .. n-1 (n >= period) from the typical prices tp, readable and zero
// past n-1 up to CciReadSize(n, period).
QAT_VECTOR_KERNEL
void CciFromTypical(const double* tp, std::size_t n, int period, double* out) {
  const std::size_t p = static_cast<std::size_t>(period);
  if (p > internal::kSmallWindow) {
    CciAnyPeriod(tp, n, period, out);
    return;
  }
  // Short periods: four cycles of `period` bars side by side. Bar (k+b)*period + s (slot s)
  // reads slot j from bar (k+b)*period + j for j <= s and from the cycle before for j > s, so
  // for lane b = 0..3 the values of slot j sit at one offset in a transposed copy of cycles
  // k-1 .. k+3: x[m] = (tp[(k-1)*period + m], tp[k*period + m], ...), m < 2*period. Each
  // slot's mean and deviation are then plain vector sums in TA-Lib's slot order.
  // The first output (bar period-1, slot period-1) reads bars 0 .. period-1 in order.
  CciAnyPeriod(tp, p, period, out);
  using internal::V4d;
  typedef long long V4i __attribute__((vector_size(32)));
  constexpr long long kNoSign = 0x7fffffffffffffffLL;  // fabs: clear the sign bit
  const V4i clear_sign = {kNoSign, kNoSign, kNoSign, kNoSign};
  // |d| below is written (V4d)((V4i)(d) & clear_sign): fabs of four lanes (clear the sign
  // bits), a vector cast reinterpreting the bits. Inline, without std::bit_cast or a helper
  // taking the vector by reference: with those, GCC 12's sanitizer build reported bad loads
  // of the vector temporaries (UBSan null load, ASan stack overflow) in this kernel.
  const V4d vdp = internal::Splat4(static_cast<double>(period));
  const V4d k015 = internal::Splat4(0.015), zero = {};
  V4d x[2 * internal::kSmallWindow];
  for (std::size_t k = 1; k * p < n; k += 4) {
    const double* base = tp + (k - 1) * p;
    for (std::size_t m = 0; m < 2 * p; ++m) x[m] = V4d{base[m], base[m + p], base[m + 2 * p], base[m + 3 * p]};
    // Slot s's value from its mean and mean deviation (lanes past the data are not stored).
    auto emit = [&](std::size_t s, const V4d& mean, const V4d& dev) {
      const V4d diff = x[p + s] - mean;
      const V4d cci = diff / (k015 * (dev / vdp));
      const V4d value = (diff != zero) & (dev != zero) ? cci : zero;
      for (std::size_t b = 0; b < 4; ++b) {
        const std::size_t bar = (k + b) * p + s;
        if (bar < n) out[bar] = value[b];
      }
    };
    std::size_t s = 0;
    // Two slots at a time: their sums differ only in slot s+1 (the newer bar for s+1, the
    // older one for s), so they share the loads and run as two independent chains.
    for (; s + 1 < p; s += 2) {
      V4d sum0 = zero, sum1 = zero;
      for (std::size_t j = 0; j <= s; ++j) {
        sum0 += x[p + j];
        sum1 += x[p + j];
      }
      sum0 += x[s + 1];
      sum1 += x[p + s + 1];
      for (std::size_t j = s + 2; j < p; ++j) {
        sum0 += x[j];
        sum1 += x[j];
      }
      const V4d mean0 = sum0 / vdp, mean1 = sum1 / vdp;
      V4d dev0 = zero, dev1 = zero;
      for (std::size_t j = 0; j <= s; ++j) {
        dev0 += (V4d)((V4i)(x[p + j] - mean0) & clear_sign);
        dev1 += (V4d)((V4i)(x[p + j] - mean1) & clear_sign);
      }
      dev0 += (V4d)((V4i)(x[s + 1] - mean0) & clear_sign);
      dev1 += (V4d)((V4i)(x[p + s + 1] - mean1) & clear_sign);
      for (std::size_t j = s + 2; j < p; ++j) {
        dev0 += (V4d)((V4i)(x[j] - mean0) & clear_sign);
        dev1 += (V4d)((V4i)(x[j] - mean1) & clear_sign);
      }
      emit(s, mean0, dev0);
      emit(s + 1, mean1, dev1);
    }
    for (; s < p; ++s) {
      V4d sum = zero;
      for (std::size_t j = 0; j <= s; ++j) sum += x[p + j];
      for (std::size_t j = s + 1; j < p; ++j) sum += x[j];
      const V4d mean = sum / vdp;
      V4d dev = zero;
      for (std::size_t j = 0; j <= s; ++j) {
        dev += (V4d)((V4i)(x[p + j] - mean) & clear_sign);
      }
      for (std::size_t j = s + 1; j < p; ++j) {
        dev += (V4d)((V4i)(x[j] - mean) & clear_sign);
      }
      emit(s, mean, dev);
    }
  }
}
}  // namespace

void internal::CciKernel(std::span<const double> high, std::span<const double> low,
                         std::span<const double> close, int period, double* out) {
  const std::size_t n = close.size();
  const std::size_t p = static_cast<std::size_t>(period);
  if (n < p) return;
  CciFromTypical(TypicalPrices(high, low, close, internal::kScratchCciTp, CciReadSize(n, p)), n, period, out);
}

int CCILookback(int period) { return CheckPeriod("CCI", "period", period, 2).ok() ? period - 1 : -1; }

Result<Series> MFI(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, std::span<const double> volume, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("MFI", {high, low, close, volume}));
  QAT_RETURN_IF_ERROR(CheckPeriod("MFI", "period", period, 2));
  Series out = NanSeries(close.size());
  internal::MfiKernel(high, low, close, volume, period, out.data());
  return out;
}

namespace {

// MFI from the typical prices tp[0 .. n-1] (see MfiKernel).
QAT_VECTOR_KERNEL
void MfiFromTypical(const double* tp, const double* volume, std::size_t n, int period, double* out) {
  const std::size_t p = static_cast<std::size_t>(period);
  if (n <= p) return;
  // TA-Lib keeps the last `period` flows in a ring and per bar subtracts the flow leaving the
  // window, then adds the new one. The flows and the final divisions do not depend on the
  // running sums, so they are done in separate, vectorized passes around the serial one.
  double* pos = internal::Scratch(internal::kScratchMfiPos, n);
  double* neg = internal::Scratch(internal::kScratchMfiNeg, n);
  using internal::V4d;
  // Pass 1: money flow of bar i >= 1 on its side (the other side gets 0.0).
  {
    const V4d zero = {};
    std::size_t i = 1;
    for (; i + 4 <= n; i += 4) {
      const V4d t = internal::Load4(tp + i);
      const V4d change = t - internal::Load4(tp + i - 1);
      const V4d flow = t * internal::Load4(volume + i);
      internal::Store4(pos + i, change > zero ? flow : zero);
      internal::Store4(neg + i, change < zero ? flow : zero);
    }
    for (; i < n; ++i) {
      const double change = tp[i] - tp[i - 1];
      const double flow = tp[i] * volume[i];
      pos[i] = internal::Pick(change > 0, flow, 0.0);
      neg[i] = internal::Pick(change < 0, flow, 0.0);
    }
  }
  // Pass 2: the running sums (adding 0.0 leaves a sum as it was): the positive one into
  // `out`, the negative one into neg_sum.
  double* neg_sums = internal::Scratch(internal::kScratchMfiNegSum, n);
  double pos_sum = 0.0, neg_sum = 0.0;
  for (std::size_t i = 1; i <= p; ++i) {
    pos_sum += pos[i];
    neg_sum += neg[i];
  }
  out[p] = pos_sum;
  neg_sums[p] = neg_sum;
  for (std::size_t i = p + 1; i < n; ++i) {
    pos_sum -= pos[i - p];
    neg_sum -= neg[i - p];
    pos_sum += pos[i];
    neg_sum += neg[i];
    out[i] = pos_sum;
    neg_sums[i] = neg_sum;
  }
  // Pass 3: 100 * pos / (pos + neg), 0 where the total is below 1 (TA-Lib's test).
  const V4d one = internal::Splat4(1.0), hundred = internal::Splat4(100.0), zero = {};
  std::size_t i = p;
  for (; i + 4 <= n; i += 4) {
    const V4d ps = internal::Load4(out + i);
    const V4d total = ps + internal::Load4(neg_sums + i);
    const V4d value = hundred * (ps / total);
    internal::Store4(out + i, total < one ? zero : value);
  }
  for (; i < n; ++i) {
    const double ps = out[i];
    const double total = ps + neg_sums[i];
    out[i] = total < 1.0 ? 0.0 : 100.0 * (ps / total);
  }
}

}  // namespace

void internal::MfiKernel(std::span<const double> high, std::span<const double> low,
                         std::span<const double> close, std::span<const double> volume, int period,
                         double* out) {
  const std::size_t n = close.size();
  if (n <= static_cast<std::size_t>(period)) return;
  MfiFromTypical(TypicalPrices(high, low, close, internal::kScratchMfiTp, n), volume.data(), n, period, out);
}

void internal::CciMfiKernel(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, std::span<const double> volume,
                            int cci_period, int mfi_period, double* cci_out, double* mfi_out) {
  const std::size_t n = close.size();
  const std::size_t p = static_cast<std::size_t>(cci_period);
  // One set of typical prices for both (sized for CCI's reads).
  const double* tp = TypicalPrices(high, low, close, internal::kScratchCciTp, CciReadSize(n, p));
  if (n >= p) CciFromTypical(tp, n, cci_period, cci_out);
  MfiFromTypical(tp, volume.data(), n, mfi_period, mfi_out);
}

int MFILookback(int period) { return CheckPeriod("MFI", "period", period, 2).ok() ? period : -1; }

}  // namespace qat::ta
