// RSI, TRANGE/ATR/NATR and ADX/+DI/-DI of one period in a single pass (the output table).
//
// Each of these is a Wilder smoothing whose speed is set by the latency of a multiply, an add
// and a divide per bar, not by the amount of work. Run one after another, each waits on its
// own chain; run side by side, the chains overlap, and the independent divisions of a bar go
// through the divider together, up to four per vector instruction (simd.h). Every value is
// computed with the operations and in the order of rsi.cc, volatility.cc and directional.cc
// (the lane form only drops the branches: adding 0.0 to a non-negative sum changes nothing),
// so the outputs are the same bits.
#include <algorithm>
#include <cmath>

#include "ta/indicators/common.h"
#include "ta/indicators/simd.h"

namespace qat::ta::internal {

QAT_VECTOR_KERNEL
void WilderKernel(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, int period, const WilderOutputs& o) {
  const std::size_t n = close.size();
  const std::size_t ps = static_cast<std::size_t>(period);
  for (std::size_t i = 1; i < n; ++i) o.trange[i] = TrueRange(high[i], low[i], close[i - 1]);
  if (n <= ps) return;
  const double* tr = o.trange;
  const double p = period;
  const double p1 = period - 1;
  auto rsi_value = [](double gain, double loss) {
    const double sum = gain + loss;
    return !IsZero(sum) ? 100.0 * (gain / sum) : 0.0;
  };
  auto natr_value = [](double atr, double c) { return !IsZero(c) ? (atr / c) * 100.0 : 0.0; };

  // ---- Warm-up, bars 1 .. 2*period-1: the scalar code of the single-indicator kernels.
  double gain = 0.0, loss = 0.0, atr = 0.0;
  for (std::size_t i = 1; i <= ps; ++i) {
    const double change = close[i] - close[i - 1];
    if (change < 0) {
      loss -= change;
    } else {
      gain += change;
    }
    atr += tr[i];
  }
  loss /= p;
  gain /= p;
  atr = atr / p;
  o.rsi[ps] = rsi_value(gain, loss);
  o.atr[ps] = atr;
  o.natr[ps] = natr_value(atr, close[ps]);

  double plus_dm = 0.0, minus_dm = 0.0, tr_sum = 0.0;
  auto dm = [&](std::size_t i, double& plus, double& minus) {
    const double diff_p = high[i] - high[i - 1];
    const double diff_m = low[i - 1] - low[i];
    // Non-short-circuit & and Pick: which DM a bar has is a coin flip, so no branches.
    const bool has_minus = (diff_m > 0) & (diff_p < diff_m);
    const bool has_plus = !has_minus & (diff_p > 0) & (diff_p > diff_m);
    plus = Pick(has_plus, diff_p, 0.0);
    minus = Pick(has_minus, diff_m, 0.0);
  };
  for (std::size_t i = 1; i < ps; ++i) {
    double plus, minus;
    dm(i, plus, minus);
    plus_dm += plus;
    minus_dm += minus;
    tr_sum += tr[i];
  }
  // DI of bar i from the smoothed sums; true (and dx) where TA-Lib counts a DX.
  auto di = [&](std::size_t i, double plus_di, double minus_di, double& dx) {
    o.plus_di[i] = plus_di;
    o.minus_di[i] = minus_di;
    const double sum = minus_di + plus_di;
    if (IsZero(sum)) return false;
    dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
    return true;
  };
  const std::size_t adx_from = 2 * ps - 1;
  double sum_dx = 0.0;
  for (std::size_t i = ps; i < n && i <= adx_from; ++i) {
    if (i > ps) {
      const double change = close[i] - close[i - 1];
      loss *= p1;
      gain *= p1;
      if (change < 0) {
        loss -= change;
      } else {
        gain += change;
      }
      loss /= p;
      gain /= p;
      o.rsi[i] = rsi_value(gain, loss);
      atr *= p1;
      atr += tr[i];
      atr /= p;
      o.atr[i] = atr;
      o.natr[i] = natr_value(atr, close[i]);
    }
    double plus, minus;
    dm(i, plus, minus);
    minus_dm -= minus_dm / p;
    plus_dm -= plus_dm / p;
    minus_dm += minus;
    plus_dm += plus;
    tr_sum = tr_sum - (tr_sum / p) + tr[i];
    double dx = 0.0;
    if (IsZero(tr_sum)) {
      o.plus_di[i] = 0.0;
      o.minus_di[i] = 0.0;
    } else if (di(i, 100.0 * (plus_dm / tr_sum), 100.0 * (minus_dm / tr_sum), dx)) {
      sum_dx += dx;
    }
  }
  if (n <= adx_from) return;
  double adx = sum_dx / p;
  o.adx[adx_from] = adx;

  // ---- Steady state: lanes w = (gain, loss, atr, -) and d = (+DM, -DM, TR, -), whose
  // updates are (w*(p-1) + x)/p and d - d/p + x; then one division for +DI and -DI.
  const V4d vp = Splat4(p), vp1 = Splat4(p1), hundred = Splat4(100.0);
  V4d w = {gain, loss, atr, 0.0};
  V4d d = {plus_dm, minus_dm, tr_sum, 0.0};
  typedef double V2d __attribute__((vector_size(16)));
  double* loss_at = Scratch(kScratchWilderLoss, n);
  // ADX's own chain (multiply, add, divide) would wait on each bar's long DX computation;
  // it runs kLag bars behind instead, so that DX is ready when the chain gets to it.
  constexpr std::size_t kLag = 3, kRing = 4;
  double dx_ring[kRing] = {};
  bool ok_ring[kRing] = {};
  auto adx_step = [&](std::size_t t) {
    if (ok_ring[t % kRing]) adx = ((adx * p1) + dx_ring[t % kRing]) / p;
    o.adx[t] = adx;
  };
  for (std::size_t i = adx_from + 1; i < n; ++i) {
    const double change = close[i] - close[i - 1];
    const bool down = change < 0;
    const V4d wx = {Pick(down, 0.0, change), Pick(down, -change, 0.0), tr[i], 0.0};
    w = ((w * vp1) + wx) / vp;
    double plus, minus;
    dm(i, plus, minus);
    const V4d dx_in = {plus, minus, tr[i], 0.0};
    d = (d - (d / vp)) + dx_in;
    // RSI and NATR feed nothing here: keep gain, loss and ATR, divide after the loop.
    o.rsi[i] = w[0];
    loss_at[i] = w[1];
    o.atr[i] = w[2];
    const V2d q = V2d{d[0], d[1]} / V2d{d[2], d[2]};
    double dx = 0.0;
    bool ok = false;
    if (IsZero(d[2])) {
      o.plus_di[i] = 0.0;
      o.minus_di[i] = 0.0;
    } else {
      ok = di(i, 100.0 * q[0], 100.0 * q[1], dx);
    }
    dx_ring[i % kRing] = dx;
    ok_ring[i % kRing] = ok;
    if (i >= adx_from + 1 + kLag) adx_step(i - kLag);
  }
  for (std::size_t t = std::max(adx_from + 1, n > kLag ? n - kLag : 0); t < n; ++t) adx_step(t);
  // RSI = 100 * gain / (gain + loss) and NATR = ATR / close * 100, four bars per vector.
  const V4d eps = Splat4(kEpsilon), neg_eps = Splat4(-kEpsilon), zero = {};
  std::size_t i = adx_from + 1;
  for (; i + 4 <= n; i += 4) {
    const V4d g = Load4(o.rsi + i);
    const V4d sum = g + Load4(loss_at + i);
    const V4d rsi = hundred * (g / sum);
    Store4(o.rsi + i, (neg_eps < sum) & (sum < eps) ? zero : rsi);
    const V4d c = Load4(close.data() + i);
    const V4d natr = (Load4(o.atr + i) / c) * hundred;
    Store4(o.natr + i, (neg_eps < c) & (c < eps) ? zero : natr);
  }
  for (; i < n; ++i) {
    o.rsi[i] = rsi_value(o.rsi[i], loss_at[i]);
    o.natr[i] = natr_value(o.atr[i], close[i]);
  }
}

}  // namespace qat::ta::internal
