// The embedded store: one SQLite file (WAL mode) holding bars and, as modules grow,
// corporate actions, pattern statistics, training runs and the paper ledger.
//
// The schema is a list of numbered migrations (src/store/migrations.cc); Open() applies the
// ones a file lacks, each in its own transaction, and records the version in
// PRAGMA user_version. A file newer than this build is refused.
#pragma once

#include <filesystem>

#include "qat/core/result.h"
#include "qat/store/sqlite.h"

namespace qat::store {

// Opens or creates the store at `path` and migrates it to the current schema.
Result<Database> OpenStore(const std::filesystem::path& path);

// The schema version this build writes.
int CurrentSchemaVersion();
Result<int> SchemaVersion(Database& db);

}  // namespace qat::store
