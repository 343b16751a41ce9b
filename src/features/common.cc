#include "features/common.h"

namespace qat::features {

std::vector<double> PctChange(std::span<const double> x, int k) {
  std::vector<double> out(x.size(), kNaN);
  for (std::size_t t = static_cast<std::size_t>(k); t < x.size(); ++t) out[t] = x[t] / x[t - k] - 1.0;
  return out;
}

std::vector<double> LogReturns(std::span<const double> x) {
  std::vector<double> out(x.size(), kNaN);
  for (std::size_t t = 1; t < x.size(); ++t) out[t] = std::log(x[t] / x[t - 1]);
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
