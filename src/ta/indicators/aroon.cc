// AROON and AROONOSC over a window of period+1 bars (today and the `period` before it).
// The most recent bar holding the window's extreme counts (ties go to the later bar).
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

QAT_INDICATOR_KERNEL
void internal::AroonOscKernel(std::span<const double> high, std::span<const double> low, int period,
                              double* out) {
  const double factor = 100.0 / static_cast<double>(period);
  const std::size_t n = high.size();
  const std::size_t p = static_cast<std::size_t>(period);
  if (p > internal::kSmallWindow) {
    (void)AroonScan("AROONOSC", high, low, period, [&](long today, long hi, long lo) {
      out[today] = factor * static_cast<double>(hi - lo);
    });
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
    V4d hi = internal::Load4(hp), lo = internal::Load4(lp);
    V4d hi_at = {}, lo_at = {}, at = {};
    const V4d one = internal::Splat4(1.0);
    for (std::size_t j = 1; j <= p; ++j) {
      at += one;  // j, exactly
      const V4d hv = internal::Load4(hp + j);
      const V4d lv = internal::Load4(lp + j);
      const auto up = hv >= hi;
      const auto down = lv <= lo;
      hi = up ? hv : hi;
      hi_at = up ? at : hi_at;
      lo = down ? lv : lo;
      lo_at = down ? at : lo_at;
    }
    internal::Store4(out + today, internal::Splat4(factor) * (hi_at - lo_at));
  }
  for (; today < n; ++today) out[today] = AroonOscAt(high, low, p, factor, today);
}

QAT_INDICATOR_KERNEL
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
  auto willr_one = [&](std::size_t i) {
    double hi = high[i + 1 - p], lo = low[i + 1 - p];
    for (std::size_t j = i + 2 - p; j <= i; ++j) {
      hi = high[j] > hi ? high[j] : hi;
      lo = low[j] < lo ? low[j] : lo;
    }
    const double diff = (hi - lo) / (-100.0);
    willr_out[i] = diff != 0.0 ? (hi - close[i]) / diff : 0.0;
  };
  auto aroonosc_one = [&](std::size_t today) {
    aroonosc_out[today] = AroonOscAt(high, low, p, factor, today);
  };
  willr_one(p - 1);
  // Four bars per vector. AROONOSC's window (period+1 bars) is WILLR's (the last `period`)
  // plus one older bar: scan WILLR's window keeping the latest extreme's offset (>=, <=),
  // form WILLR, then let the older bar in, which wins only when strictly more extreme. For
  // inputs without NaN that is AroonOscKernel's index and WillrKernel's extreme.
  using internal::V4d;
  const V4d zero = {}, one = internal::Splat4(1.0), scale = internal::Splat4(-100.0);
  std::size_t i = p;
  for (; i + 4 <= n; i += 4) {
    const double* hp = high.data() + (i - p);
    const double* lp = low.data() + (i - p);
    V4d hi = internal::Load4(hp + 1), lo = internal::Load4(lp + 1);
    V4d hi_at = one, lo_at = one, at = one;
    for (std::size_t j = 2; j <= p; ++j) {
      at += one;  // j, exactly
      const V4d hv = internal::Load4(hp + j);
      const V4d lv = internal::Load4(lp + j);
      const auto up = hv >= hi;
      const auto down = lv <= lo;
      hi = up ? hv : hi;
      hi_at = up ? at : hi_at;
      lo = down ? lv : lo;
      lo_at = down ? at : lo_at;
    }
    const V4d diff = (hi - lo) / scale;
    const V4d willr = (hi - internal::Load4(close.data() + i)) / diff;
    internal::Store4(willr_out + i, diff != zero ? willr : zero);
    hi_at = internal::Load4(hp) > hi ? zero : hi_at;
    lo_at = internal::Load4(lp) < lo ? zero : lo_at;
    internal::Store4(aroonosc_out + i, internal::Splat4(factor) * (hi_at - lo_at));
  }
  for (; i < n; ++i) {
    willr_one(i);
    aroonosc_one(i);
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
