#include "qat/app/paper.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include <fmt/format.h>

#include "app/backtest_signals.h"
#include "app/paper_state.h"
#include "qat/app/backtest.h"
#include "qat/backtest/strategies.h"
#include "qat/core/json.h"
#include "qat/core/sha256.h"
#include "qat/core/strings.h"
#include "qat/backtest/measures.h"
#include "qat/store/actions.h"
#include "qat/store/paper.h"

namespace qat::app {
namespace {

using backtest::EngineState;
using portfolio::Micros;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct LoadedAccount {
  store::PaperAccountRecord record;
  PaperConfig config;
  EngineState state;        // after the last session done (or at inception)
  std::int64_t sessions = 0;
  nlohmann::json splits = nlohmann::json::array();  // [symbol, ex-date, ratio] the state's prices know
  Micros peak = 0;            // the highest close equity so far (the initial cash counts)
  Micros slippage = 0;        // the cost model's slippage charged so far
};

// What the cost model's slippage and half-spread cost on these fills.
Micros SlippageOf(std::span<const backtest::Fill> fills, const backtest::FillCosts& costs) {
  const double bps = costs.slippage_bps + costs.half_spread_bps;
  Micros total = 0;
  for (const auto& f : fills) total += backtest::TradeValue(f.quantity, f.price * bps / 1e4);
  return total;
}

PaperSessionMetrics MetricsOf(const EngineState& state, Micros equity, Micros peak, std::int64_t fills,
                              Micros slippage) {
  PaperSessionMetrics m;
  m.equity = equity;
  m.peak = std::max(peak, equity);
  m.drawdown = m.peak > 0 ? 1 - static_cast<double>(equity) / static_cast<double>(m.peak) : 0;
  m.fills = fills;
  for (const auto& t : state.account.trades()) {
    ++m.closed_trades;
    m.wins += t.pnl > 0;
  }
  m.fees = state.account.fees();
  m.slippage = slippage;
  m.entries_pending = static_cast<std::int64_t>(state.pending.size());
  return m;
}

// The last close of symbol i on or before `day`, or NaN.
double CloseOn(const data::BarSeries& s, Days day) {
  double close = kNaN;
  for (std::size_t k = 0; k < s.size() && s.DayAt(k) <= day; ++k) close = s.close[k];
  return close;
}

// The splits stored for the account's symbols, as [symbol, ex-date, ratio].
Result<nlohmann::json> StoredSplits(store::Database& db, const std::vector<std::string>& symbols) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& symbol : symbols) {
    QAT_ASSIGN_OR_RETURN(auto actions, store::LoadActions(db, symbol));
    for (const auto& a : actions) {
      if (a.type == data::ActionType::kSplit) out.push_back({symbol, FormatDate(a.date), a.value});
    }
  }
  return out;
}

// The state as stored: the engine's, and the splits its prices are adjusted for.
std::string StoredState(const EngineState& state, const std::vector<std::string>& symbols, const nlohmann::json& splits) {
  nlohmann::json j = EngineStateToJson(state, symbols);
  j["splits"] = splits;
  return j.dump();
}


Result<LoadedAccount> LoadAccount(store::Database& db, const std::string& name) {
  QAT_ASSIGN_OR_RETURN(auto record, store::LoadPaperAccount(db, name));
  if (!record) return Fail(ErrorCode::kNotFound, "no paper account '{}' (create it with 'qtrader paper init')", name);
  LoadedAccount a{*record, {}, {}, 0};
  QAT_ASSIGN_OR_RETURN(a.config, PaperConfig::FromJson(nlohmann::json::parse(record->config_json, nullptr, false)));
  QAT_ASSIGN_OR_RETURN(auto sessions, store::LoadPaperSessions(db, name));
  a.sessions = static_cast<std::int64_t>(sessions.size());
  a.peak = a.config.engine.initial_cash;
  for (const auto& s : sessions) a.peak = std::max(a.peak, s.equity);
  const std::string& text = sessions.empty() ? record->state_json : sessions.back().state_json;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return Fail(ErrorCode::kCorrupt, "paper account '{}': its stored state is not JSON", name);
  QAT_ASSIGN_OR_RETURN(a.state, EngineStateFromJson(json, a.config.symbols));
  if (json.contains("splits")) a.splits = json["splits"];
  a.slippage = SlippageOf(a.state.account.fills(), a.config.engine.costs);
  return a;
}

