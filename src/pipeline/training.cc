#include "qat/pipeline/training.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "qat/core/parallel.h"
#include "qat/models/calibration.h"
#include "qat/core/strings.h"
#include "qat/features/features.h"
#include "qat/pipeline/universe.h"
#include "qat/store/actions.h"
#include "qat/store/training_runs.h"

namespace qat::pipeline {
namespace {

constexpr std::size_t kQ = models::kNumQuantiles;

std::vector<double> Returns(const models::Dataset& ds, const std::vector<std::size_t>& rows) {
  std::vector<double> r;
  r.reserve(rows.size());
  for (std::size_t i : rows) r.push_back(ds.forward_return[i]);
  return r;
}

Result<WindowModels> TrainWindow(const models::Dataset& ds, const std::vector<std::size_t>& rows,
                                 const TrainConfig& c) {
  WindowModels w{.classifier = {}, .quantiles = {}};
  std::vector<float> y;
  for (std::size_t i : rows) y.push_back(ds.y[i]);
  QAT_ASSIGN_OR_RETURN(w.classifier, models::TrainClassifier(ds.Rows(rows), ds.cols, y, labels::kNumActions,
                                                             c.classifier));
  QAT_ASSIGN_OR_RETURN(auto split, models::SplitForCalibration(ds, rows, c.calibration_fraction,
                                                       c.walk_forward.embargo_sessions));
  const auto cal_x = ds.Rows(split.calibration);
  const auto cal_y = Returns(ds, split.calibration);
  // Evidence for keeping rounds: calibration rows grouped by session (the symbols of one day
  // move together), Newey-West over sessions with 2 * horizon lags (overlapping h-bar returns).
  std::vector<std::int32_t> cal_sessions;
  cal_sessions.reserve(split.calibration.size());
  for (std::size_t i : split.calibration) cal_sessions.push_back(ds.day[i]);
  models::QuantileParams qp = c.quantiles;
  qp.evidence_lags = c.EvidenceLags();
  QAT_ASSIGN_OR_RETURN(w.quantiles, models::TrainQuantileModel(ds.Rows(split.fit), ds.cols, Returns(ds, split.fit),
                                                               qp, cal_x, cal_y, cal_sessions));
  QAT_RETURN_IF_ERROR(models::CalibrateQuantiles(w.quantiles, cal_x, ds.cols, cal_y));
  // The conformal shifts serve the coverage of the outer quantiles; the median has no
  // coverage target and is judged by its pinball loss, so it keeps the booster's own value
  // rather than being moved to the median residual of the window's last 25% of sessions.
  if (!c.shift_median) w.quantiles.transform[kQ / 2].shift = 0;
  models::UseWindowQuantileWhereUnconditional(w.quantiles, Returns(ds, rows));
  w.n_train = rows.size();
  w.n_calibration = split.calibration.size();
  w.train_start = INT32_MAX;
  w.train_end = INT32_MIN;
  for (std::size_t i : rows) {
    w.train_start = std::min(w.train_start, ds.day[i]);
    w.train_end = std::max(w.train_end, ds.day[i]);
  }
  return w;
}

// One walk-forward fold: its window trained, its test rows predicted and evaluated.
struct FoldOutcome {
  TrainFoldResult result;
  std::vector<float> p, test_y;         // test rows x kNumActions; test labels
  std::vector<double> test_r, q, base;  // test returns; test rows x kQ: model, baseline
};
// What a training task gives back: a tested fold, or the final window's models.
using WindowOutcome = std::variant<FoldOutcome, WindowModels>;

Result<FoldOutcome> TrainAndTestFold(const models::Dataset& ds, models::Fold fold, const TrainConfig& c) {
  fold.train = models::LookbackWindow(ds, fold.train, c.lookback_days);
  QAT_ASSIGN_OR_RETURN(auto window, TrainWindow(ds, fold.train, c));
  fold.train_start = window.train_start;
  fold.train_end = window.train_end;
  const auto test_x = ds.Rows(fold.test);
  FoldOutcome f{.result = {.fold = fold,
                           .n_calibration = window.n_calibration,
                           .classification = {},
                           .class_prior = {},
                           .quantiles = {},
                           .quantile_rounds = window.quantiles.rounds,
                           .quantile_selection = window.quantiles.selection},
                .p = {}, .test_y = {}, .test_r = {}, .q = {}, .base = {}};
  std::vector<float> train_y;
  for (std::size_t i : fold.train) train_y.push_back(ds.y[i]);
  for (std::size_t i : fold.test) f.test_y.push_back(ds.y[i]);
  f.test_r = Returns(ds, fold.test);
  QAT_ASSIGN_OR_RETURN(f.p, models::PredictProbabilities(window.classifier, test_x, ds.cols));
  f.result.class_prior = models::ClassPriorOf(train_y);
  std::size_t train_up = 0;
  for (std::size_t i : fold.train) train_up += ds.forward_return[i] > 0;
  f.result.up_rate = fold.train.empty() ? 0.0 : double(train_up) / double(fold.train.size());
  f.result.classification = models::EvaluateClassifier(f.p, f.test_y, f.test_r, f.result.class_prior);
  QAT_ASSIGN_OR_RETURN(f.q, models::PredictQuantiles(window.quantiles, test_x, ds.cols));
  // Unconditional baseline: the training window's own empirical quantiles.
  const auto train_r = Returns(ds, fold.train);
  f.base.resize(fold.test.size() * kQ);
  for (std::size_t j = 0; j < kQ; ++j) {
    const double v = models::EmpiricalQuantile(train_r, models::kQuantileLevels[j]);
    for (std::size_t i = 0; i < fold.test.size(); ++i) f.base[i * kQ + j] = v;
  }
  f.result.quantiles = models::EvaluateQuantiles(f.test_r, f.q, f.base);
  return f;
}

// Fold k's probabilities scaled by the temperature fitted on folds 1..k-1; the reports of
// folds 2..n, calibrated and not, beside each fold's own class-prior baseline.
ClassifierCalibration CalibrateClassifier(const std::vector<float>& p, const std::vector<float>& y,
                                          const std::vector<double>& r,
                                          const std::vector<TrainFoldResult>& folds) {
  constexpr std::size_t kK = labels::kNumActions;
  ClassifierCalibration out;
  out.final_temperature = models::FitTemperature(p, y);
  if (folds.size() < 2) return out;
  const std::size_t first = folds.front().classification.n;  // rows of fold 1
  std::vector<float> calibrated;
  std::vector<models::ClassificationReport> raw_reports, calibrated_reports;
  std::size_t start = first;
  for (std::size_t k = 1; k < folds.size(); ++k) {
    const std::size_t n = folds[k].classification.n;
    const double t = models::FitTemperature({p.data(), start * kK}, {y.data(), start});
    out.fold_temperature.push_back(t);
    const auto q = models::ApplyTemperature({p.data() + start * kK, n * kK}, t);
    calibrated_reports.push_back(
        models::EvaluateClassifier(q, {y.data() + start, n}, {r.data() + start, n}, folds[k].class_prior));
    raw_reports.push_back(folds[k].classification);
    calibrated.insert(calibrated.end(), q.begin(), q.end());
    start += n;
  }
  const std::span<const float> rest_y(y.data() + first, y.size() - first);
  const std::span<const double> rest_r(r.data() + first, r.size() - first);
  out.uncalibrated = models::EvaluatePooled({p.data() + first * kK, p.size() - first * kK}, rest_y, rest_r, raw_reports);
  out.calibrated = models::EvaluatePooled(calibrated, rest_y, rest_r, calibrated_reports);
  return out;
}

// Fold k's prob_up (from its rows' predicted quantiles `q`, rows x kQ) scaled by the Platt
// scaling fitted on folds 1..k-1; the reports of folds 2..n, calibrated and not, beside each
// fold's training up_rate. The event of a row: its forward return `r` > 0; `day` its session.
ProbUpCalibration CalibrateProbUp(const std::vector<double>& q, const std::vector<double>& r,
                                  const std::vector<std::int32_t>& day, const std::vector<TrainFoldResult>& folds,
                                  int lags) {
  const std::size_t rows = r.size();
  std::vector<double> p(rows);
  std::vector<float> up(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    p[i] = models::ProbabilityUp({q.data() + i * kQ, kQ});
    up[i] = r[i] > 0 ? 1.0f : 0.0f;
  }
  ProbUpCalibration out;
  out.final_platt = models::FitPlatt(p, up);
  if (folds.size() < 2) return out;
  const std::size_t first = folds.front().fold.test.size();  // rows of fold 1
  std::vector<double> calibrated, base;
  std::size_t start = first;
  for (std::size_t k = 1; k < folds.size(); ++k) {
    const std::size_t n = folds[k].fold.test.size();
    const auto platt = models::FitPlatt({p.data(), start}, {up.data(), start});
    out.fold_platt.push_back(platt);
    const auto scaled = models::ApplyPlatt(platt, {p.data() + start, n});
    calibrated.insert(calibrated.end(), scaled.begin(), scaled.end());
    base.insert(base.end(), n, folds[k].up_rate);
    start += n;
  }
  const std::span<const float> rest_up(up.data() + first, rows - first);
  out.uncalibrated = models::EvaluateBinaryProbability({p.data() + first, rows - first}, rest_up, base);
  out.calibrated = models::EvaluateBinaryProbability(calibrated, rest_up, base);
  std::vector<double> model_loss, base_loss;
  for (std::size_t i = 0; i < calibrated.size(); ++i) {
    model_loss.push_back(models::BinaryLogLoss(calibrated[i], rest_up[i] > 0.5f));
    base_loss.push_back(models::BinaryLogLoss(base[i], rest_up[i] > 0.5f));
  }
  out.calibrated_vs_base_rate =
      models::TestImprovement(base_loss, model_loss, {day.data() + first, rows - first}, lags);
  return out;
}

}  // namespace

std::size_t TrainResult::RowsMissingContext() const {
  std::size_t n = 0;
  for (const auto& s : series) n += s.rows_missing_context;
  return n;
}

Result<TrainResult> RunTraining(store::Database& db, const TrainConfig& c, const Progress& progress) {
  if (c.jobs < 1) return Fail(ErrorCode::kInvalidInput, "jobs must be at least 1 (got {})", c.jobs);
  for (std::size_t i = 0; i < c.symbols.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (c.symbols[i] == c.symbols[j]) {
        return Fail("symbol '{}' is given twice (positions {} and {}); each symbol may appear once", c.symbols[i],
                    j + 1, i + 1);
      }
    }
  }
  if (c.context_max_age_days < 0) {
    return Fail("the context's maximum age must be at least 0 days (got {})", c.context_max_age_days);
  }
  if (c.lookback_days < 60) {
    return Fail(ErrorCode::kInvalidInput, "lookback days must be at least 60 (got {})", c.lookback_days);
  }
  if (!(c.calibration_fraction > 0 && c.calibration_fraction < 0.5)) {
    return Fail("calibration fraction must be in (0, 0.5) (got {})", c.calibration_fraction);
  }
  if (c.walk_forward.embargo_sessions < c.labels.horizon) {
    return Fail("embargo ({} sessions) must be at least the horizon ({} bars)", c.walk_forward.embargo_sessions,
                c.labels.horizon);
  }
  TrainResult result{.final_models = {.classifier = {}, .quantiles = {}}};
  QAT_ASSIGN_OR_RETURN(auto universe, LoadUniverse(db, c.symbols, c.market, c.vix));
  {
    // Each symbol runs to its own last bar (no common end): say where the earliest and the
    // latest stop, and where the context does.
    std::size_t first = 0, last = 0;
    for (std::size_t i = 1; i < universe.series.size(); ++i) {
      const auto& s = universe.series[i];
      if (s.DayAt(s.size() - 1) < universe.series[first].DayAt(universe.series[first].size() - 1)) first = i;
      if (s.DayAt(s.size() - 1) > universe.series[last].DayAt(universe.series[last].size() - 1)) last = i;
    }
    auto end_of = [](const data::BarSeries& s) { return FormatDate(s.DayAt(s.size() - 1)); };
    progress(fmt::format("loaded {} symbols (each to its own last bar: {} {} .. {} {}) and {} / {} context "
                         "(ending {} / {}; a context bar older than {} days is missing, not carried)",
                         universe.series.size(), universe.series[first].symbol, end_of(universe.series[first]),
                         universe.series[last].symbol, end_of(universe.series[last]), c.market, c.vix,
                         end_of(universe.market), end_of(universe.vix), c.context_max_age_days));
  }

