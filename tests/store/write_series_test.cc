// store::WriteSeries: bars of several sources and bases in one series, checked before they
// are written (qat/store/bars.h), and the content hashes that catch a damaged file. Real
// bundled bars and recorded Yahoo responses.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <sstream>
#include <fstream>

#include "providers/fixture_server.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "qat/providers/provider.h"
#include "qat/store/actions.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::store {
namespace {

using qat::testing::RepoBars;

using qat::testing::RepoPath;
using qat::testing::TempDir;

constexpr char kNvda[] = "historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json";
constexpr char kAaplSplit[] = "chart-AAPL-2020-08-31-to-2020-11-07.json";


// A recorded Yahoo response as the provider turns it into raw bars and actions.
providers::FetchResult Yahoo(const char* fixture, const char* symbol, const char* from, const char* to) {
  providers::FetchRequest req{symbol, data::Interval::k1d, *ParseDate(from) * kSecondsPerDay,
                              *ParseDate(to) * kSecondsPerDay};
  auto parsed = providers::ParseYahooChart(qat::testing::YahooBody(fixture), req, 1'790'000'000);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return *parsed;
}

data::BarSeries Until(const data::BarSeries& s, const char* last_day) {
  std::size_t n = 0;
  while (n < s.size() && s.DayAt(n) <= *ParseDate(last_day)) ++n;
  return s.Slice(0, n);
}

SeriesWrite Write(data::BarSeries bars, data::PriceBasis basis, std::string source, Days through = INT32_MAX) {
  SeriesWrite w;
  w.bars = std::move(bars);
  w.origin = {basis, std::move(source), through};
  return w;
}

std::string Dump(Database& db, const std::string& symbol) {
  auto bars = LoadBars(db, {symbol, data::Interval::k1d, std::nullopt, std::nullopt});
  if (!bars.ok()) return "error: " + bars.error().message;
  std::ostringstream out;
  data::WriteBarsCsv(*bars, out);
  return out.str();
}

TEST(WriteSeries, ColumnsTheSourceLacksNeverOverwriteStoredValues) {
  TempDir dir;
  auto db = OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  const auto spy = RepoBars("data/daily/SPY.csv", "SPY").Slice(0, 50);
  ASSERT_TRUE(WriteSeries(*db, Write(spy, data::PriceBasis::kSplit, "csv:SPY.csv")).ok());
  // The same sessions from a file without adj_close and volume, one close corrected.
  std::ostringstream text;
  text << "date,open,high,low,close\n";
  for (std::size_t i = 0; i < spy.size(); ++i) {
    text << FormatDate(spy.DayAt(i)) << ',' << FormatShortest(spy.open[i]) << ',' << FormatShortest(spy.high[i])
         << ',' << FormatShortest(spy.low[i]) << ',' << FormatShortest(i == 3 ? spy.low[i] : spy.close[i]) << '\n';
  }
  auto read = data::ParseBarsCsv(text.str(), "noadj.csv", {.symbol = "SPY"});
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_FALSE(read->has_adj_close);
  ASSERT_FALSE(read->has_volume);
  SeriesWrite w = Write(read->series, data::PriceBasis::kSplit, "csv:SPY.csv");
  w.has_adj_close = read->has_adj_close;
  w.has_volume = read->has_volume;
  auto report = WriteSeries(*db, w);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->bars.updated, 1);
  EXPECT_EQ(report->bars.unchanged, 49);
  auto stored = LoadBars(*db, {"SPY", data::Interval::k1d, std::nullopt, std::nullopt});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->adj_close, spy.adj_close);  // not set to close
  EXPECT_EQ(stored->volume, spy.volume);        // not set to 0
  EXPECT_EQ(stored->close[3], spy.low[3]);
}

