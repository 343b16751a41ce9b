// qtrader._core: the application layer's use cases (qat/app/*.h, qat/monitor/monitor.h), each
// called as the CLI calls it and answered in the library's one JSON form (the CLI's --json),
// converted to Python objects. Every call that opens a store or trains releases the GIL;
// progress callbacks take it back for their line.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "common.h"
#include "qat/app/backtest.h"
#include "qat/app/confluence.h"
#include "qat/app/forecast.h"
#include "qat/app/paper.h"
#include "qat/app/paths.h"
#include "qat/app/patterns.h"
#include "qat/app/signals.h"
#include "qat/app/training.h"
#include "qat/core/clock.h"
#include "qat/core/time.h"
#include "qat/data/symbol.h"
#include "qat/features/regimes.h"
#include "qat/monitor/monitor.h"
#include "qat/patterns/pattern_stats.h"
#include "qat/portfolio/money.h"
#include "qat/store/store.h"

namespace qat::py {
namespace {

std::vector<std::string> Symbols(const std::vector<std::string>& list, const char* what) {
  std::vector<std::string> out;
  for (const auto& s : list) {
    auto valid = data::ValidateSymbol(s);
    if (!valid.ok()) Throw(valid.error().WithContext(what));
    if (std::find(out.begin(), out.end(), *valid) != out.end()) ThrowInvalid(std::string(what) + ": " + *valid + " given twice");
    out.push_back(*valid);
  }
  if (out.empty()) ThrowInvalid(std::string(what) + ": no symbols given");
  return out;
}

std::optional<Days> DateOf(const std::optional<std::string>& text, const char* what) {
  if (!text || text->empty()) return std::nullopt;
  auto day = ParseDate(*text);
  if (!day.ok()) Throw(Error{std::string(what) + ": " + day.error().message, ErrorCode::kInvalidInput});
  return *day;
}

// A Python callable made safe to call from library code running without the GIL: copies of
// the std::function share one holder; the first exception the callable raises is kept, later
// lines are dropped, and Rethrow() raises it once the library call has returned.
class Callback {
 public:
  explicit Callback(const std::optional<pyb::function>& f) : state_(std::make_shared<State>()) {
    if (f) state_->fn = *f;
  }
  std::function<void(const std::string&)> Lines() const {
    if (!state_->fn) return {};
    auto state = state_;
    return [state](const std::string& line) {
      pyb::gil_scoped_acquire gil;
      if (state->error) return;
      try {
        state->fn(line);
      } catch (pyb::error_already_set& e) {
        state->error = std::make_unique<pyb::error_already_set>(std::move(e));
      }
    };
  }
  void Rethrow() {
    if (state_->error) {
      auto error = std::move(state_->error);
      throw pyb::error_already_set(std::move(*error));
    }
  }