  models::DatasetOptions options;
  options.labels = c.labels;
  options.skip_series_without_rows = true;
  const features::MarketContext context{
      .market = &universe.market, .vix = &universe.vix, .max_age_days = c.context_max_age_days};
  QAT_ASSIGN_OR_RETURN(auto ds, models::BuildDataset(universe.series, context, options));
  result.rows = ds.rows();
  result.feature_names = ds.feature_names;
  result.series = ds.series;
  result.first_day = *std::min_element(ds.day.begin(), ds.day.end());
  result.last_day = *std::max_element(ds.day.begin(), ds.day.end());
  std::size_t skipped = 0;
  for (const auto& s : ds.series) {
    if (s.skipped.empty()) continue;
    ++skipped;
    progress(fmt::format("skipped {}: {}", s.symbol, s.skipped));
  }
  progress(fmt::format("dataset: {} rows x {} features from {} of {} symbols ({} skipped), {}..{}, label horizon "
                       "{} bars; {} rows without fresh market context ({} / {} missing or older than {} days)",
                       ds.rows(), ds.cols, ds.series.size() - skipped, ds.series.size(), skipped,
                       FormatDate(result.first_day), FormatDate(result.last_day), c.labels.horizon,
                       result.RowsMissingContext(), c.market, c.vix, c.context_max_age_days));

