// backtest: a strategy on stored daily bars through the event-driven engine, beside
// buy-and-hold, with its measures, the Deflated Sharpe Ratio over the trials recorded on the
// same data, and the run's files (docs/backtest.md).
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "commands.h"
#include "engine_options.h"
#include "output_file.h"
#include "paths.h"
#include "qat/app/backtest.h"
#include "qat/core/clock.h"
#include "qat/data/symbol.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct BacktestOptions {
  std::string strategy = "sma-cross", symbols, db, start, end;
  bool per_symbol = false;
  EngineOptions engine;
  int fast = 10, slow = 30;
  std::string benchmark = "SPY";
  bool no_record = false;
  // signals
  int horizon = 5, lookback_days = 730, folds = 12, jobs = 0;
  std::string market = "SPY", vix = "^VIX";
  std::string model_dir;  // signals over a published model set instead of the walk-forward
  // outputs
  std::string trades, fills, equity, report;
  bool json = false, quiet = false;
};

Result<app::BacktestRequest> RequestOf(const BacktestOptions& o) {
  app::BacktestRequest r;
  r.strategy = o.strategy;
  QAT_ASSIGN_OR_RETURN(r.symbols, data::ParseSymbolList(o.symbols));
  if (!o.start.empty()) {
    auto day = ParseDate(o.start);
    if (!day.ok()) return Fail(ErrorCode::kInvalidInput, "--start: {}", day.error().message);
    r.start = *day;
  }
  if (!o.end.empty()) {
    auto day = ParseDate(o.end);
    if (!day.ok()) return Fail(ErrorCode::kInvalidInput, "--end: {}", day.error().message);
    r.end = *day;
  }
  r.per_symbol = o.per_symbol;
  QAT_ASSIGN_OR_RETURN(r.engine, EngineConfigOf(o.engine));
  if (o.per_symbol && o.strategy != "signals") {
    // One account per symbol holds one position with all of its equity (the reference rule).
    r.engine.risk.max_positions = 1;
    r.engine.risk.max_position_fraction = 1;
  }
  r.fast = o.fast;
  r.slow = o.slow;
  r.benchmark = o.benchmark;
  r.record_trial = !o.no_record;
  r.training.market = o.market;
  r.training.vix = o.vix;
  r.training.labels.horizon = o.horizon;
  r.training.lookback_days = o.lookback_days;
  r.training.walk_forward.folds = o.folds;
  r.training.walk_forward.embargo_sessions = std::max(r.training.walk_forward.embargo_sessions, o.horizon);
  r.training.jobs = o.jobs > 0 ? o.jobs : DefaultJobs(1);
  if (!o.model_dir.empty() && o.strategy != "signals") {
    return Fail(ErrorCode::kInvalidInput, "--model-dir is for --strategy signals (the published model set it trades)");
  }
  r.model_dir = o.model_dir;
  r.now = SystemClock().Now();
  return r;
}

std::string Pct(double x) { return std::isfinite(x) ? fmt::format("{:+.1f}%", 100 * x) : "n/a"; }
std::string Ratio(double x) { return std::isfinite(x) ? fmt::format("{:.2f}", x) : "n/a"; }
std::string Dollars(double x) { return std::isfinite(x) ? fmt::format("{:.2f}", x) : "n/a"; }

void PrintMeasures(const app::BacktestReport& r) {
  const auto& a = r.result.measures;
  const auto& b = r.buy_and_hold.measures;
  std::printf("%-22s %16s %16s\n", "", r.strategy.c_str(), "buy-and-hold");
  auto row = [](const char* name, const std::string& x, const std::string& y) {
    std::printf("%-22s %16s %16s\n", name, x.c_str(), y.c_str());
  };
  row("final equity", Dollars(portfolio::MicrosToDollars(r.result.run.equity.back())),
      Dollars(portfolio::MicrosToDollars(r.buy_and_hold.run.equity.back())));
  row("total return", Pct(a.total_return), Pct(b.total_return));
  row("CAGR", Pct(a.cagr), Pct(b.cagr));
  row("volatility", Pct(a.volatility), Pct(b.volatility));
  row("Sharpe", Ratio(a.sharpe), Ratio(b.sharpe));
  row("Sortino", Ratio(a.sortino), Ratio(b.sortino));
  row("max drawdown", Pct(-a.max_drawdown), Pct(-b.max_drawdown));
  row("  its length (sessions)", std::to_string(a.max_drawdown_sessions), std::to_string(b.max_drawdown_sessions));
  row("Calmar", Ratio(a.calmar), Ratio(b.calmar));
  row("trades (closed)", std::to_string(a.trades), std::to_string(b.trades));
  row("win rate", Pct(a.win_rate), Pct(b.win_rate));
  row("average win / loss $", Dollars(a.average_win) + " / " + Dollars(a.average_loss), "");
  row("profit factor", Ratio(a.profit_factor), Ratio(b.profit_factor));
  row("expectancy $/trade", Dollars(a.expectancy), Dollars(b.expectancy));
  row("exposure", Pct(a.exposure), Pct(b.exposure));
  row("turnover / year", Ratio(a.turnover), Ratio(b.turnover));
  row("fees $", Dollars(a.fees), Dollars(b.fees));
  row("alpha / beta (bench)", Pct(a.alpha) + " / " + Ratio(a.beta), Pct(b.alpha) + " / " + Ratio(b.beta));
  row("PSR (SR > 0)", Ratio(a.psr), Ratio(b.psr));
  std::printf("Deflated Sharpe Ratio %.3f: %lld configuration%s run on this data (Sharpe variance %.3g per session^2)\n",
              a.dsr, static_cast<long long>(r.trials.count), r.trials.count == 1 ? "" : "s", r.trials.sharpe_variance);
}

