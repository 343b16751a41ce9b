#include "qat/patterns/stored_stats.h"

#include <gtest/gtest.h>

#include <cmath>

#include "qat/data/csv.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "support/cli.h"

namespace qat::patterns {
namespace {

data::BarSeries Load(const std::string& symbol) {
  data::CsvReadOptions o;
  o.symbol = symbol;
  auto s = data::ReadBarsCsv(qat::testing::RepoPath("data/daily/" + symbol + ".csv"), o);
  EXPECT_TRUE(s.ok());
  return std::move(*s);
}

bool SameNumber(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void ExpectSameCells(const std::vector<CellStats>& a, const std::vector<CellStats>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    ASSERT_EQ(std::tie(x.pattern, x.direction, x.timeframe, x.horizon, x.regime, x.vol_regime, x.n, x.wins),
              std::tie(y.pattern, y.direction, y.timeframe, y.horizon, y.regime, y.vol_regime, y.n, y.wins));
    for (auto [u, v] : {std::pair{x.mean_return, y.mean_return},
                        {x.median_return, y.median_return},
                        {x.sd, y.sd},
                        {x.ic, y.ic},
                        {x.p_value, y.p_value},
                        {x.q_value, y.q_value},
                        {x.shrunk_win_rate, y.shrunk_win_rate},
                        {x.shrunk_mean_return, y.shrunk_mean_return}}) {
      ASSERT_TRUE(SameNumber(u, v)) << x.pattern << " " << x.regime << "/" << x.vol_regime << ": " << u
                                    << " vs " << v;
    }
    ASSERT_EQ(x.status, y.status);
  }
}

void ExpectSameRecords(const std::vector<SeriesRecords>& a, const std::vector<SeriesRecords>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t s = 0; s < a.size(); ++s) {
    EXPECT_EQ(a[s].symbol, b[s].symbol);
    EXPECT_EQ(a[s].start, b[s].start);
    EXPECT_EQ(a[s].available, b[s].available);
    EXPECT_EQ(a[s].trend, b[s].trend);
    EXPECT_EQ(a[s].vol, b[s].vol);
    EXPECT_EQ(a[s].horizons, b[s].horizons);
    EXPECT_EQ(a[s].known_at, b[s].known_at);
    ASSERT_EQ(a[s].events.size(), b[s].events.size());
    for (std::size_t i = 0; i < a[s].events.size(); ++i) {
      EXPECT_EQ(a[s].events[i].bar, b[s].events[i].bar);
      EXPECT_EQ(a[s].events[i].pattern, b[s].events[i].pattern);
      EXPECT_EQ(a[s].events[i].output, b[s].events[i].output);
    }
    for (std::size_t h = 0; h < a[s].forward_return.size(); ++h) {
      for (std::size_t t = 0; t < a[s].size(); ++t) {
        ASSERT_TRUE(SameNumber(a[s].forward_return[h][t], b[s].forward_return[h][t]));
      }
    }
  }
}

struct Built {
  std::vector<SeriesRecords> records;
  std::vector<CellStats> cells;
};

Built Rebuild(store::Database& db) {
  auto records = LoadPatternRecords(db);
  EXPECT_TRUE(records.ok()) << (records.ok() ? "" : records.error().message);
  auto cells = ComputeCells(*records);
  EXPECT_TRUE(cells.ok());
  return {std::move(*records), std::move(*cells)};
}

// New bars arrive in three steps; the stored records and the cells equal a build from
// scratch on all the bars, and equal the engine run straight on the CSV series.
TEST(PatternStore, IncrementalUpdateEqualsFullRebuild) {
  qat::testing::TempDir dir;
  const std::vector<int> horizons = {1, 5, 21};
  const auto spy = Load("SPY");
  const auto qqq = Load("QQQ");
  auto inc = store::OpenStore(dir.path() / "inc.db");
  auto full = store::OpenStore(dir.path() / "full.db");
  ASSERT_TRUE(inc.ok() && full.ok());

  for (std::size_t cut : {spy.size() - 700, spy.size() - 250, spy.size() - 3, spy.size()}) {
    const auto part = spy.Slice(0, cut);
    ASSERT_TRUE(store::UpsertBars(*inc, part).ok());
    auto stats = UpdatePatternRecords(*inc, part, horizons, nullptr, "");
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    EXPECT_EQ(stats->rebuilt, cut == spy.size() - 700);
    if (!stats->rebuilt) {
      // Only the new bars, and the outcomes that became known, were written.
      EXPECT_LT(stats->new_bars, 500);
      EXPECT_LE(stats->new_outcomes, 3 * stats->new_bars + 3 * 21);
    }
  }
  auto again = UpdatePatternRecords(*inc, spy, horizons, nullptr, "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->new_bars + again->new_events + again->new_outcomes, 0);
  ASSERT_TRUE(UpdatePatternRecords(*inc, qqq, horizons, nullptr, "").ok());

  ASSERT_TRUE(UpdatePatternRecords(*full, spy, horizons, nullptr, "").ok());
  ASSERT_TRUE(UpdatePatternRecords(*full, qqq, horizons, nullptr, "").ok());

  const auto a = Rebuild(*inc);
  const auto b = Rebuild(*full);
  ExpectSameRecords(a.records, b.records);
  ExpectSameCells(a.cells, b.cells);

  // Same as the engine on the CSV series directly (nothing lost in the store).
  auto r1 = ExtractRecords(qqq, horizons);
  auto r2 = ExtractRecords(spy, horizons);
  ASSERT_TRUE(r1.ok() && r2.ok());
  std::vector<SeriesRecords> direct{*r1, *r2};  // LoadPatternRecords orders by symbol
  auto direct_cells = ComputeCells(direct);
  ASSERT_TRUE(direct_cells.ok());
  ExpectSameCells(a.cells, *direct_cells);

  // Cells survive a save and load unchanged.
  ASSERT_TRUE(SaveCells(*inc, "all", a.cells).ok());
  auto loaded = LoadCells(*inc, "all");
  ASSERT_TRUE(loaded.ok());
  ExpectSameCells(*loaded, a.cells);
  auto none = LoadCells(*inc, "recent");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

// A history that changed under the stored rows (a dividend re-adjusted adj_close) is
// detected and rebuilt, so the result still equals a build from scratch.
TEST(PatternStore, ChangedHistoryTriggersRebuild) {
  qat::testing::TempDir dir;
  const std::vector<int> horizons = {5};
  const auto aapl = Load("AAPL");
  auto db = store::OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(UpdatePatternRecords(*db, aapl.Slice(0, aapl.size() - 100), horizons, nullptr, "").ok());
  auto adjusted = aapl;
  for (std::size_t t = 0; t + 50 < adjusted.size(); ++t) adjusted.adj_close[t] *= 0.995;
  auto stats = UpdatePatternRecords(*db, adjusted, horizons, nullptr, "");
  ASSERT_TRUE(stats.ok());
  EXPECT_TRUE(stats->rebuilt);
  auto fresh = store::OpenStore(dir.path() / "f.db");
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(UpdatePatternRecords(*fresh, adjusted, horizons, nullptr, "").ok());
  ExpectSameRecords(Rebuild(*db).records, Rebuild(*fresh).records);
  // A different market series also forces a rebuild.
  const auto spy = Load("SPY");
  auto with_market = UpdatePatternRecords(*db, adjusted, horizons, &spy, "SPY");
  ASSERT_TRUE(with_market.ok());
  EXPECT_TRUE(with_market->rebuilt);
}

}  // namespace
}  // namespace qat::patterns