 private:
  struct State {
    pyb::function fn;
    std::unique_ptr<pyb::error_already_set> error;
  };
  std::shared_ptr<State> state_;
};

// Opens the store (it must exist, as for every CLI command that reads) and runs `work` on it,
// the GIL released.
template <typename F>
auto WithStore(const std::string& db, F work) -> decltype(work(std::declval<store::Database&>())) {
  pyb::gil_scoped_release gil;
  auto opened = store::OpenStore(app::ResolveDbPath(db), store::OpenMode::kExisting);
  if (!opened.ok()) return opened.error();
  return work(*opened);
}

int DefaultJobs() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

}  // namespace

void AddApp(pyb::module_& m) {
  // ---- patterns ----
  m.def("build_pattern_stats", [](const std::string& db, const std::vector<std::string>& symbols,
                                  const std::string& interval, const std::string& market,
                                  const std::vector<int>& horizons, double recent_years,
                                  const std::optional<pyb::function>& progress) {
    app::BuildPatternStatsRequest request;
    request.symbols = Symbols(symbols, "symbols");
    auto iv = data::ParseInterval(interval);
    if (!iv.ok()) Throw(Error{"interval: " + iv.error().message, ErrorCode::kInvalidInput});
    request.interval = *iv;
    if (!market.empty()) request.market = Symbols({market}, "market")[0];
    request.horizons = horizons;
    request.recent_years = recent_years;
    Callback callback(progress);
    auto lines = callback.Lines();
    auto built = WithStore(db, [&](store::Database& d) {
      return app::BuildPatternStats(d, request, [&](const app::SymbolBuilt& s) {
        if (lines) {
          lines(fmt::format("{} {}: {}, {} new bars, {} new events, {} new outcomes", s.symbol, interval,
                            s.stats.rebuilt ? "built" : "updated", s.stats.new_bars, s.stats.new_events,
                            s.stats.new_outcomes));
        }
      });
    });
    callback.Rethrow();
    auto r = Unwrap(std::move(built));
    pyb::dict out;
    out["series"] = r.series;
    out["cells"] = r.all.size();
    out["recent_cells"] = r.recent.size();
    out["recent_since"] = FormatDate(static_cast<Days>(r.recent_since / kSecondsPerDay));
    pyb::list per_symbol;
    for (const auto& s : r.symbols) {
      pyb::dict d;
      d["symbol"] = s.symbol;
      d["rebuilt"] = s.stats.rebuilt;
      d["new_bars"] = s.stats.new_bars;
      d["new_events"] = s.stats.new_events;
      d["new_outcomes"] = s.stats.new_outcomes;
      per_symbol.append(d);
    }
    out["symbols"] = per_symbol;
    return out;
  }, pyb::arg("db"), pyb::arg("symbols"), pyb::arg("interval") = "1d", pyb::arg("market") = "",
     pyb::arg("horizons") = std::vector<int>{1, 3, 5, 10, 21}, pyb::arg("recent_years") = 5.0,
     pyb::arg("progress") = std::nullopt);

  m.def("pattern_edge", [](const std::string& db, const std::string& pattern, const std::string& direction,
                           const std::string& regime, const std::string& vol_regime, const std::string& timeframe,
                           int horizon, int min_n) {
    app::PatternEdgeRequest request{pattern, direction, regime, vol_regime, timeframe, horizon, min_n};
    Unwrap(app::NormalizeEdgeRequest(request));  // bad input first, before the store
    auto answers = Unwrap(WithStore(db, [&](store::Database& d) { return app::PatternEdge(d, request); }));
    nlohmann::json all = nlohmann::json::array();
    for (const auto& a : answers) all.push_back(app::ToJson(a));
    return ToPython(all);
  }, pyb::arg("db"), pyb::arg("pattern"), pyb::arg("direction") = "", pyb::arg("regime") = "ALL",
     pyb::arg("vol_regime") = "ALL", pyb::arg("timeframe") = "1d", pyb::arg("horizon") = 5,
     pyb::arg("min_n") = patterns::kMinEvents);

  m.def("top_edges", [](const std::string& db, const std::string& timeframe, int horizon, int min_n, int limit) {
    if (min_n < 1 || limit < 1) ThrowInvalid("min_n and limit must be >= 1");
    auto top = Unwrap(WithStore(db, [&](store::Database& d) {
      return app::TopEdges(d, {timeframe, horizon, min_n, limit});
    }));
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& c : top) rows.push_back(app::ToJson(c));
    return ToPython(rows);
  }, pyb::arg("db"), pyb::arg("timeframe") = "1d", pyb::arg("horizon") = 5, pyb::arg("min_n") = patterns::kMinEvents,
     pyb::arg("limit") = 20);

