#include "qat/labels/labels.h"

#include <gtest/gtest.h>

#include <cmath>

#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::labels {
namespace {

TEST(Labels, ForwardReturnByHand) {
  std::vector<double> adj = {100, 110, 99, 121};
  auto r = ForwardReturn(adj, 2);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ((*r)[0], 99.0 / 100.0 - 1.0);
  EXPECT_DOUBLE_EQ((*r)[1], 121.0 / 110.0 - 1.0);
  EXPECT_TRUE(std::isnan((*r)[2]));
  EXPECT_TRUE(std::isnan((*r)[3]));
  EXPECT_FALSE(ForwardReturn(adj, 0).ok());
}

TEST(Labels, ClassesUseVolatilityScaledThreshold) {
  // Alternating +1%/-1% log returns: sigma is known exactly.
  std::vector<double> adj = {100};
  for (int i = 1; i < 30; ++i) adj.push_back(adj.back() * std::exp(i % 2 ? 0.01 : -0.01));
  adj.push_back(adj.back() * 1.10);  // a +10% jump at the end
  ClassLabelConfig config{.horizon = 1, .vol_window = 4, .threshold_sigmas = 1.0};
  auto labels = MakeClassLabels(adj, config);
  ASSERT_TRUE(labels.ok()) << labels.error().message;
  // Window of 4 returns +-0.01 with mean 0: sample sd = sqrt(4 * 1e-4 / 3).
  const double sigma = std::sqrt(4e-4 / 3.0);
  EXPECT_NEAR(labels->threshold[10], sigma, 1e-12);
  EXPECT_EQ(labels->action[3], -1);  // sigma not yet defined
  EXPECT_EQ(labels->action[29], static_cast<int>(Action::kBuy));
  EXPECT_EQ(labels->action[30], -1);  // forward return unknown
  // +1% moves are below 1.15% threshold: HOLD.
  EXPECT_EQ(labels->action[10], static_cast<int>(Action::kHold));
  EXPECT_EQ(labels->end_index[10], 11u);
}

TEST(Labels, RealSeriesHasAllThreeClasses) {
  auto spy = data::ReadBarsCsv(qat::testing::RepoPath("data/daily/SPY.csv"));
  ASSERT_TRUE(spy.ok());
  auto labels = MakeClassLabels(spy->adj_close, {});
  ASSERT_TRUE(labels.ok());
  int counts[3] = {0, 0, 0}, unknown = 0;
  for (int a : labels->action) (a < 0 ? unknown : counts[a])++;
  EXPECT_EQ(unknown, 21 + 5);
  for (int c : counts) EXPECT_GT(c, 1500);
}

}  // namespace
}  // namespace qat::labels
