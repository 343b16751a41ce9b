// Corporate actions in the store and the adjusted series derived at read time.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "providers/fixture_server.h"
#include "qat/providers/provider.h"
#include "qat/store/actions.h"
#include "qat/store/store.h"
#include "support/cli.h"

namespace qat::store {
namespace {

using qat::testing::TempDir;

TEST(StoreActions, UpsertIsIdempotentAndValidated) {
  TempDir dir;
  auto db = OpenStore(dir.path() / "q.db");
  ASSERT_TRUE(db.ok()) << db.error().message;
  std::vector<CorporateAction> actions = {{"NVDA", *ParseDate("2021-07-20"), ActionType::kSplit, 4},
                                          {"NVDA", *ParseDate("2021-06-09"), ActionType::kDividend, 0.16}};
  auto first = UpsertActions(*db, actions);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->inserted, 2);
  auto again = UpsertActions(*db, actions);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 2);
  auto loaded = LoadActions(*db, "NVDA");
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ(FormatDate((*loaded)[0].date), "2021-06-09");
  EXPECT_EQ((*loaded)[1].value, 4);
  // A bad value anywhere writes nothing.
  std::vector<CorporateAction> bad = {{"NVDA", *ParseDate("2022-01-03"), ActionType::kDividend, 0.04},
                                      {"NVDA", *ParseDate("2022-01-04"), ActionType::kSplit, 0}};
  auto refused = UpsertActions(*db, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("2022-01-04"), std::string::npos);
  EXPECT_EQ(LoadActions(*db, "NVDA")->size(), 2u);
  EXPECT_TRUE(LoadActions(*db, "NONE")->empty());
}

// Yahoo's adjclose for MSFT (recorded 2025) holds every dividend up to 2025; inside the
// fixture's year the ratio between two days only depends on the dividends in between.
// Our read-time adjustment from raw bars + the four stored dividends must give the same ratios.
TEST(StoreActions, DividendAdjustmentMatchesYahooAdjclose) {
  const std::string body = qat::testing::YahooBody("historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json");
  providers::FetchRequest req{"MSFT", data::Interval::k1d, *ParseDate("2021-02-01") * kSecondsPerDay,
                              *ParseDate("2022-01-31") * kSecondsPerDay};
  auto parsed = providers::ParseYahooChart(body, req, 1'790'000'000);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const data::BarSeries adjusted = AdjustBars(parsed->bars, parsed->actions);
  const std::size_t n = adjusted.size(), last = n - 1;
  double worst = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double ours = adjusted.adj_close[i] / adjusted.adj_close[last];
    const double yahoo = parsed->bars.adj_close[i] / parsed->bars.adj_close[last];
    worst = std::max(worst, std::fabs(ours / yahoo - 1));
  }
  // Yahoo's adjclose is float32 (about 7 significant digits).
  EXPECT_LT(worst, 2e-6) << "largest relative difference " << worst;
  std::printf("MSFT 2021: largest relative difference of adj_close ratios vs Yahoo: %.3g\n", worst);
  // Before the first ex-date (2021-02-17) the factor is (1 - 0.56/c1)(1 - 0.56/c2).
  EXPECT_LT(adjusted.adj_close[0], adjusted.close[0]);
  EXPECT_EQ(adjusted.adj_close[last], adjusted.close[last]);
}

TEST(StoreActions, SplitAdjustsEarlierBarsOnly) {
  data::BarSeries raw;
  raw.symbol = "X";
  for (int d = 0; d < 4; ++d) {
    data::Bar b;
    b.start = Timestamp{*ParseDate("2021-07-16") + d} * kSecondsPerDay;
    b.open = b.high = b.low = b.close = b.adj_close = d < 2 ? 800 : 200;
    b.volume = d < 2 ? 100 : 400;
    raw.Append(b);
  }
  const data::BarSeries adjusted = AdjustBars(raw, {{"X", *ParseDate("2021-07-18"), ActionType::kSplit, 4}});
  EXPECT_EQ(adjusted.close, (std::vector<double>{200, 200, 200, 200}));
  EXPECT_EQ(adjusted.volume, (std::vector<double>{400, 400, 400, 400}));
  EXPECT_EQ(AdjustBars(raw, {}).close, raw.close);
}

}  // namespace
}  // namespace qat::store
