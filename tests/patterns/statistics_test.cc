#include "qat/patterns/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace qat::patterns {
namespace {

// Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
// method 3 (Wilson score, no continuity correction), and 8/10 worked to 10 digits.
TEST(PatternStatistics, WilsonIntervalMatchesPublishedValues) {
  struct Case {
    std::int64_t x, n;
    double lo, hi, tol;
  };
  const Case cases[] = {{81, 263, 0.2553, 0.3662, 5e-5},
                        {15, 148, 0.0624, 0.1605, 5e-5},
                        {0, 20, 0.0, 0.1611, 5e-5},
                        {1, 29, 0.0061, 0.1718, 5e-5},
                        {8, 10, 0.4901624715, 0.9433178485, 1e-9}};
  for (const auto& c : cases) {
    const auto ci = WilsonInterval(c.x, c.n);
    EXPECT_NEAR(ci.lo, c.lo, c.tol) << c.x << "/" << c.n;
    EXPECT_NEAR(ci.hi, c.hi, c.tol) << c.x << "/" << c.n;
  }
  EXPECT_TRUE(std::isnan(WilsonInterval(0, 0).lo));
}

// Reference values from mpmath.betainc (30 digits) and closed forms.
TEST(PatternStatistics, IncompleteBetaKnownValues) {
  EXPECT_NEAR(IncompleteBeta(2, 3, 0.5), 0.6875, 1e-15);  // 11/16
  EXPECT_NEAR(IncompleteBeta(0.5, 0.5, 0.3), 2.0 / M_PI * std::asin(std::sqrt(0.3)), 1e-14);
  EXPECT_NEAR(IncompleteBeta(10, 0.5, 0.9), 0.15164090963470997, 1e-13);
  EXPECT_NEAR(IncompleteBeta(50, 40, 0.55), 0.45479521086386941, 1e-13);
  EXPECT_NEAR(IncompleteBeta(200, 300, 0.41), 0.67762816477217895, 1e-12);
  EXPECT_NEAR(IncompleteBeta(1, 1, 0.3), 0.3, 1e-15);
  EXPECT_EQ(IncompleteBeta(3, 4, 0.0), 0.0);
  EXPECT_EQ(IncompleteBeta(3, 4, 1.0), 1.0);
  EXPECT_TRUE(std::isnan(IncompleteBeta(-1, 4, 0.5)));
  EXPECT_TRUE(std::isnan(IncompleteBeta(1, 4, 1.5)));
}

TEST(PatternStatistics, StudentTwoSidedPKnownValues) {
  EXPECT_NEAR(StudentTwoSidedP(2.0, 10), 0.073388034770740366, 1e-13);
  EXPECT_NEAR(StudentTwoSidedP(2.228138851986, 10), 0.05, 1e-12);  // the 97.5% quantile of t(10)
  EXPECT_NEAR(StudentTwoSidedP(-2.228138851986, 10), 0.05, 1e-12);
  EXPECT_NEAR(StudentTwoSidedP(1.0, 1), 0.5, 1e-14);  // Cauchy: 1 - 2 atan(1) / pi
  EXPECT_NEAR(StudentTwoSidedP(3.5, 29), 0.0015244463146546053, 1e-15);
  EXPECT_NEAR(StudentTwoSidedP(0.5, 200), 0.61762475231646067, 1e-13);
  EXPECT_NEAR(StudentTwoSidedP(1.959963984540054, 1e7), 0.050000027729512621, 1e-10);  // ~normal
  EXPECT_NEAR(StudentTwoSidedP(8.0, 5000) / 1.5339871886915455e-15, 1.0, 1e-9);
  EXPECT_EQ(StudentTwoSidedP(0.0, 12), 1.0);
  EXPECT_TRUE(std::isnan(StudentTwoSidedP(NAN, 12)));
}

// Worked by hand: m = 8, raw p * m / rank, then the running minimum from the largest p down.
//   rank p      p*8/rank  q
//   1    0.001  0.008     0.008
//   2    0.008  0.032     0.032
//   3    0.039  0.104     0.0672  (min with ranks 4..8)
//   4    0.041  0.082     0.0672
//   5    0.042  0.0672    0.0672
//   6    0.060  0.080     0.080
//   7    0.074  0.084571  0.084571
//   8    0.205  0.205     0.205
TEST(PatternStatistics, BenjaminiHochbergHandWorked) {
  const std::vector<double> p = {0.060, 0.001, 0.205, 0.039, NAN, 0.008, 0.042, 0.074, 0.041};
  const auto q = BenjaminiHochberg(p);
  ASSERT_EQ(q.size(), p.size());
  EXPECT_NEAR(q[0], 0.080, 1e-15);
  EXPECT_NEAR(q[1], 0.008, 1e-15);
  EXPECT_NEAR(q[2], 0.205, 1e-15);
  EXPECT_NEAR(q[3], 0.0672, 1e-15);
  EXPECT_TRUE(std::isnan(q[4]));  // no p-value: not tested, not counted in m
  EXPECT_NEAR(q[5], 0.032, 1e-15);
  EXPECT_NEAR(q[6], 0.0672, 1e-15);
  EXPECT_NEAR(q[7], 0.074 * 8 / 7, 1e-15);
  EXPECT_NEAR(q[8], 0.0672, 1e-15);
  // Capped at 1.
  const auto q1 = BenjaminiHochberg(std::vector<double>{0.9, 0.95});
  EXPECT_DOUBLE_EQ(q1[0], 0.95);
  EXPECT_DOUBLE_EQ(q1[1], 0.95);
}

TEST(PatternStatistics, AverageRanksAndSpearmanWithTies) {
  const std::vector<double> x = {1, 0, 0, 2, 0, -1};
  const auto r = AverageRanks(x);
  const std::vector<double> expected = {5, 3, 3, 6, 3, 1};
  EXPECT_EQ(r, expected);
  // Perfectly monotone, with ties on one side: not 1, since ties cap the correlation.
  const std::vector<double> y = {0.3, 0.1, -0.2, 0.5, 0.0, -0.4};
  // By hand: rx = 5,3,3,6,3,1; ry = 5,4,2,6,3,1; mean 3.5.
  // sxy = 1.5*1.5 + (-.5)(.5) + (-.5)(-1.5) + 2.5*2.5 + (-.5)(-.5) + (-2.5)(-2.5) = 15.5
  // sxx = 2.25 + .25*3 + 6.25 + 6.25 = 15.5; syy = 17.5.
  EXPECT_NEAR(Spearman(x, y), 15.5 / std::sqrt(15.5 * 17.5), 1e-15);
  EXPECT_TRUE(std::isnan(Spearman(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3})));
}

}  // namespace
}  // namespace qat::patterns