TEST(WriteSeries, SourcesThatDisagreeOnSharedSessionsAreRefusedAndNothingIsWritten) {
  TempDir dir;
  auto db = OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  // Stooq's AAPL (split- and dividend-adjusted as of 2026) through September 2020 ...
  const auto stooq = Until(RepoBars("data/daily/AAPL.csv", "AAPL"), "2020-09-30");
  ASSERT_TRUE(WriteSeries(*db, Write(stooq, data::PriceBasis::kSplitDividend, "csv:AAPL.csv", *ParseDate("2026-07-21"))).ok());
  const std::string before = Dump(*db, "AAPL");
  // ... then Yahoo's raw bars from the 4:1 split of 2020-08-31 on, with the split.
  auto yahoo = Yahoo(kAaplSplit, "AAPL", "2020-08-31", "2020-11-07");
  ASSERT_EQ(yahoo.actions.size(), 2u);  // the split and a dividend
  SeriesWrite w = Write(yahoo.bars, data::PriceBasis::kRaw, "yahoo", 0);
  w.actions = yahoo.actions;
  auto refused = WriteSeries(*db, w);
  ASSERT_FALSE(refused.ok());
  const std::string& m = refused.error().message;
  EXPECT_NE(m.find("AAPL 1d: the new bars from yahoo (raw) and the stored bars from csv:AAPL.csv (split-dividend) "
                   "disagree on the 22 sessions they share, 2020-08-31 .. 2020-09-30"),
            std::string::npos) << m;
  EXPECT_NE(m.find("Nothing was written"), std::string::npos) << m;
  // Neither the bars nor the split: the stored history is not divided by 4 a second time.
  EXPECT_EQ(Dump(*db, "AAPL"), before);
  EXPECT_TRUE(LoadActions(*db, "AAPL")->empty());
  auto adjusted = LoadAdjustedDaily(*db, "AAPL");
  ASSERT_TRUE(adjusted.ok());
  EXPECT_EQ(adjusted->close, stooq.close);
  // Asked for, the new source replaces the stored series.
  w.replace = true;
  auto replaced = WriteSeries(*db, w);
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  EXPECT_EQ(replaced->replaced, static_cast<std::int64_t>(stooq.size()));
  EXPECT_EQ(LoadBars(*db, {"AAPL", data::Interval::k1d, std::nullopt, std::nullopt})->size(), yahoo.bars.size());
}

TEST(WriteSeries, AgreeingSourcesJoinOnOneBasis) {
  TempDir dir;
  auto db = OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  // NVDA raw from Yahoo up to 2021-09-30 with its 4:1 split of 2021-07-20 ...
  auto raw = Yahoo(kNvda, "NVDA", "2021-02-01", "2021-09-30");
  SeriesWrite first = Write(raw.bars, data::PriceBasis::kRaw, "yahoo", 0);
  first.actions = raw.actions;
  ASSERT_TRUE(WriteSeries(*db, first).ok());
  // ... then the split-adjusted values (as 'qtrader adjusted' prints them) from 2021-09-01 on.
  auto all = Yahoo(kNvda, "NVDA", "2021-02-01", "2022-01-31");
  const auto adjusted_all = AdjustBars(all.bars, all.actions);
  std::size_t from = 0;
  while (adjusted_all.DayAt(from) < *ParseDate("2021-09-01")) ++from;
  auto report = WriteSeries(*db, Write(adjusted_all.Slice(from, adjusted_all.size()), data::PriceBasis::kSplit,
                                       "csv:NVDA.csv", *ParseDate("2026-12-01")));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->overlap_sessions, 21u);  // September 2021
  EXPECT_DOUBLE_EQ(report->overlap_ratio, 1.0);
  auto joined = LoadAdjustedDaily(*db, "NVDA");
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined->close, adjusted_all.close);
  EXPECT_EQ(joined->volume, adjusted_all.volume);
  auto stored = LoadStoredSeries(*db, "NVDA", data::Interval::k1d);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->segments.size(), 2u);
  EXPECT_EQ(stored->segments[0].source, "yahoo");
  EXPECT_EQ(stored->segments[1].basis, data::PriceBasis::kSplit);
}

