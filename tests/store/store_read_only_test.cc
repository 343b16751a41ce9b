// OpenMode::kReadOnly (the dashboard's store): an existing store is read, and no statement can
// change it; a missing file, a file of another application and a store of another schema
// version are refused without being touched.
#include <gtest/gtest.h>

#include "qat/core/file_set.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::store {
namespace {

using qat::testing::RepoBars;
using qat::testing::TempDir;

TEST(StoreReadOnly, ReadsAStoreAndEveryWriteFails) {
  TempDir dir;
  const auto path = dir.path() / "s.db";
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE(UpsertBars(*db, RepoBars("data/daily/SPY.csv", "SPY")).ok());
  }
  auto db = OpenStore(path, OpenMode::kReadOnly);
  ASSERT_TRUE(db.ok()) << db.error().message;
  auto series = ListSeries(*db);
  ASSERT_TRUE(series.ok()) << series.error().message;
  ASSERT_EQ(series->size(), 1u);
  EXPECT_EQ(series->front().symbol, "SPY");
  auto bars = LoadBars(*db, {.symbol = "SPY"});
  ASSERT_TRUE(bars.ok()) << bars.error().message;
  const auto stored = bars->size();
  EXPECT_GT(stored, 7000u);

  // A raw write, a write through the library, and a schema change: all refused.
  EXPECT_FALSE(db->Exec("DELETE FROM bars").ok());
  EXPECT_FALSE(db->Exec("CREATE TABLE planted (x)").ok());
  EXPECT_FALSE(db->Exec("PRAGMA query_only = OFF; DELETE FROM bars").ok()) << "SQLITE_OPEN_READONLY still holds";
  auto upsert = UpsertBars(*db, RepoBars("data/daily/QQQ.csv", "QQQ"));
  ASSERT_FALSE(upsert.ok());
  EXPECT_NE(upsert.error().message.find("readonly"), std::string::npos) << upsert.error().message;

  auto again = OpenStore(path, OpenMode::kExisting);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(LoadBars(*again, {.symbol = "SPY"})->size(), stored);
  EXPECT_EQ(ListSeries(*again)->size(), 1u);
}

// A store inside a file set (a demo run's folder) is read without a file appearing beside it,
// so the set still verifies.
TEST(StoreReadOnly, AFileSetMemberLeavesItsSetWhole) {
  TempDir dir;
  const auto set = dir.path() / "run";
  {
    auto writer = FileSetWriter::Begin(set);
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    {
      auto db = OpenStore(writer->PathFor("store.db"));
      ASSERT_TRUE(db.ok()) << db.error().message;
      ASSERT_TRUE(UpsertBars(*db, RepoBars("data/daily/SPY.csv", "SPY")).ok());
    }
    ASSERT_TRUE(writer->Commit().ok());
  }
  ASSERT_TRUE(VerifyFileSet(set).ok());
  {
    auto db = OpenStore(set / "store.db", OpenMode::kReadOnly);
    ASSERT_TRUE(db.ok()) << db.error().message;
    EXPECT_GT(LoadBars(*db, {.symbol = "SPY"})->size(), 7000u);
    EXPECT_FALSE(db->Exec("DELETE FROM bars").ok());
    EXPECT_FALSE(std::filesystem::exists(set / "store.db-wal"));
    EXPECT_FALSE(std::filesystem::exists(set / "store.db-shm"));
  }
  auto verified = VerifyFileSet(set);
  EXPECT_TRUE(verified.ok()) << verified.error().message;
}

TEST(StoreReadOnly, RefusesWhatItCannotReadWithoutWriting) {
  TempDir dir;
  auto missing = OpenStore(dir.path() / "none.db", OpenMode::kReadOnly);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "none.db"));

  // An empty file stays empty.
  qat::testing::WriteFile(dir.path() / "empty.db", "");
  auto empty = OpenStore(dir.path() / "empty.db", OpenMode::kReadOnly);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("not a qtrader store"), std::string::npos) << empty.error().message;
  EXPECT_EQ(std::filesystem::file_size(dir.path() / "empty.db"), 0u);

  // An older schema is not migrated by a reader.
  const auto path = dir.path() / "old.db";
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 3").ok());
  }
  auto old = OpenStore(path, OpenMode::kReadOnly);
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.error().message.find("cannot migrate"), std::string::npos) << old.error().message;
  auto db = Database::Open(path, false);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*SchemaVersion(*db), 3);
}

}  // namespace
}  // namespace qat::store
