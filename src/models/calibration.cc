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

namespace {

constexpr double kPlattClamp = 1e-6;

double Logit(double p) {
  p = std::clamp(p, kPlattClamp, 1 - kPlattClamp);
  return std::log(p / (1 - p));
}

// sigmoid(z) and log(sigmoid(z)), log(1 - sigmoid(z)) without overflow.
double Sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }
double LogSigmoid(double z) { return z >= 0 ? -std::log1p(std::exp(-z)) : z - std::log1p(std::exp(z)); }

// The penalised objective of FitPlatt at (a, b).
double PlattObjective(std::span<const double> x, std::span<const float> y, double a, double b, double ridge) {
  double total = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double z = a * x[i] + b;
    total -= y[i] > 0.5f ? LogSigmoid(z) : LogSigmoid(-z);
  }
  return total / static_cast<double>(x.size()) + ridge / 2 * ((a - 1) * (a - 1) + b * b);
}

}  // namespace

PlattScaling FitPlatt(std::span<const double> p, std::span<const float> y, double ridge) {
  const std::size_t rows = std::min(p.size(), y.size());
  std::vector<double> x;
  std::vector<float> outcome;
  std::size_t positives = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    if (std::isnan(p[i])) continue;
    x.push_back(Logit(p[i]));
    outcome.push_back(y[i] > 0.5f ? 1.0f : 0.0f);
    positives += y[i] > 0.5f;
  }
  if (positives == 0 || positives == x.size()) return {};
  ridge = std::max(ridge, 1e-12);
  const double n = static_cast<double>(x.size());
  PlattScaling s;
  double f = PlattObjective(x, outcome, s.a, s.b, ridge);
  for (int step = 0; step < 100; ++step) {
    // Gradient and Hessian of the mean log loss in (a, b), plus the ridge's.
    double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double q = Sigmoid(s.a * x[i] + s.b), r = q - outcome[i], w = q * (1 - q);
      ga += r * x[i], gb += r;
      haa += w * x[i] * x[i], hab += w * x[i], hbb += w;
    }
    ga = ga / n + ridge * (s.a - 1), gb = gb / n + ridge * s.b;
    haa = haa / n + ridge, hab /= n, hbb = hbb / n + ridge;
    const double det = haa * hbb - hab * hab;  // > 0: the ridge makes the Hessian positive definite
    const double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    // Halve the Newton step until the objective does not rise.
    double t = 1;
    PlattScaling next{s.a - da, s.b - db};
    double fn = PlattObjective(x, outcome, next.a, next.b, ridge);
    while (fn > f && t > 1e-10) {
      t /= 2;
      next = {s.a - t * da, s.b - t * db};
      fn = PlattObjective(x, outcome, next.a, next.b, ridge);
    }
    if (fn > f) break;
    const double moved = std::fabs(next.a - s.a) + std::fabs(next.b - s.b);
    s = next, f = fn;
    if (moved < 1e-12) break;
  }
  return s;
}

double ApplyPlatt(const PlattScaling& s, double p) {
  if (std::isnan(p)) return p;
  return Sigmoid(s.a * Logit(p) + s.b);
}

std::vector<double> ApplyPlatt(const PlattScaling& s, std::span<const double> p) {
  std::vector<double> out(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) out[i] = ApplyPlatt(s, p[i]);
  return out;
}

}  // namespace qat::models
