// RunTraining over a real universe with ragged histories (issue 11, section 4): symbols end
// on different days (TSLA 2023-08-11, GOOGL 2023-12-29, AAPL 2026-07-21; the market SPY
// 2024-03-22), a short symbol is skipped and listed instead of sinking the run, nothing
// left is a clear error, and a symbol given twice is refused. Real bundled data in a store of
// the test's own; few boosting rounds, since the models' quality is not what is tested.
#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/data/csv.h"
#include "qat/pipeline/training.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::pipeline {
namespace {

using qat::testing::RepoBars;

using qat::testing::RepoPath;
using qat::testing::TempDir;


class RaggedTraining : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto db = store::OpenStore(dir_->path() / "qtrader.db");
    ASSERT_TRUE(db.ok()) << db.error().message;
    for (const char* symbol : {"SPY", "AAPL", "TSLA", "GOOGL"}) {
      ASSERT_TRUE(store::UpsertBars(*db, RepoBars(std::string("data/daily/") + symbol + ".csv", symbol)).ok());
    }
    ASSERT_TRUE(store::UpsertBars(*db, RepoBars("data/macro/VIX.csv", "^VIX", true)).ok());
    // Two recently listed symbols: MSFT's last 120 and 250 real bars under other names.
    const data::BarSeries msft = RepoBars("data/daily/MSFT.csv", "MSFT");
    for (const auto& [symbol, n] : {std::pair{"NEWCO", 120}, std::pair{"NEWER", 250}}) {
      data::BarSeries recent = msft.Slice(msft.size() - n, msft.size());
      recent.symbol = symbol;
      ASSERT_TRUE(store::UpsertBars(*db, recent).ok());
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static TrainConfig Config(std::vector<std::string> symbols) {
    TrainConfig c;
    c.symbols = std::move(symbols);
    c.classifier.rounds = 3;
    c.quantiles.rounds = 3;
    c.jobs = 2;
    return c;
  }
  struct Run {
    Result<TrainResult> result;
    std::vector<std::string> progress;
  };
  static Run Train(const TrainConfig& c) {
    auto db = store::OpenStore(dir_->path() / "qtrader.db");
    EXPECT_TRUE(db.ok());
    std::vector<std::string> lines;
    auto result = RunTraining(*db, c, [&](const std::string& line) { lines.push_back(line); });
    return {std::move(result), std::move(lines)};
  }
  static bool AnyLineStartsWith(const std::vector<std::string>& lines, const std::string& prefix) {
    for (const auto& l : lines) {
      if (l.rfind(prefix, 0) == 0) return true;
    }
    return false;
  }

  static TempDir* dir_;
};

TempDir* RaggedTraining::dir_ = nullptr;

// Before: everything stopped at the earliest last day (TSLA's 2023-08-11), dropping three
// years of AAPL. Now each symbol keeps its rows, and the folds after TSLA's end test AAPL.
TEST_F(RaggedTraining, EachSymbolKeepsItsRowsToItsOwnLastDay) {
  const TrainConfig c = Config({"TSLA", "AAPL"});
  auto run = Train(c);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  const TrainResult& r = *run.result;
  ASSERT_EQ(r.series.size(), 2u);
  EXPECT_EQ(FormatDate(r.series[0].last_day), "2023-08-04");  // 5 bars before TSLA's last
  EXPECT_EQ(FormatDate(r.series[1].last_day), "2026-07-14");  // 5 bars before AAPL's last
  EXPECT_EQ(FormatDate(r.last_day), "2026-07-14");
  EXPECT_EQ(FormatDate(r.folds.back().fold.test_end), "2026-07-14");
  const Days tsla_end = *ParseDate("2023-08-11");
  std::size_t test_rows_after = 0, folds_after = 0;
  for (const auto& f : r.folds) {
    if (f.fold.test_start <= tsla_end) continue;
    ++folds_after;
    test_rows_after += f.fold.test.size();
  }
  EXPECT_GE(folds_after, 2u);
  EXPECT_GT(test_rows_after, 500u);  // AAPL's sessions after 2023-08-11
  // The final model's window ends with the data, not at the earliest end.
  EXPECT_GT(r.final_models.train_end, tsla_end);
  EXPECT_EQ(r.final_symbols, std::vector<std::string>{"AAPL"});  // TSLA has no row in its window

  // The results record each symbol's own range and the rows without fresh market context:
  // AAPL's rows after SPY's end + 5 days (2024-03-27) among them.
  const auto j = r.ToJson(c);
  ASSERT_EQ(j["symbols_used"].size(), 2u);
  EXPECT_EQ(j["symbols_used"][0]["symbol"], "TSLA");
  EXPECT_EQ(j["symbols_used"][0]["last_day"], "2023-08-04");
  EXPECT_EQ(j["symbols_used"][1]["symbol"], "AAPL");
  EXPECT_EQ(j["symbols_used"][1]["last_day"], "2026-07-14");
  EXPECT_EQ(j["symbols_used"][1]["first_day"], FormatDate(r.series[1].first_day));
  EXPECT_EQ(j["symbols_used"][0]["rows_missing_context"], 0);
  EXPECT_GT(j["symbols_used"][1]["rows_missing_market"].get<std::size_t>(), 550u);
  EXPECT_EQ(j["rows_missing_context"].get<std::size_t>(), r.series[0].rows_missing_context + r.series[1].rows_missing_context);
  EXPECT_EQ(j["rows_missing_context"].get<std::size_t>(), r.RowsMissingContext());
  EXPECT_EQ(j["context_max_age_days"], 5);
  EXPECT_EQ(j["skipped_symbols"].size(), 0u);
  EXPECT_EQ(j["rows"].get<std::size_t>(), r.series[0].rows + r.series[1].rows);
  EXPECT_FALSE(j.contains("data_end"));
  EXPECT_EQ(j["final_model"]["symbols"], nlohmann::json::array({"AAPL"}));
  EXPECT_TRUE(AnyLineStartsWith(run.progress, "loaded 2 symbols (each to its own last bar: TSLA 2023-08-11 .. AAPL "
                                              "2026-07-21) and SPY / ^VIX context (ending 2024-03-22 / 2026-07-23"))
      << run.progress.front();
}

// A short symbol among long ones: skipped with a progress line and listed with its reason;
// the run is the run without it.
TEST_F(RaggedTraining, AShortSymbolIsSkippedAndListedNotFatal) {
  const TrainConfig with = Config({"TSLA", "NEWCO", "GOOGL"});
  auto run = Train(with);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  const TrainResult& r = *run.result;
  ASSERT_EQ(r.series.size(), 3u);
  EXPECT_EQ(r.series[1].symbol, "NEWCO");
  EXPECT_FALSE(r.series[1].skipped.empty());
  EXPECT_TRUE(AnyLineStartsWith(run.progress, "skipped NEWCO: 120 daily bars"));
  const auto j = r.ToJson(with);
  ASSERT_EQ(j["skipped_symbols"].size(), 1u);
  EXPECT_EQ(j["skipped_symbols"][0]["symbol"], "NEWCO");
  EXPECT_EQ(j["skipped_symbols"][0]["reason"], r.series[1].skipped);
  ASSERT_EQ(j["symbols_used"].size(), 2u);
  EXPECT_EQ(j["symbols"].size(), 3u);  // what was asked for

  auto without = Train(Config({"TSLA", "GOOGL"}));
  ASSERT_TRUE(without.result.ok()) << without.result.error().message;
  EXPECT_EQ(r.rows, without.result->rows);
  ASSERT_EQ(r.folds.size(), without.result->folds.size());
  for (std::size_t k = 0; k < r.folds.size(); ++k) {
    EXPECT_EQ(r.folds[k].fold.test.size(), without.result->folds[k].fold.test.size()) << k;
    EXPECT_EQ(r.folds[k].classification.accuracy, without.result->folds[k].classification.accuracy) << k;
  }
  EXPECT_EQ(r.oos_quantiles.pinball, without.result->oos_quantiles.pinball);
}

TEST_F(RaggedTraining, NothingLeftFailsClearly) {
  auto run = Train(Config({"NEWCO", "NEWER"}));
  ASSERT_FALSE(run.result.ok());
  const std::string& m = run.result.error().message;
  EXPECT_NE(m.find("no symbol has enough history"), std::string::npos) << m;
  EXPECT_NE(m.find("NEWCO: 120 daily bars"), std::string::npos) << m;
  EXPECT_NE(m.find("NEWER: 250 daily bars"), std::string::npos) << m;
}

// --symbols SPY,SPY used to pool SPY's rows twice.
TEST_F(RaggedTraining, ASymbolGivenTwiceIsRefusedBeforeAnyWork) {
  auto run = Train(Config({"SPY", "AAPL", "SPY"}));
  ASSERT_FALSE(run.result.ok());
  EXPECT_EQ(run.result.error().message,
            "symbol 'SPY' is given twice (positions 1 and 3); each symbol may appear once");
  EXPECT_TRUE(run.progress.empty());
  auto twice = Train(Config({"AAPL", "AAPL"}));
  ASSERT_FALSE(twice.result.ok());
  EXPECT_NE(twice.result.error().message.find("'AAPL' is given twice"), std::string::npos);
  // A missing symbol is still an error, not a skip.
  auto missing = Train(Config({"AAPL", "NOPE"}));
  ASSERT_FALSE(missing.result.ok());
  EXPECT_NE(missing.result.error().message.find("'NOPE'"), std::string::npos) << missing.result.error().message;
}

}  // namespace
}  // namespace qat::pipeline
