// qtrader backtest end to end on real bundled bars: the sma-cross reference trades through
// the store and the CLI, the trial count behind the Deflated Sharpe Ratio, the signals
// strategy's walk-forward (no fold trains on its own test period; no fill before the first
// test block), and bad inputs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli.h"

namespace qat::testing {
namespace {

void RunOk(const std::vector<std::string>& args, const std::filesystem::path& home) {
  const auto run = RunCli(args, home);
  ASSERT_EQ(run.exit_code, 0) << args[0] << ": " << run.err << run.out;
}

void Import(const std::filesystem::path& home, const std::vector<std::string>& symbols) {
  for (const auto& s : symbols) RunOk({"import", "--symbol", s, "--input", RepoPath("data/daily/" + s + ".csv").string()}, home);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> f;
  std::istringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) f.push_back(field);
  if (!line.empty() && line.back() == ',') f.emplace_back();
  return f;
}

TEST(CliBacktest, TheReferenceRunReproducesTheReferenceTrades) {
  // BIL and T hold exact SMA ties; AAPL trades at split-adjusted prices of a few cents.
  TempDir home;
  const std::vector<std::string> symbols = {"AAPL", "BIL", "T"};
  Import(home.path(), symbols);
  const auto trades = home.path() / "trades.csv";
  RunOk({"backtest", "--strategy", "sma-cross", "--symbols", "AAPL,BIL,T", "--per-symbol", "--cash", "10000",
         "--commission-pct", "0.1", "--slippage-bps", "0", "--trades", trades.string()},
        home.path());
  const auto lines = Lines(ReadFile(trades));
  ASSERT_EQ(lines.front(), "symbol,entry_date,entry_price,size,exit_date,exit_price,exit_reason");
  std::size_t total = 0;
  for (const auto& symbol : symbols) {
    // The file lists trades in exit order across the accounts: this symbol's, in order.
    std::vector<std::string> got;
    for (std::size_t k = 1; k < lines.size(); ++k) {
      if (lines[k].starts_with(symbol + ",")) got.push_back(lines[k]);
    }
    const auto want = Lines(ReadFile(RepoPath("tests/testdata/sma_cross/" + symbol + ".csv")));
    ASSERT_EQ(got.size(), want.size() - 1) << symbol;
    total += got.size();
    for (std::size_t k = 1; k < want.size(); ++k) {
      const auto g = Fields(got[k - 1]);
      const auto w = Fields(want[k]);
      SCOPED_TRACE(symbol + " " + want[k]);
      ASSERT_EQ(g.size(), 7u);
      EXPECT_EQ(g[0], symbol);
      EXPECT_EQ(g[1], w[0]);
      EXPECT_NEAR(std::stod(g[2]), std::stod(w[1]), 1e-13 * std::stod(w[1]));
      EXPECT_EQ(g[3], w[2]);
      EXPECT_EQ(g[4], w[3]);
      if (!w[4].empty()) {
        EXPECT_NEAR(std::stod(g[5]), std::stod(w[4]), 1e-13 * std::stod(w[4]));
      }
    }
  }
  EXPECT_EQ(total + 1, lines.size());
}

TEST(CliBacktest, EveryConfigurationOnTheSameDataIsATrial) {
  TempDir home;
  Import(home.path(), {"SPY", "QQQ"});
  auto run = [&](const std::string& slow) {
    const auto r = RunCli({"backtest", "--symbols", "SPY,QQQ", "--slow", slow, "--json"}, home.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  const auto first = run("30");
  EXPECT_EQ(first["trials"]["configurations"], 1);
  EXPECT_EQ(first["measures"]["dsr"], first["measures"]["psr"]);  // nothing to deflate
  EXPECT_EQ(run("30")["trials"]["configurations"], 1);  // the same configuration again
  const auto third = run("50");
  EXPECT_EQ(third["trials"]["configurations"], 2);
  EXPECT_GT(third["trials"]["sharpe_variance"].get<double>(), 0);
  const auto fourth = run("30");
  EXPECT_EQ(fourth["trials"]["configurations"], 2);
  EXPECT_LT(fourth["measures"]["dsr"].get<double>(), fourth["measures"]["psr"].get<double>());
  EXPECT_EQ(fourth["order_hash"], first["order_hash"]);
  EXPECT_EQ(fourth["buy_and_hold"]["name"], "buy-and-hold, equal weight");
  // A different range is different data: its own count.
  const auto other = RunCli({"backtest", "--symbols", "SPY,QQQ", "--start", "2010-01-04", "--json"}, home.path());
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_EQ(nlohmann::json::parse(other.out)["trials"]["configurations"], 1);
}

TEST(CliBacktest, TheSignalsStrategyTradesOnlyOutOfSampleForecasts) {
  TempDir home;
  Import(home.path(), {"SPY", "AAPL"});
  RunOk({"import", "--symbol", "^VIX", "--input", RepoPath("data/macro/VIX.csv").string(), "--repair-ohlc"}, home.path());
  const auto fills = home.path() / "fills.csv";
  const auto page = home.path() / "tearsheet.html";
  const auto r = RunCli({"backtest", "--strategy", "signals", "--symbols", "SPY,AAPL", "--folds", "4", "--lookback-days",
                         "365", "--fills", fills.string(), "--report", page.string(), "--json"},
                        home.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  const auto& folds = report["strategy_info"]["folds"];
  ASSERT_EQ(folds.size(), 4u);
  for (const auto& f : folds) {
    // Each fold trained on days before its test block (purged and embargoed by 5 sessions).
    EXPECT_LT(f["train_end"].get<std::string>(), f["test_start"].get<std::string>()) << f.dump();
  }
  EXPECT_EQ(report["start"], folds.front()["test_start"]);
  // The first fill is at the open after the first out-of-sample close, not before.
  const auto lines = Lines(ReadFile(fills));
  ASSERT_GT(lines.size(), 1u);
  EXPECT_GT(Fields(lines[1])[0], folds.front()["test_start"].get<std::string>());
  EXPECT_GT(report["measures"]["trades"].get<int>(), 0);
  EXPECT_TRUE(report["measures"].contains("dsr"));
  // The tearsheet: one page, nothing fetched from anywhere.
  const std::string html = ReadFile(page);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find(report["order_hash"].get<std::string>()), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
}

TEST(CliBacktest, BadInputsAreUsageErrorsThatNameTheProblem) {
  TempDir home;
  Import(home.path(), {"SPY"});
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--strategy", "magic"}, 2, "unknown strategy 'magic'"},
      {{"--start", "2020-01-01", "--end", "2019-01-01"}, 2, "start 2020-01-01 is after end 2019-01-01"},
      {{"--start", "2020-13-01"}, 2, "--start"},
      {{"--costs", "free"}, 2, "--costs: unknown preset 'free'"},
      {{"--fast", "30", "--slow", "10"}, 2, "0 < fast < slow"},
      {{"--ambiguity", "coin-flip"}, 2, "--ambiguity"},
      {{"--start", "2030-01-01"}, 2, "no sessions between 2030-01-01"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"backtest", "--symbols", "SPY"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto r = RunCli(args, home.path());
    EXPECT_EQ(r.exit_code, c.code) << c.message << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  const auto missing = RunCli({"backtest", "--symbols", "SPY,NOPE"}, home.path());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("NOPE"), std::string::npos) << missing.err;
  // A file that cannot be written fails, naming it.
  const auto unwritable = RunCli({"backtest", "--symbols", "SPY", "--trades", "/nonexistent/dir/t.csv"}, home.path());
  EXPECT_EQ(unwritable.exit_code, 1);
  EXPECT_NE(unwritable.err.find("/nonexistent/dir/t.csv"), std::string::npos) << unwritable.err;
}

}  // namespace
}  // namespace qat::testing
