// Use case: forecast one stored symbol with a published model set (what `qtrader forecast`
// does), for every front end.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/features/features.h"
#include "qat/labels/labels.h"
#include "qat/models/model_set.h"
#include "qat/models/calibration.h"
#include "qat/models/quantile.h"
#include "qat/store/sqlite.h"

namespace qat::app {

struct ForecastRequest {
  std::filesystem::path model_dir;  // the set read is models::ModelSetDir(model_dir, horizon)
  std::string symbol;               // validated by the caller (data::ValidateSymbol)
  int horizon = 5;
};

struct ForecastResult {
  std::string symbol;
  int horizon = 0;
  Days price_day = 0;    // the bar the forecast is made from: the symbol's latest stored bar
  double price = 0;      // its close (split-adjusted)
  Days model_as_of = 0;  // last day of the final model's training window
  // Context series with no bar fresh enough for the forecast's bar (their features are NaN).
  std::vector<std::string> context_missing;
  int context_max_age_days = 0;
  std::array<double, models::kNumQuantiles> return_quantiles{};
  std::vector<std::array<double, models::kNumQuantiles>> levels;  // price levels, steps 1..h
  // P(return > 0 at the horizon): prob_up_raw read off the return quantiles
  // (models::ProbabilityUp), prob_up that scaled by the set's prob_up_platt (sets written
  // before it: the identity, which only clamps to [1e-6, 1 - 1e-6]).
  double prob_up = 0, prob_up_raw = 0;
  models::PlattScaling prob_up_platt;
  // SELL, HOLD, BUY, scaled by the set's classifier temperature (models/calibration.h).
  std::array<double, labels::kNumActions> class_probabilities{};
  double classifier_temperature = 1;

  // {symbol, horizon, price_date, price, model_as_of, context_missing, context_max_age_days,
  // return_quantiles{q10..q90}, levels[{step, q10..q90}], prob_up, prob_up_raw,
  // prob_up_platt{a, b}, class_probabilities{SELL, HOLD, BUY}, classifier_temperature}
  nlohmann::json ToJson() const;
};

// Reads the model set (models::ReadModelSet: verified against its SHA256SUMS, so a damaged or
// mixed set fails naming the file), checks that its features are the ones this build computes
// (else "SCHEMA: the model was trained on N features but this build computes M; first
// difference at column ...  Retrain with 'qtrader train'."), then computes the features of the
// symbol's adjusted daily bars with the set's market and VIX context and forecasts from the
// latest bar. Fails naming the symbol, market or VIX series that is not stored.
Result<ForecastResult> Forecast(store::Database& db, const ForecastRequest& request);

// Fails unless the set's feature columns are the ones this build computes (the message above).
Result<void> CheckFeatures(const models::ModelSet& set);

// The forecast from bar t of `bars` (the price bar), given their feature frame computed with
// `market` and `vix` as context (features::ComputeFeatures), which name the context series
// missing at t. What Forecast does once it has loaded the latest bar; signals use it at a
// date. Fails when t or the frame does not fit the bars and the set.
Result<ForecastResult> ForecastAt(const models::ModelSet& set, const data::BarSeries& bars,
                                  const features::FeatureFrame& frame, std::size_t t, const data::BarSeries& market,
                                  const data::BarSeries& vix);

}  // namespace qat::app
