#include "qat/store/store.h"

#include <algorithm>

#include "qat/core/file_set.h"
#include "qat/core/files.h"
#include "qat/data/interval.h"
#include "store/content_hash.h"
#include "store/migrations.h"

namespace qat::store {
namespace {

struct FileIdentity {
  std::int64_t application_id = 0;
  int user_version = 0;
  std::vector<std::string> tables;
};

Result<FileIdentity> Identify(Database& db) {
  FileIdentity id;
  auto app = db.Prepare("PRAGMA application_id");
  if (!app.ok()) return Fail("{}: not a SQLite database ({}); qtrader leaves it untouched", db.path().string(), app.error().message);
  auto row = app->Step();
  if (!row.ok()) return Fail("{}: not a SQLite database ({}); qtrader leaves it untouched", db.path().string(), row.error().message);
  id.application_id = *row ? app->ColumnInt(0) : 0;
  QAT_ASSIGN_OR_RETURN(id.user_version, SchemaVersion(db));
  QAT_ASSIGN_OR_RETURN(auto tables, db.Prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool more, tables.Step());
    if (!more) break;
    id.tables.push_back(tables.ColumnText(0));
  }
  return id;
}

// A store an earlier qtrader wrote before stores were marked: our schema versions, our tables.
bool LooksLikeEarlierQtrader(const FileIdentity& id) {
  auto has = [&](const char* t) { return std::find(id.tables.begin(), id.tables.end(), t) != id.tables.end(); };
  return id.application_id == 0 && id.user_version >= 1 && id.user_version <= 4 && has("bars") &&
         (id.user_version < 2 || has("corporate_actions"));
}

std::string TableList(const std::vector<std::string>& tables) {
  std::string out;
  for (std::size_t i = 0; i < tables.size() && i < 6; ++i) out += (out.empty() ? "" : ", ") + tables[i];
  if (tables.size() > 6) out += fmt::format(", ... ({} in all)", tables.size());
  return out.empty() ? "none" : out;
}

// Whether `path` is listed in the SHA256SUMS beside it (a demo run's store.db): such a file is
// never written again, so a reader opens it immutable and leaves no -wal or -shm file that
// would break the set.
bool IsFileSetMember(const std::filesystem::path& path) {
  const auto sums = path.parent_path() / "SHA256SUMS";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(sums, ec)) return false;
  auto text = ReadWholeFile(sums);
  if (!text.ok()) return false;
  auto entries = ParseSha256Sums(*text, sums.string());
  if (!entries.ok()) return false;
  return std::any_of(entries->begin(), entries->end(),
                     [&](const Sha256SumsEntry& e) { return e.name == path.filename().string(); });
}

}  // namespace

int CurrentSchemaVersion() { return Migrations().back().version; }

Result<int> SchemaVersion(Database& db) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("PRAGMA user_version"));
  QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? static_cast<int>(stmt.ColumnInt(0)) : 0;
}

