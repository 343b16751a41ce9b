// The one JSON form of the training config, its results and a forecast (the files
// training_results_<h>bar.json and `qtrader forecast --json`).
#include <cmath>

#include "qat/pipeline/training.h"

namespace qat::pipeline {
namespace {

constexpr std::size_t kQ = models::kNumQuantiles;

nlohmann::json PerQuantile(const std::array<double, kQ>& values) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t k = 0; k < kQ; ++k) j[models::QuantileName(k)] = values[k];
  return j;
}

nlohmann::json QuantileRoundsJson(const std::array<int, kQ>& rounds) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t k = 0; k < kQ; ++k) j[models::QuantileName(k)] = rounds[k];
  return j;
}

// A paired comparison of losses: improvement (> 0: the model better), its standard error
// (-1 when undefined), their ratio z and the sessions it grouped.
nlohmann::json ImprovementJson(const models::ImprovementTest& t) {
  const double z = t.standard_error > 0 ? t.improvement / t.standard_error : 0.0;
  return {{"improvement", t.improvement},
          {"standard_error", std::isfinite(t.standard_error) ? t.standard_error : -1.0},
          {"z", std::isfinite(z) ? z : 0.0},
          {"sessions", t.groups}};
}

// Per quantile: the argmin rounds on the calibration rows, the rounds each half of the
// calibration sessions chose (cross-fitted evidence) and the evidence test against 0 rounds
// (improvement, standard error, their ratio, sessions).
nlohmann::json SelectionJson(const std::array<models::QuantileSelection, kQ>& s) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t k = 0; k < kQ; ++k) {
    nlohmann::json q = ImprovementJson(s[k].test);
    q.update({{"best_rounds", s[k].best_rounds},
              {"rounds_first_half", s[k].rounds_first_half},
              {"rounds_second_half", s[k].rounds_second_half}});
    j[models::QuantileName(k)] = std::move(q);
  }
  return j;
}

void AddQuantileJson(nlohmann::json& j, const models::QuantileReport& q) {
  j["quantile_coverage"] = PerQuantile(q.coverage);
  j["interval_coverage_80"] = q.interval_coverage_80;
  j["pinball_loss"] = PerQuantile(q.pinball);
  j["baseline_quantile_coverage"] = PerQuantile(q.baseline_coverage);
  j["baseline_interval_coverage_80"] = q.baseline_interval_coverage_80;
  j["baseline_pinball_loss"] = PerQuantile(q.baseline_pinball);
}

nlohmann::json PlattJson(const models::PlattScaling& s) { return {{"a", s.a}, {"b", s.b}}; }

}  // namespace

nlohmann::json TrainConfig::ToJson() const {
  nlohmann::json classifier_json = models::ToJson(classifier);
  classifier_json["objective"] = "multi:softprob";
  nlohmann::json quantiles_json = models::ToJson(quantiles.Tree());
  quantiles_json.update({{"objective", "pinball (custom, BoostOneIter)"},
                         {"levels", models::kQuantileLevels},
                         {"lambda", quantiles.lambda},
                         {"early_stopping_patience", quantiles.patience},
                         {"evidence_z", quantiles.evidence_z},
                         {"evidence_newey_west_lags", EvidenceLags()},
                         {"evidence_groups", "session"},
                         {"evidence_cross_fitted", quantiles.cross_fit_evidence}});
  return {{"symbols", symbols},
          {"market", market},
          {"vix", vix},
          {"context_max_age_days", context_max_age_days},
          {"horizon", labels.horizon},
          {"label_vol_window", labels.vol_window},
          {"label_threshold_sigmas", labels.threshold_sigmas},
          {"lookback_days", lookback_days},
          {"folds", walk_forward.folds},
          {"test_fraction", walk_forward.test_fraction},
          {"embargo_sessions", walk_forward.embargo_sessions},
          {"calibration_fraction", calibration_fraction},
          {"median_conformal_shift", shift_median},
          {"device", "cpu"},
          {"classifier", classifier_json},
          {"quantiles", quantiles_json}};
}

