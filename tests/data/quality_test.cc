// Data-quality checks on the bundled real files (see data/PROVENANCE.md for what each file is
// known to contain).
#include "qat/data/quality.h"

#include <gtest/gtest.h>

#include "qat/core/strings.h"
#include "qat/data/calendar.h"
#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::data {
namespace {

Days D(const char* text) { return ParseDate(text).value(); }

BarSeries Daily(const std::string& symbol, const std::string& file, bool repair = false) {
  auto read = ReadBarsCsvFile(testing::RepoPath(file), {.symbol = symbol, .repair_ohlc = repair});
  EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
  return read.ok() ? read->series : BarSeries{};
}

QualityReport Check(const BarSeries& s, const QualityOptions& options = {}) {
  auto r = CheckQuality(s, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : QualityReport{};
}

std::vector<std::string> Dates(const std::vector<Days>& days) {
  std::vector<std::string> out;
  for (Days d : days) out.push_back(FormatDate(d));
  return out;
}

// The VIX file as its source wrote it, without the CSV reader's validation: some rows have
// an open outside [low, high] (PROVENANCE lists 47 beyond 0.01%).
BarSeries RawVix() {
  std::string text = testing::ReadFile(testing::RepoPath("data/macro/VIX.csv"));
  BarSeries s;
  s.symbol = "^VIX";
  bool header = true;
  for (auto line : Split(text, '\n')) {
    if (Trim(line).empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    auto f = Split(Trim(line), ',');
    EXPECT_EQ(f.size(), 5u);
    Bar bar;
    bar.start = Timestamp{ParseDate(f[0]).value()} * kSecondsPerDay;
    bar.available = AvailableTime(Interval::k1d, bar.start);
    bar.open = *ParseFiniteDouble(f[1]);
    bar.high = *ParseFiniteDouble(f[2]);
    bar.low = *ParseFiniteDouble(f[3]);
    bar.close = *ParseFiniteDouble(f[4]);
    bar.adj_close = bar.close;
    s.Append(bar);
  }
  return s;
}

TEST(Quality, TslaSplitAdjustedFileIsClean) {
  FixedClock clock(SessionClose(D("2023-08-11")));
  QualityOptions options;
  options.clock = &clock;
  auto report = Check(Daily("TSLA", "data/daily/TSLA.csv"), options);
  EXPECT_TRUE(report.clean()) << FormatReport(report);
  EXPECT_EQ(report.bars, 3303u);
  EXPECT_NE(FormatReport(report).find("clean: no issues"), std::string::npos);
}

TEST(Quality, AaplDropOf2000IsALargeMoveUnlessASplitIsOnRecord) {
  BarSeries aapl = Daily("AAPL", "data/daily/AAPL.csv");
  auto report = Check(aapl);
  // PROVENANCE: 2000-09-29 open 0.422517 vs previous close 0.801562; the close 0.385972 is
  // -51.8% (Apple's profit warning, a real move).
  EXPECT_EQ(Dates(report.DaysOf(IssueKind::kLargeMove)), std::vector<std::string>{"2000-09-29"});
  auto lines = FormatIssues(report);
  bool found = false;
  for (const auto& line : lines) {
    if (line.rfind("2000-09-29  large-move", 0) == 0) {
      found = true;
      EXPECT_NE(line.find("close 0.385972 vs previous close 0.801562 (-51.8%)"), std::string::npos)
          << line;
      // The open gap, 0.422517 vs 0.801562, is -47.3%: under the threshold, not mentioned.
      EXPECT_EQ(line.find("open 0.422517"), std::string::npos) << line;
    }
  }
  EXPECT_TRUE(found) << FormatReport(report);
  QualityOptions with_split;
  with_split.split_dates = {D("2000-09-29")};
  EXPECT_EQ(Check(aapl, with_split).Count(IssueKind::kLargeMove), 0u);
  // A stricter threshold finds more (the 1987 crash day among them).
  QualityOptions strict;
  strict.max_move = 0.2;
  auto strict_days = Dates(Check(aapl, strict).DaysOf(IssueKind::kLargeMove));
  EXPECT_GT(strict_days.size(), 1u);
  EXPECT_NE(std::find(strict_days.begin(), strict_days.end(), "1987-10-19"), strict_days.end());
}

TEST(Quality, MsftZeroVolumeSession) {
  auto report = Check(Daily("MSFT", "data/daily/MSFT.csv"));
  // PROVENANCE: MSFT has one row with volume 0.
  EXPECT_EQ(Dates(report.DaysOf(IssueKind::kZeroVolume)), std::vector<std::string>{"2010-04-26"});
  EXPECT_EQ(report.Count(IssueKind::kOhlc), 0u);
  EXPECT_EQ(report.Count(IssueKind::kLargeMove), 0u);
}

TEST(Quality, VixRawRowsAreOhlcIssuesAndRepairedRowsAreNot) {
  BarSeries raw = RawVix();
  ASSERT_EQ(raw.size(), 9235u);
  auto raw_report = Check(raw);
  // The CSV reader repairs (and lists) exactly the rows the quality check flags.
  auto read = ReadBarsCsvFile(testing::RepoPath("data/macro/VIX.csv"),
                              {.symbol = "^VIX", .repair_ohlc = true});
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(raw_report.Count(IssueKind::kOhlc), read->warnings.size());
  EXPECT_EQ(raw_report.Count(IssueKind::kOhlc), 47u);  // PROVENANCE: material 47
  auto ohlc = Dates(raw_report.DaysOf(IssueKind::kOhlc));
  EXPECT_EQ(ohlc.front(), "1992-02-11");  // o=19.24 h=18.57 (PROVENANCE's first example)
  EXPECT_EQ(raw_report.Count(IssueKind::kZeroVolume), 0u);  // index: skipped
  EXPECT_FALSE(raw_report.notes.empty());

  auto repaired = Check(read->series);
  EXPECT_EQ(repaired.Count(IssueKind::kOhlc), 0u);
  // Large moves: the three bad opens PROVENANCE lists (2004-01-21, 2004-11-08, 2006-02-08),
  // the real Brexit open gap 2016-06-24 (17.25 -> open 26.06, +51.1%) and real
  // close-to-close jumps of the index, e.g. 2018-02-05 (17.31 -> 37.32).
  auto moves = Dates(repaired.DaysOf(IssueKind::kLargeMove));
  EXPECT_EQ(moves, (std::vector<std::string>{"1990-07-23", "1991-11-15", "2004-01-21",
                                             "2004-11-08", "2006-02-08", "2007-02-27",
                                             "2016-06-24", "2018-02-05", "2021-01-27", "2021-11-26",
                                             "2024-08-05", "2024-12-18", "2025-04-04"}));
  // Calendar findings, as the data has them (not fixed): four NYSE sessions have no VIX row,
  // and 33 rows fall on days the NYSE was closed: 2004-06-11 (Reagan's day of mourning; a
  // close-only row o=h=l=c=15.04, the previous close) and, from 2022-05-30 on, every NYSE
  // weekday closure except Good Friday, Christmas and New Year's Day, with distinct values
  // (e.g. 2024-07-04 o=12.10 h=12.35 l=12.09 c=12.26; 2025-01-09, Carter's day of mourning):
  // the source publishes the index on those US holidays since 2022.
  EXPECT_EQ(Dates(repaired.DaysOf(IssueKind::kMissingSession)),
            (std::vector<std::string>{"1991-03-01", "1997-01-31", "1997-11-26", "1999-12-31"}));
  auto closed = Dates(repaired.DaysOf(IssueKind::kClosedDay));
  ASSERT_EQ(closed.size(), 33u);
  EXPECT_EQ(closed[0], "2004-06-11");
  std::vector<std::string> expected;
  for (Days d = D("2022-05-30"); d <= D("2026-07-23"); ++d) {
    const std::string reason = ClosedReason(d);
    if (reason.empty() || reason == "Saturday" || reason == "Sunday") continue;
    if (reason == "Good Friday" || reason.rfind("Christmas", 0) == 0 ||
        reason.rfind("New Year", 0) == 0) {
      continue;
    }
    expected.push_back(FormatDate(d));
  }
  EXPECT_EQ(std::vector<std::string>(closed.begin() + 1, closed.end()), expected);
  EXPECT_EQ(ClosedReason(D("2025-01-09")), "national day of mourning (Jimmy Carter)");
}

TEST(Quality, MissingAndClosedDaySessionsWithTheirDates) {
  BarSeries spy = Daily("SPY", "data/daily/SPY.csv");
  ASSERT_TRUE(Check(spy).clean()) << FormatReport(Check(spy));
  // Remove two real sessions and move one bar onto a holiday.
  BarSeries edited;
  edited.symbol = spy.symbol;
  for (std::size_t i = 0; i < spy.size(); ++i) {
    const Days day = spy.DayAt(i);
    if (day == D("2020-03-16") || day == D("2020-03-17")) continue;
    Bar bar = spy.At(i);
    if (day == D("2023-12-22")) {  // Friday -> Monday 2023-12-25, Christmas
      bar.start += 3 * kSecondsPerDay;
      bar.available = AvailableTime(Interval::k1d, bar.start);
      // 2023-12-26 follows, so the order stays ascending; 12-22 itself is now missing.
    }
    edited.Append(bar);
  }
  auto report = Check(edited);
  EXPECT_EQ(Dates(report.DaysOf(IssueKind::kMissingSession)),
            (std::vector<std::string>{"2020-03-16", "2020-03-17", "2023-12-22"}));
  EXPECT_EQ(Dates(report.DaysOf(IssueKind::kClosedDay)), std::vector<std::string>{"2023-12-25"});
  EXPECT_NE(FormatReport(report).find("2023-12-25  closed-day       bar on a closed day (Christmas)"),
            std::string::npos)
      << FormatReport(report);
}

TEST(Quality, StaleLastBarCountsSessionsAsOfTheClock) {
  BarSeries spy = Daily("SPY", "data/daily/SPY.csv");  // last bar Friday 2024-03-22
  QualityOptions options;
  FixedClock clock(0);
  options.clock = &clock;
  auto stale_days = [&](const char* now) {
    clock.Set(ParseTimestamp(now).value());
    return Check(spy, options).Count(IssueKind::kStale);
  };
  EXPECT_EQ(stale_days("2024-03-22T16:00:00-04:00"), 0u);
  EXPECT_EQ(stale_days("2024-03-25T15:59:59-04:00"), 0u);  // Monday's session not closed yet
  EXPECT_EQ(stale_days("2024-03-25T16:00:00-04:00"), 0u);  // 1 behind, 1 allowed
  EXPECT_EQ(stale_days("2024-03-26T16:00:00-04:00"), 1u);  // 2 behind
  options.max_stale_sessions = 0;
  EXPECT_EQ(stale_days("2024-03-25T16:00:00-04:00"), 1u);
  EXPECT_EQ(stale_days("2024-03-24T12:00:00-04:00"), 0u);  // Sunday: Friday is the last close
  options.max_stale_sessions = 1;
  clock.Set(ParseTimestamp("2024-04-02T17:00:00-04:00").value());  // Good Friday 03-29 closed
  auto report = Check(spy, options);
  ASSERT_EQ(report.Count(IssueKind::kStale), 1u);
  EXPECT_NE(FormatIssues(report)[0].find("is 6 sessions behind 2024-04-02"), std::string::npos)
      << FormatIssues(report)[0];
}

TEST(Quality, IntradaySpyIsCleanAndChecksSessionsNotBars) {
  auto read = ReadBarsCsv(testing::RepoPath("data/intraday/SPY_5m.csv"),
                          {.symbol = "SPY", .interval = Interval::k5m});
  ASSERT_TRUE(read.ok());
  // 4190 bars have volume 0 (extended hours), but every session's regular-hours volume is
  // positive; Juneteenth and Independence Day have no bars and are holidays.
  auto report = Check(*read);
  EXPECT_TRUE(report.clean()) << FormatReport(report);
  // Drop every bar of 2025-06-20 and zero the regular-session volume of 2025-06-23.
  BarSeries edited;
  edited.symbol = "SPY";
  edited.interval = Interval::k5m;
  for (std::size_t i = 0; i < read->size(); ++i) {
    Bar bar = read->At(i);
    const Days day = read->DayAt(i);
    if (day == D("2025-06-20")) continue;
    if (day == D("2025-06-23")) bar.volume = 0;
    edited.Append(bar);
  }
  auto edited_report = Check(edited);
  EXPECT_EQ(Dates(edited_report.DaysOf(IssueKind::kMissingSession)),
            std::vector<std::string>{"2025-06-20"});
  EXPECT_EQ(Dates(edited_report.DaysOf(IssueKind::kZeroVolume)),
            std::vector<std::string>{"2025-06-23"});
}

TEST(Quality, RejectsEmptySeriesAndBadOptions) {
  BarSeries empty;
  empty.symbol = "SPY";
  EXPECT_FALSE(CheckQuality(empty).ok());
  BarSeries tsla = Daily("TSLA", "data/daily/TSLA.csv");
  QualityOptions bad;
  bad.max_move = 0;
  EXPECT_FALSE(CheckQuality(tsla, bad).ok());
  bad.max_move = 0.5;
  bad.max_stale_sessions = -1;
  EXPECT_FALSE(CheckQuality(tsla, bad).ok());
}

}  // namespace
}  // namespace qat::data
