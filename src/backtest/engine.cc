#include "qat/backtest/engine.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace qat::backtest {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kDollarVolumeBars = 20;
constexpr Days kNoDay = std::numeric_limits<Days>::max();

// The session date of bar k of a daily series (DayAt without its interval test).
Days DayOf(const data::BarSeries& s, std::size_t k) { return static_cast<Days>(s.start[k] / kSecondsPerDay); }

using Pending = PendingEntry;

// The largest whole number of shares whose value and commission at `price` fit in `budget`.
std::int64_t AffordableShares(Micros budget, double price, const FillCosts& c) {
  if (budget <= 0 || !(price > 0)) return 0;
  const double fixed = portfolio::ToDollars(std::max(c.commission_per_order, c.commission_minimum));
  const double per_share = price * (1.0 + c.commission_percent / 100.0) + c.commission_per_share;
  const double guess = std::floor((portfolio::MicrosToDollars(budget) - (c.commission_percent > 0 || c.commission_per_share > 0
                                                                       ? 0.0
                                                                       : fixed)) /
                                  per_share);
  if (!(guess > 0)) return 0;
  auto n = static_cast<std::int64_t>(std::min(guess, 1e15));
  while (n > 0 && TradeValue(n, price) + Commission(c, n, price) > budget) --n;
  return n;
}

Status CheckConfig(const Feed& feed, const EngineConfig& c) {
  if (feed.daily.empty()) return Fail(ErrorCode::kInvalidInput, "backtest: no symbols");
  if (!feed.finer.empty() && feed.finer.size() != feed.daily.size()) {
    return Fail(ErrorCode::kInvalidInput, "backtest: {} finer series for {} symbols", feed.finer.size(), feed.daily.size());
  }
  for (const auto& s : feed.daily) {
    if (s.interval != data::Interval::k1d) return Fail(ErrorCode::kInvalidInput, "backtest: {} is not daily", s.symbol);
  }
  const RiskLimits& r = c.risk;
  if (c.initial_cash <= 0 || r.max_positions < 1 || !(r.max_position_fraction > 0 && r.max_position_fraction <= 1) ||
      !(r.cash_buffer_fraction >= 0 && r.cash_buffer_fraction < 1) || !(r.borrow_bps_per_year >= 0) ||
      !(r.min_price >= 0) || !(r.min_dollar_volume >= 0)) {
    return Fail(ErrorCode::kInvalidInput,
                "backtest: invalid limits (cash {}, positions {}, fraction {}, buffer {}, borrow {} bps, min price {}, "
                "min dollar volume {})",
                portfolio::FormatMicros(c.initial_cash), r.max_positions, r.max_position_fraction,
                r.cash_buffer_fraction, r.borrow_bps_per_year, r.min_price, r.min_dollar_volume);
  }
  const FillCosts& f = c.costs;
  if (f.commission_per_order < 0 || !(f.commission_per_share >= 0) || f.commission_minimum < 0 ||
      !(f.commission_percent >= 0) || !(f.slippage_bps >= 0) || !(f.half_spread_bps >= 0)) {
    return Fail(ErrorCode::kInvalidInput, "backtest: costs must not be negative");
  }
  return Ok();
}

class Engine {
 public:
  Engine(const Feed& feed, const EngineConfig& config)
      : feed_(feed),
        c_(config),
        n_(feed.daily.size()),
        account_(config.initial_cash, n_),
        cursor_(n_, 0),
        last_close_(n_, kNaN),
        last_day_(n_, 0),
        next_day_(n_, kNoDay),
        exit_reason_(n_),
        pending_entry_(n_, false),
        entered_intrabar_(n_, false),
        view_(feed.daily, cursor_, last_day_),
        equity_(config.initial_cash) {}

