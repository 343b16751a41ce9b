// PSR and DSR (Bailey & Lopez de Prado), worked by hand; the reference values were computed
// with Python's statistics.NormalDist from the same formulas (reports/sharpe_inference.h).
#include "qat/reports/sharpe_inference.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace qat::reports {
namespace {

TEST(SharpeInference, NormalDistributionAndItsInverse) {
  EXPECT_NEAR(NormalCdf(0), 0.5, 1e-16);
  EXPECT_NEAR(NormalCdf(1.959963984540054), 0.975, 1e-15);
  // NormalDist().inv_cdf(p): -6.361340902404056, -3.090232306167813, -0.5244005127080407,
  // 1.2815515655446008, 4.753424308817089.
  EXPECT_NEAR(NormalQuantile(1e-10), -6.361340902404056, 1e-12);
  EXPECT_NEAR(NormalQuantile(0.001), -3.090232306167813, 1e-13);
  EXPECT_NEAR(NormalQuantile(0.025), -1.9599639845400538, 1e-13);
  EXPECT_NEAR(NormalQuantile(0.3), -0.5244005127080407, 1e-13);
  EXPECT_EQ(NormalQuantile(0.5), 0.0);
  EXPECT_NEAR(NormalQuantile(0.9), 1.2815515655446008, 1e-13);
  EXPECT_NEAR(NormalQuantile(0.999999), 4.753424308817089, 1e-10);
  EXPECT_TRUE(std::isnan(NormalQuantile(0)));
  EXPECT_TRUE(std::isnan(NormalQuantile(1)));
}

TEST(SharpeInference, ProbabilisticSharpeRatioWorkedByHand) {
  // Normal returns (skew 0, kurtosis 3), SR 0.05 per period over 1,000 periods, against 0.02:
  // z = 0.03 sqrt(999) / sqrt(1 + 2/4 x 0.0025) = 0.948213 / 1.000625 = 0.947621;
  // Phi(z) = 0.8283377051831231.
  EXPECT_NEAR(ProbabilisticSharpeRatio(0.05, 0.02, 1000, 0, 3), 0.8283377051831231, 1e-12);
  // Negative skew and fat tails widen the interval: SR 0.1 over 252 periods against 0, skew
  // -0.5, kurtosis 6: z = 0.1 sqrt(251) / sqrt(1 + 0.05 + 1.25 x 0.01) = 1.58430 / 1.03078
  // = 1.53699; Phi = 0.9378527056667116 (with skew 0, kurtosis 3 it would be 0.9430).
  EXPECT_NEAR(ProbabilisticSharpeRatio(0.1, 0, 252, -0.5, 6), 0.9378527056667116, 1e-12);
  EXPECT_LT(ProbabilisticSharpeRatio(0.1, 0, 252, -0.5, 6), ProbabilisticSharpeRatio(0.1, 0, 252, 0, 3));
  EXPECT_TRUE(std::isnan(ProbabilisticSharpeRatio(0.1, 0, 1, 0, 3)));
}

TEST(SharpeInference, DeflatedSharpeRatioCountsTheTrials) {
  // 100 configurations whose Sharpe ratios vary with variance 0.0025 (sd 0.05): luck alone is
  // expected to reach 0.05 ((1 - g) Phi^-1(0.99) + g Phi^-1(1 - 1/(100 e))) = 0.12653014466008425.
  EXPECT_NEAR(ExpectedMaxSharpe(0.0025, 100), 0.12653014466008425, 1e-12);
  // The SR 0.1 above, a PSR of 0.94 against 0, is a DSR of 0.3417 against that maximum.
  EXPECT_NEAR(DeflatedSharpeRatio(0.1, 252, -0.5, 6, 0.0025, 100), 0.34172239453504577, 1e-11);
  // One trial: nothing to deflate (E[max] 0): the DSR is the PSR against 0.
  EXPECT_EQ(ExpectedMaxSharpe(0.0025, 1), 0);
  EXPECT_EQ(DeflatedSharpeRatio(0.1, 252, -0.5, 6, 0.0025, 1), ProbabilisticSharpeRatio(0.1, 0, 252, -0.5, 6));
  // More trials, a higher bar.
  EXPECT_GT(ExpectedMaxSharpe(0.0025, 1000), ExpectedMaxSharpe(0.0025, 100));
}

TEST(SharpeInference, MomentsOfSevenReturns) {
  // mean 0.02 / 7 = 0.002857142857142857; sd (n - 1) 0.013704361488574497; population skew
  // -0.4031556723130874, kurtosis 2.1682530451678472; SR = mean / sd = 0.20848420114464247.
  const std::vector<double> r = {0.01, -0.02, 0.015, 0.003, -0.007, 0.02, -0.001};
  const ReturnMoments m = MomentsOf(r);
  EXPECT_EQ(m.n, 7);
  EXPECT_NEAR(m.mean, 0.002857142857142857, 1e-17);
  EXPECT_NEAR(m.sd, 0.013704361488574497, 1e-16);
  EXPECT_NEAR(m.skew, -0.4031556723130874, 1e-13);
  EXPECT_NEAR(m.kurtosis, 2.1682530451678472, 1e-13);
  EXPECT_NEAR(m.sharpe, 0.20848420114464247, 1e-14);
  const ReturnMoments one = MomentsOf(std::vector<double>{0.01});
  EXPECT_EQ(one.sd, 0);
  EXPECT_EQ(one.kurtosis, 3);
}

}  // namespace
}  // namespace qat::reports
