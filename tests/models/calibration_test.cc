#include "qat/models/calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "qat/models/evaluation.h"

namespace qat::models {
namespace {

// Five rows all predicted (0.9, 0.05, 0.05); the classes were 0, 0, 0, 1, 2. The best
// temperature makes the calibrated row (0.6, 0.2, 0.2), the classes' frequencies:
// (0.9 / 0.05)^(1/T) = 3, T = ln 18 / ln 3.
TEST(Calibration, TemperatureMatchesTheFrequenciesOfAnOverconfidentRow) {
  std::vector<float> p, y = {0, 0, 0, 1, 2};
  for (int i = 0; i < 5; ++i) p.insert(p.end(), {0.9f, 0.05f, 0.05f});
  const double t = FitTemperature(p, y);
  EXPECT_NEAR(t, std::log(18.0) / std::log(3.0), 1e-4);
  const auto q = ApplyTemperature(p, t);
  EXPECT_NEAR(q[0], 0.6, 1e-5);
  EXPECT_NEAR(q[1], 0.2, 1e-5);
  EXPECT_NEAR(q[2], 0.2, 1e-5);
  // The log loss falls from -(3 ln 0.9 + 2 ln 0.05) / 5 to -(3 ln 0.6 + 2 ln 0.2) / 5.
  const std::vector<double> r(5, 0.0);
  const ClassPrior prior = ClassPriorOf(y);
  EXPECT_NEAR(EvaluateClassifier(q, y, r, prior).log_loss, -(3 * std::log(0.6) + 2 * std::log(0.2)) / 5, 1e-5);
}

TEST(Calibration, UnderconfidentRowsAreSharpenedAndTheClassNeverChanges) {
  // Rows (0.5, 0.3, 0.2) whose first class was always right: T falls to its bound, 0.05.
  std::vector<float> p, y(4, 0.0f);
  for (int i = 0; i < 4; ++i) p.insert(p.end(), {0.5f, 0.3f, 0.2f});
  const double t = FitTemperature(p, y);
  EXPECT_NEAR(t, 0.05, 1e-3);
  const auto q = ApplyTemperature(p, t);
  EXPECT_GT(q[0], 0.99);
  EXPECT_GT(q[1], q[2]);  // the order of the classes is kept
}

TEST(Calibration, NoRowsAndTemperatureOneChangeNothing) {
  EXPECT_EQ(FitTemperature({}, {}), 1.0);
  const std::vector<float> p = {0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f};
  const auto q = ApplyTemperature(p, 1.0);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(q[i], p[i], 1e-7);
  // A very high temperature tends to the uniform row.
  const auto flat = ApplyTemperature(p, 1e6);
  for (float v : flat) EXPECT_NEAR(v, 1.0 / 3, 1e-5);
}

}  // namespace
}  // namespace qat::models