// The account's strategy for the sessions first..last (a new object for each session, as the
// engine resumes one session at a time).
Result<std::function<std::unique_ptr<backtest::Strategy>()>> StrategyFor(store::Database& db, const PaperConfig& c,
                                                                          Days first, Days last) {
  if (c.strategy != "signals") {
    return std::function<std::unique_ptr<backtest::Strategy>()>(
        [c] { return MakeBarStrategy(c.strategy, c.fast, c.slow); });
  }
  QAT_ASSIGN_OR_RETURN(auto setup, PreparePublishedSignalsStrategy(db, c.symbols, c.model_dir, c.horizon,
                                                                   c.engine.risk.allow_short, first, last));
  return setup.make;
}

std::vector<BrokerOrder> OrdersOf(const EngineState& state, const PaperConfig& config,
                                  const std::vector<data::BarSeries>& daily) {
  std::vector<BrokerOrder> orders;
  const auto& symbols = config.symbols;
  const auto& risk = config.engine.risk;
  for (const auto& exit : state.exits) {
    const auto* p = state.account.PositionIn(exit.symbol);
    if (p == nullptr) continue;
    orders.push_back({symbols[exit.symbol], p->shares > 0 ? "SELL" : "BUY", "MOO", "OPG",
                      std::string("exit: ") + std::string(exit.reason), std::llabs(p->shares), 0, 0});
  }
  for (const auto& pending : state.pending) {
    const auto& o = pending.order;
    const double close = CloseOn(daily[o.symbol], state.decided);
    const double fraction = std::min(o.fraction, risk.max_position_fraction);
    const double budget = std::min(fraction * portfolio::MicrosToDollars(state.equity),
                                   portfolio::MicrosToDollars(state.account.cash()) -
                                       risk.cash_buffer_fraction * portfolio::MicrosToDollars(state.equity));
    const double per_share = close * (1 + (config.engine.costs.slippage_bps + config.engine.costs.half_spread_bps) / 1e4);
    const auto estimate = per_share > 0 && budget > 0 ? static_cast<std::int64_t>(std::floor(budget / per_share)) : 0;
    BrokerOrder b{symbols[o.symbol], o.side == backtest::PositionSide::kLong ? "BUY" : "SELL", "MOO", "OPG",
                  fmt::format("entry ({}); quantity estimated at the last close {:.2f}, sized at the open", o.reason, close),
                  estimate, 0, 0};
    if (o.type == backtest::EntryType::kLimit) {
      b.type = "LMT";
      b.limit = o.trigger;
      b.time_in_force = "DAY";
    } else if (o.type == backtest::EntryType::kStop) {
      b.type = "STP";
      b.stop = o.trigger;
      b.time_in_force = "DAY";
    }
    orders.push_back(b);
    if (!std::isnan(o.stop)) {
      orders.push_back({b.symbol, b.side == "BUY" ? "SELL" : "BUY", "STP", "GTC", "stop of the entry above, once filled",
                        estimate, 0, o.stop});
    }
    if (!std::isnan(o.target)) {
      orders.push_back({b.symbol, b.side == "BUY" ? "SELL" : "BUY", "LMT", "GTC",
                        "target of the entry above, once filled (one cancels the other)", estimate, o.target, 0});
    }
  }
  for (const auto& p : state.account.positions()) {
    const std::string side = p.shares > 0 ? "SELL" : "BUY";
    if (!std::isnan(p.bracket.stop)) {
      orders.push_back({symbols[p.symbol], side, "STP", "GTC", "standing stop", std::llabs(p.shares), 0, p.bracket.stop});
    }
    if (!std::isnan(p.bracket.target)) {
      orders.push_back({symbols[p.symbol], side, "LMT", "GTC", "standing target (one cancels the other)",
                        std::llabs(p.shares), p.bracket.target, 0});
    }
  }
  return orders;
}

