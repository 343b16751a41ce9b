#include "ta/indicators/common.h"

#include <algorithm>
#include <cmath>

#include "ta/indicators/simd.h"

namespace qat::ta {

std::string_view MaTypeName(MaType type) {
  switch (type) {
    case MaType::kSma: return "SMA";
    case MaType::kEma: return "EMA";
    case MaType::kWma: return "WMA";
    case MaType::kDema: return "DEMA";
    case MaType::kTema: return "TEMA";
    case MaType::kTrima: return "TRIMA";
    case MaType::kKama: return "KAMA";
    case MaType::kMama: return "MAMA";
    case MaType::kT3: return "T3";
  }
  return "?";
}

namespace internal {

Status CheckPeriod(std::string_view fn, std::string_view param, int value, int min) {
  if (value < min || value > kMaxPeriod) {
    return Fail("{}: {} must be in [{}, {}], got {}", fn, param, min, kMaxPeriod, value);
  }
  return Ok();
}

Status CheckReal(std::string_view fn, std::string_view param, double value) {
  if (!std::isfinite(value) || value < -3e37 || value > 3e37) {
    return Fail("{}: {} must be a finite number within +-3e37, got {}", fn, param, value);
  }
  return Ok();
}

Status CheckMaType(std::string_view fn, std::string_view param, MaType type) {
  switch (type) {
    case MaType::kSma:
    case MaType::kEma:
    case MaType::kWma:
    case MaType::kDema:
    case MaType::kTema:
      return Ok();
    case MaType::kTrima:
    case MaType::kKama:
    case MaType::kMama:
    case MaType::kT3:
      return Fail("{}: {} {} is not supported (supported: SMA, EMA, WMA, DEMA, TEMA)", fn, param,
                  MaTypeName(type));
  }
  return Fail("{}: {} has an unknown MA type code {}", fn, param, static_cast<int>(type));
}

Status CheckSameLength(std::string_view fn, std::initializer_list<std::span<const double>> columns) {
  std::size_t n = columns.begin()->size();
  for (auto c : columns) {
    if (c.size() != n) {
      return Fail("{}: input columns differ in length ({} and {})", fn, n, c.size());
    }
  }
  return Ok();
}

int MaLookbackUnchecked(int period, MaType type) {
  if (period <= 1) return 0;
  switch (type) {
    case MaType::kSma:
    case MaType::kEma:
    case MaType::kWma:
      return period - 1;
    case MaType::kDema:
      return 2 * (period - 1);
    case MaType::kTema:
      return 3 * (period - 1);
    default:
      return -1;
  }
}

void SmaKernel(std::span<const double> in, int period, double* out) {
  const std::size_t n = in.size();
  const std::size_t lookback = static_cast<std::size_t>(period - 1);
  if (n <= lookback) return;
  double total = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) total += in[i];
  const double divisor = period;
  std::size_t trailing = 0;
  for (std::size_t i = lookback; i < n; ++i) {
    total += in[i];
    const double value = total;
    total -= in[trailing++];
    out[i] = value / divisor;
  }
}

void EmaKernel(std::span<const double> in, int period, double k, double* out) {
  const std::size_t n = in.size();
  const std::size_t lookback = static_cast<std::size_t>(period - 1);
  if (n <= lookback) return;
  double seed = 0.0;
  for (std::size_t i = 0; i <= lookback; ++i) seed += in[i];
  double prev = seed / period;
  out[lookback] = prev;
  for (std::size_t i = lookback + 1; i < n; ++i) {
    prev = ((in[i] - prev) * k) + prev;
    out[i] = prev;
  }
}

void WmaKernel(std::span<const double> in, int period, double* out) {
  const std::size_t n = in.size();
  const std::size_t lookback = static_cast<std::size_t>(period - 1);
  if (n <= lookback) return;
  const double divider = static_cast<double>((period * (period + 1)) >> 1);
  double sum = 0.0;
  double sub = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) {
    const double v = in[i];
    sub += v;
    sum += v * static_cast<double>(i + 1);
  }
  double trailing_value = 0.0;
  std::size_t trailing = 0;
  const double weight = period;
  for (std::size_t i = lookback; i < n; ++i) {
    const double v = in[i];
    sub += v;
    sub -= trailing_value;
    sum += v * weight;
    trailing_value = in[trailing++];
    out[i] = sum / divider;
    sum -= sub;
  }
}

void DemaKernel(std::span<const double> in, int period, double* out) {
  const std::size_t n = in.size();
  const std::size_t lb = static_cast<std::size_t>(period - 1);
  if (n <= 2 * lb) return;
  const double k = EmaK(period);
  double* e1 = Scratch(kScratchEma1, n);
  double* e2 = Scratch(kScratchEma2, n);
  EmaKernel(in, period, k, e1);
  EmaKernel(std::span<const double>(e1, n).subspan(lb), period, k, e2 + lb);
  for (std::size_t i = 2 * lb; i < n; ++i) out[i] = (2.0 * e1[i]) - e2[i];
}

