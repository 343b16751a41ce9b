#include "qat/data/csv.h"

#include <gtest/gtest.h>

#include <sstream>

#include "qat/core/strings.h"
#include "support/cli.h"

namespace qat::data {
namespace {

using qat::testing::RepoPath;

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

}  // namespace
}  // namespace qat::data
