// The quantile measures of a set of test rows (models::EvaluateQuantiles) on a hand-made example.
#include <gtest/gtest.h>

#include "qat/models/evaluation.h"

namespace qat::models {
namespace {

TEST(QuantileReport, HandMadeCoverageAndPinball) {
  // Two rows; model quantiles per row (sorted), baseline the same for both rows.
  const std::vector<double> y = {0.00, 0.05};
  const std::vector<double> q = {-0.02, -0.01, 0.01, 0.02, 0.03,    // y = 0 lies between q25 and q50
                                 -0.02, -0.01, 0.01, 0.02, 0.03};   // y = 0.05 above q90
  const std::vector<double> base = {-0.04, -0.02, 0.0, 0.02, 0.04, -0.04, -0.02, 0.0, 0.02, 0.04};
  const QuantileReport r = EvaluateQuantiles(y, q, base);
  EXPECT_EQ(r.n, 2u);
  // P(y <= q): q10, q25: 0 of 2; q50..q90: row 0 only.
  EXPECT_DOUBLE_EQ(r.coverage[0], 0.0);
  EXPECT_DOUBLE_EQ(r.coverage[1], 0.0);
  EXPECT_DOUBLE_EQ(r.coverage[2], 0.5);
  EXPECT_DOUBLE_EQ(r.coverage[4], 0.5);
  EXPECT_DOUBLE_EQ(r.interval_coverage_80, 0.5);
  // Baseline: y = 0 <= q50 (0.0) so q50 covers row 0; y = 0.05 above q90 = 0.04.
  EXPECT_DOUBLE_EQ(r.baseline_coverage[2], 0.5);
  EXPECT_DOUBLE_EQ(r.baseline_coverage[1], 0.0);
  EXPECT_DOUBLE_EQ(r.baseline_interval_coverage_80, 0.5);
  // q50 pinball: row 0: (1 - 0.5) * 0.01; row 1: 0.5 * 0.04 -> mean 0.0125.
  EXPECT_NEAR(r.pinball[2], 0.0125, 1e-15);
  // q10 pinball: row 0: 0.1 * 0.02; row 1: 0.1 * 0.07 -> mean 0.0045.
  EXPECT_NEAR(r.pinball[0], 0.0045, 1e-15);
  // Baseline q50: row 0: 0; row 1: 0.5 * 0.05 -> 0.0125.
  EXPECT_NEAR(r.baseline_pinball[2], 0.0125, 1e-15);
}

}  // namespace
}  // namespace qat::models
