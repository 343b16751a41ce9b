// AROON and AROONOSC over a window of period+1 bars (today and the `period` before it).
// The most recent bar holding the window's extreme counts (ties go to the later bar).
#include "qat/core/check.h"
#include "ta/indicators/common.h"
#include "ta/indicators/simd.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;

namespace {

// Calls emit(today, highest_idx, lowest_idx) for today >= period.
template <typename Emit>
Status AroonScan(std::string_view fn, std::span<const double> high, std::span<const double> low,
                 int period, Emit emit) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength(fn, {high, low}));
  QAT_RETURN_IF_ERROR(CheckPeriod(fn, "period", period, 2));
  const long n = static_cast<long>(high.size());
  long lowest_idx = -1, highest_idx = -1;
  double lowest = 0.0, highest = 0.0;
  for (long today = period, trailing = 0; today < n; ++today, ++trailing) {
    double tmp = low[today];
    if (lowest_idx < trailing) {
      lowest_idx = trailing;
      lowest = low[trailing];
      for (long i = trailing + 1; i <= today; ++i) {
        if (low[i] <= lowest) {
          lowest_idx = i;
          lowest = low[i];
        }
      }
    } else if (tmp <= lowest) {
      lowest_idx = today;
      lowest = tmp;
    }
    tmp = high[today];
    if (highest_idx < trailing) {
      highest_idx = trailing;
      highest = high[trailing];
      for (long i = trailing + 1; i <= today; ++i) {
        if (high[i] >= highest) {
          highest_idx = i;
          highest = high[i];
        }
      }
    } else if (tmp >= highest) {
      highest_idx = today;
      highest = tmp;
    }
    emit(today, highest_idx, lowest_idx);
  }
  return Ok();
}

// The latest highest high (>=) and lowest low (<=) of four windows side by side, and their
// offsets: window b spans hp[b + from .. b + last] (likewise lp); offsets count from hp[b].
// Always inlined, so it runs in the caller's AVX2 or baseline copy.
struct Extremes4 {
  internal::V4d hi, lo, hi_at, lo_at;
};
[[gnu::always_inline]] inline Extremes4 LatestExtremes4(const double* hp, const double* lp,
                                                        std::size_t from, std::size_t last) {
  using internal::V4d;
  const V4d one = internal::Splat4(1.0);
  V4d at = internal::Splat4(static_cast<double>(from));
  Extremes4 e{internal::Load4(hp + from), internal::Load4(lp + from), at, at};
  for (std::size_t j = from + 1; j <= last; ++j) {
    at += one;  // j, exactly
    const V4d hv = internal::Load4(hp + j);
    const V4d lv = internal::Load4(lp + j);
    const auto up = hv >= e.hi;
    const auto down = lv <= e.lo;
    e.hi = up ? hv : e.hi;
    e.hi_at = up ? at : e.hi_at;
    e.lo = down ? lv : e.lo;
    e.lo_at = down ? at : e.lo_at;
  }
  return e;
}

// AROONOSC at bar `today` alone, scalar: TA-Lib's extremes of the period + 1 bars ending
// there (the latest high >= and low <= win), as factor * (high index - low index).
double AroonOscAt(std::span<const double> high, std::span<const double> low, std::size_t p,
                  double factor, std::size_t today) {
  const std::size_t first = today - p;
  std::size_t hi_at = first, lo_at = first;
  for (std::size_t j = first + 1; j <= today; ++j) {
    if (high[j] >= high[hi_at]) hi_at = j;
    if (low[j] <= low[lo_at]) lo_at = j;
  }
  return factor * (static_cast<double>(hi_at) - static_cast<double>(lo_at));
}

}  // namespace

Result<AroonResult> AROON(std::span<const double> high, std::span<const double> low, int period) {
  AroonResult r{NanSeries(high.size()), NanSeries(high.size())};
  const double factor = 100.0 / static_cast<double>(period);
  QAT_RETURN_IF_ERROR(AroonScan("AROON", high, low, period, [&](long today, long hi, long lo) {
    r.up[today] = factor * static_cast<double>(period - (today - hi));
    r.down[today] = factor * static_cast<double>(period - (today - lo));
  }));
  return r;
}
int AROONLookback(int period) { return CheckPeriod("AROON", "period", period, 2).ok() ? period : -1; }

