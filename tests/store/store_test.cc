#include <gtest/gtest.h>

#include <fstream>

#include "providers/fixture_server.h"
#include "qat/data/csv.h"
#include "qat/providers/provider.h"
#include "qat/store/actions.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "store/migrations.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::store {
namespace {

using qat::testing::RepoBars;

using qat::testing::RepoPath;
using qat::testing::TempDir;


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
  data::BarSeries spy = RepoBars("data/daily/SPY.csv", "SPY");
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
  ASSERT_TRUE(UpsertBars(*db, RepoBars("data/daily/QQQ.csv", "QQQ")).ok());
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

TEST(Store, CommandsThatReadNeverCreateAStore) {
  TempDir dir;
  const auto path = dir.path() / "no" / "such" / "qtrader.db";
  auto db = OpenStore(path, OpenMode::kExisting);
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.error().message.find("no store here"), std::string::npos) << db.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "no"));
  // An empty file is not a store to read either, and is left as it was.
  qat::testing::WriteFile(dir.path() / "empty.db", "");
  auto empty = OpenStore(dir.path() / "empty.db", OpenMode::kExisting);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(std::filesystem::file_size(dir.path() / "empty.db"), 0u);
}

TEST(Store, AnotherApplicationsSqliteFileIsLeftUntouched) {
  TempDir dir;
  const auto path = dir.path() / "notes.db";
  {
    auto other = Database::Open(path);
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(other->Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); "
                            "INSERT INTO notes (text) VALUES ('keep me'); PRAGMA user_version = 3;").ok());
  }
  const std::string before = qat::testing::ReadFile(path);
  for (OpenMode mode : {OpenMode::kCreate, OpenMode::kExisting}) {
    auto db = OpenStore(path, mode);
    ASSERT_FALSE(db.ok());
    EXPECT_NE(db.error().message.find("notes.db: not a qtrader store: a SQLite file of another application "
                                      "(application_id 0x0, user_version 3, tables: notes)"),
              std::string::npos) << db.error().message;
  }
  EXPECT_EQ(qat::testing::ReadFile(path), before);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "notes.db-wal"));
  // A text file with a .db name is not a SQLite file at all.
  qat::testing::WriteFile(dir.path() / "text.db", std::string(100, 'x'));
  auto text = OpenStore(dir.path() / "text.db");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().message.find("text.db: not a SQLite database"), std::string::npos) << text.error().message;
  // Our own stores carry the mark.
  auto ours = OpenStore(dir.path() / "q.db");
  ASSERT_TRUE(ours.ok());
  auto id = ours->Prepare("PRAGMA application_id");
  ASSERT_TRUE(id.ok() && *id->Step());
  EXPECT_EQ(id->ColumnInt(0), kApplicationId);
}

// A store written by qtrader before schema 5 (no basis, no hashes): NVDA as the Yahoo
// provider stored it (raw, with its split), SPY imported from a file.
TEST(Store, AnEarlierStoreIsMigratedWithTheBasisItsSplitsShow) {
  TempDir dir;
  const auto path = dir.path() / "old.db";
  providers::FetchRequest req{"NVDA", data::Interval::k1d, *ParseDate("2021-02-01") * kSecondsPerDay,
                              *ParseDate("2022-01-31") * kSecondsPerDay};
  auto nvda = providers::ParseYahooChart(
      qat::testing::YahooBody("historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json"), req, 1'790'000'000);
  ASSERT_TRUE(nvda.ok());
  const auto spy = RepoBars("data/daily/SPY.csv", "SPY").Slice(0, 300);
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    for (const auto& m : Migrations()) {
      if (m.version > 4) break;
      ASSERT_TRUE(db->Exec(m.sql).ok()) << m.description;
    }
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 4").ok());
    ASSERT_TRUE(db->Exec("BEGIN").ok());
    auto insert = db->Prepare("INSERT INTO bars VALUES (?1, '1d', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    ASSERT_TRUE(insert.ok());
    for (const data::BarSeries* s : {static_cast<const data::BarSeries*>(&nvda->bars), &spy}) {
      for (std::size_t i = 0; i < s->size(); ++i) {
        insert->Bind(1, std::string_view(s == &spy ? "SPY" : "NVDA")).Bind(2, s->start[i]).Bind(3, s->available[i]);
        insert->Bind(4, s->open[i]).Bind(5, s->high[i]).Bind(6, s->low[i]).Bind(7, s->close[i]);
        insert->Bind(8, s->adj_close[i]).Bind(9, s->volume[i]);
        ASSERT_TRUE(insert->Run().ok());
        ASSERT_TRUE(insert->Reset().ok());
      }
    }
    for (const auto& a : nvda->actions) {
      ASSERT_TRUE(db->Exec(fmt::format("INSERT INTO corporate_actions VALUES ('NVDA', {}, '{}', {})", a.date,
                                       ActionTypeName(a.type), a.value)).ok());
    }
    ASSERT_TRUE(db->Exec("COMMIT").ok());
  }
  auto db = OpenStore(path, OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(*SchemaVersion(*db), CurrentSchemaVersion());
  auto stored = LoadStoredSeries(*db, "NVDA", data::Interval::k1d);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  ASSERT_EQ(stored->segments.size(), 1u);
  EXPECT_EQ(stored->segments[0].basis, data::PriceBasis::kRaw);
  EXPECT_EQ(stored->segments[0].source, "legacy");
  auto spy_stored = LoadStoredSeries(*db, "SPY", data::Interval::k1d);
  ASSERT_TRUE(spy_stored.ok());
  EXPECT_EQ(spy_stored->segments[0].basis, data::PriceBasis::kSplit);
  auto adjusted = LoadAdjustedDaily(*db, "NVDA");
  ASSERT_TRUE(adjusted.ok());
  EXPECT_EQ(adjusted->close, AdjustBars(nvda->bars, nvda->actions).close);
  auto check = CheckStore(*db);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ok()) << check->problems.front();
  EXPECT_EQ(check->series, 2u);
  EXPECT_EQ(check->action_sets, 1u);
}

}  // namespace
}  // namespace qat::store
