// `qtrader demo` as a new user runs it: fresh QTRADER_HOME, bundled data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "qat/core/file_set.h"
#include "support/cli.h"
#include "support/golden_json.h"

namespace qat::testing {
namespace {

TEST(CliDemo, RunsEndToEndAndWritesResultAndManifest) {
  TempDir home;
  // The user's own store, which the demo must not touch.
  const std::string spy = ReadFile(RepoPath("data/daily/SPY.csv"));
  std::size_t cut = 0;
  for (int line = 0; line < 31; ++line) cut = spy.find('\n', cut) + 1;
  WriteFile(home.path() / "spy_head.csv", spy.substr(0, cut));  // header and 30 bars
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--input", (home.path() / "spy_head.csv").string()}, home.path())
                .exit_code, 0);
  const std::string users_bars = RunCli({"bars", "--symbol", "SPY"}, home.path()).out;
  auto run = RunCli({"demo", "--jobs", "3"}, home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  for (const char* expected : {"fold 1/5", "majority", "classifier BUY signals",
                               "buy-and-hold, equal weight", "buy-and-hold, SPY", "manifest.json",
                               "prob_up, folds 2..12 (", "Platt-scaled: log loss ",
                               "Tomorrow's signals", "Confluence (pattern evidence on 1d and 1w",
                               "qtrader serve --db "}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
  EXPECT_EQ(RunCli({"bars", "--symbol", "SPY"}, home.path()).out, users_bars);
  EXPECT_EQ(RunCli({"symbols"}, home.path()).out.find("QQQ"), std::string::npos);
  // One run folder, a verified set: results, manifest and the demo's own store.
  std::filesystem::path dir;
  for (const auto& e : std::filesystem::directory_iterator(home.path() / "runs")) dir = e.path();
  ASSERT_FALSE(dir.empty());
  auto verified = VerifyFileSet(dir);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_EQ(verified->names, (std::vector<std::string>{"confluence_evaluation.json", "manifest.json", "result.json",
                                                       "signals.json", "store.db"}));
  // Tomorrow's signals: one per symbol, each with its gates and a plan (the models it used
  // were trained in a scratch folder that is gone: the runs folder holds only run folders).
  const auto signals = nlohmann::json::parse(ReadFile(dir / "signals.json"));
  ASSERT_EQ(signals.at("signals").size(), 6u) << signals.dump();
  for (const auto& s : signals.at("signals")) {
    EXPECT_EQ(s.at("timeframes_used"), nlohmann::json({"1d", "1w"})) << s.dump();
    EXPECT_EQ(s.at("gates").size(), 10u);
    EXPECT_TRUE(s.at("plan").contains("shares"));
  }
  const auto evaluation = nlohmann::json::parse(ReadFile(dir / "confluence_evaluation.json"));
  EXPECT_GT(evaluation.at("n").get<int>(), 10000);
  auto symbols = RunCli({"symbols", "--db", (dir / "store.db").string()}, home.path());
  for (const char* s : {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA", "^VIX"}) {
    EXPECT_NE(symbols.out.find(s), std::string::npos) << s << symbols.out;
  }
  EXPECT_NE(symbols.out.find("csv:AAPL.csv (split-dividend)"), std::string::npos) << symbols.out;
  auto result = nlohmann::json::parse(ReadFile(dir / "result.json"));
  auto manifest = nlohmann::json::parse(ReadFile(dir / "manifest.json"));
  ASSERT_EQ(result["folds"].size(), 5u);
  for (const auto& fold : result["folds"]) {
    // Test folds follow training data with an embargo of at least the 5-bar horizon.
    EXPECT_LT(fold["train_end"].get<std::string>(), fold["test_start"].get<std::string>());
  }
  // The figures README.md quotes, per fold and pooled, and the backtests beside their baselines.
  ExpectMatchesGolden(result, nlohmann::json::parse(ReadFile(RepoPath("tests/testdata/golden/demo_result.json"))));
  EXPECT_EQ(manifest["data_sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(manifest["seed"].get<int>(), 42);
  EXPECT_EQ(manifest["config"]["horizon"].get<int>(), 5);
  EXPECT_TRUE(manifest["versions"].contains("xgboost"));
  EXPECT_TRUE(manifest.contains("git_commit"));
  EXPECT_EQ(manifest["inputs"].size(), 8u);  // six symbols, SPY as market, ^VIX

  // The folds train side by side (--jobs 3 above); one at a time, every number is the same.
  auto serial = RunCli({"demo", "--jobs", "1"}, home.path());
  ASSERT_EQ(serial.exit_code, 0) << serial.err << serial.out;
  std::vector<std::filesystem::path> dirs;
  for (const auto& e : std::filesystem::directory_iterator(home.path() / "runs")) dirs.push_back(e.path());
  ASSERT_EQ(dirs.size(), 2u);
  const auto other = dirs[0] == dir ? dirs[1] : dirs[0];
  EXPECT_EQ(ReadFile(other / "result.json"), ReadFile(dir / "result.json"));
  EXPECT_EQ(ReadFile(other / "signals.json"), ReadFile(dir / "signals.json"));
  // Progress lines in fold order and the summary, from after the run's store line up to the
  // run folder's name.
  auto body = [](const std::string& out) {
    const auto from = out.find("\n", out.find("store: "));
    return out.substr(from, out.find("\nwrote") - from);
  };
  EXPECT_EQ(body(serial.out), body(run.out));
  EXPECT_GT(body(run.out).size(), 1000u);

  // A store named with --db is used only when the user says so.
  auto refused = RunCli({"demo", "--db", (home.path() / "qtrader.db").string()}, home.path());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--import-into-db"), std::string::npos) << refused.err;
  EXPECT_EQ(RunCli({"bars", "--symbol", "SPY"}, home.path()).out, users_bars);
}

}  // namespace
}  // namespace qat::testing
