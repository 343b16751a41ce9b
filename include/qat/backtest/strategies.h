// The strategies the engine runs besides the signals' (docs/backtest.md):
//
//   sma-cross     the reference rule of tests/testdata/sma_cross/README.md: SMA(fast) and
//                 SMA(slow) of the closes, each the correctly rounded sum (ExactSum) of its
//                 window divided by its length; d = fast - slow. Flat and d crosses above 0
//                 (d[t-1] <= 0 < d[t]): buy at the next open with all the equity the risk
//                 limits allow; long and d crosses below 0 (d[t-1] >= 0 > d[t]): sell at the
//                 next open. Long only; a regression target, not an edge.
//   buy-and-hold  at the first close it sees, an equal share of the equity in every symbol
//                 with a closed bar, held to the end (the same costs as the strategy beside it).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "qat/backtest/engine.h"

namespace qat::backtest {

class SmaCross : public Strategy {
 public:
  SmaCross(int fast = 10, int slow = 30) : fast_(fast), slow_(slow) {}
  std::string_view Name() const override { return "sma-cross"; }
  Status OnClose(const MarketView& market, const Account& account, Orders& orders) override;

  // The sign (-1, 0, +1) of SMA(fast) - SMA(slow) at the last of `closes` (at least `slow`),
  // exact: a difference within a few ulps of 0 is recomputed from correctly rounded sums.
  static int DifferenceSign(std::span<const double> closes, int fast, int slow);

 private:
  int fast_, slow_;
  // The sign at each symbol's last closed bar and that bar's count, so each bar is judged once.
  std::vector<int> last_sign_;
  std::vector<std::size_t> last_count_;
};

class BuyAndHold : public Strategy {
 public:
  std::string_view Name() const override { return "buy-and-hold"; }
  Status OnClose(const MarketView& market, const Account& account, Orders& orders) override;

 private:
  bool bought_ = false;
};

}  // namespace qat::backtest
