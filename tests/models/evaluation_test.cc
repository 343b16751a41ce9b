#include "qat/models/evaluation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace qat::models {
namespace {

// Two folds of two rows each; probabilities rows are (SELL, HOLD, BUY).
TEST(Evaluation, PooledBaselinesAreEachFoldsOwnMajorityAndClassPrior) {
  std::vector<float> p = {0.1f, 0.2f, 0.7f,   // predicts BUY
                          0.6f, 0.3f, 0.1f,   // predicts SELL
                          0.2f, 0.5f, 0.3f,   // predicts HOLD
                          0.1f, 0.1f, 0.8f};  // predicts BUY
  std::vector<float> y = {2, 2, 1, 0};
  std::vector<double> r = {0.02, 0.01, 0.0, -0.03};
  // Fold 1 trained on SELL, BUY, BUY, BUY: majority BUY (both its test rows are BUY: baseline
  // 1.0), prior (0.25, 0, 0.75); fold 2 on SELL, SELL, HOLD, BUY: majority SELL (one of its
  // two rows: baseline 0.5), prior (0.5, 0.25, 0.25).
  const std::vector<float> train1 = {0, 2, 2, 2}, train2 = {0, 0, 1, 2};
  auto f1 = EvaluateClassifier({p.data(), 6}, {y.data(), 2}, {r.data(), 2}, ClassPriorOf(train1));
  auto f2 = EvaluateClassifier({p.data() + 6, 6}, {y.data() + 2, 2}, {r.data() + 2, 2}, ClassPriorOf(train2));
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

  // Log loss: -ln p(actual). Model: rows 0.7, 0.1 (fold 1), 0.5, 0.1 (fold 2). Class prior:
  // fold 1 0.75 twice; fold 2 0.25 (HOLD) and 0.5 (SELL).
  EXPECT_NEAR(f1.log_loss, -(std::log(0.7) + std::log(0.1)) / 2, 1e-6);
  EXPECT_NEAR(f1.baseline_log_loss, -std::log(0.75), 1e-12);
  EXPECT_NEAR(f2.baseline_log_loss, (std::log(4.0) + std::log(2.0)) / 2, 1e-12);
  EXPECT_NEAR(pooled.log_loss, -(std::log(0.7) + std::log(0.1) + std::log(0.5) + std::log(0.1)) / 4, 1e-6);
  EXPECT_NEAR(pooled.baseline_log_loss, (2 * -std::log(0.75) + std::log(4.0) + std::log(2.0)) / 4, 1e-12);
  // Brier, sum over the three classes of (p - [actual])^2: model rows 0.01 + 0.04 + 0.09 =
  // 0.14, 0.36 + 0.09 + 0.81 = 1.26, 0.04 + 0.25 + 0.09 = 0.38, 0.81 + 0.01 + 0.64 = 1.46.
  EXPECT_NEAR(f1.brier, 0.70, 1e-6);
  EXPECT_NEAR(f2.brier, 0.92, 1e-6);
  EXPECT_NEAR(pooled.brier, 0.81, 1e-6);
  // Prior: fold 1 0.0625 + 0 + 0.0625 = 0.125 per row; fold 2 0.25 + 0.5625 + 0.0625 = 0.875
  // (HOLD) and 0.25 + 0.0625 + 0.0625 = 0.375 (SELL).
  EXPECT_NEAR(f1.baseline_brier, 0.125, 1e-12);
  EXPECT_NEAR(f2.baseline_brier, 0.625, 1e-12);
  EXPECT_NEAR(pooled.baseline_brier, 0.375, 1e-12);
  // One JSON form, with the baselines beside the model's figures.
  const auto j = ToJson(pooled);
  EXPECT_EQ(j.at("majority_class"), "BUY");
  EXPECT_DOUBLE_EQ(j.at("baseline_brier").get<double>(), pooled.baseline_brier);
  EXPECT_DOUBLE_EQ(j.at("baseline_log_loss").get<double>(), pooled.baseline_log_loss);
}

TEST(Evaluation, ClassPriorIsTheTrainingLabelsFrequencies) {
  const auto prior = ClassPriorOf(std::vector<float>{0, 2, 2, 2});
  EXPECT_DOUBLE_EQ(prior.p[0], 0.25);
  EXPECT_DOUBLE_EQ(prior.p[1], 0.0);
  EXPECT_DOUBLE_EQ(prior.p[2], 0.75);
  EXPECT_EQ(prior.majority, 2);
  EXPECT_EQ(ClassPriorOf(std::vector<float>{1, 0}).majority, 0);  // the first of equals
  // A class the training labels never had costs the prior the clamp, not infinity.
  const std::vector<float> p = {0.2f, 0.6f, 0.2f}, y = {1};
  const std::vector<double> r = {0.0};
  const auto report = EvaluateClassifier(p, y, r, prior);
  EXPECT_NEAR(report.baseline_log_loss, -std::log(1e-15), 1e-9);
}

// Worked by hand: p 0.05, 0.15, 0.95, 1.0, 0.55 (and a NaN row, left out) against events
// 0, 1, 1, 1, 0, beside a baseline of 0.5 on every row.
TEST(Evaluation, BinaryProbabilityMeasuresAndReliabilityBins) {
  const std::vector<double> p = {0.05, 0.15, 0.95, 1.0, std::nan(""), 0.55};
  const std::vector<float> event = {0, 1, 1, 1, 1, 0};
  const std::vector<double> base(6, 0.5);
  const auto r = EvaluateBinaryProbability(p, event, base);
  EXPECT_EQ(r.n, 5u);
  EXPECT_DOUBLE_EQ(r.event_rate, 0.6);
  EXPECT_NEAR(r.log_loss, -(2 * std::log(0.95) + std::log(0.15) + std::log(0.45)) / 5, 1e-12);
  EXPECT_NEAR(r.brier, (0.0025 + 0.7225 + 0.0025 + 0 + 0.3025) / 5, 1e-12);
  EXPECT_NEAR(r.baseline_log_loss, std::log(2.0), 1e-12);
  EXPECT_NEAR(r.baseline_brier, 0.25, 1e-12);
  // Bins: 0 (0.05, down), 1 (0.15, up), 5 (0.55, down), 9 (0.95 and 1.0, both up).
  std::vector<std::size_t> counts;
  for (const auto& bin : r.reliability) counts.push_back(bin.n);
  EXPECT_EQ(counts, (std::vector<std::size_t>{1, 1, 0, 0, 0, 1, 0, 0, 0, 2}));
  EXPECT_DOUBLE_EQ(r.reliability[0].observed_rate, 0.0);
  EXPECT_DOUBLE_EQ(r.reliability[1].observed_rate, 1.0);
  EXPECT_DOUBLE_EQ(r.reliability[9].mean_predicted, 0.975);
  EXPECT_DOUBLE_EQ(r.reliability[9].observed_rate, 1.0);
  const auto j = ToJson(r);
  EXPECT_EQ(j["reliability"].size(), 10u);
  EXPECT_EQ(j["reliability"][9]["lower"], 0.9);
  EXPECT_EQ(j["reliability"][9]["n"], 2);
  EXPECT_TRUE(j["reliability"][2]["mean_predicted"].is_null());  // an empty bin has no rate
  EXPECT_TRUE(j["reliability"][2]["observed_rate"].is_null());
  // A wrong certainty costs the log loss's clamp, -ln 1e-15; no baseline leaves its measures 0.
  const auto certain = EvaluateBinaryProbability(std::vector<double>{0.0}, std::vector<float>{1}, {});
  EXPECT_NEAR(certain.log_loss, -std::log(1e-15), 1e-9);
  EXPECT_EQ(certain.baseline_log_loss, 0.0);
  EXPECT_EQ(EvaluateBinaryProbability({}, {}, {}).n, 0u);
}

}  // namespace
}  // namespace qat::models
