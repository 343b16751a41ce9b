#include "qat/store/training_runs.h"

namespace qat::store {

Result<std::int64_t> LogTrainingRun(Database& db, const TrainingRunRecord& r) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "INSERT INTO training_runs (created_at, horizon, symbols, config, metrics, data_sha256, git_commit, "
      "model_dir, model_paths) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, r.created_at)
      .Bind(2, static_cast<std::int64_t>(r.horizon))
      .Bind(3, std::string_view(r.symbols))
      .Bind(4, std::string_view(r.config_json))
      .Bind(5, std::string_view(r.metrics_json))
      .Bind(6, std::string_view(r.data_sha256))
      .Bind(7, std::string_view(r.git_commit))
      .Bind(8, std::string_view(r.model_dir))
      .Bind(9, std::string_view(r.model_paths_json));
  QAT_RETURN_IF_ERROR(stmt.Run());
  QAT_ASSIGN_OR_RETURN(auto id, db.Prepare("SELECT last_insert_rowid()"));
  QAT_ASSIGN_OR_RETURN(bool row, id.Step());
  if (!row) return Fail("training_runs: no row id");
  return id.ColumnInt(0);
}

}  // namespace qat::store
