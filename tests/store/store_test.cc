#include <gtest/gtest.h>

#include <fstream>

#include "qat/data/csv.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "support/cli.h"

namespace qat::store {
namespace {

using qat::testing::RepoPath;
using qat::testing::TempDir;

data::BarSeries LoadCsv(const char* file, const char* symbol) {
  auto r = data::ReadBarsCsv(RepoPath(file), {.symbol = symbol});
  EXPECT_TRUE(r.ok()) << r.error().message;
  return *r;
}

TEST(Store, MigratesAndReopens) {
  TempDir dir;
  {
    auto db = OpenStore(dir.path() / "s.db");
    ASSERT_TRUE(db.ok()) << db.error().message;
    EXPECT_EQ(*SchemaVersion(*db), CurrentSchemaVersion());
  }
  auto again = OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*SchemaVersion(*again), CurrentSchemaVersion());
}

TEST(Store, RefusesNewerSchemaAndCorruptFiles) {
  TempDir dir;
  {
    auto db = OpenStore(dir.path() / "s.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 999").ok());
  }
  auto newer = OpenStore(dir.path() / "s.db");
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos);
  qat::testing::WriteFile(dir.path() / "junk.db", std::string(8192, 'x'));
  auto junk = OpenStore(dir.path() / "junk.db");
  ASSERT_FALSE(junk.ok());
  EXPECT_NE(junk.error().message.find("junk.db"), std::string::npos);
}

TEST(Store, UpsertIsIdempotentAndUpdatesInPlace) {
  TempDir dir;
  auto db = OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  data::BarSeries spy = LoadCsv("data/daily/SPY.csv", "SPY");
  auto first = UpsertBars(*db, spy);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->inserted, 7843);
  auto second = UpsertBars(*db, spy);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->inserted, 0);
  EXPECT_EQ(second->updated, 0);
  EXPECT_EQ(second->unchanged, 7843);

  // Overlapping data with one changed close: updated in place, one new bar appended.
  data::BarSeries tail = spy.Slice(7800, 7843);
  tail.close[0] += 1.0;
  data::Bar extra = tail.At(tail.size() - 1);
  extra.start += 3 * kSecondsPerDay;
  extra.available = data::AvailableTime(data::Interval::k1d, extra.start);
  tail.Append(extra);
  auto third = UpsertBars(*db, tail);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->inserted, 1);
  EXPECT_EQ(third->updated, 1);
  EXPECT_EQ(third->unchanged, 42);

  auto loaded = LoadBars(*db, {"SPY", data::Interval::k1d, std::nullopt, std::nullopt});
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->size(), 7844u);
  EXPECT_EQ(loaded->close[7800], spy.close[7800] + 1.0);
  EXPECT_EQ(loaded->open, [&] { auto v = spy.open; v.push_back(extra.open); return v; }());
}

TEST(Store, LoadsRangesAndNamesMissingSymbols) {
  TempDir dir;
  auto db = OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(UpsertBars(*db, LoadCsv("data/daily/QQQ.csv", "QQQ")).ok());
  auto from = *ParseDate("2024-01-01");
  auto to = *ParseDate("2024-01-31");
  auto jan = LoadBars(*db, {"QQQ", data::Interval::k1d, Timestamp{from} * kSecondsPerDay,
                            Timestamp{to} * kSecondsPerDay});
  ASSERT_TRUE(jan.ok());
  EXPECT_EQ(jan->size(), 21u);  // January 2024 had 21 sessions
  auto missing = LoadBars(*db, {"NOPE", data::Interval::k1d, std::nullopt, std::nullopt});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("'NOPE'"), std::string::npos);
}

}  // namespace
}  // namespace qat::store
