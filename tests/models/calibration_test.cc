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

// Rows whose prob_up already equals the observed rate of its value: 0.2 on five rows (one
// up), 0.5 on two (one up), 0.8 on five (four up). At (a, b) = (1, 0) every value's residuals
// sum to zero, so both score equations vanish: the identity is the fit, and the ridge (which
// pulls toward it) does not move it.
TEST(Platt, PerfectlyCalibratedProbabilitiesAreLeftAlone) {
  std::vector<double> p;
  std::vector<float> y;
  auto add = [&](double value, int rows, int ups) {
    for (int i = 0; i < rows; ++i) p.push_back(value), y.push_back(i < ups ? 1.0f : 0.0f);
  };
  add(0.2, 5, 1);
  add(0.5, 2, 1);
  add(0.8, 5, 4);
  const PlattScaling s = FitPlatt(p, y);
  EXPECT_NEAR(s.a, 1.0, 1e-9);
  EXPECT_NEAR(s.b, 0.0, 1e-9);
  EXPECT_NEAR(ApplyPlatt(s, 0.8), 0.8, 1e-9);
}

// p always 0.9, six ups in ten rows: only a * logit(0.9) + b is identified and the best value
// makes p' the observed rate 0.6. The ridge takes the (a, b) nearest the identity on each such
// line, costing 1e-3 / 2 * (z - x)^2 / (x^2 + 1) for z = a x + b, x = logit 0.9 = ln 9; setting
// the derivative sigmoid(z) - 0.6 + 1e-3 (z - x) / (x^2 + 1) to zero pulls p' toward 0.9 by
// about 1e-3 (ln 9 - ln 1.5) / (ln(9)^2 + 1) = 3.1e-4.
TEST(Platt, AConstantOverconfidentProbabilityBecomesTheObservedRate) {
  const std::vector<double> p(10, 0.9);
  std::vector<float> y(10, 0.0f);
  for (int i = 0; i < 6; ++i) y[i] = 1.0f;
  const PlattScaling s = FitPlatt(p, y);
  const double scaled = ApplyPlatt(s, 0.9);
  EXPECT_NEAR(scaled, 0.6, 1e-3);
  EXPECT_GT(scaled, 0.6);
  const double x = std::log(9.0);
  EXPECT_NEAR(scaled, 0.6 + 1e-3 * (x - std::log(1.5)) / (x * x + 1), 2e-5);
  // Without the ridge the rate is met exactly (the ridge only chooses among equal fits).
  EXPECT_NEAR(ApplyPlatt(FitPlatt(p, y, 0.0), 0.9), 0.6, 1e-6);
}

// Predictions twice as sharp as the truth: the rows at logit x in -2..2 were up with
// probability sigmoid(x) (1000 rows each, the ups rounded), predicted sigmoid(2x). The fit
// halves the slope: a near 0.5, b near 0, and the scaled predictions match the truth.
TEST(Platt, OverconfidentProbabilitiesAreSoftened) {
  std::vector<double> p;
  std::vector<float> y;
  auto sigmoid = [](double z) { return 1 / (1 + std::exp(-z)); };
  for (int g = -4; g <= 4; ++g) {
    const double x = 0.5 * g;
    const int ups = static_cast<int>(std::lround(1000 * sigmoid(x)));
    for (int i = 0; i < 1000; ++i) p.push_back(sigmoid(2 * x)), y.push_back(i < ups ? 1.0f : 0.0f);
  }
  const PlattScaling s = FitPlatt(p, y);
  EXPECT_NEAR(s.a, 0.5, 2e-3);
  EXPECT_NEAR(s.b, 0.0, 2e-3);
  EXPECT_NEAR(ApplyPlatt(s, sigmoid(3.0)), sigmoid(1.5), 1e-3);
  // And the log loss falls.
  const auto scaled = ApplyPlatt(s, p);
  EXPECT_LT(EvaluateBinaryProbability(scaled, y, {}).log_loss, EvaluateBinaryProbability(p, y, {}).log_loss);
}

TEST(Platt, NoRowsOrOneOutcomeGiveTheIdentityAndSeparatedRowsStayFinite) {
  for (const PlattScaling& s : {FitPlatt({}, {}), FitPlatt(std::vector<double>{0.3, 0.7}, std::vector<float>{1, 1}),
                                FitPlatt(std::vector<double>{0.3, 0.7}, std::vector<float>{0, 0}),
                                FitPlatt(std::vector<double>{std::nan(""), 0.4}, std::vector<float>{1, 0})}) {
    EXPECT_EQ(s.a, 1.0);
    EXPECT_EQ(s.b, 0.0);
  }
  // 0.3 always down, 0.7 always up: unpenalised, a would grow without end; the ridge stops it
  // where the rows are told apart with near certainty.
  const std::vector<double> p = {0.3, 0.3, 0.3, 0.7, 0.7, 0.7};
  const std::vector<float> y = {0, 0, 0, 1, 1, 1};
  const PlattScaling s = FitPlatt(p, y);
  EXPECT_TRUE(std::isfinite(s.a) && std::isfinite(s.b));
  EXPECT_GT(s.a, 3.0);
  EXPECT_NEAR(s.b, 0.0, 1e-9);  // symmetric rows
  EXPECT_GT(ApplyPlatt(s, 0.7), 0.95);
  EXPECT_LT(ApplyPlatt(s, 0.3), 0.05);
}

TEST(Platt, ApplyClampsAndKeepsNaNAndTheFitIsDeterministic) {
  const PlattScaling identity;
  EXPECT_NEAR(ApplyPlatt(identity, 0.37), 0.37, 1e-15);
  EXPECT_NEAR(ApplyPlatt(identity, 0.0), 1e-6, 1e-18);
  EXPECT_NEAR(ApplyPlatt(identity, 1.0), 1 - 1e-6, 1e-15);
  EXPECT_TRUE(std::isnan(ApplyPlatt(identity, std::nan(""))));
  // a 2, b -1 at p 0.5: sigmoid(-1).
  EXPECT_NEAR(ApplyPlatt({2, -1}, 0.5), 1 / (1 + std::exp(1.0)), 1e-15);
  std::vector<double> p;
  std::vector<float> y;
  for (int i = 0; i < 500; ++i) {
    p.push_back(0.05 + 0.9 * ((i * 37) % 101) / 100.0);
    y.push_back(((i * 53) % 7) < 4 ? 1.0f : 0.0f);
  }
  const PlattScaling first = FitPlatt(p, y), second = FitPlatt(p, y);
  EXPECT_EQ(first.a, second.a);
  EXPECT_EQ(first.b, second.b);
}

}  // namespace
}  // namespace qat::models
