#include "qat/backtest/account.h"

#include <algorithm>
#include <cstdlib>

namespace qat::backtest {
namespace {

// What closing `shares` (signed) at `price` adds to cash before commission.
Micros CloseValue(std::int64_t shares, double price) {
  const Micros value = TradeValue(std::llabs(shares), price);
  return shares > 0 ? value : -value;
}

}  // namespace

std::optional<Account> Account::Restore(Micros cash, Micros fees, std::vector<Position> positions,
                                       std::vector<Fill> fills, std::vector<Trade> trades, std::size_t symbols) {
  Account a(cash, symbols);
  a.fees_ = fees;
  for (const Position& p : positions) {
    if (p.symbol >= symbols || a.position_of_[p.symbol] != kNone || p.shares == 0) return std::nullopt;
    a.position_of_[p.symbol] = a.positions_.size();
    a.positions_.push_back(p);
  }
  for (const Fill& f : fills) {
    if (f.symbol >= symbols) return std::nullopt;
  }
  for (const Trade& t : trades) {
    if (t.symbol >= symbols) return std::nullopt;
  }
  a.fills_ = std::move(fills);
  a.trades_ = std::move(trades);
  return a;
}

bool Account::LocateEntryBars(std::span<const data::BarSeries> daily) {
  for (Position& p : positions_) {
    if (p.symbol >= daily.size()) return false;
    const data::BarSeries& s = daily[p.symbol];
    const Timestamp start = Timestamp{p.entry_day} * kSecondsPerDay;
    const auto it = std::lower_bound(s.start.begin(), s.start.end(), start);
    if (it == s.start.end() || *it != start) return false;
    p.entry_bar = static_cast<std::size_t>(it - s.start.begin());
  }
  return true;
}

Status Account::Open(const Position& p, Micros commission) {
  if (position_of_[p.symbol] != kNone) return Fail("account: symbol {} is held already", p.symbol);
  if (p.shares == 0) return Fail("account: an order of 0 shares");
  const Micros value = TradeValue(std::llabs(p.shares), p.entry_price);
  if (p.shares > 0) {
    if (value + commission > cash_) {
      return Fail("account: {} shares at {} cost {} with commission, more than the cash {}", p.shares,
                  p.entry_price, portfolio::FormatMicros(value + commission), portfolio::FormatMicros(cash_));
    }
    cash_ -= value + commission;
  } else {
    cash_ += value - commission;
  }
  fees_ += commission;
  position_of_[p.symbol] = positions_.size();
  positions_.push_back(p);
  positions_.back().entry_commission = commission;
  fills_.push_back(Fill{p.entry_day, p.symbol, p.shares > 0, std::llabs(p.shares), p.entry_price, commission,
                        p.entry_reason});
  return Ok();
}

Status Account::Close(std::size_t symbol, double price, Micros commission, Days day, std::size_t bar,
                      std::string_view reason) {
  const std::size_t at = position_of_[symbol];
  if (at == kNone) return Fail("account: no position in symbol {}", symbol);
  const Position p = positions_[at];
  const Micros proceeds = CloseValue(p.shares, price);
  cash_ += proceeds - commission;
  fees_ += commission;
  fills_.push_back(Fill{day, symbol, p.shares < 0, std::llabs(p.shares), price, commission, reason});
  const Micros paid = p.shares > 0 ? TradeValue(p.shares, p.entry_price) : -TradeValue(-p.shares, p.entry_price);
  trades_.push_back(Trade{symbol, p.shares, p.entry_day, p.entry_price, day, price, reason,
                          proceeds - paid - p.entry_commission - commission, p.entry_commission + commission,
                          bar - p.entry_bar});
  // Keep the positions dense: move the last one into the hole.
  const std::size_t last = positions_.size() - 1;
  if (at != last) {
    positions_[at] = positions_[last];
    position_of_[positions_[at].symbol] = at;
  }
  positions_.pop_back();
  position_of_[symbol] = kNone;
  return Ok();
}

std::vector<Trade> Account::OpenTrades(const std::vector<double>& last_close,
                                       const std::vector<std::size_t>& bars_seen) const {
  std::vector<Trade> open;
  for (const Position& p : positions_) {
    const Micros paid = p.shares > 0 ? TradeValue(p.shares, p.entry_price) : -TradeValue(-p.shares, p.entry_price);
    const Micros mark = CloseValue(p.shares, last_close[p.symbol]);
    open.push_back(Trade{p.symbol, p.shares, p.entry_day, p.entry_price, std::nullopt, last_close[p.symbol], "",
                         mark - paid - p.entry_commission, p.entry_commission,
                         bars_seen[p.symbol] == 0 ? 0 : bars_seen[p.symbol] - 1 - p.entry_bar});
  }
  return open;
}

}  // namespace qat::backtest
