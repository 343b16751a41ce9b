// Temperature scaling of class probabilities: q_k = p_k^(1/T) / sum_j p_j^(1/T). T > 1 softens
// overconfident probabilities, T < 1 sharpens them, T = 1 leaves them as they are; the
// predicted class never changes. One parameter, so a few hundred rows fit it without
// overfitting; it is fitted on rows the model did not train on (docs/models.md).
//
// Platt scaling of a binary probability (prob_up, the chance of a positive return):
// p' = sigmoid(a * logit(p) + b), two parameters; (a, b) = (1, 0) is the identity.
#pragma once

#include <span>
#include <vector>

namespace qat::models {

// The temperature in [0.05, 20] that minimises the mean log loss of `probabilities` (rows x
// kNumActions, each row positive and summing to 1) against the classes `y`; 1 when there are
// no rows. Probabilities are clamped to >= 1e-15 before their logarithm, as in the log loss.
double FitTemperature(std::span<const float> probabilities, std::span<const float> y);

// `probabilities` (rows x kNumActions) scaled by `temperature` (> 0).
std::vector<float> ApplyTemperature(std::span<const float> probabilities, double temperature);

// p' = sigmoid(a * logit(clamp(p, 1e-6, 1 - 1e-6)) + b).
struct PlattScaling {
  double a = 1, b = 0;
};

// The ridge of FitPlatt: small enough to leave a fit on a few hundred rows where it is, large
// enough to keep (a, b) finite when the rows separate perfectly.
inline constexpr double kPlattRidge = 1e-3;

// The (a, b) that minimise the mean log loss of the scaled `p` against the outcomes `y`
// (1 = the event happened, 0 = not; one per p) plus ridge / 2 * ((a - 1)^2 + b^2), which
// pulls toward the identity: Newton's method with step halving, at most 100 steps, from
// (1, 0). Rows whose p is NaN are left out; p outside [1e-6, 1 - 1e-6] is clamped into it;
// of spans of unequal length only the first min(p.size(), y.size()) rows count. The identity
// (1, 0) when no row is left or the rows hold one outcome only (nothing to fit).
// `ridge` > 0 (a smaller one is taken as 1e-12: it keeps the Newton system solvable when all
// p are equal). Deterministic: the same rows give the same bits.
PlattScaling FitPlatt(std::span<const double> p, std::span<const float> y, double ridge = kPlattRidge);

// p scaled by `s` (the formula above): in [0, 1]; NaN for a NaN p. The identity (1, 0) gives
// p back, clamped to [1e-6, 1 - 1e-6].
double ApplyPlatt(const PlattScaling& s, double p);
std::vector<double> ApplyPlatt(const PlattScaling& s, std::span<const double> p);

}  // namespace qat::models