// `equity`: at the last close done (the initial cash before the first session).
Result<PaperStatus> StatusOf(const LoadedAccount& a, const std::vector<data::BarSeries>& daily, Micros equity) {
  PaperStatus s;
  s.name = a.record.name;
  s.config = a.config;
  s.inception = a.record.inception;
  s.last_done = a.state.decided;
  s.sessions = a.sessions;
  s.cash = a.state.account.cash();
  s.equity = equity;
  s.fees = a.state.account.fees();
  for (const auto& p : a.state.account.positions()) {
    const data::BarSeries& bars = daily[p.symbol];
    const double close = CloseOn(bars, a.state.decided);
    std::int64_t held = 0;
    for (std::size_t k = 0; k < bars.size() && bars.DayAt(k) <= a.state.decided; ++k) held += bars.DayAt(k) > p.entry_day;
    const Micros value = backtest::TradeValue(p.shares, close) - backtest::TradeValue(p.shares, p.entry_price);
    s.positions.push_back({a.config.symbols[p.symbol], p.shares, p.entry_price, p.bracket.stop, p.bracket.target, close,
                           p.entry_day, held, value - p.entry_commission});
  }
  s.orders = OrdersOf(a.state, a.config, daily);
  s.buy_and_hold_equity = a.config.engine.initial_cash;
  if (a.state.decided > a.record.inception) {
    QAT_ASSIGN_OR_RETURN(auto hold, backtest::RunBuyAndHold({daily, {}, a.record.inception + 1, a.state.decided}, false,
                                                     a.config.engine));
    s.buy_and_hold_equity = hold.equity.back();
  }
  return s;
}

std::string Describe(const backtest::Fill& f, const std::vector<std::string>& symbols) {
  return fmt::format("{} {} {} at {:.4f} ({})", f.buy ? "BUY" : "SELL", f.quantity, symbols[f.symbol], f.price, f.reason);
}

}  // namespace

nlohmann::json PaperConfig::ToJson() const {
  nlohmann::json j = EngineConfigToJson(engine);
  j["strategy"] = strategy;
  j["symbols"] = symbols;
  j["sma"] = {{"fast", fast}, {"slow", slow}};
  if (strategy == "signals") j["model_set"] = {{"dir", model_dir.string()}, {"horizon", horizon}};
  return j;
}

Result<PaperConfig> PaperConfig::FromJson(const nlohmann::json& j) {
  if (!j.is_object()) return Fail(ErrorCode::kCorrupt, "paper configuration: not a JSON object");
  PaperConfig c;
  QAT_ASSIGN_OR_RETURN(c.engine, EngineConfigFromJson(j));
  try {
    c.strategy = j.at("strategy").get<std::string>();
    c.symbols = j.at("symbols").get<std::vector<std::string>>();
    c.fast = j.at("sma").at("fast").get<int>();
    c.slow = j.at("sma").at("slow").get<int>();
    if (c.strategy == "signals") {
      c.model_dir = j.at("model_set").at("dir").get<std::string>();
      c.horizon = j.at("model_set").at("horizon").get<int>();
    }
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kCorrupt, "paper configuration: {}", e.what());
  }
  return c;
}

Result<PaperStatus> InitPaperAccount(store::Database& db, const PaperInitRequest& r) {
  if (r.name.empty() || r.name.size() > 64 || r.name.find_first_of(" \t\r\n,") != std::string::npos) {
    return Fail(ErrorCode::kInvalidInput, "paper account name {} must be 1-64 characters without spaces or commas",
                Excerpt(r.name));
  }
  if (r.config.strategy != "signals" && MakeBarStrategy(r.config.strategy, r.config.fast, r.config.slow) == nullptr) {
    return Fail(ErrorCode::kInvalidInput, "paper: strategy {} is not available (sma-cross, buy-and-hold, signals)",
                Excerpt(r.config.strategy));
  }
  if (r.config.strategy == "signals" && r.config.model_dir.empty()) {
    return Fail(ErrorCode::kInvalidInput, "paper: the signals strategy trades a published model set: give its --model-dir");
  }
  if (r.config.symbols.empty()) return Fail(ErrorCode::kInvalidInput, "paper: no symbols given");
  QAT_ASSIGN_OR_RETURN(auto existing, store::LoadPaperAccount(db, r.name));
  if (existing) return Fail(ErrorCode::kInvalidInput, "paper account '{}' exists already", r.name);
  PaperConfig config = r.config;
  if (config.strategy == "buy-and-hold") {
    // As `backtest --strategy buy-and-hold`: an equal share of everything in every symbol.
    config.engine.risk.max_positions = static_cast<int>(config.symbols.size());
    config.engine.risk.max_position_fraction = 1;
  }
  QAT_ASSIGN_OR_RETURN(BacktestBars bars, LoadBacktestBars(db, config.symbols));
  Days last = 0;
  for (const auto& s : bars.daily) last = std::max(last, s.DayAt(s.size() - 1));
  const Days inception = r.as_of.value_or(last);
  if (config.strategy == "signals") config.model_dir = std::filesystem::absolute(config.model_dir);
  QAT_ASSIGN_OR_RETURN(auto make, StrategyFor(db, config, inception, inception));
  auto strategy = make();
  QAT_ASSIGN_OR_RETURN(EngineState state, backtest::OpenAccount(bars.daily, inception, *strategy, config.engine));
  QAT_ASSIGN_OR_RETURN(auto splits, StoredSplits(db, config.symbols));
  store::PaperAccountRecord record{r.name, r.now, config.ToJson().dump(), state.decided,
                                   StoredState(state, config.symbols, splits)};
  QAT_RETURN_IF_ERROR(store::CreatePaperAccount(db, record));
  LoadedAccount a{record, config, std::move(state), 0};
  return StatusOf(a, bars.daily, a.config.engine.initial_cash);
}

