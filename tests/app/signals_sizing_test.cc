// Sizing a watchlist's signals in rank order (app::PlanInRankOrder), worked by hand.
#include <gtest/gtest.h>

#include "qat/app/signals.h"

namespace qat::app {
namespace {

// A BULLISH signal that passed its gates: close `price`, q10 and q90 levels at the horizon.
SymbolSignal Bullish(const std::string& symbol, double price, double q10, double q90) {
  SymbolSignal s;
  s.symbol = symbol;
  s.confluence.direction = signals::Direction::kBullish;
  s.forecast.price = price;
  s.forecast.horizon = 5;
  s.forecast.levels = {{q10, price, price, price, q90}};
  s.gates.push_back(signals::EvaluateGate("prob_up", 0.7, signals::Comparison::kAbove, 0.6));
  return s;
}

TEST(PlanInRankOrder, EachTradeTakesItsCashAndSlotBeforeTheNextIsSized) {
  std::vector<SymbolSignal> ranked = {Bullish("AAA", 100.0, 95.0, 110.0), Bullish("BBB", 50.0, 47.0, 55.0),
                                      Bullish("CCC", 20.0, 19.0, 22.0), Bullish("DDD", 10.0, 9.5, 11.0)};
  ASSERT_TRUE(PlanInRankOrder(ranked, signals::Account{1'000'000, {}}, signals::PlanConfig{}).ok());
  // AAA: $10,000 equity, budget $3,300.00; fill 100.05 (10005 c): (330,000 - 100) / 10005 = 32.97
  // -> 32 shares, value 320,160 c. Cash left 1,000,000 - 320,160 - 100 = 679,740 c.
  EXPECT_EQ(ranked[0].plan.action, signals::Action::kBuy);
  EXPECT_EQ(ranked[0].plan.shares, 32);
  EXPECT_EQ(ranked[0].plan.position_value, 320'160);
  // BBB: equity 679,740 + 320,160 = 999,900 c; budget 999,900 x 0.33 = 329,967 c; fill 50.025
  // -> 5003 c (rounded up): (329,967 - 100) / 5003 = 65.93 -> 65 shares, 325,195 c. Cash left
  // 679,740 - 325,195 - 100 = 354,445 c.
  EXPECT_EQ(ranked[1].plan.budget, 329'967);
  EXPECT_EQ(ranked[1].plan.shares, 65);
  EXPECT_EQ(ranked[1].plan.position_value, 325'195);
  // CCC: equity 354,445 + 645,355 = 999,800 c; budget 329,934 c; fill 20.01 (2001 c):
  // (329,934 - 100) / 2001 = 164.83 -> 164 shares.
  EXPECT_EQ(ranked[2].plan.budget, 329'934);
  EXPECT_EQ(ranked[2].plan.shares, 164);
  // DDD: three positions are open: refused.
  EXPECT_EQ(ranked[3].plan.action, signals::Action::kNone);
  EXPECT_EQ(ranked[3].plan.refused_by, "max_positions");
  EXPECT_EQ(ranked[3].plan.shares, 0);
}

TEST(PlanInRankOrder, ARefusedSignalTakesNothing) {
  std::vector<SymbolSignal> ranked = {Bullish("AAA", 100.0, 95.0, 110.0), Bullish("BBB", 50.0, 47.0, 55.0)};
  ranked[0].gates.push_back(signals::EvaluateGate("rsi_14", 75, signals::Comparison::kAtMost, 70));
  ASSERT_TRUE(PlanInRankOrder(ranked, signals::Account{1'000'000, {}}, signals::PlanConfig{}).ok());
  EXPECT_EQ(ranked[0].plan.refused_by, "rsi_14");
  // BBB is sized against the whole $10,000: budget $3,300.00, (330,000 - 100) / 5003 = 65.94 -> 65.
  EXPECT_EQ(ranked[1].plan.budget, 330'000);
  EXPECT_EQ(ranked[1].plan.shares, 65);
}

}  // namespace
}  // namespace qat::app
