#include "qat/data/csv.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "qat/core/strings.h"
#include "support/cli.h"

namespace qat::data {
namespace {

using qat::testing::RepoPath;
using qat::testing::TempDir;
using qat::testing::WriteFile;

constexpr const char* kHeader = "date,open,high,low,close,adj_close,volume\n";

std::string ErrorOf(const std::string& text, const CsvReadOptions& options = {}) {
  auto r = ParseBarsCsv(text, "bad.csv", options);
  return r.ok() ? std::string("<no error>") : r.error().message;
}

TEST(Csv, ReadsBundledDailyFile) {
  auto r = ReadBarsCsvFile(RepoPath("data/daily/SPY.csv"), {.symbol = "SPY"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const BarSeries& s = r->series;
  ASSERT_EQ(s.size(), 7843u);
  EXPECT_EQ(FormatDate(s.DayAt(0)), "1993-01-29");
  EXPECT_DOUBLE_EQ(s.open[0], 43.96875);
  EXPECT_DOUBLE_EQ(s.adj_close[0], 24.763737);
  EXPECT_DOUBLE_EQ(s.volume[0], 1003200);
  // A daily bar is available at the 16:00 New York close of its session.
  EXPECT_EQ(FormatTimestampUtc(s.available[0]), "1993-01-29T21:00:00Z");
}

TEST(Csv, ReadsIntradayWithOffsetsAndAvailability) {
  auto r = ReadBarsCsvFile(RepoPath("data/intraday/SPY_5m.csv"), {.symbol = "SPY", .interval = Interval::k5m});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const BarSeries& s = r->series;
  EXPECT_EQ(s.size(), 7143u);
  EXPECT_EQ(FormatTimestampNewYork(s.start[0]), "2025-05-19T04:00:00-04:00");
  EXPECT_EQ(s.available[0] - s.start[0], 300);
}

TEST(Csv, IndexWithoutAdjCloseOrVolume) {
  auto r = ParseBarsCsv("date,open,high,low,close\n2024-01-02,13.2,14.1,13.0,13.9\n", "vix.csv");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_DOUBLE_EQ(r->series.adj_close[0], 13.9);
  EXPECT_DOUBLE_EQ(r->series.volume[0], 0);
}

TEST(Csv, WriteThenReadGivesSameValues) {
  for (const char* file : {"data/daily/AAPL.csv", "data/intraday/SPY_1m.csv"}) {
    CsvReadOptions options{.symbol = "X"};
    if (std::string(file).find("1m") != std::string::npos) options.interval = Interval::k1m;
    auto first = ReadBarsCsv(RepoPath(file), options);
    ASSERT_TRUE(first.ok()) << first.error().message;
    std::ostringstream out;
    WriteBarsCsv(*first, out);
    auto second = ParseBarsCsv(out.str(), "roundtrip", options);
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->series.start, first->start) << file;
    EXPECT_EQ(second->series.open, first->open);
    EXPECT_EQ(second->series.high, first->high);
    EXPECT_EQ(second->series.low, first->low);
    EXPECT_EQ(second->series.close, first->close);
    EXPECT_EQ(second->series.adj_close, first->adj_close);
    EXPECT_EQ(second->series.volume, first->volume);
  }
}

struct BadCase {
  const char* name;
  std::string text;
  const char* expected;  // substring of the one-line error
};

std::vector<BadCase> BadCases() {
  const std::string h = kHeader;
  const std::string ok = "2024-01-02,10,11,9,10.5,10.5,100\n";
  return {
      {"empty file", "", "bad.csv: empty file"},
      {"header only", h, "bad.csv: no data rows"},
      {"missing column", "date,open,high,low,adj_close,volume\n2024-01-02,1,1,1,1,1\n",
       "bad.csv:1: missing column 'close'"},
      {"non-numeric", h + ok + "2024-01-03,10,11,9,abc,10.5,100\n",
       "bad.csv:3: column 'close': 'abc' is not a finite number (2024-01-03)"},
      {"nan", h + "2024-01-02,NaN,11,9,10.5,10.5,100\n", "bad.csv:2: column 'open': 'NaN'"},
      {"high below low", h + ok + "2024-01-03,10,9,11,10,10,100\n",
       "bad.csv:3: column 'high': high 9 is below low 11 (2024-01-03)"},
      {"high below close", h + "2024-01-02,10,11,9,12,12,100\n",
       "bad.csv:2: column 'high': high 11 is below close 12 (2024-01-02)"},
      {"low above open", h + "2024-01-02,8.5,11,9,10,10,100\n",
       "bad.csv:2: column 'low': low 9 is above open 8.5 (2024-01-02)"},
      {"negative volume", h + "2024-01-02,10,11,9,10,10,-5\n",
       "bad.csv:2: column 'volume': negative volume -5 (2024-01-02)"},
      {"duplicate date", h + ok + ok, "bad.csv:3: column 'date': 2024-01-02 repeats line 2"},
      {"unsorted dates", h + ok + "2024-01-01,10,11,9,10,10,1\n",
       "bad.csv:3: column 'date': 2024-01-01 is before line 2 (2024-01-02)"},
      {"bad date", h + "2024-02-30,10,11,9,10,10,1\n", "bad.csv:2: column 'date'"},
      {"field count", h + "2024-01-02,10,11,9,10\n", "bad.csv:2: 5 fields, but the header has 7"},
      {"zero price", h + "2024-01-02,0,11,9,10,10,1\n", "bad.csv:2: column 'open': price 0 must be positive"},
  };
}

TEST(Csv, EveryBadInputGivesOneLineErrorWithFileAndLine) {
  for (const auto& c : BadCases()) {
    std::string error = ErrorOf(c.text);
    EXPECT_NE(error.find(c.expected), std::string::npos) << c.name << ": got '" << error << "'";
    EXPECT_EQ(error.find('\n'), std::string::npos) << c.name;
  }
}

TEST(Csv, FloatNoiseWithinToleranceIsAccepted) {
  // 4.8499999 high against a 4.85 close: 2e-8 relative, below the 1e-4 tolerance.
  auto r = ParseBarsCsv(std::string(kHeader) + "2024-01-02,4.80,4.8499999,4.7,4.85,4.85,1\n", "x");
  EXPECT_TRUE(r.ok());
}

TEST(Csv, RepairOhlcWidensAndWarns) {
  // The bundled VIX has real bad opens (1992-02-11: open 19.24 above high 18.57).
  auto strict = ReadBarsCsvFile(RepoPath("data/macro/VIX.csv"), {.symbol = "^VIX"});
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("VIX.csv:535: column 'high': high 18.57 is below open 19.24 (1992-02-11)"),
            std::string::npos)
      << strict.error().message;
  auto repaired = ReadBarsCsvFile(RepoPath("data/macro/VIX.csv"), {.symbol = "^VIX", .repair_ohlc = true});
  ASSERT_TRUE(repaired.ok());
  EXPECT_EQ(repaired->series.size(), 9235u);
  EXPECT_GE(repaired->warnings.size(), 40u);
  for (std::size_t i = 0; i < repaired->series.size(); ++i) {
    const auto& s = repaired->series;
    ASSERT_LE(std::max(s.open[i], s.close[i]), s.high[i]);
    ASSERT_GE(std::min(s.open[i], s.close[i]), s.low[i]);
  }
}

TEST(Csv, IntradayNeedsMatchingInterval) {
  std::string text = "timestamp,open,high,low,close,volume\n2025-05-19T09:30:00-04:00,1,2,0.5,1.5,10\n";
  EXPECT_NE(ErrorOf(text).find("give its interval"), std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kHeader) + "2024-01-02,10,11,9,10,10,1\n", {.interval = Interval::k5m})
                .find("does not fit interval 5m"),
            std::string::npos);
}

