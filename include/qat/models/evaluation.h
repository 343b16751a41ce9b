// Out-of-sample measures, each reported beside its baseline: the classifier beside the
// majority class, the quantiles beside the training window's unconditional quantiles.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "qat/labels/labels.h"
#include "qat/models/quantile.h"

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

// Quantile measures of one set of test rows, for the model and for the unconditional
// quantiles of the training window.
struct QuantileReport {
  std::size_t n = 0;
  std::array<double, kNumQuantiles> coverage{}, pinball{}, baseline_coverage{}, baseline_pinball{};
  double interval_coverage_80 = 0, baseline_interval_coverage_80 = 0;
};
// `q` and `baseline` are rows x kNumQuantiles.
QuantileReport EvaluateQuantiles(std::span<const double> y, std::span<const double> q,
                                 std::span<const double> baseline);

}  // namespace qat::models
