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

// The classifier's settings are the tree settings (defaults: 150 rounds, 2 threads).
using ClassifierParams = TreeParams;

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
