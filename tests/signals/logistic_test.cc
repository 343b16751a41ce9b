// The confluence combiner's small statistics (qat/signals/logistic.h) worked by hand: a
// logistic regression whose maximum-likelihood answer is known in closed form, the ridge
// shrinking it, its refusals; Platt scaling on input that is already calibrated and on a
// constant input; isotonic regression by pool adjacent violators, ties, interpolation and the
// clamp; the choice between them; the JSON form and its refusals.
#include "qat/models/calibration.h"
#include "qat/signals/logistic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace qat::signals {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One binary feature: rows x = 0 with `up0` ups of `n0`, then rows x = 1 with `up1` of `n1`.
struct Binary {
  std::vector<double> x;
  std::vector<std::uint8_t> y;
};
Binary BinaryFeature(int n0, int up0, int n1, int up1) {
  Binary b;
  for (int i = 0; i < n0; ++i) {
    b.x.push_back(0);
    b.y.push_back(i < up0 ? 1 : 0);
  }
  for (int i = 0; i < n1; ++i) {
    b.x.push_back(1);
    b.y.push_back(i < up1 ? 1 : 0);
  }
  return b;
}

TEST(Logistic, LogitAndSigmoidAreInversesWithTheLogitClamped) {
  EXPECT_EQ(Logit(0.5), 0.0);
  EXPECT_NEAR(Logit(0.75), std::log(3.0), 1e-15);  // log(0.75 / 0.25)
  EXPECT_NEAR(Logit(0.2), -std::log(4.0), 1e-15);  // log(0.2 / 0.8)
  EXPECT_EQ(Sigmoid(0), 0.5);
  EXPECT_NEAR(Sigmoid(std::log(3.0)), 0.75, 1e-15);
  EXPECT_NEAR(Sigmoid(-std::log(3.0)), 0.25, 1e-15);
  EXPECT_NEAR(Sigmoid(Logit(0.123)), 0.123, 1e-15);
  // p clamped to [1e-9, 1 - 1e-9]: logit(0) = log(1e-9 / (1 - 1e-9)) = -20.7232658...
  EXPECT_NEAR(Logit(0), std::log(1e-9 / (1 - 1e-9)), 1e-12);
  EXPECT_NEAR(Logit(0), -20.72326583594641, 1e-9);
  EXPECT_NEAR(Logit(1), -Logit(0), 1e-6);
  EXPECT_EQ(Logit(-3), Logit(0));
  // Large |x| does not overflow: sigmoid(-800) = e^-800 / (1 + e^-800) underflows to 0.
  EXPECT_EQ(Sigmoid(800), 1.0);
  EXPECT_EQ(Sigmoid(-800), 0.0);
}

TEST(Logistic, OneBinaryFeatureWithoutPenaltyFitsTheTwoGroupsLogOdds) {
  // x = 0: 1 up of 4 (a = 0.25); x = 1: 3 up of 4 (b = 0.75). With l2 = 0 the MLE makes each
  // group's predicted rate its observed rate:
  //   intercept = logit(0.25) = log(1/3) = -1.0986122887
  //   weight    = logit(0.75) - logit(0.25) = log 3 - log(1/3) = 2 log 3 = 2.1972245773
  const Binary b = BinaryFeature(4, 1, 4, 3);
  const auto m = FitLogistic(b.x, 1, b.y, 0.0);
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->weights.size(), 1u);
  EXPECT_NEAR(m->intercept, -std::log(3.0), 1e-9);
  EXPECT_NEAR(m->weights[0], 2 * std::log(3.0), 1e-9);
  const double zero = 0, one = 1;
  EXPECT_NEAR(m->Predict({&zero, 1}), 0.25, 1e-9);
  EXPECT_NEAR(m->Predict({&one, 1}), 0.75, 1e-9);
}

TEST(Logistic, OneBinaryFeatureUnevenGroups) {
  // x = 0: 2 up of 10 (a = 0.2); x = 1: 3 up of 5 (b = 0.6).
  //   intercept = logit(0.2) = log(0.25) = -1.3862943611
  //   weight    = logit(0.6) - logit(0.2) = log 1.5 - log 0.25 = log 6 = 1.7917594692
  const Binary b = BinaryFeature(10, 2, 5, 3);
  const auto m = FitLogistic(b.x, 1, b.y, 0.0);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_NEAR(m->intercept, std::log(0.25), 1e-9);
  EXPECT_NEAR(m->weights[0], std::log(6.0), 1e-9);
}