  // ---- training and forecasting ----
  m.def("train", [](const std::string& db, const std::string& model_dir, const std::vector<std::string>& symbols,
                    int horizon, int lookback_days, std::uint64_t seed, int rounds, int threads, int jobs,
                    const std::string& market, const std::string& vix, const std::optional<pyb::function>& progress) {
    if (horizon < 1 || horizon > 21) ThrowInvalid("horizon must be in 1..21, got " + std::to_string(horizon));
    if (lookback_days < 60 || lookback_days > 36500) {
      ThrowInvalid("lookback_days must be in 60..36500, got " + std::to_string(lookback_days));
    }
    if (rounds < 0 || rounds > 5000) ThrowInvalid("rounds must be in 1..5000 (0: the defaults)");
    if (threads < 1 || threads > 256) ThrowInvalid("threads must be in 1..256");
    if (jobs < 0) ThrowInvalid("jobs must be >= 1 (0: one per hardware thread)");
    // The CLI's `qtrader train` configuration (apps/qtrader/model_commands.cc).
    pipeline::TrainConfig config;
    config.symbols = Symbols(symbols, "symbols");
    config.market = market;
    config.vix = vix;
    config.labels.horizon = horizon;
    config.walk_forward.embargo_sessions = std::max(config.walk_forward.embargo_sessions, horizon);
    config.lookback_days = lookback_days;
    config.classifier.seed = seed;
    config.quantiles.seed = seed;
    if (rounds > 0) {
      config.classifier.rounds = rounds;
      config.quantiles.rounds = rounds;
    }
    config.classifier.threads = threads;
    config.quantiles.threads = threads;
    config.jobs = jobs > 0 ? jobs : std::max(1, DefaultJobs() / threads);
    Callback callback(progress);
    auto lines = callback.Lines();
    const auto dir = app::ResolveModelDir(model_dir);
    auto trained = WithStore(db, [&](store::Database& d) {
      return app::TrainAndPublish(d, {config, dir, SystemClock().Now()}, lines ? pipeline::Progress(lines) : pipeline::Progress([](const std::string&) {}));
    });
    callback.Rethrow();
    auto r = Unwrap(std::move(trained));
    pyb::dict out;
    out["results"] = ToPython(r.results);
    out["set_dir"] = r.set_dir.string();
    std::vector<std::string> files;
    for (const auto& f : r.files) files.push_back(f.string());
    out["files"] = files;
    out["run_id"] = r.run_id;
    out["symbols_used"] = r.symbols_used;
    out["final_symbols"] = r.result.final_symbols;
    return out;
  }, pyb::arg("db"), pyb::arg("model_dir"), pyb::arg("symbols"), pyb::arg("horizon") = 5,
     pyb::arg("lookback_days") = 730, pyb::arg("seed") = 42, pyb::arg("rounds") = 0, pyb::arg("threads") = 1,
     pyb::arg("jobs") = 0, pyb::arg("market") = "SPY", pyb::arg("vix") = "^VIX", pyb::arg("progress") = std::nullopt);

  m.def("forecast", [](const std::string& db, const std::string& model_dir, const std::string& symbol, int horizon) {
    const std::string sym = Symbols({symbol}, "symbol")[0];
    auto f = Unwrap(WithStore(db, [&](store::Database& d) {
      return app::Forecast(d, {.model_dir = app::ResolveModelDir(model_dir), .symbol = sym, .horizon = horizon});
    }));
    return ToPython(f.ToJson());
  }, pyb::arg("db"), pyb::arg("model_dir"), pyb::arg("symbol"), pyb::arg("horizon") = 5);

