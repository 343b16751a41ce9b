#include "qat/app/forecast.h"

#include "qat/features/features.h"
#include "qat/models/calibration.h"
#include "qat/models/classifier.h"
#include "qat/models/model_set.h"
#include "qat/pipeline/universe.h"

namespace qat::app {
namespace {

constexpr std::size_t kQ = models::kNumQuantiles;

}  // namespace

Result<void> CheckFeatures(const models::ModelSet& set) {
  std::vector<std::string> registry;
  for (const auto& spec : features::FeatureRegistry()) registry.push_back(spec.name);
  const auto& names = set.schema.features;
  if (names == registry) return {};
  std::size_t i = 0;
  while (i < names.size() && i < registry.size() && names[i] == registry[i]) ++i;
  return Fail("{}: the model was trained on {} features but this build computes {}; first difference at "
              "column {}: model '{}', registry '{}'. Retrain with 'qtrader train'.",
              (set.dir / models::SchemaFileName(set.schema.horizon)).string(), names.size(), registry.size(), i + 1,
              i < names.size() ? names[i] : "(none)", i < registry.size() ? registry[i] : "(none)");
}

Result<ForecastResult> ForecastAt(const models::ModelSet& set, const data::BarSeries& bars,
                                  const features::FeatureFrame& frame, std::size_t t, const data::BarSeries& market,
                                  const data::BarSeries& vix) {
  const models::ModelSchema& schema = set.schema;
  if (t >= bars.size() || frame.rows != bars.size() || frame.columns.size() != schema.features.size()) {
    return Fail("forecast of {}: bar {} of {} with a feature frame of {} rows and {} columns (the set has {})",
                bars.symbol, t, bars.size(), frame.rows, frame.columns.size(), schema.features.size());
  }
  const int horizon = schema.horizon;
  const int max_age_days = schema.context_max_age_days;
  std::vector<float> row;
  for (const auto& column : frame.columns) row.push_back(static_cast<float>(column[t]));
  QAT_ASSIGN_OR_RETURN(auto raw, models::PredictProbabilities(set.classifier, row, row.size()));
  if (raw.size() != labels::kNumActions) return Fail("classifier gave {} probabilities", raw.size());
  const auto p = models::ApplyTemperature(raw, schema.classifier_temperature);
  QAT_ASSIGN_OR_RETURN(auto q, models::PredictQuantiles(set.quantiles, row, row.size()));
  ForecastResult f;
  f.symbol = bars.symbol;
  f.horizon = horizon;
  f.price_day = bars.DayAt(t);
  f.price = bars.close[t];
  f.context_max_age_days = max_age_days;
  f.classifier_temperature = schema.classifier_temperature;
  for (const data::BarSeries* context : {&market, &vix}) {
    const auto index = features::ContextBarsOnAvailability(bars.Slice(t, t + 1), *context, max_age_days);
    if (index[0] == features::kNoContextBar) f.context_missing.push_back(context->symbol);
  }
  f.model_as_of = schema.as_of;
  for (std::size_t k = 0; k < kQ; ++k) f.return_quantiles[k] = q[k];
  for (int a = 0; a < labels::kNumActions; ++a) f.class_probabilities[a] = p[a];
  f.levels = models::PriceLevels(f.price, q, horizon);
  f.prob_up_raw = models::ProbabilityUp(q);
  f.prob_up_platt = schema.prob_up_platt;
  f.prob_up = models::ApplyPlatt(f.prob_up_platt, f.prob_up_raw);
  return f;
}

Result<ForecastResult> Forecast(store::Database& db, const ForecastRequest& r) {
  QAT_ASSIGN_OR_RETURN(auto set, models::ReadModelSet(r.model_dir, r.horizon));
  QAT_RETURN_IF_ERROR(CheckFeatures(set));
  const models::ModelSchema& schema = set.schema;
  QAT_ASSIGN_OR_RETURN(auto universe, pipeline::LoadUniverse(db, {r.symbol}, schema.market, schema.vix));
  const data::BarSeries& bars = universe.series.front();
  QAT_ASSIGN_OR_RETURN(auto frame, features::ComputeFeatures(bars, {.market = &universe.market,
                                                                     .vix = &universe.vix,
                                                                     .max_age_days = schema.context_max_age_days}));
  return ForecastAt(set, bars, frame, bars.size() - 1, universe.market, universe.vix);
}

nlohmann::json ForecastResult::ToJson() const {
  nlohmann::json steps = nlohmann::json::array();
  for (std::size_t s = 0; s < levels.size(); ++s) {
    nlohmann::json step = {{"step", s + 1}};
    for (std::size_t k = 0; k < models::kNumQuantiles; ++k) step[models::QuantileName(k)] = levels[s][k];
    steps.push_back(step);
  }
  nlohmann::json returns = nlohmann::json::object();
  for (std::size_t k = 0; k < models::kNumQuantiles; ++k) returns[models::QuantileName(k)] = return_quantiles[k];
  return {{"symbol", symbol},
          {"horizon", horizon},
          {"price_date", FormatDate(price_day)},
          {"price", price},
          {"model_as_of", FormatDate(model_as_of)},
          {"context_missing", context_missing},
          {"context_max_age_days", context_max_age_days},
          {"return_quantiles", returns},
          {"levels", steps},
          {"prob_up", prob_up},
          {"prob_up_raw", prob_up_raw},
          {"prob_up_platt", {{"a", prob_up_platt.a}, {"b", prob_up_platt.b}}},
          {"class_probabilities",
           {{"SELL", class_probabilities[0]}, {"HOLD", class_probabilities[1]}, {"BUY", class_probabilities[2]}}},
          {"classifier_temperature", classifier_temperature}};
}

}  // namespace qat::app
