// The pooled dataset over symbols with ragged histories, on real data: a short series is
// skipped (when asked) and says why; every series runs to its own last bar; the rows without
// fresh market context are counted by the same rule the features use.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "qat/data/csv.h"
#include "qat/models/dataset.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::models {
namespace {

using qat::testing::RepoBars;


// MSFT's last `n` real bars under another name: a symbol listed recently.
data::BarSeries Recent(std::size_t n, const std::string& symbol) {
  data::BarSeries bars = RepoBars("data/daily/MSFT.csv", "MSFT");
  data::BarSeries out = bars.Slice(bars.size() - n, bars.size());
  out.symbol = symbol;
  return out;
}

std::size_t RowsOf(const Dataset& ds, std::size_t series) {
  std::size_t n = 0;
  for (std::size_t s : ds.symbol) n += s == series;
  return n;
}

TEST(Dataset, AShortSeriesIsSkippedWithItsReasonWhenAsked) {
  const std::vector<data::BarSeries> series = {RepoBars("data/daily/QQQ.csv", "QQQ"), Recent(120, "NEWCO"),
                                               RepoBars("data/daily/TSLA.csv", "TSLA")};
  DatasetOptions options;
  // By default one short series fails the build, naming it.
  auto strict = BuildDataset(series, {}, options);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("NEWCO"), std::string::npos) << strict.error().message;

  options.skip_series_without_rows = true;
  auto ds = BuildDataset(series, {}, options);
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  ASSERT_EQ(ds->series.size(), 3u);
  EXPECT_EQ(ds->series[1].symbol, "NEWCO");
  EXPECT_EQ(ds->series[1].rows, 0u);
  EXPECT_EQ(ds->series[1].bars, 120u);
  EXPECT_NE(ds->series[1].skipped.find("120 daily bars"), std::string::npos) << ds->series[1].skipped;
  EXPECT_EQ(RowsOf(*ds, 1), 0u);
  // The others give exactly the rows they give alone.
  for (std::size_t s : {0u, 2u}) {
    EXPECT_TRUE(ds->series[s].skipped.empty()) << ds->series[s].skipped;
    const std::vector<data::BarSeries> alone = {series[s]};
    auto one = BuildDataset(alone, {}, DatasetOptions{});
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(ds->series[s].rows, one->rows());
    EXPECT_EQ(RowsOf(*ds, s), one->rows());
  }
  EXPECT_EQ(ds->rows(), ds->series[0].rows + ds->series[2].rows);
}

TEST(Dataset, NothingLeftFailsNamingEverySymbol) {
  const std::vector<data::BarSeries> series = {Recent(120, "NEWCO"), Recent(250, "NEWER")};
  DatasetOptions options;
  options.skip_series_without_rows = true;
  auto ds = BuildDataset(series, {}, options);
  ASSERT_FALSE(ds.ok());
  const std::string& m = ds.error().message;
  EXPECT_NE(m.find("no symbol has enough history"), std::string::npos) << m;
  EXPECT_NE(m.find("NEWCO: 120 daily bars"), std::string::npos) << m;
  EXPECT_NE(m.find("NEWER: 250 daily bars"), std::string::npos) << m;
  // Long enough in bars but outside the day range: skipped too, saying so.
  options.last_day = *ParseDate("2000-01-01");
  const std::vector<data::BarSeries> late = {RepoBars("data/daily/TSLA.csv", "TSLA")};
  auto none = BuildDataset(late, {}, options);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("TSLA: no labelled row between the start and 2000-01-01"), std::string::npos)
      << none.error().message;
}

// TSLA ends 2023-08-11, AAPL 2026-07-21, SPY 2024-03-22, the VIX 2026-07-23: each symbol keeps
// its rows to its own last labelled bar, and the rows without a fresh SPY or VIX bar are
// counted per symbol by date.
TEST(Dataset, EachSeriesRunsToItsOwnLastDayAndCountsMissingContext) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv", "SPY");
  const data::BarSeries vix = RepoBars("data/macro/VIX.csv", "^VIX", true);
  const std::vector<data::BarSeries> series = {RepoBars("data/daily/TSLA.csv", "TSLA"), RepoBars("data/daily/AAPL.csv", "AAPL")};
  DatasetOptions options;
  auto ds = BuildDataset(series, {&spy, &vix}, options);
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  ASSERT_EQ(ds->series.size(), 2u);
  const int h = options.labels.horizon;
  for (std::size_t s = 0; s < 2; ++s) {
    const auto& bars = series[s];
    const auto& info = ds->series[s];
    SCOPED_TRACE(info.symbol);
    EXPECT_EQ(info.symbol, bars.symbol);
    // The last labelled bar is h bars before the series' own last bar.
    EXPECT_EQ(info.last_day, bars.DayAt(bars.size() - 1 - static_cast<std::size_t>(h)));
    EXPECT_EQ(info.rows, RowsOf(*ds, s));
    // Missing context by date: before the context's first bar, or more than 5 calendar days
    // after its last (no gaps inside the bundled context series).
    std::size_t no_market = 0, no_vix = 0, either = 0;
    for (std::size_t i = 0; i < ds->rows(); ++i) {
      if (ds->symbol[i] != s) continue;
      const Days day = ds->day[i];
      const bool m = day < spy.DayAt(0) || day > spy.DayAt(spy.size() - 1) + 5;
      const bool v = day < vix.DayAt(0) || day > vix.DayAt(vix.size() - 1) + 5;
      no_market += m;
      no_vix += v;
      either += m || v;
    }
    EXPECT_EQ(info.rows_missing_market, no_market);
    EXPECT_EQ(info.rows_missing_vix, no_vix);
    EXPECT_EQ(info.rows_missing_context, either);
  }
  EXPECT_EQ(FormatDate(ds->series[0].last_day), "2023-08-04");
  EXPECT_EQ(FormatDate(ds->series[1].last_day), "2026-07-14");
  EXPECT_EQ(ds->series[0].rows_missing_context, 0u);  // TSLA lies inside both contexts
  // AAPL: its early rows (before SPY's 1993-01-29 start, before the VIX's 1990-01-02) and,
  // for the market, every row from 2024-03-28 on.
  EXPECT_GT(ds->series[1].rows_missing_market, ds->series[1].rows_missing_vix + 550);
  EXPECT_GT(ds->series[1].rows_missing_vix, 500u);
  std::size_t aapl_after_spy = 0;
  for (std::size_t i = 0; i < ds->rows(); ++i) aapl_after_spy += ds->symbol[i] == 1 && ds->day[i] > *ParseDate("2024-03-27");
  EXPECT_GT(aapl_after_spy, 550u);
}

}  // namespace
}  // namespace qat::models
