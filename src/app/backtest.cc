#include "qat/app/backtest.h"

#include <cmath>

#include <fmt/format.h>

#include "app/backtest_signals.h"
#include "qat/backtest/strategies.h"
#include "qat/core/build_info.h"
#include "qat/core/sha256.h"
#include "qat/core/strings.h"
#include "qat/backtest/tearsheet.h"
#include "qat/reports/manifest.h"
#include "qat/store/actions.h"
#include "qat/store/backtest_runs.h"

namespace qat::app {
namespace {

using backtest::RunResult;
using portfolio::Micros;

// Everything that makes one configuration: equal configurations dump to equal text (the
// object's keys are sorted).
nlohmann::json ConfigJson(const BacktestRequest& r, Days start, Days end) {
  nlohmann::json c = {{"strategy", r.strategy},
                      {"symbols", r.symbols},
                      {"start", FormatDate(start)},
                      {"end", FormatDate(end)},
                      {"per_symbol", r.per_symbol}};
  c.update(EngineConfigToJson(r.engine));
  if (r.strategy == "sma-cross") c["sma"] = {{"fast", r.fast}, {"slow", r.slow}};
  if (r.strategy == "signals" && r.model_dir.empty()) c["training"] = r.training.ToJson();
  if (r.strategy == "signals" && !r.model_dir.empty()) {
    c["model_set"] = {{"dir", r.model_dir.string()}, {"horizon", r.training.labels.horizon}};
  }
  return c;
}

// Close-to-close returns of `benchmark` on each session (NaN where it has no bar that session
// or the session before).
std::vector<double> BenchmarkReturns(const data::BarSeries& benchmark, const std::vector<Days>& sessions) {
  std::vector<double> out(sessions.size(), std::nan(""));
  std::size_t k = 0;
  for (std::size_t s = 0; s < sessions.size(); ++s) {
    while (k < benchmark.size() && benchmark.DayAt(k) < sessions[s]) ++k;
    if (k < benchmark.size() && k > 0 && benchmark.DayAt(k) == sessions[s]) {
      out[s] = benchmark.close[k] / benchmark.close[k - 1] - 1;
    }
  }
  return out;
}

Result<RunResult> RunStrategy(const backtest::Feed& feed, const BacktestRequest& r, backtest::EngineConfig engine,
                              const std::function<std::unique_ptr<backtest::Strategy>()>& make) {
  if (r.per_symbol) return backtest::RunPerSymbol(feed, make, engine);
  auto strategy = make();
  return backtest::RunEngine(feed, *strategy, engine);
}


// The close of the first decision of a run from `start`: the last bar before it (the engine
// decides there, for the first open), or the data's first bar.
Days FirstDecision(const std::vector<data::BarSeries>& daily, std::optional<Days> start) {
  Days first = daily[0].DayAt(0), before = 0;
  for (const auto& s : daily) {
    first = std::min(first, s.DayAt(0));
    for (std::size_t k = 0; k < s.size() && start && s.DayAt(k) < *start; ++k) before = std::max(before, s.DayAt(k));
  }
  return before > 0 ? before : first;
}

std::string Money(Micros m) {
  // Dollars to the micro-dollar, trailing zeros trimmed to whole cents: "1.00", "9.989917".
  std::string text = fmt::format("{}{}.{:06d}", m < 0 ? "-" : "", std::llabs(m) / 1'000'000, std::llabs(m) % 1'000'000);
  while (text.size() > 3 && text.back() == '0' && text[text.size() - 3] != '.') text.pop_back();
  return text;
}

nlohmann::json RiskJson(const backtest::RiskLimits& r) {
  return {{"max_positions", r.max_positions},
          {"max_position_fraction", r.max_position_fraction},
          {"cash_buffer_fraction", r.cash_buffer_fraction},
          {"allow_short", r.allow_short},
          {"borrow_bps_per_year", r.borrow_bps_per_year},
          {"min_price", r.min_price},
          {"min_dollar_volume", r.min_dollar_volume}};
}

nlohmann::json CostsJson(const backtest::FillCosts& c) {
  return {{"commission_per_order", portfolio::ToDollars(c.commission_per_order)},
          {"commission_per_share", c.commission_per_share},
          {"commission_minimum", portfolio::ToDollars(c.commission_minimum)},
          {"commission_percent", c.commission_percent},
          {"slippage_bps", c.slippage_bps},
          {"half_spread_bps", c.half_spread_bps}};
}

}  // namespace

nlohmann::json EngineConfigToJson(const backtest::EngineConfig& e) {
  return {{"initial_cash", portfolio::MicrosToDollars(e.initial_cash)},
          {"risk", RiskJson(e.risk)},
          {"costs", CostsJson(e.costs)},
          {"ambiguity", e.ambiguity == backtest::AmbiguityRule::kStopFirst ? "stop-first" : "target-first"}};
}

Result<backtest::EngineConfig> EngineConfigFromJson(const nlohmann::json& j) {
  try {
    backtest::EngineConfig e;
    e.initial_cash = portfolio::ToMicros(j.at("initial_cash").get<double>());
    const auto& r = j.at("risk");
    e.risk.max_positions = r.at("max_positions").get<int>();
    e.risk.max_position_fraction = r.at("max_position_fraction").get<double>();
    e.risk.cash_buffer_fraction = r.at("cash_buffer_fraction").get<double>();
    e.risk.allow_short = r.at("allow_short").get<bool>();
    e.risk.borrow_bps_per_year = r.at("borrow_bps_per_year").get<double>();
    e.risk.min_price = r.at("min_price").get<double>();
    e.risk.min_dollar_volume = r.at("min_dollar_volume").get<double>();
    const auto& c = j.at("costs");
    e.costs.commission_per_order = portfolio::ToCents(c.at("commission_per_order").get<double>());
    e.costs.commission_per_share = c.at("commission_per_share").get<double>();
    e.costs.commission_minimum = portfolio::ToCents(c.at("commission_minimum").get<double>());
    e.costs.commission_percent = c.at("commission_percent").get<double>();
    e.costs.slippage_bps = c.at("slippage_bps").get<double>();
    e.costs.half_spread_bps = c.at("half_spread_bps").get<double>();
    e.ambiguity = j.at("ambiguity").get<std::string>() == "target-first" ? backtest::AmbiguityRule::kTargetFirst
                                                                        : backtest::AmbiguityRule::kStopFirst;
    return e;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kCorrupt, "engine configuration: {}", e.what());
  }
}

