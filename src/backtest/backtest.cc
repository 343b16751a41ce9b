#include "qat/backtest/backtest.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace qat::backtest {
namespace {

using portfolio::Cents;

// Bar index of each session day, per symbol.
struct DayIndex {
  std::vector<std::unordered_map<Days, std::size_t>> bar_of_day;
  std::vector<Days> sessions;  // sorted union within [start, end]
};

DayIndex IndexDays(std::span<const data::BarSeries> universe, Days start, Days end) {
  DayIndex index;
  std::vector<Days> all;
  for (const auto& series : universe) {
    auto& map = index.bar_of_day.emplace_back();
    for (std::size_t i = 0; i < series.size(); ++i) {
      Days d = series.DayAt(i);
      map.emplace(d, i);
      if (d >= start && d <= end) all.push_back(d);
    }
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  index.sessions = std::move(all);
  return index;
}

struct OpenPosition {
  std::size_t symbol;
  std::size_t entry_bar;
  Days entry_day;
  std::int64_t shares;
  Cents entry_price;
  Cents cost;
};

Cents MarkToMarket(const portfolio::Ledger& ledger, const std::vector<OpenPosition>& open,
                   std::span<const data::BarSeries> universe, const DayIndex& index, Days day,
                   std::vector<double>& last_close) {
  Cents equity = ledger.cash();
  for (const auto& p : open) {
    auto it = index.bar_of_day[p.symbol].find(day);
    if (it != index.bar_of_day[p.symbol].end()) last_close[p.symbol] = universe[p.symbol].close[it->second];
    equity += p.shares * portfolio::ToCents(last_close[p.symbol]);
  }
  return equity;
}

Status CheckUniverse(std::span<const data::BarSeries> universe, const BacktestConfig& c) {
  if (universe.empty()) return Fail("backtest: empty universe");
  for (const auto& s : universe) {
    if (s.interval != data::Interval::k1d) return Fail("backtest: {} is not daily", s.symbol);
  }
  if (c.max_positions < 1 || !(c.max_position_fraction > 0 && c.max_position_fraction <= 1) ||
      c.hold_bars < 1 || c.initial_cash <= 0) {
    return Fail("backtest: invalid config (positions {}, fraction {}, hold {}, cash {})",
                c.max_positions, c.max_position_fraction, c.hold_bars, c.initial_cash);
  }
  return Ok();
}

}  // namespace

Result<BacktestResult> RunBacktest(std::span<const data::BarSeries> universe,
                                   std::span<const Signal> signals, Days start, Days end,
                                   const BacktestConfig& c) {
  QAT_RETURN_IF_ERROR(CheckUniverse(universe, c));
  DayIndex index = IndexDays(universe, start, end);
  if (index.sessions.empty()) return Fail("backtest: no sessions between {} and {}", FormatDate(start), FormatDate(end));
  // Entries by execution day: the open of the bar after the signal bar.
  std::map<Days, std::vector<Signal>> entries;
  for (const Signal& s : signals) {
    if (s.symbol >= universe.size()) return Fail("backtest: signal for unknown symbol {}", s.symbol);
    const auto& series = universe[s.symbol];
    if (s.bar + 1 >= series.size()) continue;  // no next bar to execute on
    Days exec = series.DayAt(s.bar + 1);
    if (exec >= start && exec <= end) entries[exec].push_back(s);
  }
  portfolio::Ledger ledger(c.initial_cash);
  std::vector<OpenPosition> open;
  std::vector<double> last_close(universe.size(), 0.0);
  BacktestResult result;
  Cents previous_equity = c.initial_cash;
  const Cents commission = c.costs.commission_per_order;

  auto close_position = [&](std::size_t k, Days day, Cents price) -> Status {
    OpenPosition p = open[k];
    QAT_ASSIGN_OR_RETURN(Cents proceeds, ledger.SellAll(universe[p.symbol].symbol, price, commission));
    result.trades.push_back(Trade{universe[p.symbol].symbol, p.entry_day, day, p.shares,
                                  p.entry_price, price, proceeds - p.cost});
    open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
    return Ok();
  };

  for (Days day : index.sessions) {
    // 1. Time exits at the open.
    for (std::size_t k = open.size(); k-- > 0;) {
      const auto& bars = index.bar_of_day[open[k].symbol];
      auto it = bars.find(day);
      if (it == bars.end()) continue;
      if (it->second >= open[k].entry_bar + static_cast<std::size_t>(c.hold_bars)) {
        double reference = universe[open[k].symbol].open[it->second];
        QAT_RETURN_IF_ERROR(close_position(k, day, portfolio::SellFillPrice(reference, c.costs)));
      }
    }
    // 2. Entries at the open, best scores first.
    if (auto it = entries.find(day); it != entries.end()) {
      auto& todays = it->second;
      std::stable_sort(todays.begin(), todays.end(),
                       [](const Signal& a, const Signal& b) { return a.score > b.score; });
      for (const Signal& s : todays) {
        if (static_cast<int>(open.size()) >= c.max_positions) break;
        const auto& series = universe[s.symbol];
        bool held = std::any_of(open.begin(), open.end(),
                                [&](const OpenPosition& p) { return p.symbol == s.symbol; });
        if (held) continue;
        const std::size_t bar = s.bar + 1;
        Cents price = portfolio::BuyFillPrice(series.open[bar], c.costs);
        Cents budget = std::min<Cents>(
            static_cast<Cents>(static_cast<double>(previous_equity) * c.max_position_fraction),
            ledger.cash());
        std::int64_t shares = portfolio::Ledger::AffordableShares(budget, price, commission);
        if (shares < 1) continue;
        QAT_RETURN_IF_ERROR(ledger.Buy(series.symbol, shares, price, commission));
        open.push_back({s.symbol, bar, day, shares, price, shares * price + commission});
        last_close[s.symbol] = series.open[bar];
      }
    }
    // 3. Mark at the close.
    Cents equity = MarkToMarket(ledger, open, universe, index, day, last_close);
    result.days.push_back(day);
    result.equity.push_back(equity);
    previous_equity = equity;
  }
  // Data ended: close what is left at the last close.
  while (!open.empty()) {
    std::size_t k = open.size() - 1;
    QAT_RETURN_IF_ERROR(close_position(k, index.sessions.back(),
                                       portfolio::SellFillPrice(last_close[open[k].symbol], c.costs)));
  }
  if (!result.equity.empty()) result.equity.back() = ledger.cash();
  return result;
}

Result<BacktestResult> RunBuyAndHold(std::span<const data::BarSeries> universe, Days start,
                                     Days end, const BacktestConfig& c) {
  QAT_RETURN_IF_ERROR(CheckUniverse(universe, c));
  DayIndex index = IndexDays(universe, start, end);
  if (index.sessions.empty()) return Fail("buy-and-hold: no sessions between {} and {}", FormatDate(start), FormatDate(end));
  const Days first = index.sessions.front();
  std::vector<std::size_t> members;
  for (std::size_t s = 0; s < universe.size(); ++s) {
    if (index.bar_of_day[s].count(first)) members.push_back(s);
  }
  portfolio::Ledger ledger(c.initial_cash);
  std::vector<OpenPosition> open;
  std::vector<double> last_close(universe.size(), 0.0);
  const Cents commission = c.costs.commission_per_order;
  const Cents share = c.initial_cash / static_cast<Cents>(members.size());
  for (std::size_t s : members) {
    std::size_t bar = index.bar_of_day[s].at(first);
    Cents price = portfolio::BuyFillPrice(universe[s].open[bar], c.costs);
    std::int64_t shares = portfolio::Ledger::AffordableShares(std::min(share, ledger.cash()), price, commission);
    if (shares < 1) continue;
    QAT_RETURN_IF_ERROR(ledger.Buy(universe[s].symbol, shares, price, commission));
    open.push_back({s, bar, first, shares, price, shares * price + commission});
  }
  BacktestResult result;
  for (Days day : index.sessions) {
    result.days.push_back(day);
    result.equity.push_back(MarkToMarket(ledger, open, universe, index, day, last_close));
  }
  for (const auto& p : open) {
    Cents price = portfolio::SellFillPrice(last_close[p.symbol], c.costs);
    QAT_ASSIGN_OR_RETURN(Cents proceeds, ledger.SellAll(universe[p.symbol].symbol, price, commission));
    result.trades.push_back(Trade{universe[p.symbol].symbol, p.entry_day, index.sessions.back(),
                                  p.shares, p.entry_price, price, proceeds - p.cost});
  }
  result.equity.back() = ledger.cash();
  return result;
}

}  // namespace qat::backtest