Result<Database> OpenStore(const std::filesystem::path& path, OpenMode mode) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  const bool exists = !ec && std::filesystem::exists(status);
  if (exists && std::filesystem::is_directory(status)) {
    return Fail("{}: is a folder, not a store file", path.string());
  }
  if (!exists) {
    if (mode == OpenMode::kExisting || mode == OpenMode::kReadOnly) {
      return Fail(ErrorCode::kNotFound,
                  "{}: no store here (import or fetch bars first: 'qtrader import', 'qtrader fetch'; or give --db)",
                  path.string());
    }
    if (path.has_parent_path()) {
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) return Fail("{}: cannot create the store's folder: {}", path.parent_path().string(), ec.message());
    }
  }
  if (mode == OpenMode::kReadOnly) {
    QAT_ASSIGN_OR_RETURN(auto db, Database::OpenReadOnly(path, IsFileSetMember(path)));
    QAT_ASSIGN_OR_RETURN(auto id, Identify(db));
    if (id.application_id != kApplicationId && !LooksLikeEarlierQtrader(id)) {
      return Fail("{}: not a qtrader store (application_id {:#x}, user_version {}, tables: {}); give another --db",
                  path.string(), static_cast<std::uint32_t>(id.application_id), id.user_version, TableList(id.tables));
    }
    if (id.user_version != CurrentSchemaVersion()) {
      return Fail("{}: schema version {} but this qtrader reads version {} only; {}", path.string(), id.user_version,
                  CurrentSchemaVersion(),
                  id.user_version > CurrentSchemaVersion()
                      ? "upgrade qtrader"
                      : "a read-only open cannot migrate it: run another qtrader command on it once "
                        "(e.g. 'qtrader check --store --db FILE'), which does");
    }
    QAT_RETURN_IF_ERROR(db.Exec("PRAGMA query_only = ON"));
    return db;
  }
  QAT_ASSIGN_OR_RETURN(auto db, Database::Open(path, /*create=*/!exists));
  QAT_ASSIGN_OR_RETURN(auto id, Identify(db));
  const bool fresh = id.application_id == 0 && id.user_version == 0 && id.tables.empty();
  if (id.application_id != kApplicationId && !fresh && !LooksLikeEarlierQtrader(id)) {
    return Fail("{}: not a qtrader store: a SQLite file of another application (application_id {:#x}, "
                "user_version {}, tables: {}). qtrader did not change it; give another --db",
                path.string(), static_cast<std::uint32_t>(id.application_id), id.user_version, TableList(id.tables));
  }
  if (fresh && exists && mode == OpenMode::kExisting) {
    return Fail("{}: an empty file, not a qtrader store yet (import or fetch bars first)", path.string());
  }
  if (id.user_version > CurrentSchemaVersion()) {
    return Fail("{}: schema version {} is newer than this qtrader understands ({}); upgrade qtrader",
                path.string(), id.user_version, CurrentSchemaVersion());
  }
  QAT_RETURN_IF_ERROR(db.Configure());
  if (id.application_id != kApplicationId) {
    QAT_RETURN_IF_ERROR(db.Exec(fmt::format("PRAGMA application_id = {}", kApplicationId)));
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= id.user_version) continue;
    QAT_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db));
    auto applied = db.Exec(m.sql);
    if (applied.ok() && m.after != nullptr) applied = m.after(db);
    if (!applied.ok()) {
      return Fail("{}: migration {} ({}) failed: {}", path.string(), m.version, m.description,
                  applied.error().message);
    }
    QAT_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(m.version)));
    QAT_RETURN_IF_ERROR(tx.Commit());
  }
  return db;
}

Result<StoreCheck> CheckStore(Database& db) {
  StoreCheck check;
  QAT_ASSIGN_OR_RETURN(auto integrity, db.Prepare("PRAGMA integrity_check"));
  while (true) {
    auto row = integrity.Step();
    if (!row.ok()) {
      check.problems.push_back("SQLite integrity check: " + row.error().message);
      break;
    }
    if (!*row) break;
    const std::string line = integrity.ColumnText(0);
    if (line != "ok") check.problems.push_back("SQLite integrity check: " + line);
  }
  // Every stored part and every recorded hash: a part without a hash, a hash without rows.
  QAT_ASSIGN_OR_RETURN(auto parts, db.Prepare(
      "SELECT symbol, interval FROM bars GROUP BY symbol, interval "
      "UNION SELECT symbol, 'actions' FROM corporate_actions GROUP BY symbol "
      "UNION SELECT symbol, part FROM content_hashes"));
  std::vector<std::pair<std::string, std::string>> all;
  while (true) {
    auto row = parts.Step();
    if (!row.ok()) {
      check.problems.push_back("listing the stored series: " + row.error().message);
      return check;
    }
    if (!*row) break;
    all.emplace_back(parts.ColumnText(0), parts.ColumnText(1));
  }
  for (const auto& [symbol, part] : all) {
    (part == internal::kActionsPart ? check.action_sets : check.series) += 1;
    auto computed = internal::ComputeHash(db, symbol, part);
    if (!computed.ok()) {
      check.problems.push_back(fmt::format("{} {}: {}", symbol, part, computed.error().message));
      continue;
    }
    auto recorded = internal::RecordedHashOf(db, symbol, part);
    if (!recorded.ok()) {
      check.problems.push_back(fmt::format("{} {}: {}", symbol, part, recorded.error().message));
    } else if (!*recorded) {
      check.problems.push_back(fmt::format("{} {}: {} rows without a content hash (written outside qtrader)", symbol,
                                           part, computed->rows));
    } else if ((*recorded)->rows != computed->rows || (*recorded)->sha256 != computed->sha256) {
      check.problems.push_back(fmt::format("{} {}: content hash differs ({} rows read, {} recorded): changed "
                                           "outside qtrader or damaged",
                                           symbol, part, computed->rows, (*recorded)->rows));
    }
  }
  return check;
}

}  // namespace qat::store
