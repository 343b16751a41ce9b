// monitor: the published model set against what its training promised (docs/monitor.md).
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.h"
#include "paths.h"
#include "qat/app/account_monitor.h"
#include "qat/core/clock.h"
#include "qat/core/files.h"
#include "qat/core/time.h"
#include "qat/monitor/monitor.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct MonitorOptions {
  std::string db, model_dir, as_of, equity, account;
  int horizon = 5;
  int window = 60;
  int max_age = 60;
  double max_drawdown_pct = 20;
  double pattern_window_years = 2;
  bool json = false;
};

std::string Pct(double x) { return fmt::format("{:.1f}%", 100 * x); }

void PrintRecommendations(const std::vector<monitor::Recommendation>& recommendations) {
  if (recommendations.empty()) {
    std::printf("\nno recommendation: every rule holds\n");
    return;
  }
  std::printf("\n  %-8s %-13s %s\n", "priority", "action", "reason");
  for (const auto& rec : recommendations) {
    std::printf("  %-8s %-13s %s\n", monitor::PriorityName(rec.priority), monitor::ActionName(rec.action),
                rec.reason.c_str());
  }
}

void PrintText(const monitor::MonitorReport& r, double psi_threshold) {
  const auto& p = r.promise;
  const auto& w = r.window;
  std::printf("monitor of %s (horizon %d) on %s\n", r.model_set.string().c_str(), r.horizon,
              FormatDate(r.evaluation_day).c_str());
  std::printf("model trained on %s .. %s, %d sessions ago; symbols %s\n", FormatDate(p.train_start).c_str(),
              FormatDate(p.as_of).c_str(), r.model_age_sessions, fmt::format("{}", fmt::join(r.symbols, ",")).c_str());
  std::printf("predictions after the training window: %zu, %zu resolved, %zu pending (a %d-bar label is known %d "
              "sessions later)\n",
              w.predictions, w.resolved, w.pending, p.horizon, p.horizon);
  std::printf("\n  %-22s %12s %12s\n", "", "promised", "recent");
  if (w.window_resolved > 0) {
    std::printf("  %-22s %12s %12s   %zu resolved, %s .. %s\n", "accuracy", Pct(p.accuracy).c_str(),
                Pct(w.accuracy).c_str(), w.window_resolved, FormatDate(w.window_first).c_str(),
                FormatDate(w.window_last).c_str());
    std::printf("  %-22s %12.4f %12.4f\n", "log loss", p.log_loss, w.log_loss);
    std::printf("  %-22s %12s %12s\n", "[q10, q90] coverage", Pct(p.interval_coverage_80).c_str(),
                Pct(w.coverage).c_str());
    std::printf("  %-22s %12s %12s   Spearman of P(BUY)-P(SELL) with the realised return\n", "information coeff.",
                "-", std::isfinite(w.ic) ? fmt::format("{:.3f}", w.ic).c_str() : "n/a");
  } else {
    std::printf("  %-22s %12s %12s\n", "accuracy", Pct(p.accuracy).c_str(), "-");
    std::printf("  %-22s %12.4f %12s\n", "log loss", p.log_loss, "-");
    std::printf("  %-22s %12s %12s\n", "[q10, q90] coverage", Pct(p.interval_coverage_80).c_str(), "-");
  }
  if (!r.inputs.feature_drift.empty()) {
    std::printf("\n  %-28s %8s %14s   (top features by %s; PSI of the last %zu sessions vs the training window)\n",
                "drift", "PSI", "training max", r.inputs.drift_ranking.c_str(),
                r.inputs.drift_sessions);
    for (const auto* list : {&r.inputs.probability_drift, &r.inputs.feature_drift}) {
      for (const auto& d : *list) {
        const bool drifted = std::isfinite(d.psi) && d.psi > psi_threshold &&
                             (!std::isfinite(d.training_max_psi) || d.psi > d.training_max_psi);
        std::printf("  %-28s %8.3f %14.3f%s\n", d.name.c_str(), d.psi, d.training_max_psi, drifted ? "   drifted" : "");
      }
    }
  }
  if (const auto patterns = r.ToJson()["patterns"]; patterns.is_object()) {
    std::printf("\npattern edges: %lld cells tradable (STRONG or MODERATE) on %s, %lld of them with 30 or more events "
                "since, judged\n",
                patterns["tradable_then"].get<long long>(), patterns["window_start"].get<std::string>().c_str(),
                patterns["judged"].get<long long>());
  }
  for (const auto& note : r.notes) std::printf("note: %s\n", note.c_str());
  PrintRecommendations(r.recommendations);
}

void PrintAccount(const app::AccountMonitorReport& r, double max_drawdown) {
  const auto& a = r.account;
  const auto& m = a.last;
  std::printf("paper account %s (%s): %lld sessions done, %s .. %s\n", a.name.c_str(), a.strategy.c_str(),
              static_cast<long long>(a.sessions), FormatDate(a.inception).c_str(), FormatDate(a.last_done).c_str());
  std::printf("  equity $%s, peak $%s, drawdown %s (HALT beyond %s)\n", portfolio::FormatMicros(m.equity).c_str(),
              portfolio::FormatMicros(m.peak).c_str(), Pct(m.drawdown).c_str(), Pct(max_drawdown).c_str());
  std::printf("  closed trades %lld, hit rate %s; fees $%s; slippage assumed by the cost model $%s\n",
              static_cast<long long>(m.closed_trades),
              m.closed_trades > 0 ? fmt::format("{} [{}, {}]", Pct(a.hit_rate), Pct(a.hit_low), Pct(a.hit_high)).c_str()
                                  : "n/a",
              portfolio::FormatMicros(m.fees).c_str(), portfolio::FormatMicros(m.slippage).c_str());
  for (const auto& note : r.notes) std::printf("note: %s\n", note.c_str());
}