TEST(Logistic, RidgeShrinksTheWeightTowardZeroButNotPastIt) {
  // The same data as above: l2 = 0 gives w = 2 log 3 = 2.197. Each larger l2 gives a strictly
  // smaller |w| of the same sign; the intercept is not penalised, so the overall fit still
  // matches the mean: sum(mu) = sum(y) = 4 (the intercept's score equation).
  const Binary b = BinaryFeature(4, 1, 4, 3);
  double previous = 2 * std::log(3.0);
  for (double l2 : {0.1, 1.0, 10.0, 100.0}) {
    const auto m = FitLogistic(b.x, 1, b.y, l2);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_GT(m->weights[0], 0) << l2;
    EXPECT_LT(m->weights[0], previous) << l2;
    previous = m->weights[0];
    double sum_mu = 0;
    for (double x : b.x) sum_mu += m->Predict({&x, 1});
    EXPECT_NEAR(sum_mu, 4.0, 1e-6) << l2;
  }
  // By symmetry (groups 1/4 and 3/4), the fitted rates stay symmetric about 0.5: with the mean
  // matched, mu(0) + mu(1) = 1, so intercept = -w / 2.
  const auto m = FitLogistic(b.x, 1, b.y, 1.0);
  ASSERT_TRUE(m.ok());
  EXPECT_NEAR(m->intercept, -m->weights[0] / 2, 1e-6);
}

TEST(Logistic, OneClassOnlyShrinksTheWeightsAndRunsTheInterceptToTheClamp) {
  // All ups: no finite MLE for the intercept; the header's rule is that it runs to the clamp
  // of +30 (sigmoid(30) = 1 - 9.4e-14), and a penalised weight shrinks toward 0.
  const Binary b = BinaryFeature(3, 3, 3, 3);
  const auto m = FitLogistic(b.x, 1, b.y, 1.0);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->intercept, 30.0);
  EXPECT_NEAR(m->weights[0], 0.0, 1e-6);
  const Binary none = BinaryFeature(3, 0, 3, 0);
  const auto down = FitLogistic(none.x, 1, none.y, 1.0);
  ASSERT_TRUE(down.ok()) << down.error().message;
  EXPECT_EQ(down->intercept, -30.0);
  EXPECT_NEAR(down->weights[0], 0.0, 1e-6);
}

TEST(Logistic, RefusesMismatchedSizesNegativePenaltyNonFiniteInputAndNoRows) {
  const std::vector<double> rows = {0, 1, 2, 3};
  const std::vector<std::uint8_t> y = {0, 1};
  // 4 values are 2 rows of 2: fine; as rows of 1 they would be 4 rows for 2 labels.
  EXPECT_TRUE(FitLogistic(rows, 2, y, 1.0).ok());
  const auto sizes = FitLogistic(rows, 1, y, 1.0);
  ASSERT_FALSE(sizes.ok());
  EXPECT_EQ(sizes.error().message, "logistic regression: 4 values for 2 rows of 1");
  const auto negative = FitLogistic(rows, 2, y, -0.5);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().message, "logistic regression: l2 must be >= 0 (got -0.5)");
  EXPECT_FALSE(FitLogistic(rows, 2, y, kNaN).ok());
  const std::vector<double> nan_rows = {0, kNaN, 2, 3};
  const auto nan = FitLogistic(nan_rows, 2, y, 1.0);
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.error().message, "logistic regression: a non-finite input");
  const std::vector<double> inf_rows = {0, 1, std::numeric_limits<double>::infinity(), 3};
  EXPECT_FALSE(FitLogistic(inf_rows, 2, y, 1.0).ok());
  const auto empty = FitLogistic({}, 2, {}, 1.0);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "logistic regression: no rows");
}