TEST(WriteSeries, BarsOfAnotherSourceThatShareNoSessionAreRefused) {
  TempDir dir;
  auto db = OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  const auto spy = RepoBars("data/daily/SPY.csv", "SPY");
  ASSERT_TRUE(WriteSeries(*db, Write(spy.Slice(0, 100), data::PriceBasis::kSplit, "csv:SPY.csv")).ok());
  auto refused = WriteSeries(*db, Write(spy.Slice(150, 200), data::PriceBasis::kSplit, "resample:5m"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("share no session with the stored bars from csv:SPY.csv (split)"),
            std::string::npos) << refused.error().message;
  EXPECT_EQ(LoadBars(*db, {"SPY", data::Interval::k1d, std::nullopt, std::nullopt})->size(), 100u);
  // The same source and basis may continue its own series.
  auto more = WriteSeries(*db, Write(spy.Slice(150, 200), data::PriceBasis::kSplit, "csv:SPY.csv"));
  ASSERT_TRUE(more.ok()) << more.error().message;
  EXPECT_EQ(more->bars.inserted, 50);
}

TEST(WriteSeries, SplitsThatContradictTheDeclaredBasisAreRefused) {
  TempDir dir;
  auto db = OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  auto nvda = Yahoo(kNvda, "NVDA", "2021-02-01", "2022-01-31");
  ASSERT_TRUE(UpsertActions(*db, nvda.actions).ok());
  // Raw bars declared split-adjusted (the import default) while the split is stored.
  auto wrong = WriteSeries(*db, Write(nvda.bars, data::PriceBasis::kSplit, "csv:nvda_raw.csv", *ParseDate("2026-12-01")));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("NVDA 1d: the new bars from csv:nvda_raw.csv are declared split-adjusted "
                                       "through 2026-12-01, but the 4:1 split of 2021-07-20 shows in its closes"),
            std::string::npos) << wrong.error().message;
  EXPECT_NE(wrong.error().message.find("--basis raw"), std::string::npos);
  EXPECT_FALSE(LoadBars(*db, {"NVDA", data::Interval::k1d, std::nullopt, std::nullopt}).ok());
  ASSERT_TRUE(WriteSeries(*db, Write(nvda.bars, data::PriceBasis::kRaw, "csv:nvda_raw.csv", 0)).ok());

  // The other way round: raw bars declared split-adjusted before any split was known, then the
  // split arrives: it contradicts the stored bars and is not stored.
  TempDir dir2;
  auto db2 = OpenStore(dir2.path() / "s.db");
  ASSERT_TRUE(db2.ok());
  ASSERT_TRUE(WriteSeries(*db2, Write(nvda.bars, data::PriceBasis::kSplit, "csv:nvda_raw.csv", *ParseDate("2026-12-01"))).ok());
  auto split = UpsertActions(*db2, nvda.actions);
  ASSERT_FALSE(split.ok());
  EXPECT_NE(split.error().message.find("the stored bars from csv:nvda_raw.csv (2021-02-01 .. 2022-01-28)"),
            std::string::npos) << split.error().message;
  EXPECT_TRUE(LoadActions(*db2, "NVDA")->empty());
}

// Bytes flipped inside a stored price, where SQLite's own check sees nothing wrong.
TEST(ContentHash, AFlippedByteInAStoredPriceIsAnErrorNamingTheSeries) {
  TempDir dir;
  const auto path = dir.path() / "s.db";
  const auto spy = RepoBars("data/daily/SPY.csv", "SPY");
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(UpsertBars(*db, spy).ok());
    ASSERT_TRUE(UpsertBars(*db, RepoBars("data/daily/QQQ.csv", "QQQ")).ok());
  }  // closed: the WAL is checkpointed into the file
  // The big-endian bytes of a close that occurs once in the file.
  std::string bytes = qat::testing::ReadFile(path);
  const double close = spy.close[5000];
  std::string pattern(8, '\0');
  const auto bits = std::bit_cast<std::uint64_t>(close);
  for (int i = 0; i < 8; ++i) pattern[i] = static_cast<char>(bits >> (8 * (7 - i)));
  const std::size_t at = bytes.find(pattern);
  ASSERT_NE(at, std::string::npos);
  bytes[at + 7] = static_cast<char>(bytes[at + 7] ^ 0x01);
  qat::testing::WriteFile(path, bytes);

  auto db = OpenStore(path, OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.error().message;
  auto check = CheckStore(*db);
  ASSERT_TRUE(check.ok());
  bool sqlite_saw_it = false;
  for (const auto& p : check->problems) sqlite_saw_it |= p.rfind("SQLite", 0) == 0;
  EXPECT_FALSE(sqlite_saw_it) << "the flip should be one SQLite's check misses";
  ASSERT_EQ(check->problems.size(), 1u);
  EXPECT_NE(check->problems[0].find("SPY 1d: content hash differs"), std::string::npos) << check->problems[0];
  auto loaded = LoadBars(*db, {"SPY", data::Interval::k1d, std::nullopt, std::nullopt});
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("the SPY 1d bars fail their content check"), std::string::npos)
      << loaded.error().message;
  EXPECT_TRUE(LoadBars(*db, {"QQQ", data::Interval::k1d, std::nullopt, std::nullopt}).ok());
  // Rows removed behind qtrader's back are caught the same way.
  ASSERT_TRUE(db->Exec("DELETE FROM bars WHERE symbol = 'QQQ' AND start > 1500000000").ok());
  auto fewer = LoadBars(*db, {"QQQ", data::Interval::k1d, std::nullopt, std::nullopt});
  ASSERT_FALSE(fewer.ok());
  EXPECT_NE(fewer.error().message.find("6301 recorded"), std::string::npos) << fewer.error().message;
}

}  // namespace
}  // namespace qat::store
