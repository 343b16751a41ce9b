#include "qat/models/calibration.h"

#include <algorithm>
#include <cmath>

#include "qat/labels/labels.h"

namespace qat::models {
namespace {

constexpr std::size_t kK = labels::kNumActions;

double LogP(float p) { return std::log(std::max(static_cast<double>(p), 1e-15)); }

// Mean log loss of the rows scaled by inverse temperature `beta` (convex in beta), from the
// clamped logarithms of their probabilities.
double MeanLogLoss(std::span<const double> log_p, std::span<const float> y, double beta) {
  double total = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    double logits[kK], top = -1e300;
    for (std::size_t k = 0; k < kK; ++k) top = std::max(top, logits[k] = beta * log_p[i * kK + k]);
    double sum = 0;
    for (double l : logits) sum += std::exp(l - top);
    total -= logits[static_cast<std::size_t>(y[i])] - top - std::log(sum);
  }
  return total / static_cast<double>(y.size());
}

}  // namespace

double FitTemperature(std::span<const float> p, std::span<const float> y) {
  if (y.empty()) return 1.0;
  // The logarithms once: the search evaluates the loss 82 times.
  std::vector<double> log_p(y.size() * kK);
  for (std::size_t i = 0; i < log_p.size(); ++i) log_p[i] = LogP(p[i]);
  // Golden-section search over beta = 1 / T in [1/20, 1/0.05]: the loss is convex in beta.
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  double lo = 0.05, hi = 20.0;
  double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
  double fa = MeanLogLoss(log_p, y, a), fb = MeanLogLoss(log_p, y, b);
  for (int i = 0; i < 80; ++i) {
    if (fa <= fb) {
      hi = b, b = a, fb = fa;
      a = hi - ratio * (hi - lo), fa = MeanLogLoss(log_p, y, a);
    } else {
      lo = a, a = b, fa = fb;
      b = lo + ratio * (hi - lo), fb = MeanLogLoss(log_p, y, b);
    }
  }
  return 1.0 / ((lo + hi) / 2);
}

std::vector<float> ApplyTemperature(std::span<const float> p, double temperature) {
  const double beta = 1.0 / temperature;
  std::vector<float> out(p.size());
  for (std::size_t i = 0; i + kK <= p.size(); i += kK) {
    double logits[kK], top = -1e300, sum = 0;
    for (std::size_t k = 0; k < kK; ++k) top = std::max(top, logits[k] = beta * LogP(p[i + k]));
    for (double& l : logits) sum += (l = std::exp(l - top));
    for (std::size_t k = 0; k < kK; ++k) out[i + k] = static_cast<float>(logits[k] / sum);
  }
  return out;
}

}  // namespace qat::models