// --- hostile input (issue 11, section 5) -------------------------------------------------

TEST(CsvLimits, DevZeroFailsAsBinaryDataAfterOneChunk) {
  const auto started = std::chrono::steady_clock::now();
  auto r = ReadBarsCsvFile("/dev/zero", {.symbol = "X"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "/dev/zero: binary data, not a CSV file (NUL byte at offset 0)");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(CsvLimits, NulByteIsBinaryDataWithItsOffset) {
  std::string text = std::string(kHeader) + "2024-01-02,10,11,9,10.5,10.5,100\n";
  const std::size_t offset = text.size() + 12;
  text += "2024-01-03,1";
  text += '\0';
  text += "0,11,9,10,10,1\n";
  EXPECT_EQ(ErrorOf(text), fmt::format("bad.csv: binary data, not a CSV file (NUL byte at offset {})", offset));
  TempDir dir;
  WriteFile(dir.path() / "nul.csv", text);
  auto r = ReadBarsCsvFile(dir.path() / "nul.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find(fmt::format("nul.csv: binary data, not a CSV file (NUL byte at offset {})", offset)),
            std::string::npos)
      << r.error().message;
}

TEST(CsvLimits, LineLongerThanTheLimitFailsNamingTheLine) {
  // A 5 MB field: one line far over 64 KiB. The message names the line and quotes nothing.
  const std::string text = std::string(kHeader) + "2024-01-02,10,11,9,10.5,10.5,100\n2024-01-03," +
                           std::string(5 * 1024 * 1024, '7') + ",11,9,10,10,1\n";
  const std::string error = ErrorOf(text);
  EXPECT_EQ(error, "bad.csv:3: line longer than 64 KiB: not a bars CSV file");
  TempDir dir;
  WriteFile(dir.path() / "long.csv", text);
  auto r = ReadBarsCsvFile(dir.path() / "long.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("long.csv:3: line longer than 64 KiB"), std::string::npos) << r.error().message;
  EXPECT_LT(r.error().message.size(), 200u);
  // A smaller limit (tests only) applies the same way.
  CsvReadOptions small{.max_line_bytes = 40};
  EXPECT_NE(ErrorOf(std::string(kHeader) + "2024-01-02,10,11,9,10.5,10.5,100\n", small).find("bad.csv:1: line longer than 40 bytes"),
            std::string::npos);
  EXPECT_EQ(ErrorOf("date,open,high,low,close\n2024-01-02,10,11,9,10.5\n", small), "<no error>");
}

TEST(CsvLimits, FileLargerThanTheLimitFailsFromDiskAndFromAPipe) {
  const std::string text = std::string(kHeader) + "2024-01-02,10,11,9,10.5,10.5,100\n";
  CsvReadOptions small{.max_file_bytes = 60};
  EXPECT_EQ(ErrorOf(text, small), "bad.csv: larger than 60 bytes, the limit for a CSV file");
  TempDir dir;
  WriteFile(dir.path() / "big.csv", text);
  auto from_disk = ReadBarsCsvFile(dir.path() / "big.csv", small);
  ASSERT_FALSE(from_disk.ok());
  EXPECT_NE(from_disk.error().message.find("big.csv: larger than 60 bytes"), std::string::npos);
  EXPECT_TRUE(ReadBarsCsvFile(dir.path() / "big.csv").ok());
  // A pipe has no size: the limit holds as the bytes arrive.
  const auto fifo = dir.path() / "pipe.csv";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << text;
  });
  auto from_pipe = ReadBarsCsvFile(fifo, small);
  writer.join();
  ASSERT_FALSE(from_pipe.ok());
  EXPECT_NE(from_pipe.error().message.find("pipe.csv: larger than 60 bytes"), std::string::npos)
      << from_pipe.error().message;
  // The documented limits.
  EXPECT_EQ(kMaxCsvFileBytes, 2147483648u);
  EXPECT_EQ(kMaxCsvLineBytes, 65536u);
}

TEST(CsvLimits, PipeIsReadToTheEnd) {
  TempDir dir;
  const auto fifo = dir.path() / "pipe.csv";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string daily = qat::testing::ReadFile(RepoPath("data/daily/SPY.csv"));
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << daily;
  });
  auto r = ReadBarsCsvFile(fifo, {.symbol = "SPY"});
  writer.join();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->series.size(), 7843u);
}

