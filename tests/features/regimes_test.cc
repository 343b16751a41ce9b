#include "qat/features/regimes.h"

#include <gtest/gtest.h>

#include <cmath>

#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::features {
namespace {

TEST(Regimes, PercentileRankByHand) {
  std::vector<double> x = {3, 1, 2, 5, 4};
  auto r = RollingPercentileRank(x, 3);
  EXPECT_TRUE(std::isnan(r[1]));
  EXPECT_DOUBLE_EQ(r[2], 2.0 / 3.0);  // 2 among {3,1,2}: 1 and 2 are <= 2
  EXPECT_DOUBLE_EQ(r[3], 1.0);        // 5 among {1,2,5}
  EXPECT_DOUBLE_EQ(r[4], 2.0 / 3.0);  // 4 among {2,5,4}
}

TEST(Regimes, SpyTrendAndVolatilityRegimesOnKnownDates) {
  auto spy = data::ReadBarsCsv(qat::testing::RepoPath("data/daily/SPY.csv"));
  ASSERT_TRUE(spy.ok());
  auto trend = TrendRegimes(spy->close);
  auto vol = VolRegimes(spy->adj_close);
  auto at = [&](const char* date) {
    Days d = *ParseDate(date);
    for (std::size_t i = 0; i < spy->size(); ++i) if (spy->DayAt(i) == d) return i;
    return std::size_t(-1);
  };
  EXPECT_EQ(trend[198], TrendRegime::kUnknown);
  EXPECT_EQ(trend[at("2008-11-20")], TrendRegime::kBear);   // the 2008 crash
  EXPECT_EQ(trend[at("2017-11-01")], TrendRegime::kBull);   // the calm 2017 rally
  EXPECT_EQ(vol[at("2020-03-16")], VolRegime::kHigh);       // COVID crash
  EXPECT_EQ(vol[at("2017-11-01")], VolRegime::kLow);
  int counts[4] = {0, 0, 0, 0};
  for (auto r : trend) counts[static_cast<int>(r)]++;
  EXPECT_GT(counts[1], counts[2]);  // SPY spent more time in bull than bear regimes
  EXPECT_GT(counts[3], 0);
}

TEST(Regimes, NamesParse) {
  EXPECT_EQ(*ParseTrendRegime("BULL"), TrendRegime::kBull);
  EXPECT_EQ(*ParseVolRegime("LOW"), VolRegime::kLow);
  EXPECT_FALSE(ParseTrendRegime("UP").ok());
}

}  // namespace
}  // namespace qat::features
