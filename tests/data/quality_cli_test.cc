// qtrader check / resample / import warnings as a user runs them: real binary, fresh
// QTRADER_HOME, real bundled files.
#include <gtest/gtest.h>

#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(QualityCli, ImportWarnsAndCheckReportsWithExitCodes) {
  TempDir home;
  auto import = RunCli({"import", "--symbol", "AAPL", "--input", RepoPath("data/daily/AAPL.csv")},
                       home.path());
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_TRUE(Contains(import.err, "warning: quality: 2000-09-29  large-move")) << import.err;

  // Imported from a file: as current as the file, so no staleness finding without --as-of.
  auto plain = RunCli({"check", "--symbol", "AAPL"}, home.path());
  EXPECT_FALSE(Contains(plain.out, "  stale  ")) << plain.out;
  EXPECT_TRUE(Contains(plain.out, "note: staleness not checked: the last bar comes from csv:AAPL.csv")) << plain.out;
  auto check = RunCli({"check", "--symbol", "AAPL", "--as-of", "2026-07-21"}, home.path());
  EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
  EXPECT_TRUE(Contains(check.out, "AAPL 1d: 10547 bars, 1984-09-07 .. 2026-07-21")) << check.out;
  EXPECT_TRUE(Contains(check.out, "2000-09-29  large-move")) << check.out;
  // Stale as of a later date: 2026-07-22 .. 2026-07-31 is 8 sessions.
  auto later = RunCli({"check", "--symbol", "AAPL", "--as-of", "2026-07-31",
                       "--split-dates", "2000-09-29"}, home.path());
  EXPECT_EQ(later.exit_code, 1);
  EXPECT_TRUE(Contains(later.out, "stale")) << later.out;
  EXPECT_FALSE(Contains(later.out, "large-move")) << later.out;
  // With the drop excused, the Stooq file's calendar findings remain (see calendar_test.cc).
  auto excused = RunCli({"check", "--symbol", "AAPL", "--as-of", "2026-07-21", "--split-dates",
                         "2000-09-29"}, home.path());
  EXPECT_EQ(excused.exit_code, 1);
  EXPECT_TRUE(Contains(excused.out, "2 issues: 1 missing-session, 1 closed-day")) << excused.out;
  EXPECT_TRUE(Contains(excused.out, "1985-09-27  closed-day       bar on a closed day (Hurricane Gloria)"))
      << excused.out;
  EXPECT_TRUE(Contains(excused.out, "1999-11-16  missing-session")) << excused.out;

  auto bad = RunCli({"check", "--symbol", "AAPL", "--as-of", "2026-13-01"}, home.path());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(Contains(bad.err, "--as-of")) << bad.err;
  auto unknown = RunCli({"check", "--symbol", "NOPE"}, home.path());
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Contains(unknown.err, "NOPE")) << unknown.err;
}

TEST(QualityCli, CleanSeriesExitsZero) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "TSLA", "--input", RepoPath("data/daily/TSLA.csv")},
                   home.path()).exit_code, 0);
  auto check = RunCli({"check", "--symbol", "TSLA", "--as-of", "2023-08-11"}, home.path());
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_TRUE(Contains(check.out, "clean: no issues")) << check.out;
}

TEST(QualityCli, ResampleStoresHourlyBars) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--interval", "5m", "--input",
                    RepoPath("data/intraday/SPY_5m.csv")}, home.path()).exit_code, 0);
  auto r = RunCli({"resample", "--symbol", "SPY", "--from", "5m", "--to", "1h"}, home.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "7143 bars in, 263 bars out")) << r.out;
  EXPECT_TRUE(Contains(r.out, "4217 extended-hours bars")) << r.out;
  auto bars = RunCli({"bars", "--symbol", "SPY", "--interval", "1h", "--start", "2025-05-20",
                      "--end", "2025-05-20"}, home.path());
  ASSERT_EQ(bars.exit_code, 0) << bars.err;
  auto parsed = data::ParseBarsCsv(bars.out, "stdout", {.interval = data::Interval::k1h});
  ASSERT_TRUE(parsed.ok()) << bars.out;
  ASSERT_EQ(parsed->series.size(), 7u);
  EXPECT_EQ(parsed->series.open[0], 591.3410290369737);  // SPY_5m.csv line 254
  EXPECT_EQ(parsed->series.close[6], 591.081786029332);  // line 331
  EXPECT_EQ(parsed->series.start[0], ParseTimestamp("2025-05-20T09:30:00-04:00").value());

  auto again = RunCli({"resample", "--symbol", "SPY", "--from", "5m", "--to", "1h"}, home.path());
  EXPECT_TRUE(Contains(again.out, "0 new, 0 updated, 263 unchanged")) << again.out;
  auto finer = RunCli({"resample", "--symbol", "SPY", "--from", "5m", "--to", "1m"}, home.path());
  EXPECT_EQ(finer.exit_code, 1);
  EXPECT_TRUE(Contains(finer.err, "coarser")) << finer.err;
}

}  // namespace
}  // namespace qat::testing