TEST(CsvLimits, DirectoryAndMissingFileAreClearErrors) {
  TempDir dir;
  auto d = ReadBarsCsvFile(dir.path());
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("a directory, not a CSV file"), std::string::npos) << d.error().message;
  auto missing = ReadBarsCsvFile(dir.path() / "nope.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("nope.csv: cannot open file: No such file or directory"), std::string::npos)
      << missing.error().message;
}

// Every message that quotes a cell, a time or the header: one line, short, escaped.
TEST(CsvMessages, QuotedInputIsAShortEscapedExcerpt) {
  const std::string h = kHeader;
  const CsvReadOptions roomy{.max_line_bytes = 8 << 20};  // let a 5 MB field reach the cell check
  struct Case {
    const char* name;
    std::string text;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"5 MB cell", h + "2024-01-02," + std::string(5 * 1024 * 1024, 'x') + ",11,9,10,10,1\n",
       "bad.csv:2: column 'open': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u2026' (5242880 bytes) is not a finite number"},
      {"binary cell", h + "2024-01-02,1\x01\x02\xff\x1b[31m,11,9,10,10,1\n",
       "bad.csv:2: column 'open': '1\\x01\\x02\\xff\\x1b[31m' is not a finite number (2024-01-02)"},
      {"cell with a line break", h + "2024-01-02,10\r11,11,9,10,10,1\n",
       "bad.csv:2: column 'open': '10\\x0d11' is not a finite number"},
      {"5 MB date", h + std::string(5 * 1024 * 1024, '2') + ",10,11,9,10,10,1\n",
       "bad.csv:2: column 'date': '2222222222222222222222222222222222222222\u2026' (5242880 bytes) is not a date"},
      {"binary timestamp", "timestamp,open,high,low,close,volume\n2025-05-19T09:30:00\xfe\xff,1,2,0.5,1.5,10\n",
       "bad.csv:2: column 'timestamp': '2025-05-19T09:30:00\\xfe\\xff' is not an ISO 8601 timestamp"},
      {"binary header", "date,op\x07" "en,high,low,close\n2024-01-02,1,2,0.5,1.5\n",
       "bad.csv:1: missing column 'open' (header is 'date,op\\x07en,high,low,close')"},
      {"huge header", "date," + std::string(60000, 'q') + "\n2024-01-02,1\n",
       "bad.csv:1: missing column 'open' (header is 'date,qqqq"},
  };
  for (const auto& c : cases) {
    CsvReadOptions options = roomy;
    if (c.text.starts_with("timestamp")) options.interval = Interval::k5m;
    const std::string error = ErrorOf(c.text, options);
    EXPECT_NE(error.find(c.expected), std::string::npos) << c.name << ": got " << error;
    EXPECT_LT(error.size(), 200u) << c.name;
    EXPECT_EQ(error.find_first_of(std::string("\n\r\0\x1b", 4)), std::string::npos) << c.name;
  }
}

