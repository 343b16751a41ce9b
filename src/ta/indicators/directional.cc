// Wilder's directional movement: PLUS_DI, MINUS_DI, ADX, ADXR.
//
// Per bar: +DM = high - prev high, -DM = prev low - low; only the larger one counts, and
// only when positive (+DM needs +DM > -DM, -DM needs -DM > +DM). DM and TR are summed over
// the first period-1 bars, then smoothed as x = x - x/period + today; DI = 100*DM/TR.
// ADX averages DX = 100*|+DI - -DI|/(+DI + -DI) over its first `period` values, then
// smooths it the same way.
#include <cmath>

#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::IsZero;
using internal::NanSeries;
using internal::TrueRange;

namespace {

enum class Side { kPlus, kMinus };

// Which DM (if any) bar i contributes, with TA-Lib's comparisons.
struct DmStep {
  double plus = 0.0, minus = 0.0;
  bool has_plus = false, has_minus = false;
};
inline DmStep Dm(double diff_p, double diff_m) {
  DmStep s;
  if (diff_m > 0 && diff_p < diff_m) {
    s.minus = diff_m;
    s.has_minus = true;
  } else if (diff_p > 0 && diff_p > diff_m) {
    s.plus = diff_p;
    s.has_plus = true;
  }
  return s;
}

Result<Series> DiImpl(std::string_view fn, Side side, std::span<const double> high,
                      std::span<const double> low, std::span<const double> close, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength(fn, {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod(fn, "period", period, 1));
  const std::size_t n = close.size();
  Series out = NanSeries(n);
  const bool plus = side == Side::kPlus;
  if (period == 1) {
    // Raw ratio DM/TR of each bar (no smoothing, not in percent).
    for (std::size_t i = 1; i < n; ++i) {
      const double diff_p = high[i] - high[i - 1];
      const double diff_m = low[i - 1] - low[i];
      const bool fires = plus ? (diff_p > 0 && diff_p > diff_m) : (diff_m > 0 && diff_p < diff_m);
      if (fires) {
        const double tr = TrueRange(high[i], low[i], close[i - 1]);
        out[i] = IsZero(tr) ? 0.0 : (plus ? diff_p : diff_m) / tr;
      } else {
        out[i] = 0.0;
      }
    }
    return out;
  }
  internal::DmiKernel(high, low, close, period, nullptr, plus ? out.data() : nullptr,
                      plus ? nullptr : out.data());
  return out;
}

}  // namespace

namespace internal {

// TA_ADX over the whole series; period >= 2. Also yields TA_PLUS_DI / TA_MINUS_DI, whose
// smoothed DM and TR are the same numbers as ADX's (same start, same operations), so one
// pass fills any of the three outputs that is not null.
void DmiKernel(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, int period, double* adx_out, double* plus_out,
               double* minus_out) {
  const std::size_t n = close.size();
  const std::size_t p_sz = static_cast<std::size_t>(period);
  if (n <= p_sz) return;
  const std::size_t lookback = static_cast<std::size_t>(2 * period - 1);
  const double p = period;
  const double p1 = period - 1;
  double plus_dm = 0.0, minus_dm = 0.0, tr = 0.0;
  std::size_t i = 1;
  for (; i < p_sz; ++i) {
    const DmStep s = Dm(high[i] - high[i - 1], low[i - 1] - low[i]);
    if (s.has_minus) {
      minus_dm += s.minus;
    } else if (s.has_plus) {
      plus_dm += s.plus;
    }
    tr += TrueRange(high[i], low[i], close[i - 1]);
  }
  // One smoothing step at bar t; false where TA-Lib skips the DX (zero TR or zero DI sum).
  auto step = [&](std::size_t t, double& dx) {
    const DmStep s = Dm(high[t] - high[t - 1], low[t - 1] - low[t]);
    minus_dm -= minus_dm / p;
    plus_dm -= plus_dm / p;
    if (s.has_minus) {
      minus_dm += s.minus;
    } else if (s.has_plus) {
      plus_dm += s.plus;
    }
    tr = tr - (tr / p) + TrueRange(high[t], low[t], close[t - 1]);
    if (IsZero(tr)) {
      if (plus_out) plus_out[t] = 0.0;
      if (minus_out) minus_out[t] = 0.0;
      return false;
    }
    const double minus_di = 100.0 * (minus_dm / tr);
    const double plus_di = 100.0 * (plus_dm / tr);
    if (plus_out) plus_out[t] = plus_di;
    if (minus_out) minus_out[t] = minus_di;
    const double sum = minus_di + plus_di;
    if (IsZero(sum)) return false;
    dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
    return true;
  };
  double dx = 0.0;
  double sum_dx = 0.0;
  for (int k = 0; k < period && i < n; ++k, ++i) {
    if (step(i, dx)) sum_dx += dx;
  }
  if (n <= lookback) return;
  double adx = sum_dx / p;
  if (adx_out) adx_out[lookback] = adx;
  for (; i < n; ++i) {
    if (step(i, dx)) adx = ((adx * p1) + dx) / p;
    if (adx_out) adx_out[i] = adx;
  }
}

}  // namespace internal

Result<Series> PLUS_DI(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, int period) {
  return DiImpl("PLUS_DI", Side::kPlus, high, low, close, period);
}
int PLUS_DILookback(int period) {
  if (!CheckPeriod("PLUS_DI", "period", period, 1).ok()) return -1;
  return period > 1 ? period : 1;
}

Result<Series> MINUS_DI(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, int period) {
  return DiImpl("MINUS_DI", Side::kMinus, high, low, close, period);
}
int MINUS_DILookback(int period) {
  if (!CheckPeriod("MINUS_DI", "period", period, 1).ok()) return -1;
  return period > 1 ? period : 1;
}

Result<Series> ADX(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("ADX", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("ADX", "period", period, 2));
  Series out = NanSeries(close.size());
  internal::DmiKernel(high, low, close, period, out.data(), nullptr, nullptr);
  return out;
}
int ADXLookback(int period) { return CheckPeriod("ADX", "period", period, 2).ok() ? 2 * period - 1 : -1; }

Result<Series> ADXR(std::span<const double> high, std::span<const double> low,
                    std::span<const double> close, int period) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("ADXR", {high, low, close}));
  QAT_RETURN_IF_ERROR(CheckPeriod("ADXR", "period", period, 2));
  const std::size_t n = close.size();
  Series out = NanSeries(n);
  const std::size_t lookback = static_cast<std::size_t>(3 * period - 2);
  if (n <= lookback) return out;
  Series adx = NanSeries(n);
  internal::DmiKernel(high, low, close, period, adx.data(), nullptr, nullptr);
  const std::size_t lag = static_cast<std::size_t>(period - 1);
  for (std::size_t i = lookback; i < n; ++i) out[i] = (adx[i] + adx[i - lag]) / 2.0;
  return out;
}
int ADXRLookback(int period) { return CheckPeriod("ADXR", "period", period, 2).ok() ? 3 * period - 2 : -1; }

}  // namespace qat::ta