  // Takes over a stored state: its account, orders and counts.
  Status Restore(EngineState state) {
    account_ = std::move(state.account);
    if (!account_.LocateEntryBars(feed_.daily)) {
      return Fail(ErrorCode::kCorrupt, "backtest: a position's entry day is not among its symbol's bars");
    }
    for (const Pending& p : state.pending) {
      if (p.order.symbol >= n_) return Fail(ErrorCode::kCorrupt, "backtest: a pending entry for symbol {} of {}", p.order.symbol, n_);
      pending_entry_[p.order.symbol] = true;
    }
    pending_ = std::move(state.pending);
    for (const ExitOrder& e : state.exits) {
      if (e.symbol >= n_) return Fail(ErrorCode::kCorrupt, "backtest: an exit for symbol {} of {}", e.symbol, n_);
      exit_reason_[e.symbol] = e.reason;
    }
    counts_ = state.counts;
    decided_ = state.decided;
    equity_ = state.equity;
    return Ok();
  }

  EngineState State() const {
    EngineState s;
    s.account = account_;
    s.pending = pending_;
    for (std::size_t i = 0; i < n_; ++i) {
      if (!exit_reason_[i].empty()) s.exits.push_back({i, exit_reason_[i]});
    }
    s.counts = counts_;
    s.decided = decided_;
    s.equity = equity_;
    return s;
  }

