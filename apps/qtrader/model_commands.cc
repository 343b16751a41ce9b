// train and forecast: the classifier and quantile forecaster, trained from the store.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.h"
#include "paths.h"
#include "qat/app/forecast.h"
#include "qat/app/training.h"
#include "qat/core/clock.h"
#include "qat/core/strings.h"
#include "qat/data/symbol.h"
#include "qat/models/xgboost.h"
#include "qat/pipeline/training.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct TrainOptions {
  std::string symbols = "SPY,QQQ,AAPL,MSFT,GOOGL,TSLA";
  std::string db, model_dir;
  int horizon = 5;
  int lookback_days = 730;
  std::uint64_t seed = 42;
  int rounds = 0;  // 0 = the defaults (classifier 150, quantiles 100)
  int threads = 1;  // see docs/models.md: OpenMP spin-waiting on a busy machine
  int jobs = 0;     // 0 = DefaultJobs(threads)
  bool quiet = false;
};

struct ForecastOptions {
  std::string symbol, db, model_dir;
  int horizon = 5;
  bool json = false;
};

std::filesystem::path ModelDir(const std::string& option) {
  return option.empty() ? DataHome() / "models" : std::filesystem::path(option);
}

int RunTrainCommand(const TrainOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  pipeline::TrainConfig config;
  auto symbols = data::ParseSymbolList(o.symbols);
  if (!symbols.ok()) {
    std::fprintf(stderr, "error: --symbols: %s\n", symbols.error().message.c_str());
    return kExitUsage;
  }
  config.symbols = std::move(symbols).value();
  config.labels.horizon = o.horizon;
  config.walk_forward.embargo_sessions = std::max(config.walk_forward.embargo_sessions, o.horizon);
  config.lookback_days = o.lookback_days;
  config.classifier.seed = o.seed;
  config.quantiles.seed = o.seed;
  if (o.rounds > 0) {
    config.classifier.rounds = o.rounds;
    config.quantiles.rounds = o.rounds;
  }
  config.classifier.threads = o.threads;
  config.quantiles.threads = o.threads;
  config.jobs = o.jobs > 0 ? o.jobs : DefaultJobs(o.threads);

  const auto db_path = ResolveDbPath(o.db);
  const auto dir = ModelDir(o.model_dir);
  std::printf("qtrader train: %zu symbols, horizon %d bars, lookback %d days, seed %llu, %d window%s at once\n",
              config.symbols.size(), o.horizon, o.lookback_days, static_cast<unsigned long long>(o.seed),
              config.jobs, config.jobs == 1 ? "" : "s");
  auto db = store::OpenStore(db_path, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto progress = [&](const std::string& line) {
    if (!o.quiet) std::printf("  %s\n", line.c_str());
    std::fflush(stdout);
  };
  SystemClock clock;
  auto trained = app::TrainAndPublish(*db, {config, dir, clock.Now()}, progress);
  if (!trained.ok()) return Report(trained.error());
  const auto* result = &trained->result;
  if (result->final_symbols.size() < trained->symbols_used) {
    std::fprintf(stderr,
                 "warning: the final models train on %zu of %zu symbols (%s), the only ones with bars in "
                 "%s..%s; the others end earlier: fetch fresher bars before trusting forecasts for them\n",
                 result->final_symbols.size(), trained->symbols_used,
                 fmt::format("{}", fmt::join(result->final_symbols, ",")).c_str(),
                 FormatDate(result->final_models.train_start).c_str(),
                 FormatDate(result->final_models.train_end).c_str());
  }
  const auto& q = result->oos_quantiles;
  std::string skipped;
  std::size_t n_skipped = 0;
  for (const auto& s : result->series) {
    if (s.skipped.empty()) continue;
    skipped += (skipped.empty() ? "" : ", ") + s.symbol;
    ++n_skipped;
  }
  std::printf("\n%zu rows from %zu of %zu symbols, %s..%s%s%s%s; %zu rows without fresh market context\n",
              result->rows, result->series.size() - n_skipped, result->series.size(),
              FormatDate(result->first_day).c_str(), FormatDate(result->last_day).c_str(),
              skipped.empty() ? "" : " (skipped: ", skipped.c_str(), skipped.empty() ? "" : ")",
              result->RowsMissingContext());
  std::printf("\nOut of sample, %s..%s, %zu rows:\n", FormatDate(result->folds.front().fold.test_start).c_str(),
              FormatDate(result->folds.back().fold.test_end).c_str(), result->oos.n);
  std::printf("  classifier: accuracy %.3f (majority-class %.3f), balanced %.3f, directional %.3f on %zu\n",
              result->oos.accuracy, result->oos.baseline_accuracy, result->oos.balanced_accuracy,
              result->oos.directional_accuracy, result->oos.directional_n);
  std::printf("  probabilities: log loss %.4f (class prior %.4f), Brier %.4f (class prior %.4f)%s\n",
              result->oos.log_loss, result->oos.baseline_log_loss, result->oos.brier, result->oos.baseline_brier,
              result->oos.log_loss > result->oos.baseline_log_loss
                  ? ": worse than the class prior: the class probabilities are not calibrated"
                  : "");
  if (const auto& cal = result->calibration; cal.calibrated.n > 0) {
    std::printf("  temperature-scaled, folds 2..%zu (%zu rows): log loss %.4f (unscaled %.4f, class prior %.4f), "
                "Brier %.4f (unscaled %.4f, class prior %.4f); forecasts use temperature %.3f\n",
                result->folds.size(), cal.calibrated.n, cal.calibrated.log_loss, cal.uncalibrated.log_loss,
                cal.calibrated.baseline_log_loss, cal.calibrated.brier, cal.uncalibrated.brier,
                cal.calibrated.baseline_brier, cal.final_temperature);
  }
  PrintProbUpCalibration(result->prob_up_calibration, result->folds.size());
  std::printf("  %-6s %9s %9s %12s %12s\n", "", "coverage", "uncond.", "pinball", "uncond.");
  for (std::size_t k = 0; k < models::kNumQuantiles; ++k) {
    std::printf("  %-6s %9.3f %9.3f %12.6f %12.6f\n", models::QuantileName(k).c_str(), q.coverage[k],
                q.baseline_coverage[k], q.pinball[k], q.baseline_pinball[k]);
  }
  std::printf("  [q10, q90] coverage %.3f (target 0.80; unconditional %.3f)\n", q.interval_coverage_80,
              q.baseline_interval_coverage_80);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("\nwrote %zu files to %s (training run %lld logged in %s) in %.1f s\n", trained->files.size(),
              trained->set_dir.c_str(), static_cast<long long>(trained->run_id), db_path.c_str(), seconds);
  return kExitOk;
}

int RunForecastCommand(const ForecastOptions& o) {
  auto symbol = data::ValidateSymbol(o.symbol);
  if (!symbol.ok()) {
    std::fprintf(stderr, "error: --symbol: %s\n", symbol.error().message.c_str());
    return kExitUsage;
  }
  auto db = store::OpenStore(ResolveDbPath(o.db), store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto f = app::Forecast(*db, {.model_dir = ModelDir(o.model_dir), .symbol = *symbol, .horizon = o.horizon});
  if (!f.ok()) return Report(f.error());
  if (o.json) {
    std::printf("%s\n", f->ToJson().dump(2).c_str());
    return kExitOk;
  }
  std::printf("%s: close %s on %s; model trained through %s\n", f->symbol.c_str(), FormatShortest(f->price).c_str(),
              FormatDate(f->price_day).c_str(), FormatDate(f->model_as_of).c_str());
  for (const auto& context : f->context_missing) {
    std::printf("note: no %s bar within %d days of %s: its context features are missing in this forecast\n",
                context.c_str(), f->context_max_age_days, FormatDate(f->price_day).c_str());
  }
  std::printf("%d-bar return quantiles: q10 %+.2f%%  q25 %+.2f%%  q50 %+.2f%%  q75 %+.2f%%  q90 %+.2f%%\n",
              f->horizon, 100 * f->return_quantiles[0], 100 * f->return_quantiles[1], 100 * f->return_quantiles[2],
              100 * f->return_quantiles[3], 100 * f->return_quantiles[4]);
  std::printf("prob_up %.3f (uncalibrated %.3f)   P(SELL) %.3f  P(HOLD) %.3f  P(BUY) %.3f\n", f->prob_up,
              f->prob_up_raw, f->class_probabilities[0], f->class_probabilities[1], f->class_probabilities[2]);
  std::printf("\n  %-4s %10s %10s %10s %10s %10s\n", "step", "q10", "q25", "q50", "q75", "q90");
  for (std::size_t s = 0; s < f->levels.size(); ++s) {
    const auto& l = f->levels[s];
    std::printf("  %-4zu %10.2f %10.2f %10.2f %10.2f %10.2f\n", s + 1, l[0], l[1], l[2], l[3], l[4]);
  }
  std::printf("  (levels at step k: price * (1 + q50*k/h + (q - q50)*sqrt(k/h)); step h is the model's quantile)\n");
  return kExitOk;
}

}  // namespace

void PrintProbUpCalibration(const pipeline::ProbUpCalibration& up, std::size_t folds) {
  if (up.calibrated.n == 0) return;
  const auto& raw = up.uncalibrated;
  const auto& cal = up.calibrated;
  std::printf("  prob_up, folds 2..%zu (%zu rows): log loss %.4f (base rate %.4f), Brier %.4f (base rate %.4f)%s\n",
              folds, raw.n, raw.log_loss, raw.baseline_log_loss, raw.brier, raw.baseline_brier,
              raw.log_loss > raw.baseline_log_loss ? ": worse than the base rate: prob_up is not calibrated" : "");
  // The log-loss gain over the base rate in its standard errors (sessions, Newey-West).
  const auto& t = up.calibrated_vs_base_rate;
  const double z = t.standard_error > 0 && std::isfinite(t.standard_error) ? t.improvement / t.standard_error : 0;
  std::printf("  Platt-scaled: log loss %.4f (base rate %.4f; gain %+.5f, %.1f standard errors), Brier %.4f "
              "(base rate %.4f)%s; forecasts use a %.3f, b %.3f\n",
              cal.log_loss, cal.baseline_log_loss, t.improvement, z, cal.brier, cal.baseline_brier,
              cal.log_loss > cal.baseline_log_loss ? ": no better than the base rate" : "", up.final_platt.a,
              up.final_platt.b);
}

int DefaultJobs(int threads) {
  const int hardware = static_cast<int>(std::thread::hardware_concurrency());  // 0 if unknown
  return std::max(1, hardware / std::max(1, threads));
}

void AddModelCommands(CLI::App& app) {
  auto t = std::make_shared<TrainOptions>();
  auto* train = app.add_subcommand("train", "Train the BUY/SELL/HOLD classifier and the quantile forecaster");
  train->add_option("--symbols", t->symbols, "Comma-separated symbols (daily bars in the store)")
      ->capture_default_str();
  train->add_option("--horizon", t->horizon, "Label horizon in bars")->capture_default_str()->check(CLI::Range(1, 21));
  train->add_option("--lookback-days", t->lookback_days,
                    "Calendar days in every training window (each walk-forward fold and the final model)")
      ->capture_default_str()
      ->check(CLI::Range(60, 36500));
  train->add_option("--model-dir", t->model_dir, "Where to write the models (default $QTRADER_HOME/models)");
  AddDbOption(train, t->db);
  train->add_option("--seed", t->seed, "XGBoost seed")->capture_default_str()->check(WholeNumber());
  train->add_option("--rounds", t->rounds, "Boosting rounds for every model (default: classifier 150, quantiles 100)")
      ->check(CLI::Range(1, 5000));
  train->add_option("--threads", t->threads, "XGBoost threads per training window")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  train->add_option("--jobs", t->jobs,
                    "Training windows (the 12 folds and the final model) trained at once, each on its own "
                    "thread with --threads XGBoost threads (default: hardware threads / --threads, at least 1; "
                    "here " + std::to_string(DefaultJobs(1)) + " with --threads 1). Only the time depends on it: "
                    "models, results and progress lines are the same for any value")
      ->check(CLI::Range(1, 1024));
  train->add_flag("--quiet", t->quiet, "Print only the summary");
  train->footer(
      "Market context: SPY and ^VIX from the store; a context bar more than 5 days old is missing,\n"
      "not carried. Each symbol contributes its rows up to its own last bar; one too short for a\n"
      "labelled row is skipped and listed. Validation: rolling walk-forward over the\n"
      "last 30% of sessions in 12 folds, purged and embargoed by the horizon; quantiles are\n"
      "conformally calibrated on the last 25% of each training window. Writes the set\n"
      "MODEL_DIR/<h>bar/: swing_model_<h>bar.json, quantile_<h>bar_q10..q90.json,\n"
      "feature_schema_<h>bar.json, training_results_<h>bar.json and SHA256SUMS, built beside it\n"
      "and moved into place whole (a failed or killed run leaves the previous set as it was),\n"
      "and logs the run in the store's training_runs table.");
  train->callback([t] { CommandExitCode() = RunTrainCommand(*t); });

  auto f = std::make_shared<ForecastOptions>();
  auto* forecast = app.add_subcommand("forecast", "Forecast a symbol's next h bars with the trained models");
  forecast->add_option("--symbol", f->symbol, "Symbol (daily bars in the store)")->required();
  forecast->add_option("--model-dir", f->model_dir, "Where the models are (default $QTRADER_HOME/models)");
  AddDbOption(forecast, f->db);
  forecast->add_option("--horizon", f->horizon, "Which models: the horizon they were trained for")
      ->capture_default_str()
      ->check(CLI::Range(1, 21));
  forecast->add_flag("--json", f->json, "Print JSON");
  forecast->callback([f] { CommandExitCode() = RunForecastCommand(*f); });
}

}  // namespace qat::cli
