// AROON and AROONOSC over a window of period+1 bars (today and the `period` before it).
// The most recent bar holding the window's extreme counts (ties go to the later bar).
#include "ta/indicators/common.h"

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

void internal::AroonOscKernel(std::span<const double> high, std::span<const double> low, int period,
                              double* out) {
  const double factor = 100.0 / static_cast<double>(period);
  (void)AroonScan("AROONOSC", high, low, period, [&](long today, long hi, long lo) {
    out[today] = factor * static_cast<double>(hi - lo);
  });
}

Result<Series> AROONOSC(std::span<const double> high, std::span<const double> low, int period) {
  Series out = NanSeries(high.size());
  const double factor = 100.0 / static_cast<double>(period);
  QAT_RETURN_IF_ERROR(AroonScan("AROONOSC", high, low, period, [&](long today, long hi, long lo) {
    out[today] = factor * static_cast<double>(hi - lo);
  }));
  return out;
}
int AROONOSCLookback(int period) {
  return CheckPeriod("AROONOSC", "period", period, 2).ok() ? period : -1;
}

}  // namespace qat::ta