Result<BacktestBars> LoadBacktestBars(store::Database& db, const std::vector<std::string>& symbols) {
  BacktestBars out;
  bool any_finer = false;
  for (const std::string& symbol : symbols) {
    QAT_ASSIGN_OR_RETURN(auto bars, store::LoadAdjustedDaily(db, symbol));
    if (bars.empty()) return Fail(ErrorCode::kNotFound, "{}: no daily bars stored", symbol);
    out.daily.push_back(std::move(bars));
    // Finer bars resolve ambiguous bars: 1h where stored, else 5m.
    data::BarSeries fine;
    for (data::Interval interval : {data::Interval::k1h, data::Interval::k5m}) {
      auto loaded = store::LoadAdjustedBars(db, {.symbol = symbol, .interval = interval});
      if (loaded.ok() && !loaded->empty()) {
        fine = std::move(*loaded);
        break;
      }
      if (!loaded.ok() && loaded.error().code != ErrorCode::kNotFound) return loaded.error();
    }
    any_finer = any_finer || !fine.empty();
    out.finer.push_back(std::move(fine));
  }
  if (!any_finer) out.finer.clear();
  return out;
}

std::unique_ptr<backtest::Strategy> MakeBarStrategy(const std::string& name, int fast, int slow) {
  if (name == "sma-cross") return std::make_unique<backtest::SmaCross>(fast, slow);
  if (name == "buy-and-hold") return std::make_unique<backtest::BuyAndHold>();
  return nullptr;
}

