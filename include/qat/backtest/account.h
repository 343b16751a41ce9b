// The account a backtest (and a paper account) trades: cash in integer micro-dollars, positions in
// whole shares (negative: short), every fill and every closed trade recorded. Prices are
// doubles as the data gives them; a fill's value and commission are each rounded to the cent
// (fill_rules.h: TradeValue, Commission).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "qat/backtest/fill_rules.h"
#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/data/bar_series.h"
#include "qat/portfolio/money.h"

namespace qat::backtest {

using portfolio::Micros;

struct Position {
  std::size_t symbol = 0;
  std::int64_t shares = 0;  // > 0 long, < 0 short
  double entry_price = 0;   // the fill, slippage included
  Days entry_day = 0;
  std::size_t entry_bar = 0;  // index of the entry bar in the symbol's series
  Micros entry_commission = 0;
  Bracket bracket;            // side matches the sign of shares
  int max_bars = 0;           // time exit; 0: none
  std::string_view entry_reason;
};

struct Fill {
  Days day = 0;
  std::size_t symbol = 0;
  bool buy = true;
  std::int64_t quantity = 0;  // > 0
  double price = 0;
  Micros commission = 0;
  std::string_view reason;  // "entry", "stop", "target", "time", "signal", ...
};

struct Trade {
  std::size_t symbol = 0;
  std::int64_t shares = 0;  // signed as the position was
  Days entry_day = 0;
  double entry_price = 0;
  std::optional<Days> exit_day;  // nullopt: still open at the end
  double exit_price = 0;
  std::string_view exit_reason;
  Micros pnl = 0;          // net of both commissions (open trades: marked at the last close)
  Micros commissions = 0;  // entry + exit
  std::size_t bars_held = 0;
};

class Account {
 public:
  Account(Micros cash, std::size_t symbols) : cash_(cash), position_of_(symbols, kNone) {}
  // An account as stored: its cash and fees, open positions, fills and closed trades (symbols
  // indices below `symbols`; at most one position per symbol, else nullopt).
  static std::optional<Account> Restore(Micros cash, Micros fees, std::vector<Position> positions,
                                        std::vector<Fill> fills, std::vector<Trade> trades, std::size_t symbols);

  Micros cash() const { return cash_; }
  Micros fees() const { return fees_; }
  const std::vector<Position>& positions() const { return positions_; }
  // The open position in symbol i, or nullptr.
  const Position* PositionIn(std::size_t i) const {
    return position_of_[i] == kNone ? nullptr : &positions_[position_of_[i]];
  }
  const std::vector<Fill>& fills() const { return fills_; }
  const std::vector<Trade>& trades() const { return trades_; }

  // Opens `position` (shares and entry_price set) paying its value and commission; a short
  // receives the value less the commission. Fails if the symbol is held, the share count is 0,
  // or a long's cost exceeds the cash.
  Status Open(const Position& position, Micros commission);
  // Closes the position in `symbol` at `price` with `commission`; records the fill and the trade.
  Status Close(std::size_t symbol, double price, Micros commission, Days day, std::size_t bar,
               std::string_view reason);
  // Sets each position's entry_bar to the index of its entry_day in `daily[symbol]` (what a
  // stored account resumed on freshly loaded bars needs); false when a day is not there.
  bool LocateEntryBars(std::span<const data::BarSeries> daily);
  // Charges a cost that is not a fill (a short's borrow fee).
  void Charge(Micros amount) {
    cash_ -= amount;
    fees_ += amount;
  }
  // The account marked at `last_close[symbol]`: equity (cash plus every position, shorts
  // negative) and the gross value of the positions (what is invested).
  struct Valuation {
    Micros equity = 0, invested = 0;
  };
  Valuation Value(const std::vector<double>& last_close) const {
    Valuation v{cash_, 0};
    for (const Position& p : positions_) {
      const Micros value = TradeValue(p.shares > 0 ? p.shares : -p.shares, last_close[p.symbol]);
      v.equity += p.shares > 0 ? value : -value;
      v.invested += value;
    }
    return v;
  }
  // The positions as trades still open, marked at `last_close` (their exit_day empty); `bars_seen`
  // counts each symbol's bars so far. The closed trades and these make a run's trade list.
  std::vector<Trade> OpenTrades(const std::vector<double>& last_close, const std::vector<std::size_t>& bars_seen) const;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  Micros cash_;
  Micros fees_ = 0;
  std::vector<Position> positions_;
  std::vector<std::size_t> position_of_;
  std::vector<Fill> fills_;
  std::vector<Trade> trades_;
};

}  // namespace qat::backtest