TEST(Logistic, SameRowsGiveTheSameBits) {
  // Two correlated features, 12 rows, a penalty: two fits are bit-identical.
  std::vector<double> rows;
  std::vector<std::uint8_t> y;
  for (int i = 0; i < 12; ++i) {
    rows.push_back(0.3 * i - 1.7);
    rows.push_back(std::sin(i) + 0.1 * i);
    y.push_back((i * 7) % 5 < 2 ? 1 : 0);
  }
  const auto a = FitLogistic(rows, 2, y, 0.5);
  const auto b = FitLogistic(rows, 2, y, 0.5);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->intercept, b->intercept);
  EXPECT_EQ(a->weights, b->weights);
}

TEST(Calibrator, PlattOnAlreadyCalibratedInputIsTheIdentity) {
  // p = 0.2 on 5 rows with 1 up, 0.5 on 4 rows with 2 up, 0.8 on 5 rows with 4 up: each
  // group's rate is its p, so a = 1, b = 0 solves the score equations exactly
  // (sum (p - y) = 0 per group, hence also weighted by logit(p)).
  std::vector<double> p;
  std::vector<std::uint8_t> y;
  auto add = [&](double prob, int n, int ups) {
    for (int i = 0; i < n; ++i) {
      p.push_back(prob);
      y.push_back(i < ups ? 1 : 0);
    }
  };
  add(0.2, 5, 1);
  add(0.5, 4, 2);
  add(0.8, 5, 4);
  const Calibrator c = FitPlatt(p, y);
  EXPECT_EQ(c.kind, "platt");
  EXPECT_NEAR(c.a, 1.0, 1e-5);
  EXPECT_NEAR(c.b, 0.0, 1e-5);
  EXPECT_NEAR(c.Apply(0.2), 0.2, 1e-5);
  EXPECT_NEAR(c.Apply(0.65), 0.65, 1e-5);
}

TEST(Calibrator, PlattOfAConstantProbabilityMapsItToTheObservedRate) {
  // p = 0.9 on 10 rows with 6 ups: logit(p) is the same on every row, so only
  // a logit(0.9) + b is identified and the log loss alone puts it at logit(0.6). The Platt
  // scaling is models::FitPlatt, whose ridge of 1e-3 pulls (a, b) toward the identity: the
  // fit lands a hair above 0.6 (0.6003), never below it, and far from 0.9.
  const std::vector<double> p(10, 0.9);
  const std::vector<std::uint8_t> y = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
  const Calibrator c = FitPlatt(p, y);
  EXPECT_EQ(c.kind, "platt");
  EXPECT_GT(c.Apply(0.9), 0.6);
  EXPECT_NEAR(c.Apply(0.9), 0.6, 1e-3);
  // The same numbers as the prob_up calibration's scaling.
  const models::PlattScaling direct = models::FitPlatt(p, std::vector<float>(y.begin(), y.end()));
  EXPECT_EQ(c.a, direct.a);
  EXPECT_EQ(c.b, direct.b);
}

TEST(Calibrator, PlattOfNoRowsOrMismatchedSizesIsTheIdentity) {
  EXPECT_EQ(FitPlatt({}, {}).kind, "identity");
  const std::vector<double> p = {0.2, 0.3};
  const std::vector<std::uint8_t> y = {1};
  const Calibrator c = FitPlatt(p, y);
  EXPECT_EQ(c.kind, "identity");
  EXPECT_EQ(c.Apply(0.37), 0.37);
}

TEST(Calibrator, IsotonicPoolsAdjacentViolators) {
  // p = .1 .2 .3 .4, y = 1 0 1 1 (given out of order: sorting is the fit's job).
  // Blocks: (.1, 1); (.2, 0) violates 1 > 0 -> pooled: x = (.1 + .2) / 2 = .15, y = 1/2;
  // (.3, 1) and (.4, 1) are >= 0.5: kept. y = 1 is clamped to 1 - 1e-4 = 0.9999.
  const std::vector<double> p = {0.3, 0.1, 0.4, 0.2};
  const std::vector<std::uint8_t> y = {1, 1, 1, 0};
  const Calibrator c = FitIsotonic(p, y);
  EXPECT_EQ(c.kind, "isotonic");
  ASSERT_EQ(c.x.size(), 3u);
  EXPECT_NEAR(c.x[0], 0.15, 1e-15);
  EXPECT_EQ(c.x[1], 0.3);
  EXPECT_EQ(c.x[2], 0.4);
  EXPECT_EQ(c.y, (std::vector<double>{0.5, 0.9999, 0.9999}));
  // Between points: linear. At p = 0.2, f = (0.2 - 0.15) / (0.3 - 0.15) = 1/3:
  //   0.5 + (0.9999 - 0.5) / 3 = 0.5 + 0.16663333 = 0.66663333
  EXPECT_NEAR(c.Apply(0.2), 0.5 + 0.4999 / 3, 1e-12);
  EXPECT_NEAR(c.Apply(0.35), 0.9999, 1e-12);
  // At a point: its value. Beyond the ends: the end values.
  EXPECT_NEAR(c.Apply(0.15), 0.5, 1e-12);
  EXPECT_EQ(c.Apply(0.01), 0.5);
  EXPECT_EQ(c.Apply(0.99), 0.9999);
}