Result<PaperRunReport> RunPaperAccount(store::Database& db, const PaperRunRequest& r,
                                       const std::function<void(const PaperSessionDone&)>& progress) {
  QAT_ASSIGN_OR_RETURN(LoadedAccount a, LoadAccount(db, r.name));
  QAT_ASSIGN_OR_RETURN(BacktestBars bars, LoadBacktestBars(db, a.config.symbols));
  Days last = 0;
  for (const auto& s : bars.daily) last = std::max(last, s.DayAt(s.size() - 1));
  const Days until = r.as_of.value_or(last);
  // The sessions to do: every day after the last decision on which a symbol trades, in order.
  std::vector<Days> days;
  for (const auto& s : bars.daily) {
    for (std::size_t k = 0; k < s.size(); ++k) {
      const Days d = s.DayAt(k);
      if (d > a.state.decided && d <= until) days.push_back(d);
    }
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  PaperRunReport report;
  QAT_ASSIGN_OR_RETURN(auto splits, StoredSplits(db, a.config.symbols));
  const std::vector<std::string> applied = ApplyNewSplits(a.state, a.config.symbols, a.splits, splits, bars.daily);
  Micros equity = a.state.equity;
  std::function<std::unique_ptr<backtest::Strategy>()> make;
  if (!days.empty()) {
    auto made = StrategyFor(db, a.config, days.front(), days.back());
    if (!made.ok()) return made.error().WithContext(fmt::format("paper account '{}'", r.name));
    make = std::move(*made);
  }
  for (Days day : days) {
    auto strategy = make();
    const std::size_t fills_before = a.state.account.fills().size();
    auto resumed = backtest::ResumeEngine({bars.daily, bars.finer, day, day}, *strategy, a.config.engine, a.state);
    if (!resumed.ok()) return resumed.error().WithContext(fmt::format("paper account '{}', session {}", r.name, FormatDate(day)));
    const auto& state = resumed->state;
    std::vector<store::PaperFillRecord> fills;
    PaperSessionDone done{day, {}, resumed->run.equity.back()};
    if (report.done.empty()) done.fills = applied;  // the splits, reported with the first session
    for (std::size_t k = fills_before; k < state.account.fills().size(); ++k) {
      const auto& f = state.account.fills()[k];
      fills.push_back({f.day, a.config.symbols[f.symbol], f.buy ? "BUY" : "SELL", f.quantity, f.price, f.commission,
                       std::string(f.reason)});
      done.fills.push_back(Describe(f, a.config.symbols));
    }
    const auto new_fills = std::span(state.account.fills()).subspan(fills_before);
    a.slippage += SlippageOf(new_fills, a.config.engine.costs);
    const PaperSessionMetrics metrics = MetricsOf(state, resumed->run.equity.back(), a.peak,
                                                  static_cast<std::int64_t>(new_fills.size()), a.slippage);
    a.peak = metrics.peak;
    store::PaperSessionRecord session{day, resumed->run.equity.back(), state.account.cash(), resumed->run.invested.back(),
                                      StoredState(state, a.config.symbols, splits), r.now, metrics.ToJson().dump()};
    QAT_RETURN_IF_ERROR(store::RecordPaperSession(db, r.name, session, fills));
    a.state = std::move(resumed->state);
    ++a.sessions;
    equity = done.equity;
    if (progress) progress(done);
    report.done.push_back(std::move(done));
  }
  QAT_ASSIGN_OR_RETURN(report.status, StatusOf(a, bars.daily, equity));
  return report;
}

Result<PaperConfig> PaperAccountConfig(store::Database& db, const std::string& name) {
  QAT_ASSIGN_OR_RETURN(auto record, store::LoadPaperAccount(db, name));
  if (!record) return Fail(ErrorCode::kNotFound, "no paper account '{}' (create it with 'qtrader paper init')", name);
  return PaperConfig::FromJson(nlohmann::json::parse(record->config_json, nullptr, false));
}

Result<PaperStatus> PaperAccountStatus(store::Database& db, const std::string& name) {
  QAT_ASSIGN_OR_RETURN(LoadedAccount a, LoadAccount(db, name));
  QAT_ASSIGN_OR_RETURN(BacktestBars bars, LoadBacktestBars(db, a.config.symbols));
  return StatusOf(a, bars.daily, a.state.equity);
}

Result<std::string> PaperFillsCsv(store::Database& db, const std::string& name) {
  QAT_ASSIGN_OR_RETURN(LoadedAccount a, LoadAccount(db, name));
  backtest::RunResult run;
  run.symbols = a.config.symbols;
  run.fills = a.state.account.fills();
  return FillsCsv(run);
}

Result<std::string> PaperEquityCsv(store::Database& db, const std::string& name) {
  QAT_ASSIGN_OR_RETURN(auto record, store::LoadPaperAccount(db, name));
  if (!record) return Fail(ErrorCode::kNotFound, "no paper account '{}' (create it with 'qtrader paper init')", name);
  QAT_ASSIGN_OR_RETURN(auto sessions, store::LoadPaperSessions(db, name));
  std::string out = "date,equity,cash,invested\n";
  for (const auto& s : sessions) {
    out += fmt::format("{},{},{},{}\n", FormatDate(s.day), portfolio::FormatMicros(s.equity),
                       portfolio::FormatMicros(s.cash), portfolio::FormatMicros(s.invested));
  }
  return out;
}

Result<std::string> PaperReportHtml(store::Database& db, const std::string& name) {
  QAT_ASSIGN_OR_RETURN(LoadedAccount a, LoadAccount(db, name));
  QAT_ASSIGN_OR_RETURN(auto sessions, store::LoadPaperSessions(db, name));
  if (sessions.empty()) {
    return Fail(ErrorCode::kInvalidInput, "paper account '{}' has no session yet (run 'qtrader paper run')", name);
  }
  QAT_ASSIGN_OR_RETURN(BacktestBars bars, LoadBacktestBars(db, a.config.symbols));
  BacktestReport report;
  report.strategy = a.config.strategy + " (paper)";
  report.symbols = a.config.symbols;
  report.start = sessions.front().day;
  report.end = sessions.back().day;
  backtest::RunResult& run = report.result.run;
  run.symbols = a.config.symbols;
  run.initial_cash = a.config.engine.initial_cash;
  for (const auto& s : sessions) {
    run.sessions.push_back(s.day);
    run.equity.push_back(s.equity);
    run.invested.push_back(s.invested);
  }
  run.fills = a.state.account.fills();
  run.trades = a.state.account.trades();
  std::vector<double> last_close(run.symbols.size());
  std::vector<std::size_t> seen(run.symbols.size(), 0);
  for (std::size_t i = 0; i < run.symbols.size(); ++i) {
    last_close[i] = CloseOn(bars.daily[i], report.end);
    for (std::size_t k = 0; k < bars.daily[i].size() && bars.daily[i].DayAt(k) <= report.end; ++k) seen[i] = k + 1;
  }
  backtest::Account located = a.state.account;
  located.LocateEntryBars(bars.daily);
  for (const auto& t : located.OpenTrades(last_close, seen)) run.trades.push_back(t);
  run.fees = a.state.account.fees();
  run.counts = a.state.counts;
  report.result.name = report.strategy;
  report.result.measures = backtest::ComputeMeasures(run, {}, {});
  QAT_ASSIGN_OR_RETURN(report.buy_and_hold.run,
                       backtest::RunBuyAndHold({bars.daily, {}, report.start, report.end}, false, a.config.engine));
  report.buy_and_hold.name = "buy-and-hold, equal weight";
  report.buy_and_hold.measures = backtest::ComputeMeasures(report.buy_and_hold.run, {}, {});
  report.config = a.config.ToJson();
  report.config["per_symbol"] = false;
  report.order_hash = Sha256Hex(FillsCsv(run));
  report.manifest = {{"account", name},
                     {"config", report.config},
                     {"inception", FormatDate(a.record.inception)},
                     {"sessions", sessions.size()}};
  return TearsheetHtml(report);
}

nlohmann::json PaperSessionMetrics::ToJson() const {
  return {{"equity", portfolio::MicrosToDollars(equity)}, {"peak", portfolio::MicrosToDollars(peak)},
          {"drawdown", drawdown},  {"fills", fills},
          {"closed_trades", closed_trades}, {"wins", wins},
          {"fees", portfolio::MicrosToDollars(fees)}, {"slippage", portfolio::MicrosToDollars(slippage)},
          {"entries_pending", entries_pending}};
}

Result<PaperSessionMetrics> PaperSessionMetrics::FromJson(const nlohmann::json& j) {
  PaperSessionMetrics m;
  if (!j.is_object()) return Fail(ErrorCode::kCorrupt, "paper session metrics: not a JSON object");
  if (j.empty()) return m;
  try {
    m.equity = portfolio::ToMicros(j.at("equity").get<double>());
    m.peak = portfolio::ToMicros(j.at("peak").get<double>());
    m.drawdown = j.at("drawdown").get<double>();
    m.fills = j.at("fills").get<std::int64_t>();
    m.closed_trades = j.at("closed_trades").get<std::int64_t>();
    m.wins = j.at("wins").get<std::int64_t>();
    m.fees = portfolio::ToMicros(j.at("fees").get<double>());
    m.slippage = portfolio::ToMicros(j.at("slippage").get<double>());
    m.entries_pending = j.at("entries_pending").get<std::int64_t>();
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kCorrupt, "paper session metrics: {}", e.what());
  }
  return m;
}

