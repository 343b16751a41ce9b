// RunMonitor: the rules' inputs from a published model set and the store; the training promise
// and equity CSV parsers; the seed's log_model_training.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "qat/core/files.h"
#include "qat/core/json.h"
#include "qat/core/strings.h"
#include "qat/features/features.h"
#include "qat/labels/labels.h"
#include "qat/models/calibration.h"
#include "qat/models/classifier.h"
#include "qat/models/model_set.h"
#include "qat/models/quantile.h"
#include "qat/monitor/monitor.h"
#include "qat/patterns/stored_stats.h"
#include "qat/store/actions.h"
#include "qat/store/training_runs.h"

namespace qat::monitor {
namespace {

const char* const kProbabilityNames[labels::kNumActions] = {"prob_SELL", "prob_HOLD", "prob_BUY"};

Result<Days> DateAt(const nlohmann::json& j, const char* key, std::string_view source) {
  if (!j.contains(key) || !j[key].is_string()) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed training results: '{}' is missing or not a date", source, key);
  }
  auto d = ParseDate(j[key].get<std::string>());
  if (!d.ok()) return Fail(ErrorCode::kCorrupt, "{}: malformed training results: '{}': {}", source, key, d.error().message);
  return *d;
}

Result<double> NumberAt(const nlohmann::json& j, const char* key, std::string_view source, const char* where) {
  if (!j.contains(key) || !j[key].is_number() || !std::isfinite(j[key].get<double>())) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed training results: '{}.{}' is missing or not a finite number",
                source, where, key);
  }
  return j[key].get<double>();
}

// Total gain per feature column of the classifier: the loss reduction of every split on it.
std::vector<double> TotalGain(const models::Booster& booster, std::size_t cols) {
  std::vector<double> gain(cols, 0.0);
  auto text = booster.ToJson();
  if (!text.ok()) return {};
  const auto model = nlohmann::json::parse(*text, nullptr, false);
  if (model.is_discarded()) return {};
  const auto* trees = &model;
  for (const char* key : {"learner", "gradient_booster", "model", "trees"}) {
    if (!trees->is_object() || !trees->contains(key)) return {};
    trees = &(*trees)[key];
  }
  if (!trees->is_array()) return {};
  for (const auto& tree : *trees) {
    if (!tree.contains("split_indices") || !tree.contains("loss_changes") || !tree.contains("left_children")) return {};
    const auto& split = tree["split_indices"];
    const auto& loss = tree["loss_changes"];
    const auto& left = tree["left_children"];
    for (std::size_t i = 0; i < split.size() && i < loss.size() && i < left.size(); ++i) {
      if (left[i].get<long>() < 0) continue;  // a leaf
      const long f = split[i].get<long>();
      if (f >= 0 && static_cast<std::size_t>(f) < cols) gain[static_cast<std::size_t>(f)] += loss[i].get<double>();
    }
  }
  return gain;
}

// The bars of `symbol` up to `last_day`; nullopt when the symbol has no daily bars stored.
Result<std::optional<data::BarSeries>> LoadUpTo(store::Database& db, const std::string& symbol, Days last_day) {
  auto bars = store::LoadAdjustedDaily(db, symbol);
  if (!bars.ok()) {
    if (bars.error().code == ErrorCode::kNotFound) return std::optional<data::BarSeries>{};
    return bars.error();
  }
  std::size_t n = 0;
  while (n < bars->size() && bars->DayAt(n) <= last_day) ++n;
  return std::optional<data::BarSeries>(bars->Slice(0, n));
}

