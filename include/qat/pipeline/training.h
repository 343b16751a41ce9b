// The training pipeline behind `qtrader train` and `qtrader forecast`: stored bars ->
// features and labels -> rolling purged walk-forward of the BUY/SELL/HOLD classifier and the
// conformally calibrated quantile forecaster -> out-of-sample measures beside baselines ->
// final models on the latest window (published as a model set by app::TrainAndPublish).
//
// --lookback-days L (calendar days) is the length of every training window: each fold trains
// on the samples whose day lies within L days before its last admissible training day (after
// purge and embargo), and the final model on the last L days of labelled data.
//
// Inside a training window the last `calibration_fraction` of its sessions is held back for
// conformal calibration of the quantiles: the quantile boosters train on the samples before
// it whose label windows end before it starts and which lie at least `embargo_sessions`
// sessions before it (the same purge and embargo as between folds). The classifier trains on
// the whole window. Each quantile booster keeps the number of rounds (1..rounds) that
// minimises its pinball loss on the calibration rows, which then set its conformal shift.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/features/features.h"
#include "qat/labels/labels.h"
#include "qat/models/calibration.h"
#include "qat/models/classifier.h"
#include "qat/models/dataset.h"
#include "qat/models/evaluation.h"
#include "qat/models/model_set.h"
#include "qat/models/quantile.h"
#include "qat/models/walk_forward.h"
#include "qat/store/sqlite.h"

namespace qat::pipeline {

using Progress = std::function<void(const std::string&)>;

struct TrainConfig {
  // Each symbol at most once. A symbol too short to give one labelled row is skipped (and
  // listed in the results); one not stored at all is an error.
  std::vector<std::string> symbols = {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"};
  std::string market = "SPY";
  std::string vix = "^VIX";
  // A market or VIX bar older than this many calendar days is missing, not carried forward
  // (features::MarketContext::max_age_days, docs/features.md).
  int context_max_age_days = features::kDefaultContextMaxAgeDays;
  labels::ClassLabelConfig labels;  // horizon 5 bars
  int lookback_days = 730;
  // Test blocks: the last 30% of the sessions in 12 consecutive folds; embargo >= horizon.
  models::WalkForwardConfig walk_forward{.folds = 12, .test_fraction = 0.3, .embargo_sessions = 5};
  double calibration_fraction = 0.25;
  // One thread and 64 bins: see docs/models.md (OpenMP spin-waiting on a shared machine;
  // a few thousand rows per window need no finer histograms).
  // Column subsampling 0.4 (of 78 features) for speed: see docs/models.md.
  models::ClassifierParams classifier{.colsample_bytree = 0.4, .max_bin = 64, .threads = 1};
  // Early-stopped on the calibration rows (0 rounds = the window's unconditional quantile);
  // the loop stops after 20 rounds without improvement. Rounds are kept only with evidence:
  // calibration improvement > 1.645 standard errors (one-sided 5%), grouped by session,
  // Newey-West with 2 * horizon lags (set by the pipeline), cross-fitted: each calibration
  // row is judged with the rounds the other half of the sessions chose (see docs/models.md).
  models::QuantileParams quantiles{
      .colsample_bytree = 0.4, .patience = 20, .evidence_z = 1.645, .cross_fit_evidence = true};
  // Whether q50 gets a conformal shift too (the outer quantiles always do).
  bool shift_median = false;
  // Training windows (the folds and the final window) trained at once, each on its own
  // thread. The results do not depend on it, so ToJson() leaves it out.
  int jobs = 1;

  // Newey-West lags (sessions) of the evidence test: twice the label horizon.
  int EvidenceLags() const { return 2 * labels.horizon; }
  nlohmann::json ToJson() const;  // the one JSON form (training_json.cc); leaves out jobs
};

struct TrainFoldResult {
  models::Fold fold;  // train holds the rows actually used (the lookback window)
  std::size_t n_calibration = 0;
  models::ClassificationReport classification;
  models::ClassPrior class_prior;  // of the training labels: the classifier's baseline
  // Share of the training rows whose forward return is > 0: prob_up's baseline.
  double up_rate = 0;
  models::QuantileReport quantiles;
  std::array<int, models::kNumQuantiles> quantile_rounds{};  // kept; 0 = unconditional
  std::array<models::QuantileSelection, models::kNumQuantiles> quantile_selection{};
};

// The models of one training window.
struct WindowModels {
  models::Booster classifier;
  models::QuantileModel quantiles;
  std::size_t n_train = 0, n_calibration = 0;
  Days train_start = 0, train_end = 0;
};

// Temperature scaling of the classifier's probabilities (models/calibration.h), walk-forward:
// fold k's temperature is fitted on the out-of-sample rows of folds 1..k-1 only, so fold 1
// has none and the reports cover folds 2..n.
struct ClassifierCalibration {
  std::vector<double> fold_temperature;                   // folds 2..n
  models::ClassificationReport uncalibrated, calibrated;  // both on the rows of folds 2..n
  // Fitted on the out-of-sample rows of every fold: what forecasts apply (the schema's
  // classifier_temperature).
  double final_temperature = 1;
};

// Platt scaling of prob_up (models::ProbabilityUp of each row's predicted quantiles; the
// event: the row's forward return at the horizon, the quantiles' target, is > 0), walk-forward
// like the classifier's temperature: fold k's (a, b) is fitted on the out-of-sample rows of
// folds 1..k-1 only, so the reports cover folds 2..n. Their baseline is each fold's up_rate
// as every one of its rows' probability.
struct ProbUpCalibration {
  std::vector<models::PlattScaling> fold_platt;                  // folds 2..n
  models::BinaryProbabilityReport uncalibrated, calibrated;      // both on the rows of folds 2..n
  // The calibrated log loss against the base rate's, row by row on folds 2..n
  // (models::TestImprovement: improvement > 0 = calibrated better; rows grouped by session,
  // Newey-West with TrainConfig::EvidenceLags() lags, as the quantiles' evidence).
  models::ImprovementTest calibrated_vs_base_rate;
  // Fitted on the out-of-sample rows of every fold: what forecasts apply (the schema's
  // prob_up_platt).
  models::PlattScaling final_platt;
};

// One out-of-sample row of the walk-forward: what fold `fold` (0-based; trained only on rows
// whose labels end before its test block, less the embargo) predicted at the close of `day`.
struct OosPrediction {
  std::string symbol;
  Days day = 0;
  int fold = 0;
  std::array<float, labels::kNumActions> p{};       // the classifier's, before temperature scaling
  std::array<double, models::kNumQuantiles> q{};    // forward-return quantiles at the horizon
};

struct TrainResult {
  std::size_t rows = 0;
  std::vector<std::string> feature_names;
  std::vector<TrainFoldResult> folds;
  std::vector<OosPrediction> oos_predictions;  // every test row, in fold order
  models::ClassificationReport oos;
  models::QuantileReport oos_quantiles;
  ClassifierCalibration calibration;
  ProbUpCalibration prob_up_calibration;
  // Per symbol asked for: its rows, its own first and last labelled day, the rows without
  // market context, or why it was skipped (models::SeriesRows).
  std::vector<models::SeriesRows> series;
  Days first_day = 0, last_day = 0;  // of all labelled rows
  WindowModels final_models;
  // The symbols with rows in the final window (the last lookback_days of labelled rows): with
  // ragged ends, only those that run that long.
  std::vector<std::string> final_symbols;
  std::vector<data::BarSeries> inputs;