  // The decision at the close of the last bar on or before `day` of any symbol, on the bars up
  // to it; false when there is none.
  Result<bool> DecideAtHistoryClose(Strategy& strategy) {
    Days history_day = 0;
    Timestamp history_close = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      if (cursor_[i] > 0 && last_day_[i] > history_day) {
        history_day = last_day_[i];
        history_close = feed_.daily[i].available[cursor_[i] - 1];
      }
    }
    if (history_day == 0) return false;
    QAT_RETURN_IF_ERROR(Decide(history_day, history_close, strategy));
    return true;
  }

  // Positions the feed at its start: what Run and OpenAccount need first.
  void Prepare() { BuildSessions(); }

  // Every session of the feed (after the decision before it, when `decide_first`).
  Result<RunResult> Run(Strategy& strategy, bool decide_first) {
    RunResult out;
    if (sessions_.empty()) {
      return Fail(ErrorCode::kInvalidInput, "backtest: no bars between {} and {}", FormatDate(feed_.start),
                  FormatDate(feed_.end));
    }
    if (decide_first) {
      equity_ = c_.initial_cash;
      // A decision at the close before the first session (on the history shown) fills at its open.
      QAT_RETURN_IF_ERROR(DecideAtHistoryClose(strategy));
    } else if (sessions_.front() <= decided_) {
      return Fail(ErrorCode::kInvalidInput, "backtest: session {} is not after the last decision ({})",
                  FormatDate(sessions_.front()), FormatDate(decided_));
    }
    out.sessions = sessions_;
    out.equity.resize(sessions_.size());
    out.invested.resize(sessions_.size());
    for (std::size_t k = 0; k < sessions_.size(); ++k) {
      QAT_RETURN_IF_ERROR(Session(sessions_[k], strategy));
      out.equity[k] = equity_;
      out.invested[k] = invested_;
    }
    for (const auto& s : feed_.daily) out.symbols.push_back(s.symbol);
    out.initial_cash = c_.initial_cash;
    out.fills = account_.fills();
    out.trades = account_.trades();
    for (Trade& t : account_.OpenTrades(last_close_, cursor_)) out.trades.push_back(t);
    out.fees = account_.fees();
    out.counts = counts_;
    return out;
  }

 private:
  // The sessions in [start, end] (the union of the symbols' days); each cursor at the symbol's
  // first bar on or after start, the bars before it history.
  void BuildSessions() {
    for (std::size_t i = 0; i < n_; ++i) {
      const data::BarSeries& s = feed_.daily[i];
      std::size_t k = 0;
      while (k < s.size() && DayOf(s, k) < feed_.start) ++k;
      cursor_[i] = k;
      next_day_[i] = k < s.size() ? DayOf(s, k) : kNoDay;
      if (k > 0) {
        last_close_[i] = s.close[k - 1];
        last_day_[i] = DayOf(s, k - 1);
      }
      for (; k < s.size() && DayOf(s, k) <= feed_.end; ++k) sessions_.push_back(DayOf(s, k));
    }
    if (!std::is_sorted(sessions_.begin(), sessions_.end())) std::sort(sessions_.begin(), sessions_.end());
    sessions_.erase(std::unique(sessions_.begin(), sessions_.end()), sessions_.end());
  }

  Status Session(Days day, Strategy& strategy) {
    today_.resize(n_);
    std::size_t trading = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      today_[trading] = i;
      trading += next_day_[i] == day;
    }
    today_.resize(trading);
    // An exit order is only queued for a held symbol, and is consumed at its next bar, before
    // anything can close the position: with no position, there is no exit to make.
    if (!account_.positions().empty()) {
      for (std::size_t i : today_) QAT_RETURN_IF_ERROR(ExitsAtOpen(i, day));
    }
    if (!pending_.empty()) QAT_RETURN_IF_ERROR(Entries(day));
    if (!account_.positions().empty()) {
      for (std::size_t i : today_) QAT_RETURN_IF_ERROR(Brackets(i, day));
    }
    Timestamp close = 0;
    for (std::size_t i : today_) {
      const data::BarSeries& s = feed_.daily[i];
      last_close_[i] = s.close[cursor_[i]];
      last_day_[i] = day;
      close = std::max(close, s.available[cursor_[i]]);
      entered_intrabar_[i] = false;
      ++cursor_[i];
      next_day_[i] = cursor_[i] < s.size() ? DayOf(s, cursor_[i]) : kNoDay;
    }
    if (account_.positions().empty()) {
      equity_ = account_.cash();
      invested_ = 0;
    } else {
      ChargeBorrow();
      const Account::Valuation value = account_.Value(last_close_);
      equity_ = value.equity;
      invested_ = value.invested;
    }
    return Decide(day, close, strategy);
  }

  double Exit(const Position& p, double reference) const {
    return p.shares > 0 ? SellPrice(reference, c_.costs) : BuyPrice(reference, c_.costs);
  }

  Status ExitsAtOpen(std::size_t i, Days day) {
    const Position* p = account_.PositionIn(i);
    const std::string_view reason = exit_reason_[i];
    exit_reason_[i] = {};
    if (p == nullptr) return Ok();
    const std::size_t bar = cursor_[i];
    const double open = feed_.daily[i].open[bar];
    if (!reason.empty()) return Close(*p, Exit(*p, open), day, bar, reason);
    if (p->max_bars > 0 && bar - p->entry_bar >= static_cast<std::size_t>(p->max_bars)) {
      return Close(*p, Exit(*p, open), day, bar, "time");
    }
    return Ok();
  }

  Status Close(const Position& p, double price, Days day, std::size_t bar, std::string_view reason) {
    return account_.Close(p.symbol, price, Commission(c_.costs, std::llabs(p.shares), price), day, bar, reason);
  }

  // The price at which an entry fills during bar `bar`, before slippage; NaN when not reached.
  static double EntryPrice(const EntryOrder& o, const data::BarSeries& s, std::size_t bar) {
    const double open = s.open[bar];
    if (o.type == EntryType::kMarketOnOpen) return open;
    const bool buy = o.side == PositionSide::kLong;
    // A limit buys at or below its price, a stop at or above (sells mirror it).
    const bool below = (o.type == EntryType::kLimit) == buy;
    if (below) {
      if (open <= o.trigger) return open;
      return s.low[bar] <= o.trigger ? o.trigger : kNaN;
    }
    if (open >= o.trigger) return open;
    return s.high[bar] >= o.trigger ? o.trigger : kNaN;
  }

  Status Entries(Days day) {
    if (pending_.empty()) return Ok();
    std::size_t kept = 0;
    for (std::size_t k = 0; k < pending_.size(); ++k) {
      Pending& p = pending_[k];
      const std::size_t i = p.order.symbol;
      if (next_day_[i] != day) {
        pending_[kept++] = p;  // the symbol does not trade today: the order waits for its next bar
        continue;
      }
      QAT_ASSIGN_OR_RETURN(bool done, TryEntry(p.order, day));
      if (!done && --p.bars_left > 0) {
        pending_[kept++] = p;
        continue;
      }
      if (!done) ++counts_.expired_entries;
      pending_entry_[i] = false;
    }
    pending_.resize(kept);
    return Ok();
  }

  // Whether the order is finished today (filled or refused); false while a trigger is not reached.
  Result<bool> TryEntry(const EntryOrder& o, Days day) {
    const std::size_t i = o.symbol;
    const data::BarSeries& s = feed_.daily[i];
    const std::size_t bar = cursor_[i];
    if (account_.PositionIn(i) != nullptr) {
      ++counts_.refused_held;
      return true;
    }
    const double reference = EntryPrice(o, s, bar);
    if (std::isnan(reference)) return false;
    if (static_cast<int>(account_.positions().size()) >= c_.risk.max_positions) {
      ++counts_.refused_slots;
      return true;
    }
    const bool is_long = o.side == PositionSide::kLong;
    const Bracket bracket{o.side, o.stop, o.target};
    if ((!std::isnan(o.stop) && (is_long ? reference <= o.stop : reference >= o.stop)) ||
        (!std::isnan(o.target) && (is_long ? reference >= o.target : reference <= o.target))) {
      ++counts_.entries_past_level;
      return true;
    }
    const double price = is_long ? BuyPrice(reference, c_.costs) : SellPrice(reference, c_.costs);
    const double fraction = std::min(o.fraction, c_.risk.max_position_fraction);
    const double equity = static_cast<double>(equity_);
    Micros budget = static_cast<Micros>(std::floor(fraction * equity));
    const Micros buffer = static_cast<Micros>(std::ceil(c_.risk.cash_buffer_fraction * equity));
    if (is_long) budget = std::min(budget, account_.cash() - buffer);
    const std::int64_t shares = AffordableShares(budget, price, c_.costs);
    if (shares <= 0) {
      ++counts_.zero_share_skips;
      return true;
    }
    Position p;
    p.symbol = i;
    p.shares = is_long ? shares : -shares;
    p.entry_price = price;
    p.entry_day = day;
    p.entry_bar = bar;
    p.bracket = bracket;
    p.max_bars = o.max_bars;
    p.entry_reason = o.reason;
    QAT_RETURN_IF_ERROR(account_.Open(p, Commission(c_.costs, shares, price)));
    entered_intrabar_[i] = o.type != EntryType::kMarketOnOpen;
    return true;
  }

  Status Brackets(std::size_t i, Days day) {
    const Position* p = account_.PositionIn(i);
    if (p == nullptr || entered_intrabar_[i]) return Ok();
    if (std::isnan(p->bracket.stop) && std::isnan(p->bracket.target)) return Ok();
    const data::BarSeries& s = feed_.daily[i];
    const std::size_t bar = cursor_[i];
    const data::Bar b{0, 0, s.open[bar], s.high[bar], s.low[bar], s.close[bar], s.close[bar], s.volume[bar]};
    auto fill = BracketExit(p->bracket, b, c_.ambiguity);
    if (!fill) return Ok();
    if (fill->ambiguous) {
      ++counts_.ambiguous_bars;
      if (!feed_.finer.empty()) {
        const std::vector<data::Bar> finer = FinerBars(feed_.finer[i], day);
        if (!finer.empty()) fill = BracketExitWithFinerBars(p->bracket, b, finer, c_.ambiguity);
        if (fill->resolved_by_finer_bars) ++counts_.resolved_by_finer_bars;
      }
    }
    return Close(*p, Exit(*p, fill->price), day, bar, ExitReasonName(fill->reason));
  }

  // The finer bars of `day` (New York day), in time order.
  static std::vector<data::Bar> FinerBars(const data::BarSeries& finer, Days day) {
    std::vector<data::Bar> out;
    auto first = std::lower_bound(finer.start.begin(), finer.start.end(),
                                  static_cast<Timestamp>(day - 1) * 86400);
    for (auto k = static_cast<std::size_t>(first - finer.start.begin()); k < finer.size(); ++k) {
      const Days d = finer.DayAt(k);
      if (d > day) break;
      if (d == day) out.push_back(finer.At(k));
    }
    return out;
  }

  void ChargeBorrow() {
    if (c_.risk.borrow_bps_per_year <= 0 || !c_.risk.allow_short) return;
    for (const Position& p : account_.positions()) {
      if (p.shares >= 0) continue;
      const double value = static_cast<double>(-p.shares) * last_close_[p.symbol];
      account_.Charge(portfolio::ToMicros(value * c_.risk.borrow_bps_per_year / 10000.0 / 252.0));
    }
  }

  // The decision at the close of `day` (the instant `close`: its bars' available time).
  Status Decide(Days day, Timestamp close, Strategy& strategy) {
    decided_ = day;
    view_.SetNow(day, close);
    orders_.clear();
    QAT_RETURN_IF_ERROR(strategy.OnClose(view_, account_, orders_));
    if (view_.looked_ahead()) return Fail(ErrorCode::kInvalidInput, "{} ({})", view_.look_ahead_message(), strategy.Name());
    for (std::size_t i : orders_.cancels) {
      if (i >= n_) return Fail(ErrorCode::kInvalidInput, "backtest: {} cancelled unknown symbol {} on {}", strategy.Name(), i, FormatDate(day));
      if (!pending_entry_[i]) continue;
      std::erase_if(pending_, [i](const Pending& p) { return p.order.symbol == i; });
      pending_entry_[i] = false;
    }
    for (const ExitOrder& e : orders_.exits) {
      if (e.symbol >= n_) return Fail(ErrorCode::kInvalidInput, "backtest: {} exited unknown symbol {} on {}", strategy.Name(), e.symbol, FormatDate(day));
      if (account_.PositionIn(e.symbol) != nullptr) exit_reason_[e.symbol] = e.reason;
    }
    const std::size_t before = pending_.size();
    for (const EntryOrder& o : orders_.entries) QAT_RETURN_IF_ERROR(Queue(o, day, strategy.Name()));
    if (pending_.size() != before) {
      std::stable_sort(pending_.begin(), pending_.end(),
                       [](const Pending& a, const Pending& b) { return a.order.score > b.order.score; });
    }
    return Ok();
  }

  Status Queue(const EntryOrder& o, Days day, std::string_view who) {
    if (o.symbol >= n_) return Fail(ErrorCode::kInvalidInput, "backtest: {} ordered unknown symbol {} on {}", who, o.symbol, FormatDate(day));
    const std::string& symbol = feed_.daily[o.symbol].symbol;
    const bool is_long = o.side == PositionSide::kLong;
    if (!is_long && !c_.risk.allow_short) {
      return Fail(ErrorCode::kInvalidInput, "backtest: {} asked to short {} on {}, but shorts are not enabled", who, symbol, FormatDate(day));
    }
    if (!(o.fraction > 0 && o.fraction <= 1) ||
        (o.type != EntryType::kMarketOnOpen && (!(o.trigger > 0) || o.valid_bars < 1)) || o.max_bars < 0 ||
        (!std::isnan(o.stop) && !(o.stop > 0)) || (!std::isnan(o.target) && !(o.target > 0)) ||
        (!std::isnan(o.stop) && !std::isnan(o.target) && (is_long ? o.stop >= o.target : o.stop <= o.target))) {
      return Fail(ErrorCode::kInvalidInput,
                  "backtest: {} gave {} on {} an invalid entry (fraction {}, trigger {}, valid bars {}, stop {}, target "
                  "{}, max bars {})",
                  who, symbol, FormatDate(day), o.fraction, o.trigger, o.valid_bars, o.stop, o.target, o.max_bars);
    }
    if (pending_entry_[o.symbol] || (account_.PositionIn(o.symbol) != nullptr && !ExitsAtNextOpen(o.symbol))) {
      ++counts_.refused_held;
      return Ok();
    }
    if (!PassesFilter(o.symbol)) {
      ++counts_.refused_filter;
      return Ok();
    }
    pending_.push_back(Pending{o, o.type == EntryType::kMarketOnOpen ? 1 : o.valid_bars});
    pending_entry_[o.symbol] = true;
    return Ok();
  }

  // Whether symbol i's position leaves at its next open (an exit order, or its time exit),
  // before the entries there: a new entry in the symbol may then be queued.
  bool ExitsAtNextOpen(std::size_t i) const {
    const Position* p = account_.PositionIn(i);
    if (p == nullptr || !exit_reason_[i].empty()) return true;
    return p->max_bars > 0 && cursor_[i] - p->entry_bar >= static_cast<std::size_t>(p->max_bars);
  }

  bool PassesFilter(std::size_t i) const {
    const RiskLimits& r = c_.risk;
    if (r.min_price <= 0 && r.min_dollar_volume <= 0) return true;
    const std::size_t count = cursor_[i];
    if (count == 0) return false;
    const data::BarSeries& s = feed_.daily[i];
    if (s.close[count - 1] < r.min_price) return false;
    if (r.min_dollar_volume > 0) {
      const std::size_t from = count > kDollarVolumeBars ? count - kDollarVolumeBars : 0;
      double sum = 0;
      for (std::size_t k = from; k < count; ++k) sum += s.close[k] * s.volume[k];
      if (sum / static_cast<double>(count - from) < r.min_dollar_volume) return false;
    }
    return true;
  }

  const Feed& feed_;
  const EngineConfig& c_;
  const std::size_t n_;
  Account account_;
  std::vector<std::size_t> cursor_;  // bars of each symbol closed so far
  std::vector<double> last_close_;
  std::vector<Days> last_day_;  // of each symbol's last closed bar
  std::vector<Days> next_day_;  // of each symbol's next bar (kNoDay after its last)
  std::vector<std::string_view> exit_reason_;  // exit at the next open, with this reason
  std::vector<char> pending_entry_;     // bools, without vector<bool>'s bit arithmetic
  std::vector<char> entered_intrabar_;
  std::vector<Pending> pending_;
  std::vector<Days> sessions_;
  std::vector<std::size_t> today_;
  Orders orders_;
  MarketView view_;
  Micros equity_;        // at the last close
  Micros invested_ = 0;
  Days decided_ = 0;  // the close of the last decision
  RunCounts counts_;
};

}  // namespace