  QAT_ASSIGN_OR_RETURN(auto folds, models::MakeWalkForwardFolds(ds.day, ds.label_end_day, c.walk_forward));
  // Final models on the last lookback window of labelled rows.
  std::vector<std::size_t> all(ds.rows());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto window_rows = models::LookbackWindow(ds, all, c.lookback_days);
  {
    // With ragged ends the last window may hold only the symbols that run longest: say which.
    std::set<std::size_t> in_window;
    for (std::size_t i : window_rows) in_window.insert(ds.symbol[i]);
    for (std::size_t s : in_window) result.final_symbols.push_back(ds.series[s].symbol);
  }

  // The folds and the final window are independent: task k < folds.size() trains and tests
  // fold k, the last task trains the final models. Each runs on one thread (XGBoost's random
  // engine is per thread and reseeded by every booster), so the results do not depend on
  // c.jobs; they are pooled here in fold order.
  std::vector<float> oos_p, oos_y;
  std::vector<double> oos_r, oos_q, oos_base;
  auto task = [&](std::size_t k) -> Result<WindowOutcome> {
    if (k == folds.size()) {
      auto final_models = TrainWindow(ds, window_rows, c);
      if (!final_models.ok()) return final_models.error().WithContext("final models");
      return WindowOutcome(std::move(final_models).value());
    }
    auto fold = TrainAndTestFold(ds, folds[k], c);
    if (!fold.ok()) {
      return fold.error().WithContext(fmt::format("fold {}/{} (test {}..{})", k + 1, folds.size(),
                                                  FormatDate(folds[k].test_start), FormatDate(folds[k].test_end)));
    }
    return WindowOutcome(std::move(fold).value());
  };
  auto consume = [&](std::size_t k, WindowOutcome&& outcome) -> Status {
    if (k == folds.size()) {
      result.final_models = std::move(std::get<WindowModels>(outcome));
      progress(fmt::format("final models: {}..{} ({} rows of {} of {} symbols: {}; {} calibration)",
                           FormatDate(result.final_models.train_start), FormatDate(result.final_models.train_end),
                           result.final_models.n_train, result.final_symbols.size(), ds.series.size(),
                           fmt::join(result.final_symbols, ","), result.final_models.n_calibration));
      return Ok();
    }
    auto& f = std::get<FoldOutcome>(outcome);
    const auto& fr = f.result;
    progress(fmt::format("fold {}/{}: train {}..{} ({} rows, {} calibration), test {}..{} ({} rows): "
                         "accuracy {:.3f} (majority {:.3f}), [q10,q90] coverage {:.3f}, q50 pinball {:.5f} "
                         "(unconditional {:.5f}), quantile rounds {}",
                         k + 1, folds.size(), FormatDate(fr.fold.train_start), FormatDate(fr.fold.train_end),
                         fr.fold.train.size(), fr.n_calibration, FormatDate(fr.fold.test_start),
                         FormatDate(fr.fold.test_end), fr.fold.test.size(), fr.classification.accuracy,
                         fr.classification.baseline_accuracy, fr.quantiles.interval_coverage_80,
                         fr.quantiles.pinball[kQ / 2], fr.quantiles.baseline_pinball[kQ / 2],
                         fmt::join(fr.quantile_rounds, "/")));
    for (std::size_t j = 0; j < fr.fold.test.size(); ++j) {
      const std::size_t i = fr.fold.test[j];
      OosPrediction row{ds.series[ds.symbol[i]].symbol, ds.day[i], static_cast<int>(k), {}, {}};
      std::copy_n(&f.p[j * labels::kNumActions], labels::kNumActions, row.p.begin());
      std::copy_n(&f.q[j * kQ], kQ, row.q.begin());
      result.oos_predictions.push_back(std::move(row));
    }
    oos_p.insert(oos_p.end(), f.p.begin(), f.p.end());
    oos_y.insert(oos_y.end(), f.test_y.begin(), f.test_y.end());
    oos_r.insert(oos_r.end(), f.test_r.begin(), f.test_r.end());
    oos_q.insert(oos_q.end(), f.q.begin(), f.q.end());
    oos_base.insert(oos_base.end(), f.base.begin(), f.base.end());
    result.folds.push_back(std::move(f.result));
    if (k + 1 < folds.size()) return Ok();
    // The last fold: the pooled out-of-sample measures, while the final models may still train.
    std::vector<models::ClassificationReport> fold_reports;
    for (const auto& fold : result.folds) fold_reports.push_back(fold.classification);
    result.oos = models::EvaluatePooled(oos_p, oos_y, oos_r, fold_reports);
    result.oos_quantiles = models::EvaluateQuantiles(oos_r, oos_q, oos_base);
    result.calibration = CalibrateClassifier(oos_p, oos_y, oos_r, result.folds);
    std::vector<std::int32_t> oos_day;
    for (const auto& fold : result.folds) {
      for (std::size_t i : fold.fold.test) oos_day.push_back(ds.day[i]);
    }
    result.prob_up_calibration = CalibrateProbUp(oos_q, oos_r, oos_day, result.folds, c.EvidenceLags());
    progress(fmt::format("out of sample ({} rows): accuracy {:.3f} (majority {:.3f}), [q10,q90] coverage {:.3f} "
                         "(unconditional {:.3f}), q50 pinball {:.5f} (unconditional {:.5f})",
                         result.oos.n, result.oos.accuracy, result.oos.baseline_accuracy,
                         result.oos_quantiles.interval_coverage_80,
                         result.oos_quantiles.baseline_interval_coverage_80, result.oos_quantiles.pinball[kQ / 2],
                         result.oos_quantiles.baseline_pinball[kQ / 2]));
    return Ok();
  };
  QAT_RETURN_IF_ERROR(ParallelForOrdered(folds.size() + 1, c.jobs, task, consume));
  result.inputs = universe.Inputs();
  return result;
}

