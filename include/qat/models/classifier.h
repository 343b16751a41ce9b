// The BUY/SELL/HOLD classifier: XGBoost multi:softprob with hist trees.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "qat/core/result.h"
#include "qat/models/dataset.h"
#include "qat/models/evaluation.h"
#include "qat/models/tree_params.h"
#include "qat/models/xgboost.h"

namespace qat::models {

struct ClassifierParams {
  int rounds = 150;
  int max_depth = 3;
  double eta = 0.05;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  double min_child_weight = 20;
  int max_bin = 256;  // histogram bins per feature
  int threads = 2;
  std::uint64_t seed = 42;

  TreeParams Tree() const {
    return {rounds, max_depth, eta, subsample, colsample_bytree, min_child_weight, max_bin, threads, seed};
  }
};

// Trains on `x` (rows x cols, row-major) with class labels 0..classes-1.
Result<Booster> TrainClassifier(std::span<const float> x, std::size_t cols, std::span<const float> y,
                                int classes, const ClassifierParams& params);

// Class probabilities, rows x classes, row-major.
Result<std::vector<float>> PredictProbabilities(const Booster& booster, std::span<const float> x,
                                                std::size_t cols);

// The classifier trained on `train` rows and evaluated on `test` rows, beside the training
// majority class.
struct ClassifierFold {
  std::vector<float> probabilities;  // test rows x kNumActions
  std::vector<float> test_y;
  std::vector<double> test_returns;
  ClassificationReport report;
};
Result<ClassifierFold> TrainAndTestClassifier(const Dataset& ds, const std::vector<std::size_t>& train,
                                              const std::vector<std::size_t>& test,
                                              const ClassifierParams& params);

}  // namespace qat::models