  std::size_t RowsMissingContext() const;

  // {horizon, symbols, rows, first_day, last_day, symbols_used[], skipped_symbols[],
  // rows_missing_context, ..., features, folds[], oos, classifier_calibration,
  // prob_up_calibration, final_model}; the caller adds manifest.
  nlohmann::json ToJson(const TrainConfig& config) const;
};

// Validates and trains; fails on a symbol given twice, naming a missing symbol, when no symbol
// has enough history, or on a window too small to train on. Each symbol contributes its rows
// up to its own last bar; the folds are cut on the union of the symbols' sessions, so a fold
// after a symbol's last day simply holds none of its rows.
// The walk-forward folds and the final window train as independent tasks on up to
// config.jobs threads;
// progress lines and results come in fold order, identical for any jobs.
Result<TrainResult> RunTraining(store::Database& db, const TrainConfig& config, const Progress& progress);

// The schema of the final models' set (models::ModelSchema): their features, the context and
// label rule they were trained with, their training window, each quantile's rounds and
// transform; what app::TrainAndPublish writes with models::WriteModelSet.
models::ModelSchema FinalModelSchema(const TrainResult& result, const TrainConfig& config);

// Appends one row to the store's training_runs table; returns its id.
Result<std::int64_t> LogTrainingRun(store::Database& db, const TrainConfig& config, const nlohmann::json& results,
                                    const std::filesystem::path& model_dir,
                                    const std::vector<std::filesystem::path>& files, std::int64_t created_at);

}  // namespace qat::pipeline