void TemaKernel(std::span<const double> in, int period, double* out) {
  const std::size_t n = in.size();
  const std::size_t lb = static_cast<std::size_t>(period - 1);
  if (n <= 3 * lb) return;
  const double k = EmaK(period);
  double* e1 = Scratch(kScratchEma1, n);
  double* e2 = Scratch(kScratchEma2, n);
  double* e3 = Scratch(kScratchEma3, n);
  EmaKernel(in, period, k, e1);
  EmaKernel(std::span<const double>(e1, n).subspan(lb), period, k, e2 + lb);
  EmaKernel(std::span<const double>(e2, n).subspan(2 * lb), period, k, e3 + 2 * lb);
  for (std::size_t i = 3 * lb; i < n; ++i) out[i] = e3[i] + ((3.0 * e1[i]) - (3.0 * e2[i]));
}

void MaKernel(std::span<const double> in, int period, MaType type, double* out) {
  if (period == 1) {
    std::copy(in.begin(), in.end(), out);
    return;
  }
  switch (type) {
    case MaType::kSma: SmaKernel(in, period, out); return;
    case MaType::kEma: EmaKernel(in, period, EmaK(period), out); return;
    case MaType::kWma: WmaKernel(in, period, out); return;
    case MaType::kDema: DemaKernel(in, period, out); return;
    case MaType::kTema: TemaKernel(in, period, out); return;
    default: return;  // rejected by CheckMaType before any kernel runs
  }
}

double* Scratch(ScratchSlot slot, std::size_t n) {
  thread_local std::vector<double> buffers[kScratchCount];
  std::vector<double>& b = buffers[slot];
  if (b.size() < n) b.resize(n);
  return b.data();
}

namespace {

template <typename Better>
void Rolling(const double* x, std::size_t n, std::size_t w, double* out, Better better) {
  if (w == 0 || n < w) return;
  if (w == 1) {
    std::copy(x, x + n, out);
    return;
  }
  // h[i]: extreme from i to the end of i's block of w bars; g: from the start of the block
  // up to the current bar. The window [i-w+1, i] is h[i-w+1] joined with g at i.
  double* h = Scratch(kScratchRollHelper, n);
  for (std::size_t b = 0; b < n; b += w) {
    const std::size_t e = std::min(n, b + w);
    h[e - 1] = x[e - 1];
    for (std::size_t i = e - 1; i-- > b;) h[i] = better(x[i], h[i + 1]) ? x[i] : h[i + 1];
  }
  double g = x[0];
  for (std::size_t i = 0, pos = 0; i < n; ++i) {
    g = (pos == 0 || better(x[i], g)) ? x[i] : g;
    if (++pos == w) pos = 0;
    if (i + 1 >= w) {
      const double a = h[i + 1 - w];
      out[i] = better(g, a) ? g : a;
    }
  }
}

}  // namespace

void RollingMax(const double* x, std::size_t n, std::size_t w, double* out) {
  Rolling(x, n, w, out, [](double a, double b) { return a > b; });
}
void RollingMin(const double* x, std::size_t n, std::size_t w, double* out) {
  Rolling(x, n, w, out, [](double a, double b) { return a < b; });
}

QAT_VECTOR_KERNEL
void RawStochKKernel(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, int fastk, double* out) {
  // %K depends only on the window's highest high and lowest low (TA-Lib divides by
  // (highest - lowest) / 100, and so do we). The extremes are values of the window, so any
  // exact way of finding them gives TA-Lib's bits (for inputs without NaN).
  const std::size_t n = close.size();
  const std::size_t w = static_cast<std::size_t>(fastk);
  if (n < w) return;
  std::size_t i = w - 1;
  if (w <= kSmallWindow) {
    // Short windows: scan each window directly, four bars per vector.
    const V4d zero = {};
    const V4d scale = Splat4(100.0);
    for (; i + 4 <= n; i += 4) {
      const auto [hi, lo] = WindowHighLow4(high.data() + (i + 1 - w), low.data() + (i + 1 - w), w);
      const V4d diff = (hi - lo) / scale;
      const V4d value = (Load4(close.data() + i) - lo) / diff;
      Store4(out + i, diff != zero ? value : zero);
    }
    for (; i < n; ++i) {
      const auto [hi, lo] = WindowHighLow(high.data() + (i + 1 - w), low.data() + (i + 1 - w), w);
      const double diff = (hi - lo) / 100.0;
      out[i] = diff != 0.0 ? (close[i] - lo) / diff : 0.0;
    }
    return;
  }
  double* hi = Scratch(kScratchRollHi, n);
  double* lo = Scratch(kScratchRollLo, n);
  RollingMax(high.data(), n, w, hi);
  RollingMin(low.data(), n, w, lo);
  for (; i < n; ++i) {
    const double diff = (hi[i] - lo[i]) / 100.0;
    out[i] = diff != 0.0 ? (close[i] - lo[i]) / diff : 0.0;
  }
}

}  // namespace internal
}  // namespace qat::ta