// Sets d.training_max_psi: the largest PSI of the training window's own consecutive windows of
// `length` sessions (a last window shorter than half of it is left out) against all of
// `reference`, whose rows fall on `days`.
void SetTrainingBaseline(Drift& d, const std::vector<double>& reference, const std::vector<Days>& days,
                         std::size_t length) {
  std::vector<Days> sessions(days.begin(), days.end());
  std::sort(sessions.begin(), sessions.end());
  sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
  d.training_max_psi = std::numeric_limits<double>::quiet_NaN();
  d.training_windows = 0;
  for (std::size_t b = 0; b < sessions.size(); b += length) {
    const std::size_t e = std::min(sessions.size(), b + length);
    if ((e - b) * 2 < length) break;
    std::vector<double> block;
    for (std::size_t r = 0; r < reference.size(); ++r) {
      if (days[r] >= sessions[b] && days[r] <= sessions[e - 1]) block.push_back(reference[r]);
    }
    const double psi = PopulationStabilityIndexOf(reference, block);
    if (!std::isfinite(psi)) continue;
    d.training_max_psi = d.training_windows == 0 ? psi : std::max(d.training_max_psi, psi);
    ++d.training_windows;
  }
}

}  // namespace

Result<TrainingPromise> ParseTrainingPromise(std::string_view text, std::string_view source) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed training results: not a JSON object", source);
  }
  if (!j.contains("oos") || !j["oos"].is_object()) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed training results: 'oos' is missing", source);
  }
  const auto& oos = j["oos"];
  TrainingPromise p;
  if (!j.contains("horizon") || !j["horizon"].is_number_integer() || j["horizon"].get<int>() < 1) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed training results: 'horizon' is missing or not a whole number >= 1",
                source);
  }
  p.horizon = j["horizon"].get<int>();
  QAT_ASSIGN_OR_RETURN(p.accuracy, NumberAt(oos, "accuracy", source, "oos"));
  QAT_ASSIGN_OR_RETURN(p.log_loss, NumberAt(oos, "log_loss", source, "oos"));
  QAT_ASSIGN_OR_RETURN(p.interval_coverage_80, NumberAt(oos, "interval_coverage_80", source, "oos"));
  QAT_ASSIGN_OR_RETURN(const double n, NumberAt(oos, "n", source, "oos"));
  p.oos_rows = static_cast<std::size_t>(std::max(0.0, n));
  // Forecasts use the temperature-scaled probabilities: their out-of-sample log loss is the promise.
  if (j.contains("classifier_calibration") && j["classifier_calibration"].is_object() &&
      j["classifier_calibration"].contains("calibrated") && j["classifier_calibration"]["calibrated"].is_object()) {
    QAT_ASSIGN_OR_RETURN(p.log_loss,
                         NumberAt(j["classifier_calibration"]["calibrated"], "log_loss", source, "classifier_calibration.calibrated"));
  }
  if (!(p.accuracy >= 0 && p.accuracy <= 1) || !(p.interval_coverage_80 >= 0 && p.interval_coverage_80 <= 1) ||
      !(p.log_loss >= 0)) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed training results: accuracy {}, coverage {} or log loss {} out of range",
                source, p.accuracy, p.interval_coverage_80, p.log_loss);
  }
  if (j.contains("final_model") && j["final_model"].is_object()) {
    QAT_ASSIGN_OR_RETURN(p.train_start, DateAt(j["final_model"], "train_start", source));
    QAT_ASSIGN_OR_RETURN(p.as_of, DateAt(j["final_model"], "train_end", source));
  }
  return p;
}

Result<EquityCurve> ParseEquityCsv(std::string_view text, std::string_view source) {
  EquityCurve curve;
  std::size_t line_no = 0;
  bool header = true;
  for (std::string_view line : Split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    const auto fields = Split(line, ',');
    if (header) {
      if (fields.size() < 2 || Trim(fields[0]) != "date" || Trim(fields[1]) != "equity") {
        return Fail(ErrorCode::kInvalidInput, "{}:{}: the header must begin with date,equity (got {})", source, line_no,
                    Excerpt(line));
      }
      header = false;
      continue;
    }
    if (fields.size() < 2) {
      return Fail(ErrorCode::kInvalidInput, "{}:{}: expected date,equity (got {})", source, line_no, Excerpt(line));
    }
    auto day = ParseDate(Trim(fields[0]));
    if (!day.ok()) {
      return Fail(ErrorCode::kInvalidInput, "{}:{}: not a date: {}", source, line_no, Excerpt(fields[0]));
    }
    const std::string_view v = Trim(fields[1]);
    double value = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(value) || value <= 0) {
      return Fail(ErrorCode::kInvalidInput, "{}:{}: equity {} is not a number > 0", source, line_no, Excerpt(v));
    }
    if (!curve.days.empty() && *day <= curve.days.back()) {
      return Fail(ErrorCode::kInvalidInput, "{}:{}: date {} does not follow {}", source, line_no, FormatDate(*day),
                  FormatDate(curve.days.back()));
    }
    curve.days.push_back(*day);
    curve.equity.push_back(value);
  }
  if (header) return Fail(ErrorCode::kInvalidInput, "{}: empty (expected a date,equity header and rows)", source);
  if (curve.days.empty()) return Fail(ErrorCode::kInvalidInput, "{}: no rows after the header", source);
  return curve;
}