  // ---- confluence and signals ----
  m.def("fit_confluence", [](const std::string& db, const std::string& model_dir,
                             const std::vector<std::string>& symbols, const std::string& market,
                             const std::vector<std::string>& timeframes, int horizon, int folds, double l2,
                             std::size_t bootstrap, bool publish, const std::optional<pyb::function>& progress) {
    app::ConfluenceRequest request;
    request.symbols = Symbols(symbols, "symbols");
    request.market = market;
    request.model_dir = app::ResolveModelDir(model_dir);
    request.config.horizon = horizon;
    std::vector<signals::Timeframe> tfs;
    for (const auto& t : timeframes) tfs.push_back(Unwrap(signals::ParseTimeframe(t)));
    std::sort(tfs.begin(), tfs.end());
    if (tfs.empty() || std::adjacent_find(tfs.begin(), tfs.end()) != tfs.end()) {
      ThrowInvalid("timeframes: give each of 1h, 4h, 1d, 1w at most once, at least one");
    }
    request.config.timeframes = tfs;
    request.config.folds = folds;
    request.config.embargo_sessions = horizon;
    request.config.l2 = l2;
    request.config.bootstrap_samples = bootstrap;
    Callback callback(progress);
    auto lines = callback.Lines();
    auto fit = WithStore(db, [&](store::Database& d) { return app::RunConfluence(d, request, lines); });
    callback.Rethrow();
    auto r = Unwrap(std::move(fit));
    pyb::dict out;
    if (publish) {
      auto dir = [&] {
        pyb::gil_scoped_release gil;
        return app::PublishConfluence(r, request.model_dir);
      }();
      out["dir"] = Unwrap(std::move(dir)).string();
    }
    out["model"] = ToPython(r.model.ToJson());
    out["evaluation"] = ToPython(r.evaluation.ToJson());
    return out;
  }, pyb::arg("db"), pyb::arg("model_dir"), pyb::arg("symbols"), pyb::arg("market") = "SPY",
     pyb::arg("timeframes") = std::vector<std::string>{"1h", "4h", "1d", "1w"}, pyb::arg("horizon") = 5,
     pyb::arg("folds") = 10, pyb::arg("l2") = 1.0, pyb::arg("bootstrap") = 200, pyb::arg("publish") = true,
     pyb::arg("progress") = std::nullopt);

  // The seed's calculate_confluence(patterns_by_tf, context): patterns given by hand.
  m.def("confluence_given", [](const std::string& model_dir, int horizon,
                               const std::map<std::string, std::vector<std::pair<std::string, int>>>& patterns_by_tf,
                               double rsi, double volume_ratio, const std::string& regime, const std::string& vol_regime) {
    app::GivenConfluenceRequest request;
    request.model_dir = app::ResolveModelDir(model_dir);
    request.horizon = horizon;
    for (const auto& [tf, list] : patterns_by_tf) {
      signals::GivenTimeframe g;
      g.timeframe = Unwrap(signals::ParseTimeframe(tf));
      for (const auto& [name, direction] : list) g.patterns.push_back({name, direction});
      request.timeframes.push_back(std::move(g));
    }
    request.context.rsi = rsi;
    request.context.volume_ratio = volume_ratio;
    request.context.trend = Unwrap(features::ParseTrendRegime(regime));
    request.context.vol = Unwrap(features::ParseVolRegime(vol_regime));
    auto scored = app::ScoreGivenConfluence(request);
    return ToPython(Unwrap(std::move(scored)).ToJson(request.context));
  }, pyb::arg("model_dir"), pyb::arg("horizon"), pyb::arg("patterns_by_tf"), pyb::arg("rsi"),
     pyb::arg("volume_ratio"), pyb::arg("regime"), pyb::arg("vol_regime"));

  m.def("signals", [](const std::string& db, const std::string& model_dir, const std::vector<std::string>& symbols,
                      const std::optional<std::string>& as_of, const std::vector<std::string>& timeframes, int horizon,
                      double account_cash, bool allow_short) {
    app::SignalsRequest request;
    request.symbols = Symbols(symbols, "symbols");
    request.as_of = DateOf(as_of, "as_of");
    for (const auto& t : timeframes) request.timeframes.push_back(Unwrap(signals::ParseTimeframe(t)));
    std::sort(request.timeframes.begin(), request.timeframes.end());
    if (!(account_cash >= 0) || !std::isfinite(account_cash)) ThrowInvalid("account_cash must be >= 0");
    request.account.cash = portfolio::ToCents(account_cash);
    request.model_dir = app::ResolveModelDir(model_dir);
    request.horizon = horizon;
    request.plan.allow_short = allow_short;
    auto report = Unwrap(WithStore(db, [&](store::Database& d) { return app::ComputeSignals(d, request); }));
    return ToPython(report.ToJson());
  }, pyb::arg("db"), pyb::arg("model_dir"), pyb::arg("symbols"), pyb::arg("as_of") = std::nullopt,
     pyb::arg("timeframes") = std::vector<std::string>{}, pyb::arg("horizon") = 5, pyb::arg("account_cash") = 5000.0,
     pyb::arg("allow_short") = false);

