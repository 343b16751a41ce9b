#include "qat/signals/logistic.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "qat/core/strings.h"
#include "qat/models/calibration.h"

namespace qat::signals {
namespace {

constexpr double kClamp = 1e-9;
constexpr double kInterceptLimit = 30;

// Solves A x = b for a symmetric positive definite A (d x d) by Cholesky; false if A is not.
bool SolveSpd(std::vector<double> a, std::vector<double> b, std::size_t d, std::vector<double>& x) {
  for (std::size_t j = 0; j < d; ++j) {
    double diag = a[j * d + j];
    for (std::size_t k = 0; k < j; ++k) diag -= a[j * d + k] * a[j * d + k];
    if (!(diag > 0)) return false;
    const double l = std::sqrt(diag);
    a[j * d + j] = l;
    for (std::size_t i = j + 1; i < d; ++i) {
      double v = a[i * d + j];
      for (std::size_t k = 0; k < j; ++k) v -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = v / l;
    }
  }
  for (std::size_t i = 0; i < d; ++i) {  // L z = b
    for (std::size_t k = 0; k < i; ++k) b[i] -= a[i * d + k] * b[k];
    b[i] /= a[i * d + i];
  }
  for (std::size_t i = d; i-- > 0;) {  // L^T x = z
    for (std::size_t k = i + 1; k < d; ++k) b[i] -= a[k * d + i] * b[k];
    b[i] /= a[i * d + i];
  }
  x = std::move(b);
  return true;
}

constexpr double kCalibratedFloor = 1e-4;

}  // namespace

double Logit(double p) {
  p = std::clamp(p, kClamp, 1 - kClamp);
  return std::log(p / (1 - p));
}

double Sigmoid(double x) {
  if (x >= 0) return 1 / (1 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1 + e);
}

double LogisticModel::Predict(std::span<const double> x) const {
  double z = intercept;
  for (std::size_t j = 0; j < weights.size() && j < x.size(); ++j) z += weights[j] * x[j];
  return Sigmoid(z);
}

Result<LogisticModel> FitLogistic(std::span<const double> rows, std::size_t d, std::span<const std::uint8_t> y,
                                  double l2) {
  const std::size_t n = y.size();
  if (n == 0) return Fail("logistic regression: no rows");
  if (rows.size() != n * d) return Fail("logistic regression: {} values for {} rows of {}", rows.size(), n, d);
  if (!(l2 >= 0) || !std::isfinite(l2)) return Fail("logistic regression: l2 must be >= 0 (got {})", l2);
  for (double v : rows) {
    if (!std::isfinite(v)) return Fail("logistic regression: a non-finite input");
  }
  const std::size_t p = d + 1;  // intercept first
  std::vector<double> beta(p, 0.0);
  for (int step = 0; step < 50; ++step) {
    std::vector<double> grad(p, 0.0), hess(p * p, 0.0);
    std::vector<double> xi(p);
    for (std::size_t i = 0; i < n; ++i) {
      xi[0] = 1;
      for (std::size_t j = 0; j < d; ++j) xi[j + 1] = rows[i * d + j];
      double z = 0;
      for (std::size_t j = 0; j < p; ++j) z += beta[j] * xi[j];
      const double mu = Sigmoid(z);
      const double w = std::max(mu * (1 - mu), 1e-12);
      const double r = mu - (y[i] != 0 ? 1.0 : 0.0);
      for (std::size_t j = 0; j < p; ++j) {
        grad[j] += r * xi[j];
        const double wx = w * xi[j];
        for (std::size_t k = 0; k <= j; ++k) hess[j * p + k] += wx * xi[k];
      }
    }
    for (std::size_t j = 0; j < p; ++j) {
      for (std::size_t k = 0; k < j; ++k) hess[k * p + j] = hess[j * p + k];
    }
    // The weights' penalty; the intercept has none (one class only: its curvature stays
    // positive through the weight floor above, and the clamp below bounds it).
    for (std::size_t j = 1; j < p; ++j) {
      grad[j] += l2 * beta[j];
      hess[j * p + j] += l2;
    }
    std::vector<double> delta;
    if (!SolveSpd(hess, grad, p, delta)) return Fail("logistic regression: singular system (add l2)");
    double moved = 0;
    for (std::size_t j = 0; j < p; ++j) {
      beta[j] -= delta[j];
      moved = std::max(moved, std::abs(delta[j]));
    }
    beta[0] = std::clamp(beta[0], -kInterceptLimit, kInterceptLimit);
    if (moved <= 1e-10) break;
  }
  LogisticModel m;
  m.intercept = beta[0];
  m.weights.assign(beta.begin() + 1, beta.end());
  return m;
}

double Calibrator::Apply(double p) const {
  if (kind == "platt") return models::ApplyPlatt({a, b}, p);
  if (kind == "isotonic" && !x.empty()) {
    double v;
    if (p <= x.front()) {
      v = y.front();
    } else if (p >= x.back()) {
      v = y.back();
    } else {
      const auto hi = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), p) - x.begin());
      const std::size_t lo = hi - 1;
      const double f = x[hi] > x[lo] ? (p - x[lo]) / (x[hi] - x[lo]) : 0;
      v = y[lo] + f * (y[hi] - y[lo]);
    }
    return std::clamp(v, kCalibratedFloor, 1 - kCalibratedFloor);
  }
  return p;
}