Result<MonitorReport> RunMonitor(store::Database& db, const MonitorRequest& request) {
  const MonitorConfig& config = request.config;
  QAT_ASSIGN_OR_RETURN(auto set, models::ReadModelSet(request.model_dir, request.horizon));
  const models::ModelSchema& schema = set.schema;
  {
    std::vector<std::string> registry;
    for (const auto& spec : features::FeatureRegistry()) registry.push_back(spec.name);
    if (schema.features != registry) {
      return Fail("{}: the model was trained on {} features but this build computes {}. Retrain with 'qtrader train'.",
                  (set.dir / models::SchemaFileName(request.horizon)).string(), schema.features.size(), registry.size());
    }
  }
  const auto results_path = set.dir / models::ResultsFileName(request.horizon);
  QAT_ASSIGN_OR_RETURN(auto results_text, ReadWholeFile(results_path));
  QAT_ASSIGN_OR_RETURN(auto promise, ParseTrainingPromise(results_text, results_path.string()));
  promise.horizon = schema.horizon;
  promise.as_of = schema.as_of;
  if (schema.train_start != 0) promise.train_start = schema.train_start;
  const auto results = nlohmann::json::parse(results_text);
  std::vector<std::string> symbols;
  if (results.contains("symbols") && results["symbols"].is_array()) {
    for (const auto& s : results["symbols"]) {
      if (s.is_string()) symbols.push_back(s.get<std::string>());
    }
  }
  if (symbols.empty()) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed training results: no 'symbols'", results_path.string());
  }

  MonitorReport report;
  report.horizon = request.horizon;
  report.model_set = set.dir;
  report.evaluation_day = request.evaluation_day;
  report.symbols = symbols;
  MonitorInputs& in = report.inputs;
  in.evaluation_day = request.evaluation_day;

  QAT_ASSIGN_OR_RETURN(auto market, LoadUpTo(db, schema.market, request.evaluation_day));
  QAT_ASSIGN_OR_RETURN(auto vix, LoadUpTo(db, schema.vix, request.evaluation_day));
  features::ContextCache cache;
  const features::MarketContext context{.market = market && market->size() > 0 ? &*market : nullptr,
                                        .vix = vix && vix->size() > 0 ? &*vix : nullptr,
                                        .max_age_days = schema.context_max_age_days,
                                        .cache = &cache};
  const std::size_t cols = schema.features.size();
  std::vector<float> x_recent, x_reference;
  std::vector<std::vector<double>> reference_values(cols), recent_values(cols);
  std::vector<Days> recent_day;     // per row of x_recent
  std::vector<Days> reference_day;  // per row of x_reference
  std::set<Days> prediction_days;
  labels::ClassLabelConfig label_config = schema.labels;
  label_config.horizon = schema.horizon;
  for (const auto& symbol : symbols) {
    QAT_ASSIGN_OR_RETURN(auto bars, LoadUpTo(db, symbol, request.evaluation_day));
    in.series.push_back({symbol, false, bars && bars->size() > 0 ? bars->DayAt(bars->size() - 1) : 0});
    if (!bars) {
      report.notes.push_back(fmt::format("{}: no daily bars stored; not scored", symbol));
      continue;
    }
    if (bars->size() == 0) continue;
    QAT_ASSIGN_OR_RETURN(auto frame, features::ComputeFeatures(*bars, context));
    QAT_ASSIGN_OR_RETURN(auto lab, labels::MakeClassLabels(bars->adj_close, label_config));
    for (std::size_t t = 0; t < bars->size(); ++t) {
      const Days day = bars->DayAt(t);
      const bool reference = day >= promise.train_start && day <= promise.as_of;
      const bool recent = day > promise.as_of;
      if (!reference && !recent) continue;
      auto& x = recent ? x_recent : x_reference;
      for (std::size_t j = 0; j < cols; ++j) x.push_back(static_cast<float>(frame.columns[j][t]));
      if (reference) {
        reference_day.push_back(day);
        for (std::size_t j = 0; j < cols; ++j) reference_values[j].push_back(frame.columns[j][t]);
        continue;
      }
      ScoredPrediction p;
      p.symbol = symbol;
      p.day = day;
      p.actual = lab.action[t];
      p.forward_return = lab.action[t] >= 0 ? lab.forward_return[t] : 0;
      in.predictions.push_back(p);
      recent_day.push_back(day);
      prediction_days.insert(day);
    }
  }
  in.series.push_back({schema.market, true, market && market->size() > 0 ? market->DayAt(market->size() - 1) : 0});
  in.series.push_back({schema.vix, true, vix && vix->size() > 0 ? vix->DayAt(vix->size() - 1) : 0});

  // Predictions: the classifier (temperature-scaled, as forecasts) and the quantiles, in one batch.
  std::vector<float> recent_probabilities;
  if (!in.predictions.empty()) {
    QAT_ASSIGN_OR_RETURN(auto raw, models::PredictProbabilities(set.classifier, x_recent, cols));
    recent_probabilities = models::ApplyTemperature(raw, schema.classifier_temperature);
    QAT_ASSIGN_OR_RETURN(auto q, models::PredictQuantiles(set.quantiles, x_recent, cols));
    for (std::size_t i = 0; i < in.predictions.size(); ++i) {
      auto& p = in.predictions[i];
      for (int a = 0; a < labels::kNumActions; ++a) p.p[a] = recent_probabilities[i * labels::kNumActions + a];
      p.q10 = q[i * models::kNumQuantiles];
      p.q90 = q[i * models::kNumQuantiles + models::kNumQuantiles - 1];
    }
  }

  // Drift: the drift window is the last window_sessions sessions with a prediction.
  Days drift_from = 0;
  if (!prediction_days.empty()) {
    auto it = prediction_days.end();
    const std::size_t take = std::min(prediction_days.size(), static_cast<std::size_t>(std::max(1, config.window_sessions)));
    std::advance(it, -static_cast<long>(take));
    drift_from = *it;
  }
  std::vector<std::size_t> drift_rows;
  for (std::size_t i = 0; i < recent_day.size(); ++i) {
    if (recent_day[i] >= drift_from) drift_rows.push_back(i);
  }
  // The recent window's length in sessions, for the training window's own windows.
  std::size_t window = 0;
  {
    std::set<Days> recent_sessions;
    for (std::size_t i : drift_rows) recent_sessions.insert(recent_day[i]);
    window = std::max<std::size_t>(1, recent_sessions.size());
    in.drift_sessions = recent_sessions.size();
  }
  if (!drift_rows.empty() && static_cast<long>(drift_rows.size()) < config.min_resolved) {
    report.notes.push_back(fmt::format("drift: {} predictions after the training window, fewer than the {} a PSI over "
                                       "deciles needs; not measured",
                                       drift_rows.size(), config.min_resolved));
  } else if (!drift_rows.empty() && !x_reference.empty()) {
    const std::vector<double> gain = TotalGain(set.classifier, cols);
    std::vector<std::size_t> order(cols);
    for (std::size_t j = 0; j < cols; ++j) order[j] = j;
    const bool by_gain = gain.size() == cols && std::any_of(gain.begin(), gain.end(), [](double g) { return g > 0; });
    if (by_gain) {
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return gain[a] > gain[b]; });
    }
    in.drift_ranking = by_gain ? "gain" : "schema order";
    order.resize(std::min(order.size(), static_cast<std::size_t>(std::max(0, config.drift_top_features))));
    for (std::size_t j : order) {
      std::vector<double> recent;
      for (std::size_t i : drift_rows) recent.push_back(x_recent[i * cols + j]);
      in.feature_drift.push_back({schema.features[j], PopulationStabilityIndexOf(reference_values[j], recent),
                                  reference_values[j].size(), recent.size(), by_gain ? gain[j] : 0.0});
      SetTrainingBaseline(in.feature_drift.back(), reference_values[j], reference_day, window);
    }
    QAT_ASSIGN_OR_RETURN(auto ref_raw, models::PredictProbabilities(set.classifier, x_reference, cols));
    const auto ref_p = models::ApplyTemperature(ref_raw, schema.classifier_temperature);
    const std::size_t ref_rows = ref_p.size() / labels::kNumActions;
    for (int a = 0; a < labels::kNumActions; ++a) {
      std::vector<double> reference, recent;
      for (std::size_t r = 0; r < ref_rows; ++r) reference.push_back(ref_p[r * labels::kNumActions + a]);
      for (std::size_t i : drift_rows) recent.push_back(recent_probabilities[i * labels::kNumActions + a]);
      in.probability_drift.push_back({kProbabilityNames[a], PopulationStabilityIndexOf(reference, recent),
                                      reference.size(), recent.size(), 0.0});
      SetTrainingBaseline(in.probability_drift.back(), reference, reference_day, window);
    }
  } else if (x_reference.empty()) {
    report.notes.push_back("drift: no bars of the training window are stored; not measured");
  } else {
    report.notes.push_back("drift: no session after the training window; not measured");
  }

  if (request.equity) {
    in.equity_days = request.equity->days;
    in.equity = request.equity->equity;
  }
  // Pattern edges: the stored records, as of the evaluation day (no outcome after it counts).
  QAT_ASSIGN_OR_RETURN(auto records, patterns::LoadPatternRecords(db));
  if (records.empty()) {
    report.notes.push_back("pattern edges: no pattern records stored ('qtrader patterns build'); not judged");
  } else {
    const Timestamp now = SessionClose(request.evaluation_day);
    const Timestamp since = patterns::RecentSince(records, now, config.pattern_window_years);
    in.pattern_window_start = NewYorkDay(since);
    QAT_ASSIGN_OR_RETURN(in.pattern_reference, patterns::ComputeCells(records, {.as_of = since}));
    QAT_ASSIGN_OR_RETURN(in.pattern_recent, patterns::ComputeCells(records, {.as_of = now, .since = since}));
    QAT_ASSIGN_OR_RETURN(in.pattern_current, patterns::ComputeCells(records, {.as_of = now}));
  }
  in.promise = promise;
  report.promise = promise;
  report.model_age_sessions = SessionsAfter(promise.as_of, request.evaluation_day);
  report.window = Summarize(in, config);
  if (static_cast<long>(report.window.window_resolved) < config.min_resolved) {
    report.notes.push_back(fmt::format(
        "performance and coverage: {} resolved predictions, fewer than the {} the tests need; not judged ({} pending: "
        "a {}-bar label is known {} sessions later)",
        report.window.window_resolved, config.min_resolved, report.window.pending, promise.horizon, promise.horizon));
  }
  QAT_ASSIGN_OR_RETURN(report.recommendations, GenerateImprovementRecommendations(in, config));
  return report;
}

