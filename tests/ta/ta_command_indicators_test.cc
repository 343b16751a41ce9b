// `qtrader ta` as a user runs it: the real binary on a bundled daily file, its output read
// back and compared with the committed TA-Lib golden values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "qat/core/strings.h"
#include "qat/ta/patterns.h"
#include "support/cli.h"
#include "ta/golden.h"

namespace qat::testing {
namespace {

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  for (auto line : Split(text, '\n')) {
    if (line.empty()) continue;
    std::vector<std::string> row;
    for (auto f : Split(line, ',')) row.emplace_back(f);
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(CliTa, OnlyIndicatorsMatchTheGoldenFile) {
  TempDir home;
  const auto out_path = home.path() / "GOOGL.ta.csv";
  auto run = RunCli({"ta", "--input", RepoPath("data/daily/GOOGL.csv"), "--output", out_path.string(),
                     "--only", "rsi,MACD,BBANDS_lower,TRANGE"},
                    home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = ParseCsv(ReadFile(out_path));
  const GoldenCase golden = LoadGoldenCase("GOOGL");
  ASSERT_EQ(rows.size(), golden.dates.size() + 1);
  const std::vector<std::string> header = {"date", "RSI", "MACD_macd", "MACD_signal", "MACD_hist",
                                           "BBANDS_lower", "TRANGE"};
  ASSERT_EQ(rows[0], header);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    ASSERT_EQ(rows[r].size(), header.size()) << "row " << r;
    EXPECT_EQ(rows[r][0], golden.dates[r - 1]);
    for (std::size_t j = 1; j < header.size(); ++j) {
      const auto& ref = golden.columns.at(header[j])[r - 1];
      const std::string& cell = rows[r][j];
      if (!ref) {
        EXPECT_TRUE(cell.empty()) << header[j] << " row " << r << ": TA-Lib undefined, printed " << cell;
        continue;
      }
      auto v = ParseFiniteDouble(cell);
      ASSERT_TRUE(v.has_value()) << header[j] << " row " << r << ": '" << cell << "'";
      // 17 significant digits round-trip, so the printed value is TA-Lib's double exactly.
      EXPECT_EQ(*v, *ref) << header[j] << " " << rows[r][0];
    }
  }
}

TEST(CliTa, UnknownOnlyNameIsAUsageError) {
  TempDir home;
  auto run = RunCli({"ta", "--input", RepoPath("data/daily/GOOGL.csv"), "--output",
                     (home.path() / "x.csv").string(), "--only", "RSI,NOPE"},
                    home.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown function or column 'NOPE'"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(home.path() / "x.csv"));
}

TEST(CliTa, BadInputFileFailsWithItsName) {
  TempDir home;
  const auto bad = home.path() / "bad.csv";
  WriteFile(bad, "date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,x,9,10,100\n");
  auto run = RunCli({"ta", "--input", bad.string(), "--output", (home.path() / "x.csv").string()}, home.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("bad.csv:3"), std::string::npos) << run.err;
  auto missing = RunCli({"ta", "--input", (home.path() / "none.csv").string(), "--output",
                         (home.path() / "x.csv").string()},
                        home.path());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("none.csv"), std::string::npos) << missing.err;
}

TEST(CliTa, OnlyPatternColumnIsWritten) {
  TempDir home;
  const auto out_path = home.path() / "p.csv";
  auto run = RunCli({"ta", "--input", RepoPath("data/daily/TSLA.csv"), "--output", out_path.string(),
                     "--only", "CDLDOJI"},
                    home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = ParseCsv(ReadFile(out_path));
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "CDLDOJI");
}

TEST(CliTa, HelpTeachesTheColumns) {
  TempDir home;
  auto run = RunCli({"ta", "--help"}, home.path());
  EXPECT_EQ(run.exit_code, 0);
  for (const char* needle : {"--only", "MACD_macd", "CDL2CROWS", "17 significant digits", "Example"}) {
    EXPECT_NE(run.out.find(needle), std::string::npos) << needle;
  }
  auto list = RunCli({"ta", "--list"}, home.path());
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 85);
}

}  // namespace
}  // namespace qat::testing
