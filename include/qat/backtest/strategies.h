// The strategies the engine runs besides the signals' (docs/backtest.md):
//
//   sma-cross     the reference rule of tests/testdata/sma_cross/README.md: SMA(fast) and
//                 SMA(slow) of the closes, each the correctly rounded sum (ExactSum) of its
//                 window divided by its length; d = fast - slow. Flat and d crosses above 0
//                 (d[t-1] <= 0 < d[t]): buy at the next open with all the equity the risk
//                 limits allow; long and d crosses below 0 (d[t-1] >= 0 > d[t]): sell at the
//                 next open. Long only; a regression target, not an edge.
//   buy-and-hold  at the first close it sees (of an account with no fill yet), an equal share
//                 of the equity in every symbol with a closed bar, held to the end (the same
//                 costs as the strategy beside it).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "qat/backtest/engine.h"

namespace qat::backtest {

class SmaCross : public Strategy {
 public:
  // 0 < fast < slow (OnClose fails otherwise).
  SmaCross(int fast = 10, int slow = 30) : fast_(fast), slow_(slow) {}
  std::string_view Name() const override { return "sma-cross"; }
  Status OnClose(const MarketView& market, const Account& account, Orders& orders) override;

  // The sign (-1, 0, +1) of SMA(fast) - SMA(slow) at the last of `closes` (at least `slow`),
  // exact: a difference within a few ulps of 0 is recomputed from correctly rounded sums.
  static int DifferenceSign(std::span<const double> closes, int fast, int slow);
  // The same from the windows' plain sums (each within 1e-13 relative of its exact sum).
  static int DifferenceSign(std::span<const double> closes, int fast, int slow, double fast_sum, double slow_sum);

 private:
  int fast_, slow_;
  // Per symbol: the sign at its last closed bar and that bar's count (each bar is judged
  // once), and the window sums there, rolled forward one bar at a time and recomputed every
  // kResyncBars bars so that their rounding error stays far inside DifferenceSign's bound.
  struct Rolling {
    std::size_t count = 0;
    int sign = 0;
    double fast_sum = 0, slow_sum = 0;
    std::size_t since_resync = 0;
  };
  static constexpr std::size_t kResyncBars = 64;
  std::vector<Rolling> rolling_;
};

class BuyAndHold : public Strategy {
 public:
  std::string_view Name() const override { return "buy-and-hold"; }
  Status OnClose(const MarketView& market, const Account& account, Orders& orders) override;

 private:
  bool bought_ = false;
};

// Buy-and-hold over the feed with the config's cash and costs: one account per symbol, all in
// (per_symbol), or an equal share of every symbol in one account; the position limits and the
// universe filter are lifted so that it holds everything.
Result<RunResult> RunBuyAndHold(const Feed& feed, bool per_symbol, EngineConfig config);

}  // namespace qat::backtest