// --- the interval must match the timestamps -----------------------------------------------

TEST(CsvInterval, BundledFiveMinuteFileIsNotHourly) {
  auto as_hour = ReadBarsCsvFile(RepoPath("data/intraday/SPY_5m.csv"), {.symbol = "SPY", .interval = Interval::k1h});
  ASSERT_FALSE(as_hour.ok());
  EXPECT_NE(as_hour.error().message.find(
                "SPY_5m.csv:3: column 'timestamp': 2025-05-19T04:05:00-04:00 is 5 minutes after line 2 "
                "(2025-05-19T04:00:00-04:00), shorter than the 1h interval: is this a 5m file?"),
            std::string::npos)
      << as_hour.error().message;
  auto as_five = ReadBarsCsvFile(RepoPath("data/intraday/SPY_5m.csv"), {.symbol = "SPY", .interval = Interval::k5m});
  ASSERT_TRUE(as_five.ok()) << as_five.error().message;
  auto one_as_five = ReadBarsCsvFile(RepoPath("data/intraday/SPY_1m.csv"), {.symbol = "SPY", .interval = Interval::k5m});
  ASSERT_FALSE(one_as_five.ok());
  EXPECT_NE(one_as_five.error().message.find("is 1 minute after line 2"), std::string::npos);
  EXPECT_NE(one_as_five.error().message.find("shorter than the 5m interval: is this a 1m file?"), std::string::npos)
      << one_as_five.error().message;
  EXPECT_TRUE(ReadBarsCsvFile(RepoPath("data/intraday/SPY_1m.csv"), {.symbol = "SPY", .interval = Interval::k1m}).ok());
}

