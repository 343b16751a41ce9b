// SQLite errors reach the user as SQLite's own message, never with the SQL text of the
// statement (the callers add what they were doing).
#include <gtest/gtest.h>

#include "qat/store/sqlite.h"
#include "support/cli.h"

namespace qat::store {
namespace {

TEST(SqliteErrors, PrepareAndStepMessagesCarryNoSqlText) {
  qat::testing::TempDir dir;
  auto db = Database::Open(dir.path() / "t.db");
  ASSERT_TRUE(db.ok()) << db.error().message;
  auto bad = db->Prepare("SELECT close FROM no_such_table WHERE symbol = ?");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "SQLite: no such table: no_such_table");
  EXPECT_EQ(bad.error().message.find("SELECT"), std::string::npos);

  ASSERT_TRUE(db->Exec("CREATE TABLE t (x INTEGER NOT NULL UNIQUE)").ok());
  auto insert = db->Prepare("INSERT INTO t (x) VALUES (1)");
  ASSERT_TRUE(insert.ok()) << insert.error().message;
  ASSERT_TRUE(insert->Step().ok());
  auto again = db->Prepare("INSERT INTO t (x) VALUES (1)");
  ASSERT_TRUE(again.ok());
  auto step = again->Step();
  ASSERT_FALSE(step.ok());
  EXPECT_NE(step.error().message.find("UNIQUE constraint failed: t.x"), std::string::npos) << step.error().message;
  EXPECT_EQ(step.error().message.find("INSERT"), std::string::npos) << step.error().message;
}

}  // namespace
}  // namespace qat::store
