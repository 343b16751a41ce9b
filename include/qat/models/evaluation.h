// Out-of-sample classification measures, each reported beside the majority-class baseline.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "qat/labels/labels.h"

namespace qat::models {

struct ClassificationReport {
  std::size_t n = 0;
  double accuracy = 0;
  double balanced_accuracy = 0;        // mean recall over the classes present
  double log_loss = 0;
  double directional_accuracy = 0;     // on rows predicted BUY or SELL: sign of return right
  std::size_t directional_n = 0;
  int majority_class = 0;              // of the training labels
  double baseline_accuracy = 0;        // always predicting majority_class
  // confusion[actual][predicted]
  std::array<std::array<std::size_t, labels::kNumActions>, labels::kNumActions> confusion{};
};

// `probabilities` is rows x kNumActions; `y` the true classes; `forward_return` the realized
// returns; `majority_class` the most common class in the training data.
ClassificationReport EvaluateClassifier(std::span<const float> probabilities, std::span<const float> y,
                                        std::span<const double> forward_return, int majority_class);

// The pooled report over several test folds, whose rows are concatenated in `probabilities`,
// `y` and `forward_return` in fold order. Its baseline predicts each fold's own training
// majority class (`folds[k].baseline_accuracy` weighted by `folds[k].n`); `majority_class`
// is the first fold's, for the record only.
ClassificationReport EvaluatePooled(std::span<const float> probabilities, std::span<const float> y,
                                    std::span<const double> forward_return,
                                    std::span<const ClassificationReport> folds);

// The most common class in `y`.
int MajorityClass(std::span<const float> y);

}  // namespace qat::models
