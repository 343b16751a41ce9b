// Use case: the whole pipeline on the bundled real data, in a run folder of its own (what
// `qtrader demo` does), for every front end.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/app/signals.h"
#include "qat/pipeline/demo.h"
#include "qat/pipeline/training.h"

namespace qat::app {

struct DemoRequest {
  std::filesystem::path data_dir;  // the bundled files (data/)
  std::filesystem::path runs_dir;  // the run folder goes to DemoRunDir(runs_dir, now)
  // Import the bundled files into this store and run there (the user asked for it), instead
  // of a store of the run's own (run folder/store.db).
  std::optional<std::filesystem::path> user_store;
  pipeline::DemoConfig config;
  Timestamp now = 0;
};

// runs_dir/demo-<UTC time, e.g. 20261203T082800Z>.
std::filesystem::path DemoRunDir(const std::filesystem::path& runs_dir, Timestamp now);
// The store the demo uses: the user's, or the run folder's store.db.
std::filesystem::path DemoStorePath(const DemoRequest& request);

struct DemoReport {
  pipeline::DemoResult result;
  // Tomorrow's signals (app/signals.h) from a model set trained as `qtrader train` does and
  // the confluence combiner fitted on the demo's symbols; its out-of-sample evaluation.
  SignalsReport signals;
  signals::ConfluenceEvaluation confluence;
  // That model set's prob_up checked and Platt-scaled in its walk-forward (what `train`
  // prints beside the base rate).
  pipeline::ProbUpCalibration prob_up_calibration;
  std::filesystem::path run_dir;
  std::vector<std::string> files;  // members of the run folder (SHA256SUMS lists them)
};

// Imports the bundled SPY, QQQ, AAPL, MSFT, GOOGL, TSLA and ^VIX files (each with the price
// basis data/PROVENANCE.md gives its source), runs pipeline::RunDemo, and writes the run
// folder whole (result.json, manifest.json, signals.json, confluence_evaluation.json, the
// run's store.db, SHA256SUMS). Then tomorrow's signals: a model set trained with the demo's
// symbols, horizon and seed (TrainAndPublish, otherwise its defaults) and the confluence
// combiner on 1d and 1w (the bundled files hold no hourly bars for the symbols' last
// sessions), both in a temporary folder removed afterwards, and the signals as of each
// symbol's last session for the backtest's starting cash. On failure no run folder is left.
Result<DemoReport> RunDemoInFolder(const DemoRequest& request, const pipeline::Progress& progress);

}  // namespace qat::app
