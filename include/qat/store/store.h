// The embedded store: one SQLite file (WAL mode) holding bars, corporate actions, pattern
// statistics and training runs.
//
// A qtrader store is marked with PRAGMA application_id = kApplicationId. OpenStore touches
// no other SQLite file: it stops, naming the file, before writing anything to one. The
// schema is a list of numbered migrations (src/store/migrations.cc); OpenStore applies the
// ones a store lacks, each in its own transaction, and records the version in
// PRAGMA user_version. A store newer than this build is refused.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/store/sqlite.h"

namespace qat::store {

inline constexpr std::int32_t kApplicationId = 0x51415452;  // "QATR"

enum class OpenMode {
  kCreate,    // create the store (and its folder) when the file does not exist
  kExisting,  // the store must exist: commands that only read, or need stored bars
  // The store must exist and be at this build's schema version; opened with
  // SQLITE_OPEN_READONLY and PRAGMA query_only, so no statement can change it (the
  // dashboard). Nothing is migrated or configured. A store listed in the SHA256SUMS beside
  // it (a demo run's store.db) is opened immutable: not even a -wal or -shm file appears.
  kReadOnly,
};

// Opens the store at `path` and migrates it to the current schema. Fails, naming the file,
// when it is missing (kExisting), not a SQLite file, or a SQLite file of another
// application (one without qtrader's application_id that is not an empty database or a
// store written by an earlier qtrader).
Result<Database> OpenStore(const std::filesystem::path& path, OpenMode mode = OpenMode::kCreate);

// The schema version this build writes.
int CurrentSchemaVersion();
Result<int> SchemaVersion(Database& db);

// `qtrader check --store`: SQLite's integrity check and every content hash.
struct StoreCheck {
  std::vector<std::string> problems;  // one line each; empty when the store is sound
  std::size_t series = 0, action_sets = 0;
  bool ok() const { return problems.empty(); }
};
Result<StoreCheck> CheckStore(Database& db);

}  // namespace qat::store
