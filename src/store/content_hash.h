// Content hashes of stored series and corporate actions (table content_hashes): SHA-256 over
// every stored row in key order, written in the transaction that changes the rows and checked
// whenever they are loaded, so that a file changed outside qtrader (flipped bytes SQLite's own
// check misses, rows lost) is an error naming the series rather than wrong numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "qat/core/result.h"
#include "qat/core/sha256.h"
#include "qat/store/sqlite.h"

namespace qat::store::internal {

inline constexpr std::string_view kActionsPart = "actions";

// Accumulates rows in a fixed binary layout.
class RowHasher {
 public:
  void Int(std::int64_t v);
  void Real(double v);  // the IEEE-754 bits
  void Text(std::string_view v);
  void EndRow() { ++rows_; }
  std::int64_t rows() const { return rows_; }
  std::string Digest() { return sha_.HexDigest(); }

 private:
  Sha256 sha_;
  std::int64_t rows_ = 0;
};

struct RecordedHash {
  std::int64_t rows = 0;
  std::string sha256;
};

// The hash recorded for (symbol, part), if any.
Result<std::optional<RecordedHash>> RecordedHashOf(Database& db, const std::string& symbol, std::string_view part);

// Recomputes the hash of the stored rows of (symbol, part) and records it (or removes the
// record when no rows are left). Call inside the writing transaction.
Status RecordHash(Database& db, const std::string& symbol, std::string_view part);

// Hashes the stored rows of (symbol, part) as RecordHash would.
Result<RecordedHash> ComputeHash(Database& db, const std::string& symbol, std::string_view part);

// Compares a freshly computed hash with the recorded one; fails naming the series and the
// store file when they differ or nothing is recorded.
Status CheckHash(Database& db, const std::string& symbol, std::string_view part, RowHasher& computed);

// The row layouts, shared by the loaders (which hash what they read) and ComputeHash.
void HashBarRow(RowHasher& h, const Statement& row, int first_column);     // 11 columns, see bars.cc
void HashActionRow(RowHasher& h, const Statement& row, int first_column);  // date, type, value

}  // namespace qat::store::internal