TEST(Calibrator, IsotonicMergesAChainOfViolatorsBackwards) {
  // p = .1 .2 .3 .4 .5, y = 1 1 0 0 1:
  //   (.1,1) (.2,1) | (.3,0) violates -> pool (.2,.3): y 1/2; now (.1,1) > 1/2 -> pool all
  //   three: x .2, y 2/3 | (.4,0) violates 2/3 -> pool four: x .25, y 2/4 = 1/2 | (.5,1) ok.
  const std::vector<double> p = {0.1, 0.2, 0.3, 0.4, 0.5};
  const std::vector<std::uint8_t> y = {1, 1, 0, 0, 1};
  const Calibrator c = FitIsotonic(p, y);
  ASSERT_EQ(c.x.size(), 2u);
  EXPECT_NEAR(c.x[0], 0.25, 1e-15);
  EXPECT_EQ(c.x[1], 0.5);
  EXPECT_EQ(c.y[0], 0.5);
  EXPECT_EQ(c.y[1], 0.9999);
}

TEST(Calibrator, IsotonicTiesShareOneValue) {
  // p = .3 three times (y 1, 0, 0) and .6 once (y 1): the tied rows are one block of rate
  // 1/3 whatever their order, even though 1 then 0 would be a violation inside it.
  const std::vector<double> p = {0.3, 0.3, 0.6, 0.3};
  const std::vector<std::uint8_t> y = {1, 0, 1, 0};
  const Calibrator c = FitIsotonic(p, y);
  ASSERT_EQ(c.x.size(), 2u);
  EXPECT_EQ(c.x[0], 0.3);
  EXPECT_NEAR(c.y[0], 1.0 / 3, 1e-15);
  EXPECT_EQ(c.x[1], 0.6);
  EXPECT_EQ(c.y[1], 0.9999);
  EXPECT_NEAR(c.Apply(0.3), 1.0 / 3, 1e-15);
  // Halfway between .3 and .6: (1/3 + 0.9999) / 2 = 0.66661667
  EXPECT_NEAR(c.Apply(0.45), (1.0 / 3 + 0.9999) / 2, 1e-12);
}

TEST(Calibrator, IsotonicOutputIsMonotoneAndClamped) {
  // 40 rows whose outcome is a scrambled function of p: every fitted y is non-decreasing,
  // every Apply on a grid is non-decreasing and within [1e-4, 1 - 1e-4].
  std::vector<double> p;
  std::vector<std::uint8_t> y;
  for (int i = 0; i < 40; ++i) {
    p.push_back(((i * 17) % 40) / 40.0);
    y.push_back((i * 13) % 7 < 3 ? 1 : 0);
  }
  const Calibrator c = FitIsotonic(p, y);
  for (std::size_t k = 1; k < c.y.size(); ++k) {
    EXPECT_LT(c.x[k - 1], c.x[k]);
    EXPECT_LE(c.y[k - 1], c.y[k]);
  }
  double previous = 0;
  for (int g = 0; g <= 100; ++g) {
    const double v = c.Apply(g / 100.0);
    EXPECT_GE(v, previous) << g;
    EXPECT_GE(v, 1e-4);
    EXPECT_LE(v, 1 - 1e-4);
    previous = v;
  }
  // All downs: one block at 0, clamped to 1e-4; all ups: 1 - 1e-4.
  const std::vector<std::uint8_t> zeros(p.size(), 0), ones(p.size(), 1);
  const Calibrator low = FitIsotonic(p, zeros);
  EXPECT_EQ(low.y, std::vector<double>(low.y.size(), 1e-4));
  EXPECT_EQ(low.Apply(0.9), 1e-4);
  const Calibrator high = FitIsotonic(p, ones);
  EXPECT_EQ(high.Apply(0.1), 1 - 1e-4);
}