QAT_VECTOR_KERNEL
void internal::AroonOscKernel(std::span<const double> high, std::span<const double> low, int period,
                              double* out) {
  const double factor = 100.0 / static_cast<double>(period);
  const std::size_t n = high.size();
  const std::size_t p = static_cast<std::size_t>(period);
  if (p > internal::kSmallWindow) {
    // The caller checked the lengths and the period, so the scan cannot fail.
    const Status scanned = AroonScan("AROONOSC", high, low, period, [&](long today, long hi, long lo) {
      out[today] = factor * static_cast<double>(hi - lo);
    });
    QAT_CHECK(scanned.ok());
    return;
  }
  // Short windows: scan each window of period+1 bars from its oldest bar, four bars per
  // vector, keeping the offset of the latest highest high (>=) and lowest low (<=). For
  // inputs without NaN these are TA-Lib's indices, and hi - lo is the same small integer.
  using internal::V4d;
  std::size_t today = p;
  for (; today + 4 <= n; today += 4) {
    const double* hp = high.data() + (today - p);
    const double* lp = low.data() + (today - p);
    const Extremes4 e = LatestExtremes4(hp, lp, 0, p);
    internal::Store4(out + today, internal::Splat4(factor) * (e.hi_at - e.lo_at));
  }
  for (; today < n; ++today) out[today] = AroonOscAt(high, low, p, factor, today);
}

QAT_VECTOR_KERNEL
void internal::WillrAroonOscKernel(std::span<const double> high, std::span<const double> low,
                                   std::span<const double> close, int period, double* willr_out,
                                   double* aroonosc_out) {
  const std::size_t n = close.size();
  const std::size_t p = static_cast<std::size_t>(period);
  if (p > internal::kSmallWindow) {
    internal::WillrKernel(high, low, close, period, willr_out);
    internal::AroonOscKernel(high, low, period, aroonosc_out);
    return;
  }
  if (n < p) return;
  const double factor = 100.0 / static_cast<double>(period);
  // One bar at a time, as the tails of WillrKernel and AroonOscKernel.
  willr_out[p - 1] = internal::WillrAt(high, low, close, p, p - 1);
  // Four bars per vector. AROONOSC's window (period+1 bars) is WILLR's (the last `period`)
  // plus one older bar: scan WILLR's window keeping the latest extreme's offset (>=, <=),
  // form WILLR, then let the older bar in, which wins only when strictly more extreme. For
  // inputs without NaN that is AroonOscKernel's index and WillrKernel's extreme.
  using internal::V4d;
  const V4d zero = {}, scale = internal::Splat4(-100.0);
  std::size_t i = p;
  for (; i + 4 <= n; i += 4) {
    const double* hp = high.data() + (i - p);
    const double* lp = low.data() + (i - p);
    const auto [hi, lo, latest_hi_at, latest_lo_at] = LatestExtremes4(hp, lp, 1, p);
    const V4d diff = (hi - lo) / scale;
    const V4d willr = (hi - internal::Load4(close.data() + i)) / diff;
    internal::Store4(willr_out + i, diff != zero ? willr : zero);
    const V4d hi_at = internal::Load4(hp) > hi ? zero : latest_hi_at;
    const V4d lo_at = internal::Load4(lp) < lo ? zero : latest_lo_at;
    internal::Store4(aroonosc_out + i, internal::Splat4(factor) * (hi_at - lo_at));
  }
  for (; i < n; ++i) {
    willr_out[i] = internal::WillrAt(high, low, close, p, i);
    aroonosc_out[i] = AroonOscAt(high, low, p, factor, i);
  }
}

Result<Series> AROONOSC(std::span<const double> high, std::span<const double> low, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("AROONOSC", {high, low}));
  QAT_RETURN_IF_ERROR(CheckPeriod("AROONOSC", "period", period, 2));
  Series out = NanSeries(high.size());
  internal::AroonOscKernel(high, low, period, out.data());
  return out;
}
int AROONOSCLookback(int period) {
  return CheckPeriod("AROONOSC", "period", period, 2).ok() ? period : -1;
}

}  // namespace qat::ta
