// Thin RAII wrappers over the SQLite C API. Every failure carries SQLite's own message
// (sqlite3_errmsg) and the statement or file it concerns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "qat/core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace qat::store {

class Statement;

class Database {
 public:
  // Opens the file (creating it when `create`; never its folder) with a busy timeout. Writes
  // nothing to the file.
  static Result<Database> Open(const std::filesystem::path& path, bool create = true);
  // Opens an existing file with SQLITE_OPEN_READONLY: every write fails. `immutable` also
  // tells SQLite the file cannot change (URI parameter immutable=1): no locks and no -wal or
  // -shm file beside it, for a file no process writes any more (a member of a file set).
  static Result<Database> OpenReadOnly(const std::filesystem::path& path, bool immutable = false);
  // WAL mode, foreign keys, synchronous=NORMAL (the journal mode is recorded in the file).
  Status Configure();

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  std::int64_t Changes() const;
  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// A prepared statement. Bind parameters are 1-based, as in SQLite.
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, double value);  // NaN binds NULL
  Statement& Bind(int index, std::string_view value);
  Statement& BindNull(int index);
  // Advances: true while a row is available, false when done; an error otherwise.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();
  Status Reset();  // for reuse: resets and clears bindings

  std::int64_t ColumnInt(int index) const;
  double ColumnDouble(int index) const;  // NULL reads as NaN
  std::string ColumnText(int index) const;
  bool ColumnIsNull(int index) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit() succeeded. A
// crash between the two leaves the database as it was before BEGIN (SQLite's journal).
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
  bool open_ = true;
};

}  // namespace qat::store
