#include "qat/store/paper.h"

namespace qat::store {

Status CreatePaperAccount(Database& db, const PaperAccountRecord& a) {
  QAT_ASSIGN_OR_RETURN(auto existing, LoadPaperAccount(db, a.name));
  if (existing) return Fail(ErrorCode::kInvalidInput, "paper account '{}' exists already", a.name);
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "INSERT INTO paper_accounts (name, created_at, config, inception, state) VALUES (?, ?, ?, ?, ?)"));
  stmt.Bind(1, std::string_view(a.name))
      .Bind(2, a.created_at)
      .Bind(3, std::string_view(a.config_json))
      .Bind(4, std::int64_t{a.inception})
      .Bind(5, std::string_view(a.state_json));
  return stmt.Run();
}

Result<std::optional<PaperAccountRecord>> LoadPaperAccount(Database& db, const std::string& name) {
  QAT_ASSIGN_OR_RETURN(auto stmt,
                       db.Prepare("SELECT created_at, config, inception, state FROM paper_accounts WHERE name = ?"));
  stmt.Bind(1, std::string_view(name));
  QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<PaperAccountRecord>();
  return std::optional<PaperAccountRecord>(PaperAccountRecord{name, stmt.ColumnInt(0), stmt.ColumnText(1),
                                                              static_cast<Days>(stmt.ColumnInt(2)), stmt.ColumnText(3)});
}

Result<std::vector<std::string>> ListPaperAccounts(Database& db) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT name FROM paper_accounts ORDER BY name"));
  std::vector<std::string> names;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    names.push_back(stmt.ColumnText(0));
  }
  return names;
}

Status RecordPaperSession(Database& db, const std::string& account, const PaperSessionRecord& s,
                          const std::vector<PaperFillRecord>& fills) {
  QAT_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(db));
  {
    QAT_ASSIGN_OR_RETURN(auto done, db.Prepare("SELECT 1 FROM paper_sessions WHERE account = ? AND day = ?"));
    done.Bind(1, std::string_view(account)).Bind(2, std::int64_t{s.day});
    QAT_ASSIGN_OR_RETURN(bool row, done.Step());
    if (row) return Fail(ErrorCode::kInvalidInput, "paper account '{}': session {} is done already", account, FormatDate(s.day));
  }
  QAT_ASSIGN_OR_RETURN(auto session, db.Prepare(
      "INSERT INTO paper_sessions (account, day, equity, cash, invested, state, done_at, metrics) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  session.Bind(1, std::string_view(account))
      .Bind(2, std::int64_t{s.day})
      .Bind(3, s.equity)
      .Bind(4, s.cash)
      .Bind(5, s.invested)
      .Bind(6, std::string_view(s.state_json))
      .Bind(7, s.done_at)
      .Bind(8, std::string_view(s.metrics_json));
  QAT_RETURN_IF_ERROR(session.Run());
  std::int64_t seq = 0;
  for (const PaperFillRecord& f : fills) {
    QAT_ASSIGN_OR_RETURN(auto fill, db.Prepare(
        "INSERT INTO paper_fills (account, day, seq, symbol, side, quantity, price, commission, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    fill.Bind(1, std::string_view(account))
        .Bind(2, std::int64_t{f.day})
        .Bind(3, seq++)
        .Bind(4, std::string_view(f.symbol))
        .Bind(5, std::string_view(f.side))
        .Bind(6, f.quantity)
        .Bind(7, f.price)
        .Bind(8, f.commission)
        .Bind(9, std::string_view(f.reason));
    QAT_RETURN_IF_ERROR(fill.Run());
  }
  return transaction.Commit();
}

Result<std::vector<PaperSessionRecord>> LoadPaperSessions(Database& db, const std::string& account) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT day, equity, cash, invested, state, done_at, metrics FROM paper_sessions WHERE account = ? "
      "ORDER BY day"));
  stmt.Bind(1, std::string_view(account));
  std::vector<PaperSessionRecord> out;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({static_cast<Days>(stmt.ColumnInt(0)), stmt.ColumnInt(1), stmt.ColumnInt(2), stmt.ColumnInt(3),
                   stmt.ColumnText(4), stmt.ColumnInt(5), stmt.ColumnText(6)});
  }
  return out;
}

Result<std::vector<PaperFillRecord>> LoadPaperFills(Database& db, const std::string& account) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT day, symbol, side, quantity, price, commission, reason FROM paper_fills WHERE account = ? "
      "ORDER BY day, seq"));
  stmt.Bind(1, std::string_view(account));
  std::vector<PaperFillRecord> out;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({static_cast<Days>(stmt.ColumnInt(0)), stmt.ColumnText(1), stmt.ColumnText(2), stmt.ColumnInt(3),
                   stmt.ColumnDouble(4), stmt.ColumnInt(5), stmt.ColumnText(6)});
  }
  return out;
}

}  // namespace qat::store
