// Temperature scaling of class probabilities: q_k = p_k^(1/T) / sum_j p_j^(1/T). T > 1 softens
// overconfident probabilities, T < 1 sharpens them, T = 1 leaves them as they are; the
// predicted class never changes. One parameter, so a few hundred rows fit it without
// overfitting; it is fitted on rows the model did not train on (docs/models.md).
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

}  // namespace qat::models
