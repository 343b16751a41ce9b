// TRANGE, ATR and NATR. ATR is seeded with the SMA of the first `period` true ranges (bars
// 1..period) and then smoothed as atr = (atr*(period-1) + tr) / period.
#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;
using internal::TrueRange;

namespace {

void TrangeKernel(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, double* out) {
  for (std::size_t i = 1; i < close.size(); ++i) out[i] = TrueRange(high[i], low[i], close[i - 1]);
}

}  // namespace

namespace internal {

void AtrKernel(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, int period, double* tr_out, double* atr_out,
               double* natr_out) {
  const std::size_t n = close.size();
  const std::size_t lookback = static_cast<std::size_t>(period);
  if (tr_out) TrangeKernel(high, low, close, tr_out);
  if (n <= lookback) return;
  const double p = period;
  const double p1 = period - 1;
  auto emit = [&](std::size_t i, double atr) {
    if (atr_out) atr_out[i] = atr;
    if (natr_out) {
      // TA-Lib writes 0 to its *first* output when the close is ~0 (and leaves this one
      // unset); we write 0 here.
      const double c = close[i];
      natr_out[i] = !IsZero(c) ? (atr / c) * 100.0 : 0.0;
    }
  };
  double atr = 0.0;
  for (std::size_t i = 1; i <= lookback; ++i) atr += TrueRange(high[i], low[i], close[i - 1]);
  atr = atr / p;
  emit(lookback, atr);
  for (std::size_t i = lookback + 1; i < n; ++i) {
    atr *= p1;
    atr += TrueRange(high[i], low[i], close[i - 1]);
    atr /= p;
    emit(i, atr);
  }
}

}  // namespace internal

Result<Series> TRANGE(std::span<const double> high, std::span<const double> low,
                      std::span<const double> close) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("TRANGE", {high, low, close}));
  Series out = NanSeries(close.size());
  TrangeKernel(high, low, close, out.data());
  return out;
}
int TRANGELookback() { return 1; }

Result<Series> ATR(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("ATR", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("ATR", "period", period, 1));
  Series out = NanSeries(close.size());
  if (period == 1) {
    TrangeKernel(high, low, close, out.data());
  } else {
    internal::AtrKernel(high, low, close, period, nullptr, out.data(), nullptr);
  }
  return out;
}
int ATRLookback(int period) { return CheckPeriod("ATR", "period", period, 1).ok() ? period : -1; }

Result<Series> NATR(std::span<const double> high, std::span<const double> low,
                    std::span<const double> close, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("NATR", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("NATR", "period", period, 1));
  Series out = NanSeries(close.size());
  if (period == 1) {
    // TA-Lib returns the plain true range here, not normalized.
    TrangeKernel(high, low, close, out.data());
  } else {
    internal::AtrKernel(high, low, close, period, nullptr, nullptr, out.data());
  }
  return out;
}
int NATRLookback(int period) { return CheckPeriod("NATR", "period", period, 1).ok() ? period : -1; }

}  // namespace qat::ta
