#include "features/column_math.h"

#include <algorithm>

namespace qat::features {

std::vector<double> PctChange(std::span<const double> x, int k) {
  std::vector<double> out(x.size(), kNaN);
  for (std::size_t t = static_cast<std::size_t>(k); t < x.size(); ++t) out[t] = x[t] / x[t - k] - 1.0;
  return out;
}

std::vector<double> RollingStd(std::span<const double> x, int window) {
  std::vector<double> out(x.size(), kNaN);
  const std::size_t w = static_cast<std::size_t>(window);
  for (std::size_t t = w; t <= x.size(); ++t) {
    double sum = 0;
    for (std::size_t i = t - w; i < t; ++i) sum += x[i];
    double mean = sum / static_cast<double>(w), ss = 0;
    for (std::size_t i = t - w; i < t; ++i) ss += (x[i] - mean) * (x[i] - mean);
    out[t - 1] = std::sqrt(ss / static_cast<double>(w - 1));  // NaN propagates
  }
  return out;
}

std::vector<double> Ratio(std::span<const double> a, std::span<const double> b) {
  std::vector<double> out(a.size(), kNaN);
  for (std::size_t t = 0; t < a.size(); ++t) {
    if (b[t] != 0 && !std::isnan(a[t]) && !std::isnan(b[t])) out[t] = a[t] / b[t];
  }
  return out;
}

std::vector<double> RatioMinusOne(std::span<const double> a, std::span<const double> b) {
  std::vector<double> out = Ratio(a, b);
  for (double& v : out) v -= 1.0;
  return out;
}

}  // namespace qat::features

namespace qat::features {
namespace {

// f over each window [t+1-w, t] whose values are all defined; NaN elsewhere.
template <typename F>
std::vector<double> Rolling(std::size_t n, int window, F f) {
  std::vector<double> out(n, kNaN);
  const std::size_t w = static_cast<std::size_t>(window);
  for (std::size_t t = w == 0 ? n : w - 1; t < n; ++t) out[t] = f(t + 1 - w, t + 1);
  return out;
}

struct Moments {
  double mean_a = 0, mean_b = 0, cov = 0, var_a = 0, var_b = 0;
  bool defined = false;
};

Moments PairMoments(std::span<const double> a, std::span<const double> b, std::size_t lo, std::size_t hi) {
  Moments m;
  for (std::size_t i = lo; i < hi; ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) return m;
    m.mean_a += a[i];
    m.mean_b += b[i];
  }
  const double w = static_cast<double>(hi - lo);
  m.mean_a /= w;
  m.mean_b /= w;
  for (std::size_t i = lo; i < hi; ++i) {
    const double da = a[i] - m.mean_a, db = b[i] - m.mean_b;
    m.cov += da * db;
    m.var_a += da * da;
    m.var_b += db * db;
  }
  m.defined = true;
  return m;
}

}  // namespace

std::vector<double> Diff(std::span<const double> x, int k) {
  std::vector<double> out(x.size(), kNaN);
  for (std::size_t t = static_cast<std::size_t>(k); t < x.size(); ++t) out[t] = x[t] - x[t - k];
  return out;
}

std::vector<double> RollingMax(std::span<const double> x, int window) {
  return Rolling(x.size(), window, [&](std::size_t lo, std::size_t hi) {
    double best = x[lo];
    for (std::size_t i = lo; i < hi; ++i) {
      if (std::isnan(x[i])) return kNaN;
      best = std::max(best, x[i]);
    }
    return best;
  });
}

std::vector<double> RollingMin(std::span<const double> x, int window) {
  return Rolling(x.size(), window, [&](std::size_t lo, std::size_t hi) {
    double best = x[lo];
    for (std::size_t i = lo; i < hi; ++i) {
      if (std::isnan(x[i])) return kNaN;
      best = std::min(best, x[i]);
    }
    return best;
  });
}

std::vector<double> RollingSum(std::span<const double> x, int window) {
  return Rolling(x.size(), window, [&](std::size_t lo, std::size_t hi) {
    double sum = 0;
    for (std::size_t i = lo; i < hi; ++i) sum += x[i];  // NaN propagates
    return sum;
  });
}

std::vector<double> RollingCorrelation(std::span<const double> a, std::span<const double> b, int window) {
  return Rolling(a.size(), window, [&](std::size_t lo, std::size_t hi) {
    Moments m = PairMoments(a, b, lo, hi);
    if (!m.defined || m.var_a == 0 || m.var_b == 0) return kNaN;
    return m.cov / std::sqrt(m.var_a * m.var_b);
  });
}

std::vector<double> RollingBeta(std::span<const double> a, std::span<const double> b, int window) {
  return Rolling(a.size(), window, [&](std::size_t lo, std::size_t hi) {
    Moments m = PairMoments(a, b, lo, hi);
    if (!m.defined || m.var_b == 0) return kNaN;
    return m.cov / m.var_b;
  });
}

std::vector<double> Minus(std::span<const double> a, std::span<const double> b) {
  std::vector<double> out(a.size(), kNaN);
  for (std::size_t t = 0; t < a.size(); ++t) out[t] = a[t] - b[t];
  return out;
}

std::vector<double> Product(std::span<const double> a, std::span<const double> b) {
  std::vector<double> out(a.size(), kNaN);
  for (std::size_t t = 0; t < a.size(); ++t) out[t] = a[t] * b[t];
  return out;
}

}  // namespace qat::features