Result<RunResult> RunEngine(const Feed& feed, Strategy& strategy, const EngineConfig& config) {
  QAT_RETURN_IF_ERROR(CheckConfig(feed, config));
  Engine engine(feed, config);
  engine.Prepare();
  return engine.Run(strategy, true);
}

Result<EngineState> OpenAccount(std::span<const data::BarSeries> daily, Days day, Strategy& strategy,
                                const EngineConfig& config) {
  // The feed's sessions start after `day`: its bars up to `day` are the history decided on.
  const Feed feed{daily, {}, day + 1, day};
  QAT_RETURN_IF_ERROR(CheckConfig(feed, config));
  Engine engine(feed, config);
  engine.Prepare();
  QAT_ASSIGN_OR_RETURN(bool decided, engine.DecideAtHistoryClose(strategy));
  if (!decided) return Fail(ErrorCode::kInvalidInput, "backtest: no bars on or before {}", FormatDate(day));
  return engine.State();
}

Result<ResumedRun> ResumeEngine(const Feed& feed, Strategy& strategy, const EngineConfig& config, EngineState state) {
  QAT_RETURN_IF_ERROR(CheckConfig(feed, config));
  Engine engine(feed, config);
  engine.Prepare();
  QAT_RETURN_IF_ERROR(engine.Restore(std::move(state)));
  QAT_ASSIGN_OR_RETURN(RunResult run, engine.Run(strategy, false));
  return ResumedRun{std::move(run), engine.State()};
}

