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
#include "qat/labels/labels.h"
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
  double prob_up = 0;
  // SELL, HOLD, BUY, scaled by the set's classifier temperature (models/calibration.h).
  std::array<double, labels::kNumActions> class_probabilities{};
  double classifier_temperature = 1;

  // {symbol, horizon, price_date, price, model_as_of, context_missing, context_max_age_days,
  // return_quantiles{q10..q90}, levels[{step, q10..q90}], prob_up, class_probabilities, classifier_temperature}
  nlohmann::json ToJson() const;
};

// Reads the model set (models::ReadModelSet: verified against its SHA256SUMS, so a damaged or
// mixed set fails naming the file), checks that its features are the ones this build computes
// (else "SCHEMA: the model was trained on N features but this build computes M; first
// difference at column ...  Retrain with 'qtrader train'."), then computes the features of the
// symbol's adjusted daily bars with the set's market and VIX context and forecasts from the
// latest bar. Fails naming the symbol, market or VIX series that is not stored.
Result<ForecastResult> Forecast(store::Database& db, const ForecastRequest& request);

}  // namespace qat::app
