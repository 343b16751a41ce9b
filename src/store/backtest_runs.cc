#include "qat/store/backtest_runs.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "qat/core/sha256.h"
#include "qat/data/interval.h"
#include "store/content_hash.h"

namespace qat::store {

Result<std::int64_t> LogBacktestRun(Database& db, const BacktestRunRecord& r) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "INSERT INTO backtest_runs (created_at, strategy, config, config_sha256, data_sha256, sessions, "
      "sharpe_per_session, metrics, git_commit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, r.created_at)
      .Bind(2, std::string_view(r.strategy))
      .Bind(3, std::string_view(r.config_json))
      .Bind(4, std::string_view(r.config_sha256))
      .Bind(5, std::string_view(r.data_sha256))
      .Bind(6, r.sessions)
      .Bind(7, std::isfinite(r.sharpe_per_session) ? r.sharpe_per_session : std::nan(""))  // NaN binds NULL
      .Bind(8, std::string_view(r.metrics_json))
      .Bind(9, std::string_view(r.git_commit));
  QAT_RETURN_IF_ERROR(stmt.Run());
  QAT_ASSIGN_OR_RETURN(auto id, db.Prepare("SELECT last_insert_rowid()"));
  QAT_ASSIGN_OR_RETURN(bool row, id.Step());
  if (!row) return Fail("backtest_runs: no row id");
  return id.ColumnInt(0);
}

Result<BacktestTrials> TrialsOn(Database& db, const std::string& data_sha256) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT config_sha256, sharpe_per_session FROM backtest_runs WHERE data_sha256 = ?1 ORDER BY id"));
  stmt.Bind(1, std::string_view(data_sha256));
  std::map<std::string, double> latest;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    latest[stmt.ColumnText(0)] = stmt.ColumnDouble(1);
  }
  BacktestTrials t;
  t.configurations = static_cast<std::int64_t>(latest.size());
  double sum = 0, sum2 = 0, n = 0;
  for (const auto& [config, sharpe] : latest) {
    if (std::isnan(sharpe)) continue;
    sum += sharpe;
    sum2 += sharpe * sharpe;
    ++n;
  }
  if (n >= 2) t.sharpe_variance = std::max(0.0, (sum2 - sum * sum / n) / (n - 1));
  return t;
}

Result<std::string> DataFingerprint(Database& db, const std::vector<std::string>& symbols, Days start, Days end) {
  Sha256 h;
  h.Update(fmt::format("sessions {} {}\n", start, end));
  for (const std::string& symbol : symbols) {
    QAT_ASSIGN_OR_RETURN(auto bars, internal::RecordedHashOf(db, symbol, data::IntervalName(data::Interval::k1d)));
    if (!bars) return Fail(ErrorCode::kNotFound, "{}: no daily bars stored", symbol);
    QAT_ASSIGN_OR_RETURN(auto actions, internal::RecordedHashOf(db, symbol, internal::kActionsPart));
    h.Update(fmt::format("{} {} {} {}\n", symbol, bars->sha256, actions ? actions->sha256 : "-",
                         actions ? actions->rows : 0));
  }
  return h.HexDigest();
}

}  // namespace qat::store
