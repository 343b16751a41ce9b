// qtrader patterns stats | build | edge | top, as a user runs them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "qat/ta/patterns.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

TEST(CliPatterns, StatsWritesOneRowPerCellWithEveryDocumentedColumn) {
  TempDir home;
  const auto out = home.path() / "stats.csv";
  auto run = RunCli({"patterns", "stats", "--input", RepoPath("data/daily/QQQ.csv"), "--market",
                     RepoPath("data/daily/SPY.csv"), "--horizons", "1,5", "--output", out.string()},
                    home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("regimes of SPY"), std::string::npos) << run.out;
  const auto lines = Lines(ReadFile(out));
  ASSERT_GT(lines.size(), 100u);
  EXPECT_EQ(lines[0].rfind("pattern,direction,timeframe,horizon,regime,vol_regime,n,win_rate,win_rate_lo,"
                           "win_rate_hi,mean_return,median_return,sharpe,ic,t_stat,p_value,q_value,status,",
                           0),
            0u)
      << lines[0];
  // The CDLENGULFING bullish 5-bar ALL/ALL row counts what a plain loop counts.
  auto bars = data::ReadBarsCsv(RepoPath("data/daily/QQQ.csv"));
  ASSERT_TRUE(bars.ok());
  const auto o = ta::FindPattern("CDLENGULFING")
                     ->compute({bars->open, bars->high, bars->low, bars->close}, ta::DefaultCandleSettings());
  long n = 0;
  for (std::size_t t = 0; t + 5 < bars->size(); ++t) n += o[t] > 0;
  bool found = false;
  for (const auto& line : lines) {
    if (line.rfind("CDLENGULFING,bullish,1d,5,ALL,ALL,", 0) == 0) {
      found = true;
      EXPECT_EQ(std::string(Split(line, ',')[6]), std::to_string(n)) << line;
    }
  }
  EXPECT_TRUE(found);
}

TEST(CliPatterns, StatsRejectsBadInput) {
  TempDir home;
  auto missing = RunCli({"patterns", "stats", "--input", (home.path() / "nope.csv").string(), "--output",
                         (home.path() / "o.csv").string()},
                        home.path());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nope.csv"), std::string::npos) << missing.err;
  auto horizons = RunCli({"patterns", "stats", "--input", RepoPath("data/daily/SPY.csv"), "--horizons",
                          "5,abc", "--output", (home.path() / "o.csv").string()},
                         home.path());
  EXPECT_EQ(horizons.exit_code, 2);
  EXPECT_NE(horizons.err.find("abc"), std::string::npos) << horizons.err;
  auto edge = RunCli({"patterns", "edge", "CDLHAMMER"}, home.path());
  EXPECT_EQ(edge.exit_code, 1);
  EXPECT_NE(edge.err.find("no store"), std::string::npos) << edge.err;
}

TEST(CliPatterns, BuildEdgeAndTopFromTheStore) {
  TempDir home;
  for (const char* s : {"SPY", "AAPL"}) {
    auto imp = RunCli({"import", "--symbol", s, "--input", RepoPath(std::string("data/daily/") + s + ".csv")},
                      home.path());
    ASSERT_EQ(imp.exit_code, 0) << imp.err;
  }
  auto build = RunCli({"patterns", "build", "--symbols", "SPY,AAPL", "--horizons", "5,10"}, home.path());
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_NE(build.out.find("SPY 1d: built"), std::string::npos) << build.out;
  auto rebuild = RunCli({"patterns", "build", "--symbols", "SPY"}, home.path());
  ASSERT_EQ(rebuild.exit_code, 0) << rebuild.err;
  EXPECT_NE(rebuild.out.find("SPY 1d: updated, 0 new bars, 0 new events"), std::string::npos) << rebuild.out;

  // An exact context that exists with enough events answers itself.
  auto exact =
      RunCli({"patterns", "edge", "CDLENGULFING", "--direction", "bullish", "--horizon", "5", "--json"},
             home.path());
  ASSERT_EQ(exact.exit_code, 0) << exact.err;
  auto j = nlohmann::json::parse(exact.out);
  EXPECT_EQ(j["answered_by"], "ALL/ALL");
  EXPECT_TRUE(j["exact"].get<bool>());
  EXPECT_GE(j["cell"]["n"].get<int>(), 30);
  EXPECT_TRUE(j["recent"].is_object());

  // A context too small for --min-n falls back to a broader cell and says so.
  auto fallback = RunCli({"patterns", "edge", "CDLHAMMER", "--direction", "bullish", "--regime", "BEAR",
                          "--vol-regime", "LOW", "--horizon", "5", "--min-n", "100000", "--json"},
                         home.path());
  ASSERT_EQ(fallback.exit_code, 0) << fallback.err;
  auto f = nlohmann::json::parse(fallback.out);
  EXPECT_FALSE(f["exact"].get<bool>());
  EXPECT_EQ(f["answered_by"], "ALL/ALL");
  EXPECT_NE(f["fallback_reason"].get<std::string>().find("BEAR/LOW"), std::string::npos);
  EXPECT_TRUE(f["below_min_n"].get<bool>());

  auto text = RunCli({"patterns", "edge", "CDLHAMMER", "--regime", "BULL", "--horizon", "10"}, home.path());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("answered by cell BULL/ALL"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("shrunk toward ALL/ALL"), std::string::npos) << text.out;

  auto bad = RunCli({"patterns", "edge", "CDLNOTAPATTERN"}, home.path());
  EXPECT_EQ(bad.exit_code, 2);
  auto bad_regime = RunCli({"patterns", "edge", "CDLHAMMER", "--regime", "UP"}, home.path());
  EXPECT_EQ(bad_regime.exit_code, 2);

  auto top = RunCli({"patterns", "top", "--horizon", "5", "--min-n", "30"}, home.path());
  ASSERT_EQ(top.exit_code, 0) << top.err;
  const auto lines = Lines(top.out);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("pattern", 0), 0u);
}

}  // namespace
}  // namespace qat::testing
