// A daily long-only backtest of entry signals on a small account.
//
// Timing (no look-ahead): a signal is decided at the close of its bar and executed at the
// next bar's open; a position is closed at the open `hold_bars` bars after entry (time exit)
// or at the last bar's close if the data ends first. Fills pay slippage and a commission per
// order (portfolio::CostModel); cash is in integer cents and shares are whole. At most
// `max_positions` positions, each bought with at most `max_position_fraction` of the equity
// at the previous close and never more than the cash on hand; one position per symbol.
// When more signals arrive than slots, higher scores go first.
// Equity is marked at every session's close. Returns are price returns: dividends are not
// credited (the same for the buy-and-hold baseline, so the comparison is fair).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/portfolio/ledger.h"

namespace qat::backtest {

struct Signal {
  std::size_t symbol = 0;  // index into the universe
  std::size_t bar = 0;     // bar whose close produced the signal
  double score = 0;        // higher goes first when slots are short
};

struct BacktestConfig {
  portfolio::Cents initial_cash = 500000;  // $5,000
  int max_positions = 3;
  double max_position_fraction = 0.33;
  int hold_bars = 5;
  portfolio::CostModel costs;
};

struct Trade {
  std::string symbol;
  Days entry_day = 0, exit_day = 0;
  std::int64_t shares = 0;
  portfolio::Cents entry_price = 0, exit_price = 0;  // fills, per share
  portfolio::Cents pnl = 0;                          // net of both commissions
};

struct BacktestResult {
  std::vector<Days> days;                  // sessions from start to end
  std::vector<portfolio::Cents> equity;    // at each session's close
  std::vector<Trade> trades;               // closed trades in exit order
};

// Runs the signals over the sessions in [start, end] of the universe (all series daily).
Result<BacktestResult> RunBacktest(std::span<const data::BarSeries> universe,
                                   std::span<const Signal> signals, Days start, Days end,
                                   const BacktestConfig& config);

// Buy-and-hold baseline: at the first session's open, equal shares of the equity in every
// symbol that trades that day, held to the end, with the same costs.
Result<BacktestResult> RunBuyAndHold(std::span<const data::BarSeries> universe, Days start,
                                     Days end, const BacktestConfig& config);

}  // namespace qat::backtest