models::ModelSchema FinalModelSchema(const TrainResult& r, const TrainConfig& c) {
  models::ModelSchema s = models::SchemaFor(c.labels.horizon, r.final_models.quantiles);
  s.features = r.feature_names;
  s.market = c.market;
  s.vix = c.vix;
  s.context_max_age_days = c.context_max_age_days;
  s.train_start = r.final_models.train_start;
  s.as_of = r.final_models.train_end;
  s.labels = c.labels;
  s.classifier_temperature = r.calibration.final_temperature;
  s.prob_up_platt = r.prob_up_calibration.final_platt;
  return s;
}

Result<std::int64_t> LogTrainingRun(store::Database& db, const TrainConfig& c, const nlohmann::json& results,
                                    const std::filesystem::path& model_dir,
                                    const std::vector<std::filesystem::path>& files, std::int64_t created_at) {
  nlohmann::json paths = nlohmann::json::array();
  for (const auto& f : files) paths.push_back(f.string());
  const auto& manifest = results.at("manifest");
  store::TrainingRunRecord record;
  record.created_at = created_at;
  record.horizon = c.labels.horizon;
  for (const auto& s : c.symbols) record.symbols += (record.symbols.empty() ? "" : ",") + s;
  record.config_json = manifest.at("config").dump();
  record.metrics_json = results.at("oos").dump();
  record.data_sha256 = manifest.at("data_sha256").get<std::string>();
  record.git_commit = manifest.at("git_commit").get<std::string>();
  record.model_dir = model_dir.string();
  record.model_paths_json = paths.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return store::LogTrainingRun(db, record);
}

}  // namespace qat::pipeline
