#include "qat/store/store.h"

#include "store/migrations.h"

namespace qat::store {

int CurrentSchemaVersion() { return Migrations().back().version; }

Result<int> SchemaVersion(Database& db) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("PRAGMA user_version"));
  QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? static_cast<int>(stmt.ColumnInt(0)) : 0;
}

Result<Database> OpenStore(const std::filesystem::path& path) {
  QAT_ASSIGN_OR_RETURN(auto db, Database::Open(path));
  auto version = SchemaVersion(db);
  if (!version.ok()) {
    return Fail("{}: not a qtrader store: {}", path.string(), version.error().message);
  }
  if (*version > CurrentSchemaVersion()) {
    return Fail("{}: schema version {} is newer than this qtrader understands ({}); upgrade qtrader",
                path.string(), *version, CurrentSchemaVersion());
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= *version) continue;
    QAT_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db));
    auto applied = db.Exec(m.sql);
    if (!applied.ok()) {
      return Fail("{}: migration {} ({}) failed: {}", path.string(), m.version, m.description,
                  applied.error().message);
    }
    QAT_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(m.version)));
    QAT_RETURN_IF_ERROR(tx.Commit());
  }
  return db;
}

}  // namespace qat::store