  // ---- backtest ----
  m.def("default_engine_config", [] { return ToPython(app::EngineConfigToJson(backtest::EngineConfig{})); },
        "The engine configuration of `qtrader backtest` and `paper init` without options, as JSON.");

  m.def("backtest", [](const std::string& db, const std::vector<std::string>& symbols, const std::string& strategy,
                       const std::optional<std::string>& start, const std::optional<std::string>& end,
                       bool per_symbol, const pyb::dict& engine, int fast, int slow, const std::string& benchmark,
                       bool record_trial, int horizon, int lookback_days, int folds, int jobs,
                       const std::optional<pyb::function>& progress) {
    app::BacktestRequest r;
    r.strategy = strategy;
    r.symbols = Symbols(symbols, "symbols");
    r.start = DateOf(start, "start");
    r.end = DateOf(end, "end");
    r.per_symbol = per_symbol;
    r.engine = Unwrap(app::EngineConfigFromJson(ToJson(engine)));
    if (per_symbol && strategy != "signals") {
      r.engine.risk.max_positions = 1;
      r.engine.risk.max_position_fraction = 1;
    }
    r.fast = fast;
    r.slow = slow;
    r.benchmark = benchmark;
    r.record_trial = record_trial;
    r.training.labels.horizon = horizon;
    r.training.lookback_days = lookback_days;
    r.training.walk_forward.folds = folds;
    r.training.walk_forward.embargo_sessions = std::max(r.training.walk_forward.embargo_sessions, horizon);
    r.training.jobs = jobs > 0 ? jobs : DefaultJobs();
    r.now = SystemClock().Now();
    Callback callback(progress);
    auto lines = callback.Lines();
    auto report = WithStore(db, [&](store::Database& d) { return app::RunBacktest(d, r, lines); });
    callback.Rethrow();
    auto rep = Unwrap(std::move(report));
    pyb::dict out;
    out["report"] = ToPython(rep.ToJson());
    out["trades_csv"] = app::TradesCsv(rep.result.run);
    out["fills_csv"] = app::FillsCsv(rep.result.run);
    out["equity_csv"] = app::EquityCsv(rep);
    out["tearsheet_html"] = app::TearsheetHtml(rep);
    return out;
  }, pyb::arg("db"), pyb::arg("symbols"), pyb::arg("strategy") = "sma-cross", pyb::arg("start") = std::nullopt,
     pyb::arg("end") = std::nullopt, pyb::arg("per_symbol") = false, pyb::arg("engine") = pyb::dict(),
     pyb::arg("fast") = 10, pyb::arg("slow") = 30, pyb::arg("benchmark") = "SPY", pyb::arg("record_trial") = true,
     pyb::arg("horizon") = 5, pyb::arg("lookback_days") = 730, pyb::arg("folds") = 12, pyb::arg("jobs") = 0,
     pyb::arg("progress") = std::nullopt);

  // ---- paper trading ----
  m.def("default_paper_config", [] { return ToPython(app::PaperConfig{}.ToJson()); });

  m.def("paper_init", [](const std::string& db, const std::string& name, const pyb::dict& config,
                         const std::optional<std::string>& as_of) {
    app::PaperInitRequest r;
    r.name = name;
    r.config = Unwrap(app::PaperConfig::FromJson(ToJson(config)));
    r.config.symbols = Symbols(r.config.symbols, "symbols");
    r.as_of = DateOf(as_of, "as_of");
    r.now = SystemClock().Now();
    auto status = Unwrap(WithStore(db, [&](store::Database& d) { return app::InitPaperAccount(d, r); }));
    return ToPython(status.ToJson());
  }, pyb::arg("db"), pyb::arg("name"), pyb::arg("config"), pyb::arg("as_of") = std::nullopt);

