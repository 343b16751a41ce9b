// confluence fit|evaluate and signals: the multi-timeframe combiner and tomorrow's trades.
#include <cstdio>
#include <memory>
#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "commands.h"
#include "paths.h"
#include "signal_table.h"
#include "qat/app/confluence.h"
#include "qat/app/signals.h"
#include "qat/portfolio/money.h"
#include "qat/data/symbol.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct ConfluenceOptions {
  std::string symbols, db, model_dir, market = "SPY", timeframes = "1h,4h,1d,1w";
  int horizon = 5, folds = 10;
  double l2 = 1.0;
  std::size_t bootstrap = 200;
  bool json = false, quiet = false;
};

std::filesystem::path ModelDirOf(const std::string& option) {
  return option.empty() ? DataHome() / "models" : std::filesystem::path(option);
}

Result<std::vector<signals::Timeframe>> ParseTimeframes(const std::string& text) {
  std::vector<signals::Timeframe> out;
  for (const auto& part : Split(text, ',')) {
    QAT_ASSIGN_OR_RETURN(auto tf, signals::ParseTimeframe(Trim(part)));
    if (std::find(out.begin(), out.end(), tf) != out.end()) {
      return Fail(ErrorCode::kInvalidInput, "timeframe {} given twice", signals::TimeframeName(tf));
    }
    out.push_back(tf);
  }
  if (out.empty()) return Fail(ErrorCode::kInvalidInput, "no timeframes given");
  std::sort(out.begin(), out.end());
  return out;
}

void PrintScores(const char* name, const signals::ProbabilityScores& s) {
  std::printf("  %-10s brier %.5f (base rate %.5f, skill %+.4f [%+.4f, %+.4f])  log loss %.5f (base %.5f)  "
              "top decile hit %.3f lift %.3f [%.3f, %.3f]\n",
              name, s.brier, s.base_rate_brier, s.brier_skill, s.brier_skill_lo, s.brier_skill_hi, s.log_loss,
              s.base_rate_log_loss, s.top_decile.hit_rate, s.top_decile.lift, s.top_decile.lift_lo,
              s.top_decile.lift_hi);
}

void PrintComparison(const char* label, const std::string& single, const signals::PairedComparison& c) {
  std::printf("%s (%s): top-decile hit rate %+.4f [%+.4f, %+.4f], brier skill %+.4f [%+.4f, %+.4f]\n", label,
              single.c_str(), c.top_decile_hit_rate.value, c.top_decile_hit_rate.lo, c.top_decile_hit_rate.hi,
              c.brier_skill.value, c.brier_skill.lo, c.brier_skill.hi);
}

int RunConfluenceCommand(const ConfluenceOptions& o, bool publish) {
  auto symbols = data::ParseSymbolList(o.symbols);
  if (!symbols.ok()) return Usage(Fail(ErrorCode::kInvalidInput, "--symbols: {}", symbols.error().message));
  auto timeframes = ParseTimeframes(o.timeframes);
  if (!timeframes.ok()) return Usage(Fail(ErrorCode::kInvalidInput, "--timeframes: {}", timeframes.error().message));
  app::ConfluenceRequest request;
  request.symbols = std::move(symbols).value();
  request.market = o.market;
  request.model_dir = ModelDirOf(o.model_dir);
  request.config.horizon = o.horizon;
  request.config.timeframes = *timeframes;
  request.config.folds = o.folds;
  request.config.embargo_sessions = o.horizon;
  request.config.l2 = o.l2;
  request.config.bootstrap_samples = o.bootstrap;
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto fit = app::RunConfluence(*db, request, [&](const std::string& line) {
    if (!o.quiet) std::fprintf(stderr, "%s\n", line.c_str());
  });
  if (!fit.ok()) return Report(fit.error());
  if (publish) {
    auto dir = app::PublishConfluence(*fit, request.model_dir);
    if (!dir.ok()) return Report(dir.error());
    if (!o.json) {
      const auto& m = fit->model;
      std::printf("wrote %s (tables as of %s)\n", dir->c_str(), FormatTimestampNewYork(m.as_of).c_str());
      std::printf("%s: log loss %+.5f per row vs the base rate (s.e. %.5f over %zu sessions)\n",
                  m.abstains ? "the model ABSTAINS (signals get the base rate, direction NEUTRAL)"
                             : "the model is used",
                  m.evidence_test.improvement, m.evidence_test.standard_error, m.evidence_test.groups);
    }
  }
  const auto& e = fit->evaluation;
  if (o.json) {
    std::printf("%s\n", e.ToJson().dump(2).c_str());
    return kExitOk;
  }
  std::printf("out of sample: %zu rows, test folds %d..%d of %d (calibrator: %s)\n", e.rows,
              e.evaluated_folds.empty() ? 0 : e.evaluated_folds.front(),
              e.evaluated_folds.empty() ? 0 : e.evaluated_folds.back(), e.folds,
              e.calibrators.empty() ? "none" : e.calibrators.back().c_str());
  PrintScores("fused", e.fused);
  PrintScores("no rule", e.fused_without_evidence_rule);
  for (const auto& [name, s] : e.single_timeframe) PrintScores(name.c_str(), s);
  PrintScores("plain sum", e.plain_sum);
  if (e.fused_vs_best_single) {
    PrintComparison("fused - best single timeframe", e.best_single, *e.fused_vs_best_single);
  }
  if (e.fused_vs_best_single_without_evidence_rule) {
    PrintComparison("  without the evidence rule", e.best_single_without_evidence_rule,
                    *e.fused_vs_best_single_without_evidence_rule);
  }
  std::printf("evidence rule (fused used in a fold only if it beat the base rate's log loss by > 1.645 s.e. before it):");
  for (const auto& f : e.fold_evidence) std::printf(" %d:%s", f.fold, f.convincing ? "used" : "base");
  std::printf("\n");
  std::printf("reliability of the fused probability (predicted -> observed [95%%], n):\n");
  for (const auto& b : e.fused.reliability) {
    if (b.n == 0) continue;
    std::printf("  [%.1f, %.1f)  %.3f -> %.3f [%.3f, %.3f]  n=%lld%s\n", b.lo, b.hi, b.mean_predicted, b.observed,
                b.observed_lo, b.observed_hi, static_cast<long long>(b.n), b.within ? "" : "  OUTSIDE");
  }
  std::printf("rows where >= 2 timeframes lean bullish: %lld (up rate %.3f); bearish: %lld (up rate %.3f)\n",
              static_cast<long long>(e.agree_bullish_rows), e.agree_bullish_up_rate,
              static_cast<long long>(e.agree_bearish_rows), e.agree_bearish_up_rate);
  return kExitOk;
}