Result<BacktestReport> RunBacktest(store::Database& db, const BacktestRequest& r, const BacktestProgress& progress) {
  auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  if (r.symbols.empty()) return Fail(ErrorCode::kInvalidInput, "backtest: no symbols given");
  if (r.strategy != "sma-cross" && r.strategy != "buy-and-hold" && r.strategy != "signals") {
    return Fail(ErrorCode::kInvalidInput, "backtest: unknown strategy {} (sma-cross, signals, buy-and-hold)",
                Excerpt(r.strategy));
  }
  if (r.start && r.end && *r.start > *r.end) {
    return Fail(ErrorCode::kInvalidInput, "backtest: start {} is after end {}", FormatDate(*r.start), FormatDate(*r.end));
  }
  if (r.strategy == "sma-cross" && !(r.fast > 0 && r.fast < r.slow)) {
    return Fail(ErrorCode::kInvalidInput, "backtest: sma-cross needs 0 < fast < slow (got {} and {})", r.fast, r.slow);
  }
  QAT_ASSIGN_OR_RETURN(BacktestBars bars, LoadBacktestBars(db, r.symbols));
  const std::vector<data::BarSeries>& daily = bars.daily;
  const std::vector<data::BarSeries>& finer = bars.finer;

  BacktestReport report;
  report.strategy = r.strategy;
  report.symbols = r.symbols;
  Days first = daily[0].DayAt(0), last = daily[0].DayAt(daily[0].size() - 1);
  for (const auto& s : daily) {
    first = std::min(first, s.DayAt(0));
    last = std::max(last, s.DayAt(s.size() - 1));
  }
  std::function<std::unique_ptr<backtest::Strategy>()> make;
  if (r.strategy != "signals") {
    make = [&r] { return MakeBarStrategy(r.strategy, r.fast, r.slow); };
  } else {
    QAT_ASSIGN_OR_RETURN(auto setup,
                         r.model_dir.empty()
                             ? PrepareSignalsStrategy(db, r, say)
                             : PreparePublishedSignalsStrategy(db, r.symbols, r.model_dir, r.training.labels.horizon,
                                                               r.engine.risk.allow_short, FirstDecision(daily, r.start),
                                                               r.end.value_or(last)));
    first = std::max(first, setup.first_day);
    last = std::min(last, setup.last_day);
    report.strategy_info = setup.info;
    make = setup.make;
  }
  report.start = r.start ? std::max(*r.start, first) : first;
  report.end = r.end ? std::min(*r.end, last) : last;
  if (report.start > report.end) {
    return Fail(ErrorCode::kInvalidInput, "backtest: no sessions between {} and {} (the data runs {}..{})",
                FormatDate(r.start.value_or(first)), FormatDate(r.end.value_or(last)), FormatDate(first), FormatDate(last));
  }
  const backtest::Feed feed{daily, finer, report.start, report.end};
  backtest::EngineConfig engine = r.engine;
  if (r.strategy == "buy-and-hold") {
    engine.risk.max_positions = r.per_symbol ? 1 : static_cast<int>(daily.size());
    engine.risk.max_position_fraction = 1;
  }
  say(fmt::format("{}: {} symbols, {}..{}", r.strategy, daily.size(), FormatDate(report.start), FormatDate(report.end)));
  QAT_ASSIGN_OR_RETURN(RunResult run, RunStrategy(feed, r, engine, make));
  if (run.counts.ambiguous_bars > 0) {
    backtest::EngineConfig other = engine;
    other.ambiguity = engine.ambiguity == backtest::AmbiguityRule::kStopFirst ? backtest::AmbiguityRule::kTargetFirst
                                                                              : backtest::AmbiguityRule::kStopFirst;
    QAT_ASSIGN_OR_RETURN(RunResult other_run, RunStrategy(feed, r, other, make));
    report.other_order_final_equity = other_run.equity.back();
  }
  QAT_ASSIGN_OR_RETURN(RunResult hold,
                       backtest::RunBuyAndHold(backtest::Feed{daily, {}, report.start, report.end}, r.per_symbol, r.engine));
  std::vector<double> bench;
  if (!r.benchmark.empty()) {
    auto b = store::LoadAdjustedDaily(db, r.benchmark);
    if (b.ok() && !b->empty()) bench = BenchmarkReturns(*b, run.sessions);
  }

  report.config = ConfigJson(r, report.start, report.end);
  if (report.config.contains("model_set")) report.config["model_set"]["as_of"] = report.strategy_info["model_as_of"];
  report.config_sha256 = Sha256Hex(report.config.dump());
  QAT_ASSIGN_OR_RETURN(report.data_sha256, store::DataFingerprint(db, r.symbols, report.start, report.end));
  report.result.name = r.strategy;
  report.result.measures = backtest::ComputeMeasures(run, bench, {});
  if (r.record_trial) {
    store::BacktestRunRecord record;
    record.created_at = r.now;
    record.strategy = r.strategy;
    record.config_json = report.config.dump();
    record.config_sha256 = report.config_sha256;
    record.data_sha256 = report.data_sha256;
    record.sessions = report.result.measures.sessions;
    record.sharpe_per_session = report.result.measures.sharpe_per_session;
    record.metrics_json = nlohmann::json{{"total_return", report.result.measures.total_return},
                                         {"sharpe", report.result.measures.sharpe},
                                         {"max_drawdown", report.result.measures.max_drawdown}}
                              .dump();
    record.git_commit = BuildGitCommit();
    QAT_ASSIGN_OR_RETURN(report.run_id, store::LogBacktestRun(db, record));
  }
  QAT_ASSIGN_OR_RETURN(auto trials, store::TrialsOn(db, report.data_sha256));
  report.trials = {std::max<std::int64_t>(1, trials.configurations), trials.sharpe_variance};
  backtest::ApplyTrials(report.result.measures, report.trials);
  report.result.run = std::move(run);
  report.buy_and_hold.name = r.per_symbol ? "buy-and-hold, each symbol" : "buy-and-hold, equal weight";
  report.buy_and_hold.measures = backtest::ComputeMeasures(hold, bench, {});
  report.buy_and_hold.run = std::move(hold);
  report.order_hash = Sha256Hex(FillsCsv(report.result.run));
  report.manifest = {{"config", report.config},
                     {"data_sha256", report.data_sha256},
                     {"config_sha256", report.config_sha256},
                     {"git_commit", BuildGitCommit()},
                     {"versions", reports::LibraryVersions()},
                     {"created_at", FormatTimestampUtc(r.now)},
                     {"run_id", report.run_id}};
  return report;
}