std::string BrokerOrdersCsv(const std::vector<BrokerOrder>& orders) {
  std::string out = "symbol,side,quantity,type,limit,stop,time_in_force,note\n";
  for (const auto& o : orders) {
    out += fmt::format("{},{},{},{},{},{},{},\"{}\"\n", o.symbol, o.side, o.quantity, o.type,
                       o.limit > 0 ? fmt::format("{:.2f}", o.limit) : "", o.stop > 0 ? fmt::format("{:.2f}", o.stop) : "",
                       o.time_in_force, o.note);
  }
  return out;
}

nlohmann::json PaperStatus::ToJson() const {
  nlohmann::json positions_json = nlohmann::json::array(), orders_json = nlohmann::json::array();
  for (const auto& p : positions) {
    positions_json.push_back({{"symbol", p.symbol}, {"shares", p.shares}, {"entry_price", p.entry_price},
                              {"entry_day", FormatDate(p.entry_day)}, {"stop", JsonNumber(p.stop)},
                              {"target", JsonNumber(p.target)}, {"last_close", JsonNumber(p.last_close)},
                              {"sessions_held", p.sessions_held},
                              {"unrealised", portfolio::MicrosToDollars(p.unrealised)}});
  }
  for (const auto& o : orders) {
    orders_json.push_back({{"symbol", o.symbol}, {"side", o.side}, {"quantity", o.quantity}, {"type", o.type},
                           {"limit", o.limit > 0 ? nlohmann::json(o.limit) : nlohmann::json(nullptr)},
                           {"stop", o.stop > 0 ? nlohmann::json(o.stop) : nlohmann::json(nullptr)},
                           {"time_in_force", o.time_in_force}, {"note", o.note}});
  }
  return {{"account", name},
          {"config", config.ToJson()},
          {"inception", FormatDate(inception)},
          {"last_done", FormatDate(last_done)},
          {"sessions", sessions},
          {"cash", portfolio::MicrosToDollars(cash)},
          {"equity", portfolio::MicrosToDollars(equity)},
          {"fees", portfolio::MicrosToDollars(fees)},
          {"buy_and_hold_equity", portfolio::MicrosToDollars(buy_and_hold_equity)},
          {"positions", positions_json},
          {"orders", orders_json}};
}

}  // namespace qat::app