void AddConfluenceOptions(CLI::App* c, ConfluenceOptions& o) {
  c->add_option("--symbols", o.symbols, "Comma-separated symbols (daily bars in the store; 1h bars where stored)")
      ->required();
  c->add_option("--market", o.market, "Stored symbol whose trend and volatility regimes the tables use")
      ->capture_default_str();
  c->add_option("--timeframes", o.timeframes, "Timeframes fused (1h and 4h need stored 1h bars)")->capture_default_str();
  c->add_option("--horizon", o.horizon, "Outcome horizon in sessions: up = close h sessions ahead > today's close")
      ->capture_default_str()
      ->check(CLI::Range(1, 21));
  c->add_option("--folds", o.folds, "Walk-forward test folds (after a 30% warm-up; folds 3.. are scored)")
      ->capture_default_str()
      ->check(CLI::Range(3, 50));
  c->add_option("--l2", o.l2, "Ridge penalty of the combiner's logistic regression")->capture_default_str();
  c->add_option("--bootstrap", o.bootstrap, "Block-bootstrap resamples for the 95% intervals (21-session blocks)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  c->add_option("--model-dir", o.model_dir, "Model directory (default $QTRADER_HOME/models)");
  AddDbOption(c, o.db);
  c->add_flag("--json", o.json, "Print the evaluation as JSON");
  c->add_flag("--quiet", o.quiet, "No progress lines on stderr");
}

struct SignalsOptions {
  std::string symbols, db, model_dir, as_of, timeframes;
  int horizon = 5;
  double account_cash = 5000;
  bool json = false, allow_short = false;
};

int RunSignalsCommand(const SignalsOptions& o) {
  auto symbols = data::ParseSymbolList(o.symbols);
  if (!symbols.ok()) return Usage(Fail(ErrorCode::kInvalidInput, "--symbols: {}", symbols.error().message));
  app::SignalsRequest request;
  request.symbols = std::move(symbols).value();
  if (!o.as_of.empty()) {
    auto day = ParseDate(o.as_of);
    if (!day.ok()) return Usage(Fail(ErrorCode::kInvalidInput, "--as-of: {}", day.error().message));
    request.as_of = *day;
  }
  if (!o.timeframes.empty()) {
    auto timeframes = ParseTimeframes(o.timeframes);
    if (!timeframes.ok()) return Usage(Fail(ErrorCode::kInvalidInput, "--timeframes: {}", timeframes.error().message));
    request.timeframes = *timeframes;
  }
  if (!(o.account_cash >= 0) || !std::isfinite(o.account_cash)) {
    return Usage(Fail(ErrorCode::kInvalidInput, "--account-cash must be >= 0 (got {})", o.account_cash));
  }
  request.account.cash = portfolio::ToCents(o.account_cash);
  request.model_dir = ModelDirOf(o.model_dir);
  request.horizon = o.horizon;
  request.plan.allow_short = o.allow_short;
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto report = app::ComputeSignals(*db, request);
  if (!report.ok()) return Report(report.error());
  if (o.json) {
    std::printf("%s\n", report->ToJson().dump(2).c_str());
    return kExitOk;
  }
  std::printf("signals at the close; models trained through %s, confluence tables through %s; account $%.2f\n",
              FormatDate(report->model_as_of).c_str(), FormatTimestampNewYork(report->confluence_as_of).c_str(),
              o.account_cash);
  PrintSignalsTable(*report);
  return kExitOk;
}

}  // namespace