TEST(Calibrator, FitCalibratorChoosesIsotonicAtTheThresholdPlattBelowIdentityWhenEmpty) {
  const std::vector<double> p = {0.1, 0.2, 0.3, 0.4};
  const std::vector<std::uint8_t> y = {1, 0, 1, 1};
  EXPECT_EQ(FitCalibrator(p, y, 4).kind, "isotonic");  // 4 rows >= 4
  EXPECT_EQ(FitCalibrator(p, y, 3).kind, "isotonic");
  EXPECT_EQ(FitCalibrator(p, y, 5).kind, "platt");     // 4 rows < 5
  const Calibrator none = FitCalibrator({}, {}, 0);
  EXPECT_EQ(none.kind, "identity");
  EXPECT_EQ(none.Apply(0.42), 0.42);
  EXPECT_EQ(Calibrator{}.Apply(0.7), 0.7);
}

TEST(Calibrator, JsonRoundTripGivesTheSameMap) {
  Calibrator platt;
  platt.kind = "platt";
  platt.a = 0.8;
  platt.b = -0.1;
  Calibrator iso;
  iso.kind = "isotonic";
  iso.x = {0.15, 0.3, 0.4};
  iso.y = {0.5, 0.7, 0.9999};
  EXPECT_EQ(platt.ToJson(), nlohmann::json::parse(R"({"kind":"platt","a":0.8,"b":-0.1})"));
  EXPECT_EQ(iso.ToJson(), nlohmann::json::parse(R"({"kind":"isotonic","x":[0.15,0.3,0.4],"y":[0.5,0.7,0.9999]})"));
  for (const Calibrator& c : {platt, iso, Calibrator{}}) {
    const auto back = Calibrator::FromJson(nlohmann::json::parse(c.ToJson().dump()), "model.json");
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->kind, c.kind);
    EXPECT_EQ(back->a, c.a);
    EXPECT_EQ(back->b, c.b);
    EXPECT_EQ(back->x, c.x);
    EXPECT_EQ(back->y, c.y);
    for (double p : {0.05, 0.2, 0.35, 0.6, 0.95}) EXPECT_EQ(back->Apply(p), c.Apply(p)) << c.kind << " " << p;
  }
}

TEST(Calibrator, FromJsonRefusesAnUnknownKindAndUnsortedPointsNamingTheSource) {
  const auto unknown = Calibrator::FromJson(nlohmann::json::parse(R"({"kind":"spline","a":1,"b":0})"), "fold3.json");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(unknown.error().message.find("fold3.json"), std::string::npos) << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("unknown calibrator kind"), std::string::npos) << unknown.error().message;
  const auto unsorted =
      Calibrator::FromJson(nlohmann::json::parse(R"({"kind":"isotonic","x":[0.3,0.2],"y":[0.4,0.5]})"), "fold3.json");
  ASSERT_FALSE(unsorted.ok());
  EXPECT_EQ(unsorted.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(unsorted.error().message,
            "fold3.json: isotonic calibrator: x and y must be non-empty, equally long and ascending");
  // y descending, lengths differing, empty: the same refusal.
  for (const char* text : {R"({"kind":"isotonic","x":[0.2,0.3],"y":[0.5,0.4]})",
                           R"({"kind":"isotonic","x":[0.2,0.3],"y":[0.5]})", R"({"kind":"isotonic","x":[],"y":[]})"}) {
    EXPECT_FALSE(Calibrator::FromJson(nlohmann::json::parse(text), "fold3.json").ok()) << text;
  }
  const auto malformed = Calibrator::FromJson(nlohmann::json::parse(R"({"kind":"platt","a":1})"), "fold3.json");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().message.rfind("fold3.json: malformed calibrator", 0), 0u) << malformed.error().message;
}

}  // namespace
}  // namespace qat::signals