std::string FillsCsv(const RunResult& run) {
  std::string out = "date,symbol,side,quantity,price,commission,reason\n";
  for (const auto& f : run.fills) {
    out += fmt::format("{},{},{},{},{},{},{}\n", FormatDate(f.day), run.symbols[f.symbol], f.buy ? "BUY" : "SELL",
                       f.quantity, FormatShortest(f.price), Money(f.commission), f.reason);
  }
  return out;
}

std::string TradesCsv(const RunResult& run) {
  std::string out = "symbol,entry_date,entry_price,size,exit_date,exit_price,exit_reason\n";
  for (const auto& t : run.trades) {
    out += fmt::format("{},{},{},{},{},{},{}\n", run.symbols[t.symbol], FormatDate(t.entry_day),
                       FormatShortest(t.entry_price), t.shares, t.exit_day ? FormatDate(*t.exit_day) : "",
                       t.exit_day ? FormatShortest(t.exit_price) : "", t.exit_reason);
  }
  return out;
}

std::string EquityCsv(const BacktestReport& report) {
  const RunResult& run = report.result.run;
  const RunResult& hold = report.buy_and_hold.run;
  std::string out = "date,equity,invested,buy_and_hold\n";
  std::size_t k = 0;
  for (std::size_t s = 0; s < run.sessions.size(); ++s) {
    while (k < hold.sessions.size() && hold.sessions[k] < run.sessions[s]) ++k;
    const bool has_hold = k < hold.sessions.size() && hold.sessions[k] == run.sessions[s];
    out += fmt::format("{},{},{},{}\n", FormatDate(run.sessions[s]), portfolio::FormatMicros(run.equity[s]),
                       portfolio::FormatMicros(run.invested[s]), has_hold ? portfolio::FormatMicros(hold.equity[k]) : "");
  }
  return out;
}

std::string TearsheetHtml(const BacktestReport& report) {
  const auto& c = report.config;
  backtest::TearsheetInput in;
  in.title = fmt::format("{} on {}", report.strategy, fmt::join(report.symbols, ", "));
  in.strategy_name = report.strategy;
  in.strategy = &report.result.run;
  in.benchmark = &report.buy_and_hold.run;
  in.strategy_measures = report.result.measures;
  in.benchmark_measures = report.buy_and_hold.measures;
  const auto& costs = c["costs"];
  in.costs_text = fmt::format(
      "commission the largest of ${:.2f} per order, ${} per share and {}% of the value (at least ${:.2f}); slippage {} bps "
      "plus a half-spread of {} bps on every fill; {} starting cash{}",
      costs["commission_per_order"].get<double>(), costs["commission_per_share"].get<double>(),
      costs["commission_percent"].get<double>(), costs["commission_minimum"].get<double>(),
      costs["slippage_bps"].get<double>(), costs["half_spread_bps"].get<double>(),
      portfolio::FormatMicros(report.result.run.initial_cash), c["per_symbol"].get<bool>() ? " (one account per symbol)" : "");
  in.fill_rules_text = fmt::format(
      "A decision at the close of a session fills at the open of the symbol's next bar. A stop or target the open gaps "
      "through fills at the open; one reached during the bar fills at its level. A bar holding both is ambiguous: "
      "{} by default ({} such bars, {} resolved from stored finer bars{}). Time exits fill at the open. Prices are "
      "split-adjusted; dividends are not credited, for the strategy and buy-and-hold alike.",
      c["ambiguity"].get<std::string>(), report.result.run.counts.ambiguous_bars,
      report.result.run.counts.resolved_by_finer_bars,
      report.other_order_final_equity
          ? fmt::format("; with the other order the final equity is ${}", portfolio::FormatMicros(*report.other_order_final_equity))
          : "");
  in.manifest_json = report.manifest.dump(2);
  in.order_hash = report.order_hash;
  return backtest::RenderTearsheet(in);
}

}  // namespace qat::app
