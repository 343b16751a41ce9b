// `qtrader demo` as a new user runs it: fresh QTRADER_HOME, bundled data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli.h"

namespace qat::testing {
namespace {

TEST(CliDemo, RunsEndToEndAndWritesResultAndManifest) {
  TempDir home;
  auto run = RunCli({"demo", "--jobs", "3"}, home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  for (const char* expected : {"fold 1/5", "majority", "classifier BUY signals",
                               "buy-and-hold, equal weight", "buy-and-hold, SPY", "manifest.json"}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
  // The store now holds the bundled series.
  auto symbols = RunCli({"symbols"}, home.path());
  for (const char* s : {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA", "^VIX"}) {
    EXPECT_NE(symbols.out.find(s), std::string::npos) << s;
  }
  // One run folder with both files.
  std::filesystem::path dir;
  for (const auto& e : std::filesystem::directory_iterator(home.path() / "runs")) dir = e.path();
  ASSERT_FALSE(dir.empty());
  auto result = nlohmann::json::parse(ReadFile(dir / "result.json"));
  auto manifest = nlohmann::json::parse(ReadFile(dir / "manifest.json"));
  ASSERT_EQ(result["folds"].size(), 5u);
  for (const auto& fold : result["folds"]) {
    EXPECT_GT(fold["n_train"].get<int>(), 1000);
    EXPECT_GT(fold["n_test"].get<int>(), 1000);
    // Test folds follow training data with an embargo of at least the 5-bar horizon.
    EXPECT_LT(fold["train_end"].get<std::string>(), fold["test_start"].get<std::string>());
    const double accuracy = fold["accuracy"], baseline = fold["baseline_accuracy"];
    EXPECT_GT(accuracy, 0.2);
    EXPECT_LT(accuracy, 0.8);
    EXPECT_GT(baseline, 0.2);
  }
  EXPECT_GT(result["backtest"]["strategy"]["trades"].get<int>(), 10);
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
  // Progress lines in fold order and the summary, up to the run folder's name.
  auto before_wrote = [](const std::string& out) { return out.substr(0, out.find("\nwrote")); };
  EXPECT_EQ(before_wrote(serial.out), before_wrote(run.out));
}

}  // namespace
}  // namespace qat::testing