  m.def("paper_run", [](const std::string& db, const std::string& name, const std::optional<std::string>& as_of) {
    app::PaperRunRequest r;
    r.name = name;
    r.as_of = DateOf(as_of, "as_of");
    r.now = SystemClock().Now();
    auto report = Unwrap(WithStore(db, [&](store::Database& d) { return app::RunPaperAccount(d, r); }));
    pyb::list done;
    for (const auto& s : report.done) {
      pyb::dict d;
      d["date"] = FormatDate(s.day);
      d["fills"] = s.fills;
      d["equity"] = portfolio::MicrosToDollars(s.equity);
      done.append(d);
    }
    pyb::dict out;
    out["done"] = done;
    out["status"] = ToPython(report.status.ToJson());
    return out;
  }, pyb::arg("db"), pyb::arg("name"), pyb::arg("as_of") = std::nullopt);

  m.def("paper_status", [](const std::string& db, const std::string& name) {
    auto status = Unwrap(WithStore(db, [&](store::Database& d) { return app::PaperAccountStatus(d, name); }));
    return ToPython(status.ToJson());
  }, pyb::arg("db"), pyb::arg("name"));

  m.def("paper_fills_csv", [](const std::string& db, const std::string& name) {
    return Unwrap(WithStore(db, [&](store::Database& d) { return app::PaperFillsCsv(d, name); }));
  }, pyb::arg("db"), pyb::arg("name"));

  m.def("paper_equity_csv", [](const std::string& db, const std::string& name) {
    return Unwrap(WithStore(db, [&](store::Database& d) { return app::PaperEquityCsv(d, name); }));
  }, pyb::arg("db"), pyb::arg("name"));

  // ---- monitor ----
  m.def("monitor", [](const std::string& db, const std::string& model_dir, int horizon,
                      const std::optional<std::string>& as_of, int window, int max_age, double max_drawdown,
                      const std::string& equity_csv) {
    monitor::MonitorRequest request;
    request.horizon = horizon;
    request.model_dir = app::ResolveModelDir(model_dir);
    auto day = DateOf(as_of, "as_of");
    request.evaluation_day = day ? *day : NewYorkDay(SystemClock().Now());
    if (window < 5 || window > 2520) ThrowInvalid("window must be in 5..2520 sessions");
    if (max_age < 1) ThrowInvalid("max_age must be >= 1 session");
    if (!(max_drawdown > 0 && max_drawdown < 1)) ThrowInvalid("max_drawdown must be in (0, 1)");
    request.config.window_sessions = window;
    request.config.max_model_age_sessions = max_age;
    request.config.max_drawdown = max_drawdown;
    if (!equity_csv.empty()) {
      auto curve = monitor::ParseEquityCsv(equity_csv, "equity");
      if (!curve.ok()) Throw(Error{curve.error().message, ErrorCode::kInvalidInput});
      request.equity = std::move(curve).value();
    }
    auto report = Unwrap(WithStore(db, [&](store::Database& d) { return monitor::RunMonitor(d, request); }));
    return ToPython(report.ToJson());
  }, pyb::arg("db"), pyb::arg("model_dir"), pyb::arg("horizon") = 5, pyb::arg("as_of") = std::nullopt,
     pyb::arg("window") = 60, pyb::arg("max_age") = 60, pyb::arg("max_drawdown") = 0.20,
     pyb::arg("equity_csv") = "");

  m.def("log_model_training", [](const std::string& db, const std::string& name, const pyb::object& metrics) {
    if (name.empty()) ThrowInvalid("log_model_training: the model name is empty");
    const nlohmann::json j = ToJson(metrics);
    if (!j.is_object()) ThrowInvalid("log_model_training: metrics must be a dict");
    const std::int64_t now = SystemClock().Now();
    return Unwrap(WithStore(db, [&](store::Database& d) { return monitor::LogModelTraining(d, name, j, now); }));
  }, pyb::arg("db"), pyb::arg("name"), pyb::arg("metrics"));
}

}  // namespace qat::py