namespace {

void AddCounts(RunCounts& total, const RunCounts& c) {
  total.ambiguous_bars += c.ambiguous_bars;
  total.resolved_by_finer_bars += c.resolved_by_finer_bars;
  total.zero_share_skips += c.zero_share_skips;
  total.refused_slots += c.refused_slots;
  total.refused_filter += c.refused_filter;
  total.refused_held += c.refused_held;
  total.entries_past_level += c.entries_past_level;
  total.expired_entries += c.expired_entries;
}

}  // namespace

Result<RunResult> RunPerSymbol(const Feed& feed, const std::function<std::unique_ptr<Strategy>()>& make,
                               const EngineConfig& config) {
  QAT_RETURN_IF_ERROR(CheckConfig(feed, config));
  RunResult total;
  std::vector<RunResult> runs;
  for (std::size_t i = 0; i < feed.daily.size(); ++i) {
    total.symbols.push_back(feed.daily[i].symbol);
    const Feed one{feed.daily.subspan(i, 1), feed.finer.empty() ? feed.finer : feed.finer.subspan(i, 1), feed.start,
                   feed.end};
    const data::BarSeries& s = feed.daily[i];
    const auto first = std::lower_bound(s.start.begin(), s.start.end(), Timestamp{feed.start} * kSecondsPerDay);
    if (first == s.start.end() || *first > Timestamp{feed.end} * kSecondsPerDay) {
      runs.emplace_back();  // no bar in [start, end]: keeps its cash
      continue;
    }
    std::unique_ptr<Strategy> strategy = make();
    auto run = RunEngine(one, *strategy, config);
    if (!run.ok()) return run.error().WithContext(s.symbol);
    runs.push_back(std::move(run).value());
  }
  for (const RunResult& r : runs) total.sessions.insert(total.sessions.end(), r.sessions.begin(), r.sessions.end());
  std::sort(total.sessions.begin(), total.sessions.end());
  total.sessions.erase(std::unique(total.sessions.begin(), total.sessions.end()), total.sessions.end());
  if (total.sessions.empty()) {
    return Fail(ErrorCode::kInvalidInput, "backtest: no bars between {} and {}", FormatDate(feed.start), FormatDate(feed.end));
  }
  const auto n = static_cast<Micros>(runs.size());
  total.initial_cash = n * config.initial_cash;
  total.equity.assign(total.sessions.size(), 0);
  total.invested.assign(total.sessions.size(), 0);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    RunResult& r = runs[i];
    std::size_t k = 0;
    Micros equity = config.initial_cash, invested = 0;
    for (std::size_t s = 0; s < total.sessions.size(); ++s) {
      if (k < r.sessions.size() && r.sessions[k] == total.sessions[s]) {
        equity = r.equity[k];
        invested = r.invested[k];
        ++k;
      }
      total.equity[s] += equity;
      total.invested[s] += invested;
    }
    for (Fill f : r.fills) {
      f.symbol = i;
      total.fills.push_back(f);
    }
    for (Trade t : r.trades) {
      t.symbol = i;
      total.trades.push_back(t);
    }
    total.fees += r.fees;
    AddCounts(total.counts, r.counts);
  }
  std::stable_sort(total.fills.begin(), total.fills.end(), [](const Fill& a, const Fill& b) { return a.day < b.day; });
  // Closed trades by exit day, then the open ones by entry day.
  std::stable_sort(total.trades.begin(), total.trades.end(), [](const Trade& a, const Trade& b) {
    if (a.exit_day.has_value() != b.exit_day.has_value()) return a.exit_day.has_value();
    return a.exit_day ? *a.exit_day < *b.exit_day : a.entry_day < b.entry_day;
  });
  return total;
}

}  // namespace qat::backtest
