#include "qat/backtest/strategies.h"

#include <cmath>

#include "qat/core/exact_sum.h"

namespace qat::backtest {
namespace {

double NaiveMean(std::span<const double> window) {
  double sum = 0;
  for (double x : window) sum += x;
  return sum / static_cast<double>(window.size());
}

double ExactMean(std::span<const double> window) {
  return ExactSum(window) / static_cast<double>(window.size());
}

}  // namespace

int SmaCross::DifferenceSign(std::span<const double> closes, int fast, int slow) {
  const std::size_t n = closes.size();
  auto fast_window = closes.subspan(n - static_cast<std::size_t>(fast));
  auto slow_window = closes.subspan(n - static_cast<std::size_t>(slow));
  double a = NaiveMean(fast_window);
  double b = NaiveMean(slow_window);
  // A running sum of 30 values is within 30 ulps of the exact one: far from a tie, its sign
  // is the exact sign; near one, recompute.
  if (std::fabs(a - b) <= 1e-12 * (std::fabs(a) + std::fabs(b))) {
    a = ExactMean(fast_window);
    b = ExactMean(slow_window);
  }
  const double d = a - b;
  return d > 0 ? 1 : (d < 0 ? -1 : 0);
}

Status SmaCross::OnClose(const MarketView& market, const Account& account, Orders& orders) {
  const std::size_t symbols = market.symbols();
  if (last_sign_.size() != symbols) {
    last_sign_.assign(symbols, 0);
    last_count_.assign(symbols, 0);
  }
  const auto slow = static_cast<std::size_t>(slow_);
  for (std::size_t i = 0; i < symbols; ++i) {
    if (!market.TradedToday(i)) continue;
    const std::span<const double> closes = market.Closes(i);
    const std::size_t n = closes.size();
    if (n < slow + 1) continue;
    const int previous =
        last_count_[i] == n - 1 ? last_sign_[i] : DifferenceSign(closes.first(n - 1), fast_, slow_);
    const int now = DifferenceSign(closes, fast_, slow_);
    last_sign_[i] = now;
    last_count_[i] = n;
    const bool held = account.PositionIn(i) != nullptr;
    if (!held && previous <= 0 && now > 0) {
      EntryOrder entry;
      entry.symbol = i;
      entry.reason = "cross-up";
      orders.entries.push_back(entry);
    } else if (held && previous >= 0 && now < 0) {
      orders.exits.push_back(ExitOrder{i, "cross-down"});
    }
  }
  return Ok();
}

Status BuyAndHold::OnClose(const MarketView& market, const Account&, Orders& orders) {
  if (bought_) return Ok();
  std::size_t trading = 0;
  for (std::size_t i = 0; i < market.symbols(); ++i) trading += market.Count(i) > 0 ? 1 : 0;
  if (trading == 0) return Ok();
  for (std::size_t i = 0; i < market.symbols(); ++i) {
    if (market.Count(i) == 0) continue;
    EntryOrder entry;
    entry.symbol = i;
    entry.fraction = 1.0 / static_cast<double>(trading);
    entry.reason = "buy-and-hold";
    orders.entries.push_back(entry);
  }
  bought_ = true;
  return Ok();
}

}  // namespace qat::backtest
