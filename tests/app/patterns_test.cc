// The pattern use cases (qat/app/patterns.h) called as a front end calls them, without the
// binary: a store with real SPY and QQQ bars.
#include <gtest/gtest.h>

#include "qat/app/patterns.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::app {
namespace {

using qat::testing::RepoBars;
using qat::testing::TempDir;

class AppPatterns : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto db = store::OpenStore(dir_->path() / "s.db");
    ASSERT_TRUE(db.ok());
    for (const char* s : {"SPY", "QQQ"}) ASSERT_TRUE(store::UpsertBars(*db, RepoBars(std::string("data/daily/") + s + ".csv", s)).ok());
    int calls = 0;
    auto built = BuildPatternStats(*db, {{"SPY", "QQQ"}, data::Interval::k1d, "SPY", {1, 5}, 5},
                                   [&](const SymbolBuilt& s) { EXPECT_EQ(s.symbol, calls++ == 0 ? "SPY" : "QQQ"); });
    ASSERT_TRUE(built.ok()) << built.error().message;
    report_ = new BuildPatternStatsReport(std::move(*built));
    EXPECT_EQ(calls, 2);
  }
  static void TearDownTestSuite() {
    delete report_;
    delete dir_;
  }
  static store::Database Db() { return store::OpenStore(dir_->path() / "s.db", store::OpenMode::kExisting).value(); }

  static TempDir* dir_;
  static BuildPatternStatsReport* report_;
};
TempDir* AppPatterns::dir_ = nullptr;
BuildPatternStatsReport* AppPatterns::report_ = nullptr;

TEST_F(AppPatterns, BuildStoresBothSpansOfEveryStoredSeries) {
  EXPECT_EQ(report_->series, 2u);
  ASSERT_EQ(report_->symbols.size(), 2u);
  EXPECT_TRUE(report_->symbols[0].stats.rebuilt);
  EXPECT_GT(report_->symbols[0].stats.new_events, 1000);
  auto db = Db();
  EXPECT_EQ(patterns::LoadCells(db, kSpanAll)->size(), report_->all.size());
  EXPECT_EQ(patterns::LoadCells(db, kSpanRecent)->size(), report_->recent.size());
  EXPECT_LT(report_->recent.size(), report_->all.size());
  // Five years before the latest known outcome (QQQ and SPY end 2024-03-22).
  EXPECT_EQ(FormatDate(static_cast<Days>(report_->recent_since / kSecondsPerDay)).substr(0, 4), "2019");
  auto bad = BuildPatternStats(db, {{"SPY"}, data::Interval::k1d, "", {0}, 5});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  auto missing = BuildPatternStats(db, {{"NOPE"}, data::Interval::k1d, "", {5}, 5});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("'NOPE'"), std::string::npos);
}

TEST_F(AppPatterns, TopEdgesAreThePositiveCellsByQValue) {
  auto db = Db();
  auto top = TopEdges(db, {"1d", 5, 30, 15});
  ASSERT_TRUE(top.ok()) << top.error().message;
  ASSERT_FALSE(top->empty());
  EXPECT_LE(top->size(), 15u);
  for (std::size_t i = 0; i < top->size(); ++i) {
    const auto& c = (*top)[i];
    EXPECT_EQ(c.horizon, 5);
    EXPECT_GE(c.n, 30);
    EXPECT_GT(c.mean_return, 0);
    EXPECT_GT(c.excess_return, 0);
    if (i > 0) {
      EXPECT_LE((*top)[i - 1].q_value, c.q_value);
    }
  }
  // No positive cell left out that ranks above the last one kept.
  std::size_t better = 0;
  for (const auto& c : report_->all) {
    if (c.horizon == 5 && c.n >= 30 && c.mean_return > 0 && c.excess_return > 0 && c.q_value < top->back().q_value) {
      ++better;
    }
  }
  EXPECT_LT(better, top->size());
  auto zero = TopEdges(db, {"1d", 5, 30, 0});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().code, ErrorCode::kInvalidInput);
}

TEST_F(AppPatterns, EdgeFallsBackToBroaderCellsAndSaysWhy) {
  auto db = Db();
  // Exact when the context is large enough.
  auto all = PatternEdge(db, {"cdlhammer", "bullish", "ALL", "ALL", "1d", 5, 1});
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 1u);
  EXPECT_TRUE((*all)[0].exact);
  EXPECT_EQ((*all)[0].asked.pattern, "CDLHAMMER");
  const std::int64_t n_all = (*all)[0].cell.n;
  // A context asking more events than any cell holds: the chain is walked to ALL/ALL, which
  // answers, marked below min n.
  auto narrow = PatternEdge(db, {"CDLHAMMER", "bullish", "bull", "high", "1d", 5, static_cast<int>(n_all + 1)});
  ASSERT_TRUE(narrow.ok()) << narrow.error().message;
  const auto& a = (*narrow)[0];
  EXPECT_FALSE(a.exact);
  EXPECT_TRUE(a.below_min_n);
  EXPECT_EQ(a.cell.regime, "ALL");
  EXPECT_EQ(a.cell.vol_regime, "ALL");
  EXPECT_NE(a.fallback_reason.find("BULL/HIGH has n="), std::string::npos) << a.fallback_reason;
  EXPECT_NE(a.fallback_reason.find("; BULL/ALL has n="), std::string::npos) << a.fallback_reason;
  EXPECT_NE(a.fallback_reason.find("; ALL/ALL has n=" + std::to_string(n_all)), std::string::npos);
  const auto j = ToJson(a);
  EXPECT_EQ(j["answered_by"], "ALL/ALL");
  EXPECT_EQ(j["requested"]["regime"], "BULL");
  EXPECT_EQ(j["cell"]["n"], n_all);
  // Both directions when none is asked; bad input and no statistics have their codes.
  EXPECT_EQ(PatternEdge(db, {"CDLENGULFING", "", "ALL", "ALL", "1d", 5, 30})->size(), 2u);
  auto unknown = PatternEdge(db, {"CDLNOPE", "", "ALL", "ALL", "1d", 5, 30});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(PatternEdge(db, {"CDLHAMMER", "up", "ALL", "ALL", "1d", 5, 30}).error().code, ErrorCode::kInvalidInput);
  TempDir empty_dir;
  auto empty = store::OpenStore(empty_dir.path() / "e.db");
  ASSERT_TRUE(empty.ok());
  auto none = PatternEdge(*empty, {"CDLHAMMER", "", "ALL", "ALL", "1d", 5, 30});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace qat::app