int RunBacktestCommand(const BacktestOptions& o) {
  auto request = RequestOf(o);
  if (!request.ok()) return Usage(request.error());
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  const bool show_progress = !o.quiet && ::isatty(STDERR_FILENO);
  auto report = app::RunBacktest(*db, *request, [&](const std::string& line) {
    if (show_progress) std::fprintf(stderr, "  %s\n", line.c_str());
  });
  if (!report.ok()) return Report(report.error());
  const auto& run = report->result.run;
  auto write = [](const std::string& path, const std::string& text) -> Status {
    if (path.empty()) return Ok();
    return WriteOutputFile(path, text);
  };
  if (auto s = write(o.trades, app::TradesCsv(run)); !s.ok()) return Report(s.error());
  if (auto s = write(o.fills, app::FillsCsv(run)); !s.ok()) return Report(s.error());
  if (auto s = write(o.equity, app::EquityCsv(*report)); !s.ok()) return Report(s.error());
  if (auto s = write(o.report, app::TearsheetHtml(*report)); !s.ok()) return Report(s.error());
  if (o.json) {
    std::printf("%s\n", report->ToJson().dump(2).c_str());
    return kExitOk;
  }
  std::printf("qtrader backtest: %s on %zu symbol%s%s, %s..%s (%lld sessions), $%s%s\n", report->strategy.c_str(),
              report->symbols.size(), report->symbols.size() == 1 ? "" : "s", o.per_symbol ? " (one account each)" : "",
              FormatDate(report->start).c_str(), FormatDate(report->end).c_str(),
              static_cast<long long>(report->result.measures.sessions),
              portfolio::FormatMicros(request->engine.initial_cash).c_str(), o.per_symbol ? " per symbol" : "");
  const auto& c = request->engine.costs;
  std::printf("costs: commission max($%.2f/order, $%g/share, %g%% of value), min $%.2f; slippage %g bps + half-spread %g bps; "
              "a bar holding stop and target: %s\n",
              portfolio::ToDollars(c.commission_per_order), c.commission_per_share, c.commission_percent,
              portfolio::ToDollars(c.commission_minimum), c.slippage_bps, c.half_spread_bps, o.engine.ambiguity.c_str());
  PrintMeasures(*report);
  const auto& n = run.counts;
  std::printf("fills %zu; entries skipped: %lld for 0 shares, %lld for slots, %lld held, %lld past their stop or target, "
              "%lld by the universe filter\n",
              run.fills.size(), static_cast<long long>(n.zero_share_skips), static_cast<long long>(n.refused_slots),
              static_cast<long long>(n.refused_held), static_cast<long long>(n.entries_past_level),
              static_cast<long long>(n.refused_filter));
  if (n.ambiguous_bars > 0) {
    std::printf("ambiguous bars (stop and target inside one bar): %lld, %lld resolved by finer bars; final equity %s, "
                "with the other order %s\n",
                static_cast<long long>(n.ambiguous_bars), static_cast<long long>(n.resolved_by_finer_bars),
                portfolio::FormatMicros(run.equity.back()).c_str(),
                portfolio::FormatMicros(*report->other_order_final_equity).c_str());
  } else {
    std::printf("ambiguous bars: 0\n");
  }
  if (report->strategy == "signals" && report->strategy_info.contains("in_sample_rows")) {
    const auto in_sample = report->strategy_info["in_sample_rows"].get<long long>();
    std::printf("forecasts: %lld from the published models trained to %s; %lld of them in-sample (on or before it)%s\n",
                report->strategy_info["rows"].get<long long>(),
                report->strategy_info["model_as_of"].get<std::string>().c_str(), in_sample,
                in_sample > 0 ? ": those sessions flatter the strategy" : "");
  }
  if (report->strategy == "signals") {
    const auto& m = report->result.measures;
    std::printf("seed targets: Sharpe > 1.5 %s (%s); max drawdown < 10%% %s (%s)\n", m.sharpe > 1.5 ? "MET" : "NOT MET",
                Ratio(m.sharpe).c_str(), m.max_drawdown < 0.10 ? "MET" : "NOT MET", Pct(-m.max_drawdown).c_str());
  }
  std::printf("order-list hash %s; data %s; %s\n", report->order_hash.c_str(), report->data_sha256.substr(0, 16).c_str(),
              report->run_id > 0 ? fmt::format("recorded as run {}", report->run_id).c_str() : "not recorded (--no-record)");
  return kExitOk;
}

}  // namespace