TEST(CsvInterval, MostCommonSpacingMustBeTheInterval) {
  // 30-minute bars read as 5m: no pair is too close, but 5 minutes is not their spacing.
  std::string text = "timestamp,open,high,low,close,volume\n";
  for (int i = 0; i < 13; ++i) {
    text += fmt::format("2025-05-19T{:02d}:{:02d}:00-04:00,1,2,0.5,1.5,10\n", 9 + (30 + 30 * i) / 60, (30 + 30 * i) % 60);
  }
  const std::string error = ErrorOf(text, {.interval = Interval::k5m});
  EXPECT_EQ(error, "bad.csv: consecutive bars of one day are most often 30 minutes apart (12 of 12 pairs), "
                   "not the 5m interval: is this a 30m file?");
  EXPECT_EQ(ErrorOf(text, {.interval = Interval::k30m}), "<no error>");
  // Fewer than 10 same-day pairs: too few to judge the spacing (gaps of missing bars).
  std::string few = "timestamp,open,high,low,close,volume\n";
  for (int i = 0; i < 10; ++i) few += fmt::format("2025-05-19T10:{:02d}:00-04:00,1,2,0.5,1.5,10\n", 5 * i);
  EXPECT_EQ(ErrorOf(few, {.interval = Interval::k1m}), "<no error>");
  few += "2025-05-19T10:50:00-04:00,1,2,0.5,1.5,10\n";  // the 10th pair
  EXPECT_NE(ErrorOf(few, {.interval = Interval::k1m}).find("most often 5 minutes apart (10 of 10 pairs)"),
            std::string::npos);
  // Gaps across days (the night) are not judged: one bar a day is fine for 1h.
  std::string daily_hours = "timestamp,open,high,low,close,volume\n";
  for (int d = 1; d <= 20; ++d) daily_hours += fmt::format("2025-05-{:02d}T10:00:00-04:00,1,2,0.5,1.5,10\n", d);
  EXPECT_EQ(ErrorOf(daily_hours, {.interval = Interval::k1h}), "<no error>");
}

TEST(CsvInterval, WeeklyBarsAreAtLeastFiveDaysApart) {
  auto r = ReadBarsCsvFile(RepoPath("data/daily/SPY.csv"), {.symbol = "SPY", .interval = Interval::k1wk});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("SPY.csv:3: column 'date': 1993-02-01 is 3 days after line 2 (1993-01-29), but "
                                   "weekly (1wk) bars are at least 5 days apart: is this a daily file?"),
            std::string::npos)
      << r.error().message;
  const std::string weekly = std::string(kHeader) + "2024-01-01,10,11,9,10,10,1\n2024-01-08,10,11,9,10,10,1\n" +
                             "2024-01-16,10,11,9,10,10,1\n";
  EXPECT_EQ(ErrorOf(weekly, {.interval = Interval::k1wk}), "<no error>");
}

