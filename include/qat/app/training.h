// Use case: train the classifier and the quantile forecaster, publish their model set and
// log the run (what `qtrader train` does), for every front end.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/pipeline/training.h"
#include "qat/store/sqlite.h"

namespace qat::app {

struct TrainRequest {
  pipeline::TrainConfig config;
  std::filesystem::path model_dir;  // the set goes to models::ModelSetDir(model_dir, horizon)
  Timestamp now = 0;                // stamped into the manifest and the run log
};

struct TrainReport {
  pipeline::TrainResult result;
  nlohmann::json results;                  // training_results_<h>bar.json, manifest included
  std::filesystem::path set_dir;           // the published model set
  std::vector<std::filesystem::path> files;
  std::int64_t run_id = 0;                 // row of the store's training_runs
  // The symbols that gave rows, and how many of them the final window holds (fewer when
  // their histories end earlier: forecasts for the others come from models that never saw
  // their recent bars).
  std::size_t symbols_used = 0;
};

// Begins the model set (failing first when the model folder cannot be written), trains
// (pipeline::RunTraining, `progress` per line), writes and commits the set whole and logs the
// run. On failure the previous set of the horizon is left as it was.
Result<TrainReport> TrainAndPublish(store::Database& db, const TrainRequest& request,
                                    const pipeline::Progress& progress);

}  // namespace qat::app