void AddBacktestCommand(CLI::App& app) {
  auto o = std::make_shared<BacktestOptions>();
  auto* c = app.add_subcommand(
      "backtest",
      "Backtest a strategy on stored daily bars beside buy-and-hold: measures, DSR over the trials on this data, files");
  c->footer(
      "\nTiming: a decision at the close of day t fills at the open of the symbol's next bar; stops and targets\n"
      "are watched from the entry bar (a stop the open gaps through fills at the open); a bar holding both is\n"
      "ambiguous (stop first by default; resolved from stored 1h or 5m bars when there are any).\n"
      "Prices are split-adjusted, dividends not credited, for the strategy and buy-and-hold alike.\n"
      "Every run is recorded in the store; the Deflated Sharpe Ratio counts every configuration run on the same data.\n"
      "\nThe sma-cross reference run (tests/testdata/sma_cross):\n"
      "  qtrader backtest --strategy sma-cross --symbols AAPL,MSFT --per-symbol --cash 10000 \\\n"
      "      --commission-pct 0.1 --slippage-bps 0 --trades trades.csv\n"
      "The signals strategy (trains the walk-forward first, minutes):\n"
      "  qtrader backtest --strategy signals --symbols SPY,QQQ,AAPL,MSFT,GOOGL,TSLA --report tearsheet.html\n"
      "The signals strategy over the published models (what a paper account trades; sessions after their training):\n"
      "  qtrader backtest --strategy signals --model-dir models --symbols SPY,QQQ --start 2024-01-02\n");
  c->add_option("--strategy", o->strategy, "sma-cross (regression reference), signals (the seed's strategy), buy-and-hold")
      ->capture_default_str();
  c->add_option("--symbols", o->symbols, "Comma-separated stored symbols")->required();
  c->add_option("--start", o->start, "First session (YYYY-MM-DD; default: the data's first, signals: the out-of-sample start)");
  c->add_option("--end", o->end, "Last session (YYYY-MM-DD; default: the data's last)");
  AddEngineOptions(c, o->engine);
  c->add_flag("--per-symbol", o->per_symbol, "One account per symbol, each with --cash (all in when it buys)");
  c->add_option("--fast", o->fast, "sma-cross: fast SMA length")->capture_default_str();
  c->add_option("--slow", o->slow, "sma-cross: slow SMA length")->capture_default_str();
  c->add_option("--benchmark", o->benchmark, "Stored symbol for alpha and beta (\"\" for none)")->capture_default_str();
  c->add_flag("--no-record", o->no_record, "Do not record this run as a trial in the store");
  c->add_option("--horizon", o->horizon, "signals: label and forecast horizon in sessions")->capture_default_str()->check(CLI::Range(1, 21));
  c->add_option("--lookback-days", o->lookback_days, "signals: training window in calendar days")->capture_default_str();
  c->add_option("--folds", o->folds, "signals: walk-forward folds")->capture_default_str()->check(CLI::Range(2, 100));
  c->add_option("--jobs", o->jobs, "signals: training windows at once (default: the cores)");
  c->add_option("--market", o->market, "signals: market symbol (context features, regime exit)")->capture_default_str();
  c->add_option("--vix", o->vix, "signals: VIX symbol (context features)")->capture_default_str();
  c->add_option("--model-dir", o->model_dir,
                "signals: trade the published model set MODEL_DIR/<horizon>bar (its forecast at each close) instead "
                "of training the walk-forward");
  c->add_option("--trades", o->trades, "Write the trades CSV (symbol,entry_date,entry_price,size,exit_date,exit_price,exit_reason)");
  c->add_option("--fills", o->fills, "Write every fill as CSV (date,symbol,side,quantity,price,commission,reason)");
  c->add_option("--equity", o->equity, "Write the equity curve CSV (date,equity,invested,buy_and_hold)");
  c->add_option("--report", o->report, "Write a self-contained HTML tearsheet");
  c->add_flag("--json", o->json, "Print the report as JSON");
  c->add_flag("--quiet", o->quiet, "No progress lines");
  AddDbOption(c, o->db);
  c->callback([o] { CommandExitCode() = RunBacktestCommand(*o); });
}

}  // namespace qat::cli
