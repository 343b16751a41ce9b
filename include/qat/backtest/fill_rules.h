// The fill rules of the backtester (docs/backtest.md), each a pure function with a test worked
// by hand: how a stop and a target held against one bar are filled, how a bar that holds both
// is judged (and resolved from finer bars of the same session), and what a fill costs.
//
// Exits of a bracket (a stop and a target on an open position) during one bar, for a LONG:
//   1. open <= stop:    the open gapped through the stop: filled at the open (worse than the stop)
//   2. open >= target:  the open gapped through the target: filled at the open (better)
//   3. low <= stop and high >= target: the bar holds both and one bar cannot say which came
//      first: AMBIGUOUS, filled by the rule given (default: the stop first, the conservative
//      choice) at that level
//   4. low <= stop:     filled at the stop
//   5. high >= target:  filled at the target
// A SHORT mirrors it (stop above, target below: open >= stop gaps through the stop, ...).
// A missing level (NaN) never fills. Fill prices here are the levels or the open, before
// slippage: the cost model below adds it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "qat/data/bar_series.h"
#include "qat/portfolio/money.h"

namespace qat::backtest {

enum class PositionSide { kLong, kShort };

struct Bracket {
  PositionSide side = PositionSide::kLong;
  double stop = 0;    // NaN: none
  double target = 0;  // NaN: none
};

enum class ExitReason { kStop, kTarget };
std::string_view ExitReasonName(ExitReason reason);  // "stop", "target"

enum class AmbiguityRule { kStopFirst, kTargetFirst };

struct BracketFill {
  ExitReason reason = ExitReason::kStop;
  double price = 0;        // dollars, before slippage
  bool gapped = false;     // filled at the open, through the level
  bool ambiguous = false;  // the bar held both levels (rule 3)
  bool resolved_by_finer_bars = false;  // ambiguous on the bar, decided by finer bars
};

// The exit of `bracket` during `bar` by the rules above, or nullopt when neither level is
// reached.
std::optional<BracketFill> BracketExit(const Bracket& bracket, const data::Bar& bar, AmbiguityRule rule);

// The same for a bar that is ambiguous, judged from the finer bars of the same session
// (`finer`, in time order, e.g. the session's 1h or 5m bars): the first finer bar that reaches
// a level decides; a finer bar that reaches both is ambiguous in turn and the rule decides.
// Gaps are judged on `bar` first (rules 1 and 2 need no finer bars). With no finer bars, or
// finer bars that reach neither level, it is BracketExit(bracket, bar, rule).
std::optional<BracketFill> BracketExitWithFinerBars(const Bracket& bracket, const data::Bar& bar,
                                                    std::span<const data::Bar> finer, AmbiguityRule rule);

// What a fill costs.
//   commission: per order (cents), or per share (dollars) with a minimum per order (cents),
//   or a percent of the trade's value; the largest of the three that are set is charged (a
//   broker's "per share, at least $1" is per_share + minimum).
//   slippage: basis points of the price, plus an optional half-spread in basis points, paid
//   on every fill: buys fill higher, sells lower.
// Prices stay doubles (split-adjusted history is not on a tick grid: AAPL opened at $0.0935 in
// 1984 on today's share count); money is integer micro-dollars (portfolio::Micros): a fill's
// value and its commission are each rounded to the millionth of a dollar.
struct FillCosts {
  portfolio::Cents commission_per_order = 100;  // $1.00
  double commission_per_share = 0;              // dollars
  portfolio::Cents commission_minimum = 0;      // per order, with per-share or percent
  double commission_percent = 0;                // of the trade's value, 0.1 = 0.1%
  double slippage_bps = 5;
  double half_spread_bps = 0;
};

// The presets: "conservative" ($1.00 per order, 5 bps slippage: the default), "zero" (no
// commission, as common US retail brokers charge, 2 bps slippage + 1 bp half-spread), "per-share"
// ($0.005 a share, at least $1.00 an order, 5 bps slippage). nullopt for another name.
std::optional<FillCosts> FillCostPreset(std::string_view name);

// The commission of an order of `shares` at `price` dollars (>= 0), in micro-dollars.
portfolio::Micros Commission(const FillCosts& costs, std::int64_t shares, double price);
// The fill price in dollars of a buy / a sell at `reference` dollars (the reference itself
// when slippage and half-spread are 0).
double BuyPrice(double reference, const FillCosts& costs);
double SellPrice(double reference, const FillCosts& costs);
// The value of `shares` at `price` dollars, in micro-dollars.
inline portfolio::Micros TradeValue(std::int64_t shares, double price) {
  return portfolio::ToMicros(static_cast<double>(shares) * price);
}

}  // namespace qat::backtest
