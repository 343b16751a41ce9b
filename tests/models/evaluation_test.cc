#include "qat/models/evaluation.h"

#include <gtest/gtest.h>

namespace qat::models {
namespace {

// Two folds of two rows each; probabilities rows are (SELL, HOLD, BUY).
TEST(Evaluation, PooledBaselineUsesEachFoldsOwnMajority) {
  std::vector<float> p = {0.1f, 0.2f, 0.7f,   // predicts BUY
                          0.6f, 0.3f, 0.1f,   // predicts SELL
                          0.2f, 0.5f, 0.3f,   // predicts HOLD
                          0.1f, 0.1f, 0.8f};  // predicts BUY
  std::vector<float> y = {2, 2, 1, 0};
  std::vector<double> r = {0.02, 0.01, 0.0, -0.03};
  // Fold 1's training majority is BUY (both its test rows are BUY: baseline 1.0);
  // fold 2's is SELL (one of its two rows: baseline 0.5).
  auto f1 = EvaluateClassifier({p.data(), 6}, {y.data(), 2}, {r.data(), 2}, 2);
  auto f2 = EvaluateClassifier({p.data() + 6, 6}, {y.data() + 2, 2}, {r.data() + 2, 2}, 0);
  EXPECT_DOUBLE_EQ(f1.baseline_accuracy, 1.0);
  EXPECT_DOUBLE_EQ(f2.baseline_accuracy, 0.5);
  std::vector<ClassificationReport> folds = {f1, f2};
  auto pooled = EvaluatePooled(p, y, r, folds);
  EXPECT_EQ(pooled.n, 4u);
  EXPECT_DOUBLE_EQ(pooled.accuracy, 2.0 / 4.0);          // rows 1 and 3 right
  EXPECT_DOUBLE_EQ(pooled.baseline_accuracy, 3.0 / 4.0);  // (2 * 1.0 + 2 * 0.5) / 4
  EXPECT_EQ(pooled.majority_class, 2);
  // Directional: rows 1 (BUY, +), 2 (SELL, +: wrong), 4 (BUY, -: wrong).
  EXPECT_EQ(pooled.directional_n, 3u);
  EXPECT_DOUBLE_EQ(pooled.directional_accuracy, 1.0 / 3.0);
}

}  // namespace
}  // namespace qat::models
