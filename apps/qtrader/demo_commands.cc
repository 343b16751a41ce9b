// demo: the whole pipeline on the bundled real data, with a readable summary.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "commands.h"
#include "paths.h"
#include "signal_table.h"
#include "qat/app/demo.h"
#include "qat/core/clock.h"
#include "qat/pipeline/demo.h"
#include "qat/pipeline/training.h"

#ifndef QAT_DEFAULT_DATA_DIR
#define QAT_DEFAULT_DATA_DIR "data"
#endif

namespace qat::cli {
namespace {

struct DemoOptions {
  std::string db, data_dir = QAT_DEFAULT_DATA_DIR;
  std::uint64_t seed = 42;
  int horizon = 5;
  int jobs = 0;  // 0 = DefaultJobs(1)
  bool quiet = false, import_into_db = false;
};

void PrintStrategy(const pipeline::StrategyResult& s) {
  const auto& m = s.measures;
  std::printf("  %-28s %+8.1f%%  %6.2f  %7.1f%%  %6zu  %8s\n", s.name.c_str(), 100 * m.total_return, m.sharpe,
              100 * m.max_drawdown, s.run.trades.size(),
              std::isnan(m.win_rate) ? "-" : fmt::format("{:.0f}%", 100 * m.win_rate).c_str());
}

int RunDemoCommand(const DemoOptions& o) {
  if (!o.db.empty() && !o.import_into_db) {
    std::fprintf(stderr, "error: demo --db %s: the demo imports the bundled files into the store it uses, "
                 "updating the bars it holds for the same sessions; add --import-into-db to do that to this store (without --db the "
                 "demo uses a store of its own in its run folder)\n", o.db.c_str());
    return kExitUsage;
  }
  app::DemoRequest request;
  request.data_dir = o.data_dir;
  request.runs_dir = DataHome() / "runs";
  if (o.import_into_db) request.user_store = ResolveDbPath(o.db);
  request.config.labels.horizon = o.horizon;
  request.config.walk_forward.embargo_sessions = std::max(request.config.walk_forward.embargo_sessions, o.horizon);
  request.config.classifier.seed = o.seed;
  request.config.jobs = o.jobs > 0 ? o.jobs : DefaultJobs(request.config.classifier.threads);
  SystemClock clock;
  request.now = clock.Now();
  const auto& config = request.config;
  std::printf("qtrader demo: bundled real data -> features -> XGBoost walk-forward -> backtest\n");
  std::printf("store: %s\n", app::DemoStorePath(request).c_str());
  auto progress = [&](const std::string& line) {
    if (!o.quiet) std::printf("  %s\n", line.c_str());
    std::fflush(stdout);
  };
  auto demo = app::RunDemoInFolder(request, progress);
  if (!demo.ok()) return Report(demo.error());
  const auto& r = demo->result;

  std::printf("\nClassifier (BUY/SELL/HOLD at %d bars), out of sample, per fold:\n", o.horizon);
  std::printf("  %-4s %-23s %7s %9s %9s %10s\n", "fold", "test period", "rows", "accuracy",
              "majority", "direction");
  for (std::size_t k = 0; k < r.folds.size(); ++k) {
    const auto& f = r.folds[k];
    std::printf("  %-4zu %s..%s %7zu %9.3f %9.3f %10.3f\n", k + 1, FormatDate(f.fold.test_start).c_str(),
                FormatDate(f.fold.test_end).c_str(), f.report.n, f.report.accuracy,
                f.report.baseline_accuracy, f.report.directional_accuracy);
  }
  std::printf("  %-4s %-23s %7zu %9.3f %9.3f %10.3f\n", "all", "", r.oos.n, r.oos.accuracy,
              r.oos.baseline_accuracy, r.oos.directional_accuracy);
  std::printf("  (majority = always predicting the training period's most common class;\n"
              "   direction = on rows predicted BUY or SELL, share with the right sign)\n");
  std::printf("  probabilities: log loss %.4f (class prior %.4f), Brier %.4f (class prior %.4f)\n",
              r.oos.log_loss, r.oos.baseline_log_loss, r.oos.brier, r.oos.baseline_brier);

  std::printf("\nBacktest of out-of-sample BUY signals, %s..%s, $%s start, costs $%s/order + %.0f bps:\n",
              FormatDate(r.strategy.run.sessions.front()).c_str(), FormatDate(r.strategy.run.sessions.back()).c_str(),
              portfolio::FormatMicros(config.backtest.initial_cash).c_str(),
              portfolio::FormatCents(config.backtest.costs.commission_per_order).c_str(),
              config.backtest.costs.slippage_bps);
  std::printf("  %-28s %9s  %6s  %8s  %6s  %8s\n", "", "return", "Sharpe", "max DD", "trades", "win rate");
  PrintStrategy(r.strategy);
  PrintStrategy(r.buy_and_hold);
  PrintStrategy(r.spy_buy_and_hold);
  std::printf("  (price returns, dividends not credited to any line; past results do not predict future ones)\n");

  const auto& e = demo->confluence;
  std::printf("\nConfluence (pattern evidence on 1d and 1w + context), out of sample on %zu rows, P(up in %d "
              "sessions):\n",
              e.rows, o.horizon);
  std::printf("  fused: Brier %.5f vs base rate %.5f, top-decile lift %.3f [%.3f, %.3f]; plain log-odds sum: Brier "
              "%.5f\n",
              e.fused.brier, e.fused.base_rate_brier, e.fused.top_decile.lift, e.fused.top_decile.lift_lo,
              e.fused.top_decile.lift_hi, e.plain_sum.brier);
  int used = 0;
  for (const auto& f : e.fold_evidence) used += f.convincing ? 1 : 0;
  std::printf("  without the evidence rule: Brier %.5f, top-decile lift %.3f; the fused probability beat the base "
              "rate convincingly before %d of %zu test folds%s\n",
              e.fused_without_evidence_rule.brier, e.fused_without_evidence_rule.top_decile.lift, used,
              e.fold_evidence.size(), used == 0 ? ": the model abstains (base rate, direction NEUTRAL)" : "");
  std::printf("  (1h and 4h: no hourly bars are bundled for these symbols' sessions; see docs/signals.md)\n");
  std::printf("\nprob_up of the model set behind tomorrow's forecasts ('qtrader train' defaults), out of sample, "
              "P(up in %d sessions):\n",
              o.horizon);
  PrintProbUpCalibration(demo->prob_up_calibration, demo->prob_up_calibration.fold_platt.size() + 1);
  std::printf("\nTomorrow's signals (as of each symbol's last session; every gate must pass for a trade):\n");
  PrintSignalsTable(demo->signals);

  std::string names;
  for (const auto& name : demo->files) names += (names.empty() ? "" : ",") + name;
  std::printf("\nwrote %s/{%s,SHA256SUMS}\n", demo->run_dir.c_str(), names.c_str());
  std::printf("\nsee it in the dashboard (read-only; then open http://127.0.0.1:8080/, Ctrl-C stops it):\n"
              "  qtrader serve --db %s\n",
              app::DemoStorePath(request).c_str());
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  auto* demo = app.add_subcommand(
      "demo", "Run the whole pipeline on the bundled real data (SPY QQQ AAPL MSFT GOOGL TSLA, VIX)");
  AddDbOption(demo, o->db);
  demo->add_option("--data-dir", o->data_dir, "Folder with the bundled CSV files")->capture_default_str();
  demo->add_option("--seed", o->seed, "XGBoost seed")->capture_default_str()->check(WholeNumber());
  demo->add_option("--horizon", o->horizon, "Label horizon and holding period in bars")
      ->capture_default_str()
      ->check(CLI::Range(1, 21));
  demo->add_option("--jobs", o->jobs,
                   "Walk-forward folds trained at once, each on its own thread (default: hardware threads, "
                   "here " + std::to_string(DefaultJobs(1)) + "). Only the time depends on it: the results are "
                   "the same for any value")
      ->check(CLI::Range(1, 256));
  demo->add_flag("--quiet", o->quiet, "Print only the summary");
  demo->add_flag("--import-into-db", o->import_into_db,
                 "With --db: import the bundled files into that store (bars it holds for the same sessions are updated where they agree, refused where they do not) and run "
                 "there, instead of in a store of the run's own");
  demo->footer(
      "Imports the bundled files into a store of its own, builds features and 5-bar\n"
      "BUY/SELL/HOLD labels, trains XGBoost in an expanding walk-forward with purge and\n"
      "embargo, backtests the out-of-sample BUY signals and writes the run folder\n"
      "$QTRADER_HOME/runs/demo-<UTC time>/ (result.json, manifest.json, store.db, SHA256SUMS),\n"
      "built beside it and moved into place whole. Your own store is not touched.");
  demo->callback([o] { CommandExitCode() = RunDemoCommand(*o); });
}

}  // namespace qat::cli
