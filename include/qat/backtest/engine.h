// The event-driven portfolio backtester (docs/backtest.md): daily bars of many symbols,
// session by session, in one order that paper trading repeats one session at a time:
//
//   1. at the open of each symbol that trades this session: its exits (exit orders, time
//      exits), then the pending entries of every symbol in score order (risk limits and
//      sizing applied at the fill, with the fill price);
//   2. during the bar: each position's bracket (stop / target) by the fill rules, an ambiguous
//      bar resolved from the session's finer bars where given;
//   3. at the close: short borrow fees, the mark to market (each symbol's last close);
//   4. the strategy, shown only the bars closed by then (MarketView), returns orders for the
//      next open; risk limits filter its entries (universe filter as of this close).
//
// A decision at the close of t fills at the open of the symbol's next bar. Money is integer
// micro-dollars (account.h). Fails, with the symbol and date, on a strategy that reads a bar not yet
// closed, an order for an unknown symbol, a bracket on the wrong side, or a short when shorts
// are not enabled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qat/backtest/account.h"
#include "qat/backtest/fill_rules.h"
#include "qat/backtest/market_view.h"
#include "qat/backtest/orders.h"
#include "qat/core/result.h"
#include "qat/data/bar_series.h"

namespace qat::backtest {

// The risk manager's limits, applied to every entry.
struct RiskLimits {
  int max_positions = 3;
  double max_position_fraction = 0.33;  // of the equity at the previous close
  double cash_buffer_fraction = 0.0;    // of that equity, never spent
  bool allow_short = false;
  double borrow_bps_per_year = 300;     // a short's fee, charged each session on its value at the close
  // Universe filter, judged on the bars closed at the decision: the last close and the mean
  // dollar volume of the last 20 bars. 0: no filter.
  double min_price = 0;
  double min_dollar_volume = 0;
};

struct EngineConfig {
  Micros initial_cash = 5000 * portfolio::kMicrosPerDollar;
  RiskLimits risk;
  FillCosts costs;
  AmbiguityRule ambiguity = AmbiguityRule::kStopFirst;
};

// Every session's close: the strategy's decision. It may keep state between calls; paper
// trading calls it for one session at a time, so state must also be rebuildable from the bars.
class Strategy {
 public:
  virtual ~Strategy() = default;
  virtual std::string_view Name() const = 0;
  virtual Status OnClose(const MarketView& market, const Account& account, Orders& orders) = 0;
};

// What the engine counted while it ran.
struct RunCounts {
  std::int64_t ambiguous_bars = 0;          // a bracket's stop and target both inside one bar
  std::int64_t resolved_by_finer_bars = 0;  // of those, decided by the session's finer bars
  std::int64_t zero_share_skips = 0;        // an entry whose budget bought no whole share
  std::int64_t refused_slots = 0;           // max_positions reached
  std::int64_t refused_filter = 0;          // the universe filter at the decision
  std::int64_t refused_held = 0;            // the symbol is held or has an entry pending
  std::int64_t entries_past_level = 0;      // the entry's fill was already past its stop or target
  std::int64_t expired_entries = 0;         // a limit or stop entry not reached in its valid bars
};

struct RunResult {
  std::vector<std::string> symbols;
  Micros initial_cash = 0;
  std::vector<Days> sessions;      // every session in [start, end] on which some symbol traded
  std::vector<Micros> equity;       // at each session's close
  std::vector<Micros> invested;     // gross value of the positions at each close
  std::vector<Fill> fills;
  std::vector<Trade> trades;       // closed in exit order, then those still open (no exit day)
  Micros fees = 0;                  // commissions and borrow fees
  RunCounts counts;
};

// The bars a run sees: one daily series per symbol (the strategy also sees bars before
// `start` as history) and optionally, per symbol, finer bars (1h, 5m; empty series where none)
// to resolve ambiguous bars.
struct Feed {
  std::span<const data::BarSeries> daily;
  std::span<const data::BarSeries> finer;  // empty, or one per symbol
  Days start = 0, end = 0;
};

// Runs the strategy over the feed's sessions in [start, end]: an account of
// config.initial_cash, a first decision at the close of the last bar before start (when the
// data has one), then every session.
Result<RunResult> RunEngine(const Feed& feed, Strategy& strategy, const EngineConfig& config);

// An entry waiting for its symbol's next bar (a limit or stop entry for up to bars_left bars).
struct PendingEntry {
  EntryOrder order;
  int bars_left = 1;
};

// What carries from one session to the next, and what paper trading stores after each: the
// account, the entries and exits waiting for an open, the counts so far, the close of the last
// decision and the equity marked there. A position's entry_bar is recomputed from its
// entry_day whenever the state is resumed on a feed.
struct EngineState {
  Account account{0, 0};
  std::vector<PendingEntry> pending;
  std::vector<ExitOrder> exits;
  RunCounts counts;
  Days decided = 0;
  Micros equity = 0;
};

// A new account of config.initial_cash and the strategy's decision at the close of `day` on
// the bars up to it (paper trading's inception). Fails when no symbol has a bar on or before
// `day`, or as RunEngine does.
Result<EngineState> OpenAccount(std::span<const data::BarSeries> daily, Days day, Strategy& strategy,
                                const EngineConfig& config);

struct ResumedRun {
  RunResult run;       // the sessions of this feed; fills and trades since the account opened
  EngineState state;   // after the last session's decision
};
// Continues `state` over the feed's sessions in [start, end], all after state.decided: its
// orders fill at the first session's open (no decision before it). RunEngine over [a, c] and
// OpenAccount at the close before a, then ResumeEngine over [a, b] and over (b, c], make the
// same fills and equity. Fails as RunEngine does, or on a feed that starts on or before
// state.decided or lacks a bar a position was entered on.
Result<ResumedRun> ResumeEngine(const Feed& feed, Strategy& strategy, const EngineConfig& config, EngineState state);

// One account per symbol, each with config.initial_cash and its own strategy from `make` (the
// reference's --per-symbol): RunEngine on each symbol alone, then one result: the equity
// summed over the union of the sessions (a symbol's account before its first session holds
// its cash, after its last its last equity), fills and trades in date order with the feed's
// symbol indices, counts and fees summed, initial cash = symbols x cash. A symbol with no bar
// in [start, end] keeps its cash. Fails, naming the symbol, as RunEngine does.
Result<RunResult> RunPerSymbol(const Feed& feed, const std::function<std::unique_ptr<Strategy>()>& make,
                               const EngineConfig& config);

}  // namespace qat::backtest