nlohmann::json TrainResult::ToJson(const TrainConfig& c) const {
  nlohmann::json folds_json = nlohmann::json::array();
  for (const auto& f : folds) {
    nlohmann::json j = {{"train_start", FormatDate(f.fold.train_start)},
                        {"train_end", FormatDate(f.fold.train_end)},
                        {"test_start", FormatDate(f.fold.test_start)},
                        {"test_end", FormatDate(f.fold.test_end)},
                        {"n_train", f.fold.train.size()},
                        {"n_calibration", f.n_calibration},
                        {"n_test", f.fold.test.size()}};
    j.update(models::ToJson(f.classification));
    AddQuantileJson(j, f.quantiles);
    j["quantile_rounds"] = QuantileRoundsJson(f.quantile_rounds);
    j["quantile_selection"] = SelectionJson(f.quantile_selection);
    folds_json.push_back(std::move(j));
  }
  nlohmann::json oos_json = models::ToJson(oos);
  AddQuantileJson(oos_json, oos_quantiles);
  if (!folds.empty()) {
    oos_json["test_start"] = FormatDate(folds.front().fold.test_start);
    oos_json["test_end"] = FormatDate(folds.back().fold.test_end);
  }
  nlohmann::json shifts = nlohmann::json::object(), kept = nlohmann::json::object();
  for (std::size_t k = 0; k < kQ; ++k) {
    shifts[models::QuantileName(k)] = final_models.quantiles.transform[k].shift;
    kept[models::QuantileName(k)] = final_models.quantiles.rounds[k];
  }
  nlohmann::json fold_platt = nlohmann::json::array(), fold_base_rate = nlohmann::json::array();
  for (const auto& p : prob_up_calibration.fold_platt) fold_platt.push_back(PlattJson(p));
  for (std::size_t k = 1; k < folds.size(); ++k) fold_base_rate.push_back(folds[k].up_rate);
  nlohmann::json used = nlohmann::json::array(), skipped = nlohmann::json::array();
  std::size_t missing_market = 0, missing_vix = 0;
  for (const auto& s : series) {
    if (!s.skipped.empty()) {
      skipped.push_back({{"symbol", s.symbol}, {"reason", s.skipped}});
      continue;
    }
    missing_market += s.rows_missing_market;
    missing_vix += s.rows_missing_vix;
    used.push_back({{"symbol", s.symbol},
                    {"rows", s.rows},
                    {"first_day", FormatDate(s.first_day)},
                    {"last_day", FormatDate(s.last_day)},
                    {"rows_missing_context", s.rows_missing_context},
                    {"rows_missing_market", s.rows_missing_market},
                    {"rows_missing_vix", s.rows_missing_vix}});
  }
  return {{"horizon", c.labels.horizon},
          {"symbols", c.symbols},
          {"rows", rows},
          {"first_day", FormatDate(first_day)},
          {"last_day", FormatDate(last_day)},
          {"symbols_used", used},
          {"skipped_symbols", skipped},
          {"rows_missing_context", RowsMissingContext()},
          {"rows_missing_market", missing_market},
          {"rows_missing_vix", missing_vix},
          {"context_max_age_days", c.context_max_age_days},
          {"features", feature_names},
          {"lookback_days", c.lookback_days},
          {"folds", folds_json},
          {"oos", oos_json},
          {"classifier_calibration",
           {{"method", "temperature scaling; fold k's temperature fitted on the out-of-sample rows of folds 1..k-1"},
            {"folds", fmt::format("2..{}", folds.size())},
            {"fold_temperature", calibration.fold_temperature},
            {"uncalibrated", models::ToJson(calibration.uncalibrated)},
            {"calibrated", models::ToJson(calibration.calibrated)},
            {"final_temperature", calibration.final_temperature}}},
          {"prob_up_calibration",
           {{"method", "Platt scaling, sigmoid(a * logit(prob_up) + b); fold k's a, b fitted on the out-of-sample "
                       "rows of folds 1..k-1"},
            {"event", "forward return > 0"},
            {"baseline", "base rate: the share of the fold's training rows with forward return > 0"},
            {"folds", fmt::format("2..{}", folds.size())},
            {"n", prob_up_calibration.calibrated.n},
            {"fold_platt", fold_platt},
            {"fold_base_rate", fold_base_rate},
            {"uncalibrated", models::ToJson(prob_up_calibration.uncalibrated)},
            {"calibrated", models::ToJson(prob_up_calibration.calibrated)},
            {"calibrated_vs_base_rate", ImprovementJson(prob_up_calibration.calibrated_vs_base_rate)},
            {"final_platt", PlattJson(prob_up_calibration.final_platt)}}},
          {"final_model",
           {{"train_start", FormatDate(final_models.train_start)},
            {"train_end", FormatDate(final_models.train_end)},
            {"symbols", final_symbols},
            {"n_train", final_models.n_train},
            {"n_calibration", final_models.n_calibration},
            {"conformal_shift", shifts},
            {"quantile_rounds", kept},
            {"quantile_selection", SelectionJson(final_models.quantiles.selection)}}}};
}

}  // namespace qat::pipeline
