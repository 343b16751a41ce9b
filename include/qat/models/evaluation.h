// Out-of-sample measures, each reported beside its baseline: the classifier beside the
// majority class, the quantiles beside the training window's unconditional quantiles.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include <nlohmann/json.hpp>

#include "qat/labels/labels.h"
#include "qat/models/quantile.h"

namespace qat::models {

struct ClassificationReport {
  std::size_t n = 0;
  double accuracy = 0;
  double balanced_accuracy = 0;        // mean recall over the classes present
  double log_loss = 0;                 // mean -log p(actual class)
  double brier = 0;                    // mean over rows of sum_k (p_k - [actual = k])^2
  double directional_accuracy = 0;     // on rows predicted BUY or SELL: sign of return right
  std::size_t directional_n = 0;
  int majority_class = 0;              // of the training labels
  double baseline_accuracy = 0;        // always predicting majority_class
  // The class-prior baseline: every row given the training labels' class frequencies.
  double baseline_log_loss = 0, baseline_brier = 0;
  // confusion[actual][predicted]
  std::array<std::array<std::size_t, labels::kNumActions>, labels::kNumActions> confusion{};
};

// The class frequencies of training labels: the baseline a classifier's probabilities must
// beat (log loss, Brier) and, by its most common class, its accuracy.
struct ClassPrior {
  std::array<double, labels::kNumActions> p{};
  int majority = 0;  // the most common class (the first of equals)
};
ClassPrior ClassPriorOf(std::span<const float> y);

// `probabilities` is rows x kNumActions; `y` the true classes; `forward_return` the realized
// returns; `prior` of the training labels. Probabilities are clamped to [1e-15, 1] in the log
// loss, the model's and the prior's alike.
ClassificationReport EvaluateClassifier(std::span<const float> probabilities, std::span<const float> y,
                                        std::span<const double> forward_return, const ClassPrior& prior);

// The pooled report over several test folds, whose rows are concatenated in `probabilities`,
// `y` and `forward_return` in fold order. Its baselines are each fold's own (its training
// majority class and class prior: `folds[k].baseline_*` weighted by `folds[k].n`);
// `majority_class` is the first fold's, for the record only.
ClassificationReport EvaluatePooled(std::span<const float> probabilities, std::span<const float> y,
                                    std::span<const double> forward_return,
                                    std::span<const ClassificationReport> folds);

// {n, accuracy, baseline_accuracy, majority_class, balanced_accuracy, directional_accuracy,
// directional_n, log_loss, baseline_log_loss, brier, baseline_brier, confusion}: the one JSON
// form (training results, the demo).
nlohmann::json ToJson(const ClassificationReport& report);

// The probability of one event (prob_up: the forward return is > 0) against what happened,
// beside a baseline probability per row (prob_up's: the share of up outcomes among the fold's
// training rows).
inline constexpr std::size_t kReliabilityBins = 10;
struct ReliabilityBin {
  std::size_t n = 0;          // rows whose predicted p falls in the bin
  std::size_t events = 0;     // how many of them had the event
  double mean_predicted = 0;  // their mean p (0 when n is 0)
  double observed_rate = 0;   // their share of events (0 when n is 0)
};

// -log of the probability `p` gave to what happened (`event`: it happened), clamped to
// [1e-15, 1]: one row's log loss, as every report here computes it.
double BinaryLogLoss(double p, bool event);
struct BinaryProbabilityReport {
  std::size_t n = 0;
  double log_loss = 0;  // mean -log p(what happened), p clamped to [1e-15, 1]
  double brier = 0;     // mean (p - [event])^2
  double baseline_log_loss = 0, baseline_brier = 0;  // the same of the baseline probabilities
  double event_rate = 0;                             // share of rows with the event
  // Bin b holds p in [b / 10, (b + 1) / 10); the last bin [0.9, 1] includes 1.
  std::array<ReliabilityBin, kReliabilityBins> reliability{};
};

// `p`, `event` (1 = happened, 0 = not) and `baseline` have one value per row (`baseline` may
// be empty: its measures stay 0). Rows whose p is NaN are left out of every measure. Empty
// input: all zero.
BinaryProbabilityReport EvaluateBinaryProbability(std::span<const double> p, std::span<const float> event,
                                                  std::span<const double> baseline);

// {n, event_rate, log_loss, baseline_log_loss, brier, baseline_brier, reliability[{lower, upper,
// n, mean_predicted, observed_rate}]}; an empty bin's mean_predicted and observed_rate are null.
nlohmann::json ToJson(const BinaryProbabilityReport& report);

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
