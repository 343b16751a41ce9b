// The small statistics the confluence combiner is made of: logistic regression with an L2
// penalty (Newton's method), Platt scaling and isotonic regression (pool adjacent violators)
// of a probability. Deterministic: the same rows give the same bits.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"

namespace qat::signals {

// log(p / (1 - p)) with p clamped to [1e-9, 1 - 1e-9]; and its inverse.
double Logit(double p);
double Sigmoid(double x);

// P(y = 1 | x) = sigmoid(intercept + sum_j weights[j] x_j).
struct LogisticModel {
  double intercept = 0;
  std::vector<double> weights;

  double Predict(std::span<const double> x) const;
};

// Fits a LogisticModel to `rows` (n x d, row-major) and labels y in {0, 1}, minimising the
// mean log loss + l2 / (2 n) x |weights|^2 (the intercept is not penalised), by Newton's
// method from zero (at most 50 steps, stopping when no coefficient moves by more than 1e-10).
// Fails on mismatched sizes, a negative l2, non-finite inputs or no rows. One class only is
// allowed: the weights then shrink toward 0 and the intercept runs to the clamp of +-30.
Result<LogisticModel> FitLogistic(std::span<const double> rows, std::size_t d, std::span<const std::uint8_t> y,
                                  double l2);

// A calibration map of probabilities.
//   platt:    p' = sigmoid(a logit(p) + b): models::FitPlatt and models::ApplyPlatt (the one
//             Platt scaling of the project, also prob_up's; a ridge of 1e-3 toward the identity)
//   isotonic: a non-decreasing step function of p, fitted by pool adjacent violators on the
//             rows sorted by p; p' at a p between two fitted points is interpolated linearly,
//             beyond them the end value; every value is kept within [1e-4, 1 - 1e-4]
//   identity: p' = p (no rows to fit)
struct Calibrator {
  std::string kind = "identity";  // "platt", "isotonic", "identity"
  double a = 1, b = 0;            // platt
  std::vector<double> x, y;       // isotonic: ascending x, non-decreasing y

  double Apply(double p) const;
  nlohmann::json ToJson() const;  // {kind, a, b} or {kind, x[], y[]}
  static Result<Calibrator> FromJson(const nlohmann::json& j, std::string_view source);
};

Calibrator FitPlatt(std::span<const double> p, std::span<const std::uint8_t> y);
Calibrator FitIsotonic(std::span<const double> p, std::span<const std::uint8_t> y);
// Isotonic when there are at least `isotonic_min_rows` rows, else Platt (isotonic overfits
// small samples); identity when there are none.
Calibrator FitCalibrator(std::span<const double> p, std::span<const std::uint8_t> y, std::size_t isotonic_min_rows);

}  // namespace qat::signals