TEST(CsvColumns, ResultSaysWhichOptionalColumnsTheFileHad) {
  auto full = ParseBarsCsv(std::string(kHeader) + "2024-01-02,10,11,9,10,10,1\n", "full.csv");
  ASSERT_TRUE(full.ok());
  EXPECT_TRUE(full->has_adj_close);
  EXPECT_TRUE(full->has_volume);
  auto index = ParseBarsCsv("date,open,high,low,close\n2024-01-02,13.2,14.1,13.0,13.9\n", "vix.csv");
  ASSERT_TRUE(index.ok());
  EXPECT_FALSE(index->has_adj_close);
  EXPECT_FALSE(index->has_volume);
  auto no_adj = ParseBarsCsv("Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,5\n", "stooq.csv");
  ASSERT_TRUE(no_adj.ok());
  EXPECT_FALSE(no_adj->has_adj_close);
  EXPECT_TRUE(no_adj->has_volume);
  auto intraday = ReadBarsCsvFile(RepoPath("data/intraday/SPY_5m.csv"), {.interval = Interval::k5m});
  ASSERT_TRUE(intraday.ok());
  EXPECT_FALSE(intraday->has_adj_close);
  EXPECT_TRUE(intraday->has_volume);
}

TEST(CsvFuture, RowsAfterNotAfterAreRejected) {
  // 2026-12-03 15:00 New York.
  const Timestamp now = NewYorkTime(*ParseDate("2026-12-03"), 15 * 3600);
  const std::string h = kHeader;
  const std::string today = "2026-12-03,10,11,9,10,10,1\n";
  EXPECT_EQ(ErrorOf(h + today, {.not_after = now}), "<no error>");
  EXPECT_EQ(ErrorOf(h + today + "9999-12-31,10,11,9,10,10,1\n", {.not_after = now}),
            "bad.csv:3: column 'date': 9999-12-31 is after today (2026-12-03)");
  EXPECT_EQ(ErrorOf(h + "2026-12-04,10,11,9,10,10,1\n", {.not_after = now}),
            "bad.csv:2: column 'date': 2026-12-04 is after today (2026-12-03)");
  // Without not_after nothing is judged.
  EXPECT_EQ(ErrorOf(h + "9999-12-31,10,11,9,10,10,1\n"), "<no error>");
  // Late evening in New York is already the next day in UTC: the New York date decides.
  const Timestamp evening = NewYorkTime(*ParseDate("2026-12-03"), 22 * 3600);
  EXPECT_EQ(ErrorOf(h + "2026-12-04,10,11,9,10,10,1\n", {.not_after = evening}),
            "bad.csv:2: column 'date': 2026-12-04 is after today (2026-12-03)");
  // Weekly bars follow the same rule.
  EXPECT_NE(ErrorOf(h + "2026-12-07,10,11,9,10,10,1\n", {.interval = Interval::k1wk, .not_after = now})
                .find("2026-12-07 is after today (2026-12-03)"),
            std::string::npos);
  // Intraday: a bar starting after the instant.
  const std::string ih = "timestamp,open,high,low,close,volume\n";
  EXPECT_EQ(ErrorOf(ih + "2026-12-03T15:00:00-05:00,1,2,0.5,1.5,10\n", {.interval = Interval::k5m, .not_after = now}),
            "<no error>");
  EXPECT_EQ(ErrorOf(ih + "2026-12-03T15:05:00-05:00,1,2,0.5,1.5,10\n", {.interval = Interval::k5m, .not_after = now}),
            "bad.csv:2: column 'timestamp': 2026-12-03T15:05:00-05:00 is after now (2026-12-03T15:00:00-05:00)");
}

}  // namespace
}  // namespace qat::data