void AddSignalCommands(CLI::App& app) {
  auto so = std::make_shared<SignalsOptions>();
  auto* sig = app.add_subcommand("signals", "Tomorrow's signals: confluence, forecast, entry gates and a sized trade plan per symbol");
  sig->add_option("--symbols", so->symbols, "Comma-separated symbols (daily bars in the store)")->required();
  sig->add_option("--as-of", so->as_of, "Signals at the close of this session (YYYY-MM-DD; default: each symbol's last bar)");
  sig->add_option("--timeframes", so->timeframes, "Timeframes to read (default: the confluence model's)");
  sig->add_option("--account-cash", so->account_cash, "Account cash in dollars for the sizing")->capture_default_str();
  sig->add_option("--horizon", so->horizon, "Which models: the horizon they were trained for")
      ->capture_default_str()
      ->check(CLI::Range(1, 21));
  sig->add_option("--model-dir", so->model_dir, "Model directory (default $QTRADER_HOME/models)");
  AddDbOption(sig, so->db);
  sig->add_flag("--allow-short", so->allow_short, "Plan SELL (short) trades for BEARISH signals");
  sig->add_flag("--json", so->json, "Print JSON");
  sig->footer(
      "Needs 'qtrader train' and 'qtrader confluence fit' for the horizon. Every gate must pass for a\n"
      "trade: direction (NEUTRAL while the confluence model abstains), the strongest agreeing\n"
      "pattern's win rate > 0.55 and q <= 0.05, 2+ timeframes agreeing, prob_up > 0.60, RSI <= 70\n"
      "(long), volume ratio >= 1, trend not against the trade, price >= $5, 20-session average\n"
      "volume >= 1M. Entry at the next open (the last close is the\n"
      "estimate), stop at the forecast's q10, target at q90, time exit at the horizon; at most 33% of\n"
      "equity per position and 3 positions, whole shares, $1 commission. Candidates are sized in rank\n"
      "order, each taking its cash and slot. See docs/signals.md.");
  sig->callback([so] { CommandExitCode() = RunSignalsCommand(*so); });

  auto* confluence = app.add_subcommand(
      "confluence", "Fit and evaluate the multi-timeframe confluence combiner (pattern evidence per timeframe + context)");
  confluence->require_subcommand(1);
  confluence->footer(
      "Rows: every symbol and session; outcome: the close h sessions ahead is above today's close.\n"
      "Per timeframe (1h, 4h from 1h, 1d, 1w from 1d), the patterns on its last closed bar as of\n"
      "the session's close are weighed by their cells (log-likelihood ratios against the base rate,\n"
      "shrunk toward it); RSI, volume ratio and the market's regimes add context terms estimated\n"
      "from data. A ridge logistic regression fuses them in purged, embargoed walk-forward and its\n"
      "output is calibrated (Platt, or isotonic on large samples). Evidence rule: a fold uses the\n"
      "fused probability only if it beat the base rate's log loss by > 1.645 standard errors before\n"
      "it, and the published model abstains (base rate, NEUTRAL) without that evidence overall.\n"
      "See docs/signals.md.");
  auto fo = std::make_shared<ConfluenceOptions>();
  auto* fit = confluence->add_subcommand("fit", "Fit the combiner in walk-forward and write it to MODEL_DIR/confluence_<h>bar");
  AddConfluenceOptions(fit, *fo);
  fit->callback([fo] { CommandExitCode() = RunConfluenceCommand(*fo, true); });
  auto eo = std::make_shared<ConfluenceOptions>();
  auto* evaluate = confluence->add_subcommand(
      "evaluate", "Out-of-sample Brier, log loss, reliability and top-decile lift: fused vs each timeframe vs plain sum");
  AddConfluenceOptions(evaluate, *eo);
  evaluate->callback([eo] { CommandExitCode() = RunConfluenceCommand(*eo, false); });
}

}  // namespace qat::cli
