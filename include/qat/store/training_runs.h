// The store's log of training runs (table training_runs, migration 4): one row per
// `qtrader train`, for the monitor that will watch them.
#pragma once

#include <cstdint>
#include <string>

#include "qat/core/result.h"
#include "qat/store/sqlite.h"

namespace qat::store {

struct TrainingRunRecord {
  std::int64_t created_at = 0;  // unix seconds
  int horizon = 0;
  std::string symbols;          // comma-separated, as asked for
  std::string config_json, metrics_json;
  std::string data_sha256, git_commit;
  std::string model_dir;
  std::string model_paths_json;  // JSON array of the files written
};

// Appends the record; returns its id.
Result<std::int64_t> LogTrainingRun(Database& db, const TrainingRunRecord& record);

}  // namespace qat::store
