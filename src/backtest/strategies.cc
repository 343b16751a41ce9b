#include "qat/backtest/strategies.h"

#include <cmath>

#include "qat/core/exact_sum.h"

namespace qat::backtest {
namespace {

// A plain sum in four independent chains (four times the speed of one chain; its rounding
// differs from a running sum's, and both are within the bound DifferenceSign allows for).
double FastSum(std::span<const double> w) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t k = 0;
  for (; k + 4 <= w.size(); k += 4) {
    s0 += w[k];
    s1 += w[k + 1];
    s2 += w[k + 2];
    s3 += w[k + 3];
  }
  for (; k < w.size(); ++k) s0 += w[k];
  return (s0 + s1) + (s2 + s3);
}

double ExactMean(std::span<const double> window) {
  return ExactSum(window) / static_cast<double>(window.size());
}

}  // namespace

int SmaCross::DifferenceSign(std::span<const double> closes, int fast, int slow) {
  const std::size_t n = closes.size();
  const double fast_sum = FastSum(closes.subspan(n - static_cast<std::size_t>(fast)));
  const double slow_sum =
      fast_sum + FastSum(closes.subspan(n - static_cast<std::size_t>(slow), static_cast<std::size_t>(slow - fast)));
  return DifferenceSign(closes, fast, slow, fast_sum, slow_sum);
}

namespace {

// The sign of the exact difference of the means, as the reference defines them (correctly
// rounded sums divided by the length); out of line, for the rare near-tie.
[[gnu::noinline]] int ExactDifferenceSign(std::span<const double> closes, int fast, int slow) {
  const std::size_t n = closes.size();
  const double d = ExactMean(closes.subspan(n - static_cast<std::size_t>(fast))) -
                   ExactMean(closes.subspan(n - static_cast<std::size_t>(slow)));
  return d > 0 ? 1 : (d < 0 ? -1 : 0);
}

}  // namespace

int SmaCross::DifferenceSign(std::span<const double> closes, int fast, int slow, double fast_sum, double slow_sum) {
  // fast_sum / fast - slow_sum / slow has the sign of fast_sum * slow - slow_sum * fast. The
  // plain sums are within 1e-13 relative of the exact ones: far from a tie, that sign is the
  // exact one; near one, it is recomputed exactly.
  const double x = fast_sum * slow;
  const double y = slow_sum * fast;
  if (std::fabs(x - y) > 1e-11 * (std::fabs(x) + std::fabs(y))) [[likely]] return x > y ? 1 : -1;
  return ExactDifferenceSign(closes, fast, slow);
}

Status SmaCross::OnClose(const MarketView& market, const Account& account, Orders& orders) {
  if (!(fast_ > 0 && fast_ < slow_)) {
    return Fail(ErrorCode::kInvalidInput, "sma-cross: needs 0 < fast < slow, got {} and {}", fast_, slow_);
  }
  const std::size_t symbols = market.symbols();
  if (rolling_.size() != symbols) rolling_.assign(symbols, Rolling{});
  const auto fast = static_cast<std::size_t>(fast_);
  const auto slow = static_cast<std::size_t>(slow_);
  for (std::size_t i = 0; i < symbols; ++i) {
    if (!market.TradedToday(i)) continue;
    const std::span<const double> closes = market.Closes(i);
    const std::size_t n = closes.size();
    if (n < slow + 1) continue;
    Rolling& r = rolling_[i];
    int previous = 0;
    if (r.count == n - 1 && r.since_resync < kResyncBars) {
      previous = r.sign;
      r.fast_sum += closes[n - 1] - closes[n - 1 - fast];
      r.slow_sum += closes[n - 1] - closes[n - 1 - slow];
      ++r.since_resync;
    } else {
      previous = r.count == n - 1 ? r.sign : DifferenceSign(closes.first(n - 1), fast_, slow_);
      r.fast_sum = FastSum(closes.subspan(n - fast));
      r.slow_sum = r.fast_sum + FastSum(closes.subspan(n - slow, slow - fast));
      r.since_resync = 0;
    }
    const int now = DifferenceSign(closes, fast_, slow_, r.fast_sum, r.slow_sum);
    r.sign = now;
    r.count = n;
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

Status BuyAndHold::OnClose(const MarketView& market, const Account& account, Orders& orders) {
  // Once: by this object, or (a paper account resumed with a new one) by the account's fills.
  if (bought_ || !account.fills().empty()) return Ok();
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

Result<RunResult> RunBuyAndHold(const Feed& feed, bool per_symbol, EngineConfig config) {
  config.risk.max_positions = per_symbol ? 1 : static_cast<int>(feed.daily.size());
  config.risk.max_position_fraction = 1;
  config.risk.min_price = config.risk.min_dollar_volume = 0;
  if (per_symbol) return RunPerSymbol(feed, [] { return std::make_unique<BuyAndHold>(); }, config);
  BuyAndHold hold;
  return RunEngine(feed, hold, config);
}

}  // namespace qat::backtest