namespace {

// {window_start, tradable_then, judged}: the cells the DISABLE_PATTERN rule looked at.
nlohmann::json PatternSummary(const MonitorInputs& in) {
  if (in.pattern_reference.empty()) return nullptr;
  std::int64_t tradable = 0, judged = 0;
  for (const auto& ref : in.pattern_reference) {
    if (ref.status != patterns::EdgeStatus::kStrong && ref.status != patterns::EdgeStatus::kModerate) continue;
    ++tradable;
    for (const auto& r : in.pattern_recent) {
      if (std::tie(r.pattern, r.direction, r.timeframe, r.horizon, r.regime, r.vol_regime) ==
              std::tie(ref.pattern, ref.direction, ref.timeframe, ref.horizon, ref.regime, ref.vol_regime) &&
          r.n >= patterns::kMinEvents) {
        ++judged;
      }
    }
  }
  return {{"window_start", FormatDate(in.pattern_window_start)}, {"tradable_then", tradable}, {"judged", judged}};
}

}  // namespace

nlohmann::json MonitorReport::ToJson() const {
  auto drift = [](const std::vector<Drift>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : list) {
      out.push_back({{"name", d.name},
                     {"psi", std::isfinite(d.psi) ? nlohmann::json(d.psi) : nlohmann::json()},
                     {"gain", d.gain},
                     {"training_max_psi", std::isfinite(d.training_max_psi) ? nlohmann::json(d.training_max_psi) : nlohmann::json()},
                     {"training_windows", d.training_windows},
                     {"reference_n", d.reference_n},
                     {"recent_n", d.recent_n}});
    }
    return out;
  };
  nlohmann::json series = nlohmann::json::array();
  for (const auto& s : inputs.series) {
    series.push_back({{"symbol", s.symbol},
                      {"context", s.context},
                      {"last_date", s.last_day == 0 ? nlohmann::json() : nlohmann::json(FormatDate(s.last_day))}});
  }
  nlohmann::json recs = nlohmann::json::array();
  for (const auto& r : recommendations) recs.push_back(r.ToJson());
  auto date_or_null = [](Days d) { return d == 0 ? nlohmann::json() : nlohmann::json(FormatDate(d)); };
  return {{"horizon", horizon},
          {"model_set", model_set.string()},
          {"evaluation_date", FormatDate(evaluation_day)},
          {"model", {{"train_start", FormatDate(promise.train_start)}, {"as_of", FormatDate(promise.as_of)}, {"age_sessions", model_age_sessions}}},
          {"promise",
           {{"accuracy", promise.accuracy},
            {"log_loss", promise.log_loss},
            {"interval_coverage_80", promise.interval_coverage_80},
            {"oos_rows", promise.oos_rows}}},
          {"symbols", symbols},
          {"predictions", {{"total", window.predictions}, {"resolved", window.resolved}, {"pending", window.pending}}},
          {"window",
           {{"first", date_or_null(window.window_first)},
            {"last", date_or_null(window.window_last)},
            {"resolved", window.window_resolved},
            {"correct", window.correct},
            {"accuracy", window.window_resolved ? nlohmann::json(window.accuracy) : nlohmann::json()},
            {"log_loss", window.window_resolved ? nlohmann::json(window.log_loss) : nlohmann::json()},
            {"coverage", window.window_resolved ? nlohmann::json(window.coverage) : nlohmann::json()},
            {"majority_share", window.window_resolved ? nlohmann::json(window.majority_share) : nlohmann::json()},
            {"ic", window.window_resolved ? JsonNumber(window.ic) : nlohmann::json()}}},
          {"drift", {{"ranking", inputs.drift_ranking}, {"sessions", inputs.drift_sessions}, {"features", drift(inputs.feature_drift)}, {"probabilities", drift(inputs.probability_drift)}}},
          {"series", series},
          {"patterns", PatternSummary(inputs)},
          {"notes", notes},
          {"recommendations", recs}};
}

Result<std::int64_t> LogModelTraining(store::Database& db, std::string_view name, const nlohmann::json& metrics,
                                      std::int64_t created_at) {
  if (name.empty()) return Fail(ErrorCode::kInvalidInput, "log_model_training: the model name is empty");
  store::TrainingRunRecord record;
  record.created_at = created_at;
  if (metrics.is_object() && metrics.contains("horizon") && metrics["horizon"].is_number_integer()) {
    record.horizon = metrics["horizon"].get<int>();
  }
  record.model_dir = std::string(name);
  record.metrics_json = metrics.dump();
  record.config_json = "{}";
  record.model_paths_json = "[]";
  return store::LogTrainingRun(db, record);
}

}  // namespace qat::monitor