nlohmann::json Calibrator::ToJson() const {
  if (kind == "isotonic") return {{"kind", kind}, {"x", x}, {"y", y}};
  return {{"kind", kind}, {"a", a}, {"b", b}};
}

Result<Calibrator> Calibrator::FromJson(const nlohmann::json& j, std::string_view source) {
  Calibrator c;
  try {
    c.kind = j.at("kind").get<std::string>();
    if (c.kind == "isotonic") {
      c.x = j.at("x").get<std::vector<double>>();
      c.y = j.at("y").get<std::vector<double>>();
      if (c.x.size() != c.y.size() || c.x.empty() || !std::is_sorted(c.x.begin(), c.x.end()) ||
          !std::is_sorted(c.y.begin(), c.y.end())) {
        return Fail(ErrorCode::kCorrupt, "{}: isotonic calibrator: x and y must be non-empty, equally long and ascending",
                    source);
      }
    } else if (c.kind == "platt" || c.kind == "identity") {
      c.a = j.at("a").get<double>();
      c.b = j.at("b").get<double>();
    } else {
      return Fail(ErrorCode::kCorrupt, "{}: unknown calibrator kind {}", source, Excerpt(c.kind));
    }
  } catch (const nlohmann::json::exception& e) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed calibrator: {}", source, e.what());
  }
  return c;
}

Calibrator FitPlatt(std::span<const double> p, std::span<const std::uint8_t> y) {
  Calibrator c;
  if (p.empty() || p.size() != y.size()) return c;
  const std::vector<float> outcome(y.begin(), y.end());
  const models::PlattScaling s = models::FitPlatt(p, outcome);
  c.kind = "platt";
  c.a = s.a;
  c.b = s.b;
  return c;
}

Calibrator FitIsotonic(std::span<const double> p, std::span<const std::uint8_t> y) {
  Calibrator c;
  if (p.empty() || p.size() != y.size()) return c;
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  // Blocks of equal x first (ties share one value), then pool adjacent violators.
  struct Block {
    double x_sum, y_sum, weight;
  };
  std::vector<Block> blocks;
  for (std::size_t k = 0; k < order.size();) {
    std::size_t e = k;
    Block b{0, 0, 0};
    while (e < order.size() && p[order[e]] == p[order[k]]) {
      b.x_sum += p[order[e]];
      b.y_sum += y[order[e]] != 0 ? 1.0 : 0.0;
      b.weight += 1;
      ++e;
    }
    blocks.push_back(b);
    while (blocks.size() >= 2) {
      const Block& last = blocks.back();
      const Block& prev = blocks[blocks.size() - 2];
      if (prev.y_sum / prev.weight <= last.y_sum / last.weight) break;
      Block merged{prev.x_sum + last.x_sum, prev.y_sum + last.y_sum, prev.weight + last.weight};
      blocks.pop_back();
      blocks.back() = merged;
    }
    k = e;
  }
  c.kind = "isotonic";
  for (const Block& b : blocks) {
    c.x.push_back(b.x_sum / b.weight);
    c.y.push_back(std::clamp(b.y_sum / b.weight, kCalibratedFloor, 1 - kCalibratedFloor));
  }
  return c;
}

Calibrator FitCalibrator(std::span<const double> p, std::span<const std::uint8_t> y, std::size_t isotonic_min_rows) {
  if (p.empty()) return {};
  return p.size() >= isotonic_min_rows ? FitIsotonic(p, y) : FitPlatt(p, y);
}

}  // namespace qat::signals