int RunMonitorCommand(const MonitorOptions& o) {
  monitor::MonitorRequest request;
  request.horizon = o.horizon;
  request.model_dir = o.model_dir.empty() ? DataHome() / "models" : std::filesystem::path(o.model_dir);
  if (o.as_of.empty()) {
    request.evaluation_day = NewYorkDay(SystemClock().Now());
  } else {
    auto day = ParseDate(o.as_of);
    if (!day.ok()) return Usage(Fail("--as-of: {}", day.error().message));
    request.evaluation_day = *day;
  }
  if (!o.account.empty() && (!o.equity.empty() || !o.model_dir.empty())) {
    return Usage(Fail("--account reads the account's equity and model set; leave out --equity and --model-dir"));
  }
  request.config.window_sessions = o.window;
  request.config.max_model_age_sessions = o.max_age;
  request.config.max_drawdown = o.max_drawdown_pct / 100;
  request.config.pattern_window_years = o.pattern_window_years;
  if (!o.equity.empty()) {
    auto text = ReadWholeFile(o.equity);
    if (!text.ok()) return Report(text.error());
    auto curve = monitor::ParseEquityCsv(*text, o.equity);
    if (!curve.ok()) return Report(Error{curve.error().message, ErrorCode::kFailed});
    request.equity = std::move(curve).value();
  }
  auto db = store::OpenStore(ResolveDbPath(o.db), store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  if (!o.account.empty()) {
    auto account = app::MonitorPaperAccount(*db, o.account, request);
    if (!account.ok()) return Report(account.error());
    if (o.json) {
      std::printf("%s\n", account->ToJson().dump(2).c_str());
      return kExitOk;
    }
    PrintAccount(*account, request.config.max_drawdown);
    if (account->models) {
      std::printf("\n");
      PrintText(*account->models, request.config.psi_threshold);
    } else {
      PrintRecommendations(account->recommendations);
    }
    return kExitOk;
  }
  auto report = monitor::RunMonitor(*db, request);
  if (!report.ok()) return Report(report.error());
  if (o.json) {
    std::printf("%s\n", report->ToJson().dump(2).c_str());
  } else {
    PrintText(*report, request.config.psi_threshold);
  }
  return kExitOk;
}

}  // namespace

void AddMonitorCommand(CLI::App& app) {
  auto o = std::make_shared<MonitorOptions>();
  auto* c = app.add_subcommand("monitor", "Compare the published models' recent predictions with what training promised");
  c->add_option("--horizon", o->horizon, "Which model set: the horizon it was trained for")
      ->capture_default_str()
      ->check(CLI::Range(1, 21));
  c->add_option("--model-dir", o->model_dir, "Where the models are (default $QTRADER_HOME/models)");
  AddDbOption(c, o->db);
  c->add_option("--as-of", o->as_of, "Evaluate as of this date, YYYY-MM-DD (default today); later bars are not read");
  c->add_option("--window", o->window, "Recent window in sessions with a resolved prediction")
      ->capture_default_str()
      ->check(CLI::Range(5, 2520));
  c->add_option("--max-age", o->max_age, "Sessions after the training window before RETRAIN (MEDIUM)")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  c->add_option("--account", o->account,
                "A paper account: its live record (equity, drawdown, hit rate, fees), HALT on its equity, and for a "
                "signals account the monitor of the model set it trades");
  c->add_option("--equity", o->equity, "An equity CSV (date,equity,...: backtest --equity) for the HALT rule");
  c->add_option("--max-drawdown", o->max_drawdown_pct, "HALT beyond this drawdown from the peak, percent")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 99.9));
  c->add_option("--pattern-window", o->pattern_window_years,
                "DISABLE_PATTERN: years of recent pattern events judged against the cells as they stood before")
      ->capture_default_str()
      ->check(CLI::Range(0.25, 20.0));
  c->add_flag("--json", o->json, "Print JSON");
  c->footer(
      "Scores every session after the model set's training window with the stored bars, resolves the\n"
      "labels known by the evaluation date (the training label rule) and recommends: RETRAIN (HIGH)\n"
      "when accuracy or log loss is significantly worse than the out-of-sample figures of training,\n"
      "RETRAIN (MEDIUM) when the model is older than --max-age sessions or its top features or\n"
      "probabilities drifted (PSI > 0.25), RECALIBRATE (MEDIUM) when [q10, q90] coverage leaves its\n"
      "binomial interval around 80%, REFRESH_DATA (HIGH for a model symbol, LOW for SPY or ^VIX)\n"
      "when a series has no bar for more than 5 sessions, HALT (HIGH) when --equity is more than\n"
      "--max-drawdown below its peak (--account: a paper account's own equity), DISABLE_PATTERN (MEDIUM)\n"
      "when a pattern cell that was STRONG or MODERATE before the last --pattern-window years decayed\n"
      "(recent win-rate interval wholly below its old one) or no longer passes, LOW when its recent\n"
      "events lost money on average. Exit 0 whatever it recommends; 1 when it cannot judge\n"
      "(no model set: run 'qtrader train'), 2 on bad usage. See docs/monitor.md.");
  c->callback([o] { CommandExitCode() = RunMonitorCommand(*o); });
}

}  // namespace qat::cli
