// The model set of one horizon: the artifact folder MODEL_DIR/<h>bar that `qtrader train`
// publishes and `qtrader forecast` reads. It holds the classifier, the five quantile boosters,
// the feature schema that says how to use them (feature_schema_<h>bar.json) and the training
// results (training_results_<h>bar.json), listed with their SHA-256 in SHA256SUMS. A set is
// written whole or not at all and verified by every reader (qat/core/file_set.h).
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/file_set.h"
#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/features/features.h"
#include "qat/labels/labels.h"
#include "qat/models/calibration.h"
#include "qat/models/quantile.h"
#include "qat/models/xgboost.h"

namespace qat::models {

// MODEL_DIR/<h>bar
std::filesystem::path ModelSetDir(const std::filesystem::path& model_dir, int horizon);
// The member names for horizon h: swing_model_<h>bar.json, quantile_<h>bar_q10.json, ...
std::string ClassifierFileName(int horizon);
std::string QuantileFileName(int horizon, std::size_t k);
std::string SchemaFileName(int horizon);
std::string ResultsFileName(int horizon);

// What feature_schema_<h>bar.json records: the columns the models take, the context they
// were trained with, the training window, the label rule and, per quantile, its file, kept
// rounds and the transform that turns a booster margin into a return.
struct ModelSchema {
  int horizon = 0;
  std::vector<std::string> features;  // the models' columns, in order
  std::string classifier_file;        // member names of the set: plain file names
  std::string market, vix;
  // Schemas written before the staleness rule carry no age: they read as the default.
  int context_max_age_days = features::kDefaultContextMaxAgeDays;
  Days train_start = 0, as_of = 0;  // the final model's training window
  labels::ClassLabelConfig labels;  // vol_window and threshold_sigmas (horizon = horizon)
  // The temperature the classifier's probabilities are scaled by (models/calibration.h);
  // sets written before it read as 1 (unscaled).
  double classifier_temperature = 1;
  // The Platt scaling of prob_up, the quantiles' P(return > 0) (models/calibration.h); sets
  // written before it read as the identity (a 1, b 0).
  PlattScaling prob_up_platt;
  struct Quantile {
    std::string file;
    int rounds = 0;
    QuantileTransform transform;
  };
  std::array<Quantile, kNumQuantiles> quantiles{};
};

// The schema file's JSON (what ParseModelSchema reads back).
nlohmann::json ModelSchemaJson(const ModelSchema& schema);

// Parses the text of a feature schema; `source` (the file's path) names it in messages:
// "SOURCE: not valid JSON: ...", "SOURCE: N quantiles, expected 5", "SOURCE: malformed
// schema: ..." (a missing key, a value of the wrong type or range, an as_of that is not a
// date; a prob_up_platt that is not {"a": finite number, "b": finite number}). A model file name that is not a plain file name of the set's folder (empty, '.',
// '..', a '/' or a NUL byte: an absolute path, '../x.json') is refused: "SOURCE:
// 'quantiles'[k].file '../x.json' is not a file name in the model set". `train_start`,
// `labels`, the rounds, `context_max_age_days`, `classifier_temperature` and `prob_up_platt`
// are optional (0, the defaults, 1 and the identity when absent). Pure: reads no file.
Result<ModelSchema> ParseModelSchema(std::string_view json, std::string_view source);

// A loaded model set.
struct ModelSet {
  std::filesystem::path dir;  // MODEL_DIR/<h>bar
  ModelSchema schema;
  Booster classifier;
  QuantileModel quantiles;  // boosters, transforms and rounds from the schema
};

// The schema of the models given, with the set's member names for `horizon` filled in and
// each quantile's rounds and transform taken from `quantiles`; the caller sets the rest.
ModelSchema SchemaFor(int horizon, const QuantileModel& quantiles);

// Writes the classifier, the quantile boosters, the schema and `results` into `set` (begun
// by the caller on ModelSetDir, so that an unwritable folder fails before training), then
// commits it: the previous set of the horizon stays whole until the new one replaces it.
// `schema` names the member files (SchemaFor). Returns the paths of the committed files.
Result<std::vector<std::filesystem::path>> WriteModelSet(const ModelSchema& schema, const Booster& classifier,
                                                         const QuantileModel& quantiles,
                                                         const nlohmann::json& results, FileSetWriter& set);

// Reads the set of `horizon` under `model_dir`: fails with kNotFound when the folder is absent
// ("DIR: no models for horizon 5 (run 'qtrader train --horizon 5' first)"), with kCorrupt when
// a file does not match SHA256SUMS (naming it), when the schema does not parse
// (ParseModelSchema) or is for another horizon; then loads the boosters it names.
Result<ModelSet> ReadModelSet(const std::filesystem::path& model_dir, int horizon);

}  // namespace qat::models
