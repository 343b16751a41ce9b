#include "store/content_hash.h"

#include <bit>
#include <cstring>

namespace qat::store::internal {
namespace {

constexpr const char* kSelectBars =
    "SELECT start, available, open, high, low, close, adj_close, volume, basis, source, adjusted_through "
    "FROM bars WHERE symbol = ?1 AND interval = ?2 ORDER BY start";
constexpr const char* kSelectActions =
    "SELECT date, type, value FROM corporate_actions WHERE symbol = ?1 ORDER BY date, type";

}  // namespace

void RowHasher::Int(std::int64_t v) {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(v) >> (8 * i));
  sha_.Update(bytes, 8);
}

void RowHasher::Real(double v) { Int(static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(v))); }

void RowHasher::Text(std::string_view v) {
  Int(static_cast<std::int64_t>(v.size()));
  sha_.Update(v);
}

void HashBarRow(RowHasher& h, const Statement& row, int c) {
  h.Int(row.ColumnInt(c));
  h.Int(row.ColumnInt(c + 1));
  for (int k = 2; k < 8; ++k) h.Real(row.ColumnDouble(c + k));
  h.Text(row.ColumnText(c + 8));
  h.Text(row.ColumnText(c + 9));
  h.Int(row.ColumnInt(c + 10));
  h.EndRow();
}

void HashActionRow(RowHasher& h, const Statement& row, int c) {
  h.Int(row.ColumnInt(c));
  h.Text(row.ColumnText(c + 1));
  h.Real(row.ColumnDouble(c + 2));
  h.EndRow();
}

Result<std::optional<RecordedHash>> RecordedHashOf(Database& db, const std::string& symbol, std::string_view part) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT rows, sha256 FROM content_hashes WHERE symbol = ?1 AND part = ?2"));
  stmt.Bind(1, std::string_view(symbol)).Bind(2, part);
  QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<RecordedHash>();
  return std::optional<RecordedHash>(RecordedHash{stmt.ColumnInt(0), stmt.ColumnText(1)});
}

Result<RecordedHash> ComputeHash(Database& db, const std::string& symbol, std::string_view part) {
  const bool actions = part == kActionsPart;
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(actions ? kSelectActions : kSelectBars));
  stmt.Bind(1, std::string_view(symbol));
  if (!actions) stmt.Bind(2, part);
  RowHasher h;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    if (actions) {
      HashActionRow(h, stmt, 0);
    } else {
      HashBarRow(h, stmt, 0);
    }
  }
  const std::int64_t rows = h.rows();
  return RecordedHash{rows, h.Digest()};
}

Status RecordHash(Database& db, const std::string& symbol, std::string_view part) {
  QAT_ASSIGN_OR_RETURN(auto hash, ComputeHash(db, symbol, part));
  if (hash.rows == 0) {
    QAT_ASSIGN_OR_RETURN(auto drop, db.Prepare("DELETE FROM content_hashes WHERE symbol = ?1 AND part = ?2"));
    drop.Bind(1, std::string_view(symbol)).Bind(2, part);
    return drop.Run();
  }
  QAT_ASSIGN_OR_RETURN(auto put, db.Prepare(
      "INSERT INTO content_hashes (symbol, part, rows, sha256) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (symbol, part) DO UPDATE SET rows = excluded.rows, sha256 = excluded.sha256"));
  put.Bind(1, std::string_view(symbol)).Bind(2, part).Bind(3, hash.rows).Bind(4, std::string_view(hash.sha256));
  return put.Run();
}

Status CheckHash(Database& db, const std::string& symbol, std::string_view part, RowHasher& computed) {
  QAT_ASSIGN_OR_RETURN(auto recorded, RecordedHashOf(db, symbol, part));
  const std::int64_t rows = computed.rows();
  const std::string digest = computed.Digest();
  const std::string what = part == kActionsPart ? fmt::format("the corporate actions of {}", symbol)
                                                : fmt::format("the {} {} bars", symbol, part);
  if (!recorded) {
    if (rows == 0) return Ok();
    return Fail(ErrorCode::kCorrupt, "{}: {} have no content hash: they were written outside qtrader. Nothing was read; "
                "'qtrader check --store' checks the whole store",
                db.path().string(), what);
  }
  if (recorded->rows != rows || recorded->sha256 != digest) {
    return Fail(ErrorCode::kCorrupt, "{}: {} fail their content check ({} rows read, {} recorded; SHA-256 {} read, {} recorded): "
                "the file was changed outside qtrader or is damaged. Nothing was read; 'qtrader check --store' "
                "checks the whole store; restore the file from a backup or re-import the series",
                db.path().string(), what, rows, recorded->rows, digest.substr(0, 12), recorded->sha256.substr(0, 12));
  }
  return Ok();
}

}  // namespace qat::store::internal
