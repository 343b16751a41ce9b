// The backtester's fill rules (docs/backtest.md), each worked by hand, and the ambiguous bar
// on real sessions of SPY whose 1h bars resolve it.
#include "qat/backtest/fill_rules.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "qat/data/csv.h"
#include "qat/data/resample.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::backtest {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

data::Bar B(double open, double high, double low, double close) { return {0, 0, open, high, low, close, close, 1000}; }

TEST(FillRules, ALongStopTheOpenGapsThroughFillsAtTheOpen) {
  // Stop 95, target 110; the session opens at 92, below the stop: filled at 92, worse than 95.
  const auto fill = BracketExit({PositionSide::kLong, 95, 110}, B(92, 97, 91, 96), AmbiguityRule::kStopFirst);
  ASSERT_TRUE(fill);
  EXPECT_EQ(fill->reason, ExitReason::kStop);
  EXPECT_EQ(fill->price, 92);
  EXPECT_TRUE(fill->gapped);
  EXPECT_FALSE(fill->ambiguous);
}

TEST(FillRules, ALongTargetTheOpenGapsThroughFillsAtTheOpen) {
  // Target 110; the open at 113 is above it: filled at 113, better than 110.
  const auto fill = BracketExit({PositionSide::kLong, 95, 110}, B(113, 115, 108, 114), AmbiguityRule::kStopFirst);
  ASSERT_TRUE(fill);
  EXPECT_EQ(fill->reason, ExitReason::kTarget);
  EXPECT_EQ(fill->price, 113);
  EXPECT_TRUE(fill->gapped);
}

TEST(FillRules, ALevelReachedInsideTheBarFillsAtTheLevel) {
  // Low 94 reaches the stop 95 (not the target): 95. High 111 reaches the target: 110.
  const Bracket b{PositionSide::kLong, 95, 110};
  auto stop = BracketExit(b, B(100, 104, 94, 96), AmbiguityRule::kStopFirst);
  ASSERT_TRUE(stop);
  EXPECT_EQ(stop->reason, ExitReason::kStop);
  EXPECT_EQ(stop->price, 95);
  EXPECT_FALSE(stop->gapped);
  auto target = BracketExit(b, B(100, 111, 99, 105), AmbiguityRule::kStopFirst);
  ASSERT_TRUE(target);
  EXPECT_EQ(target->reason, ExitReason::kTarget);
  EXPECT_EQ(target->price, 110);
  // A bar touching exactly the level fills there; one that stays inside fills nothing.
  EXPECT_TRUE(BracketExit(b, B(100, 110, 99, 105), AmbiguityRule::kStopFirst));
  EXPECT_FALSE(BracketExit(b, B(100, 109.99, 95.01, 105), AmbiguityRule::kStopFirst));
}

TEST(FillRules, ABarHoldingBothLevelsIsAmbiguousAndTheRuleDecides) {
  // Low 94 <= 95 and high 111 >= 110: which came first is unknown. Stop first (the default,
  // conservative): 95; target first: 110.
  const Bracket b{PositionSide::kLong, 95, 110};
  auto stop_first = BracketExit(b, B(100, 111, 94, 105), AmbiguityRule::kStopFirst);
  ASSERT_TRUE(stop_first);
  EXPECT_TRUE(stop_first->ambiguous);
  EXPECT_EQ(stop_first->reason, ExitReason::kStop);
  EXPECT_EQ(stop_first->price, 95);
  auto target_first = BracketExit(b, B(100, 111, 94, 105), AmbiguityRule::kTargetFirst);
  ASSERT_TRUE(target_first);
  EXPECT_TRUE(target_first->ambiguous);
  EXPECT_EQ(target_first->reason, ExitReason::kTarget);
  EXPECT_EQ(target_first->price, 110);
}

TEST(FillRules, AShortMirrorsTheLong) {
  // Short: stop 105 above, target 90 below. Open 107 >= 105: gapped stop at 107 (worse).
  const Bracket b{PositionSide::kShort, 105, 90};
  auto gap = BracketExit(b, B(107, 108, 101, 102), AmbiguityRule::kStopFirst);
  ASSERT_TRUE(gap);
  EXPECT_EQ(gap->reason, ExitReason::kStop);
  EXPECT_EQ(gap->price, 107);
  // Open 88 <= 90: gapped target at 88 (better).
  auto win = BracketExit(b, B(88, 92, 87, 89), AmbiguityRule::kStopFirst);
  ASSERT_TRUE(win);
  EXPECT_EQ(win->reason, ExitReason::kTarget);
  EXPECT_EQ(win->price, 88);
  // High 106 reaches the stop: 105; low 89 reaches the target: 90; both: ambiguous.
  EXPECT_EQ(BracketExit(b, B(100, 106, 99, 100), AmbiguityRule::kStopFirst)->price, 105);
  EXPECT_EQ(BracketExit(b, B(100, 101, 89, 100), AmbiguityRule::kStopFirst)->price, 90);
  EXPECT_TRUE(BracketExit(b, B(100, 106, 89, 100), AmbiguityRule::kStopFirst)->ambiguous);
}

TEST(FillRules, AMissingLevelNeverFills) {
  const Bracket only_stop{PositionSide::kLong, 95, kNone};
  EXPECT_FALSE(BracketExit(only_stop, B(100, 200, 96, 150), AmbiguityRule::kStopFirst));
  EXPECT_EQ(BracketExit(only_stop, B(100, 200, 90, 150), AmbiguityRule::kStopFirst)->price, 95);
}

TEST(FillRules, FinerBarsResolveAnAmbiguousBarOrLeaveItToTheRule) {
  const Bracket b{PositionSide::kLong, 95, 110};
  const data::Bar day = B(100, 111, 94, 105);
  // The first hour reaches 110 (not 95): the target came first, whatever the rule.
  const std::vector<data::Bar> target_first = {B(100, 110.5, 99, 109), B(109, 109.5, 94, 96)};
  auto t = BracketExitWithFinerBars(b, day, target_first, AmbiguityRule::kStopFirst);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->reason, ExitReason::kTarget);
  EXPECT_EQ(t->price, 110);
  EXPECT_TRUE(t->ambiguous);
  EXPECT_TRUE(t->resolved_by_finer_bars);
  // An hour that holds both is ambiguous in turn: the rule decides, not resolved.
  const std::vector<data::Bar> both = {B(100, 111, 94, 105)};
  auto r = BracketExitWithFinerBars(b, day, both, AmbiguityRule::kStopFirst);
  EXPECT_EQ(r->reason, ExitReason::kStop);
  EXPECT_FALSE(r->resolved_by_finer_bars);
  // An hour opening below the stop after one that stayed inside: the stop came first, at 95.
  const std::vector<data::Bar> crossed = {B(100, 101, 99, 99.5), B(94.5, 111, 94, 105)};
  auto c = BracketExitWithFinerBars(b, day, crossed, AmbiguityRule::kTargetFirst);
  EXPECT_EQ(c->reason, ExitReason::kStop);
  EXPECT_EQ(c->price, 95);
  EXPECT_TRUE(c->resolved_by_finer_bars);
  // No finer bars: the rule.
  EXPECT_EQ(BracketExitWithFinerBars(b, day, {}, AmbiguityRule::kTargetFirst)->reason, ExitReason::kTarget);
}

using testing::SpySessions;

// The session's daily bar and its 1h bars.
std::pair<data::Bar, std::vector<data::Bar>> Session(const SpySessions& s, const char* date) {
  const Days day = *ParseDate(date);
  data::Bar bar{};
  for (std::size_t i = 0; i < s.daily.size(); ++i) {
    if (s.daily.DayAt(i) == day) bar = s.daily.At(i);
  }
  std::vector<data::Bar> hours;
  for (std::size_t i = 0; i < s.hourly.size(); ++i) {
    if (s.hourly.DayAt(i) == day) hours.push_back(s.hourly.At(i));
  }
  return {bar, hours};
}

TEST(FillRules, RealSessionsWhereTheHourlyBarsDecide) {
  const SpySessions spy = testing::SpyRegularSessions();
  // 2025-06-06: open 596.89, high 599.06, low 595.10. A long with its stop at 596.00 and its
  // target at 597.98 (halfway from the open to the low and to the high) holds both: the rule
  // says stop. The 09:30 hour reached 599.06 and went no lower than 596.30: the target came
  // first (the 10:30 hour then held both).
  {
    const auto [day, hours] = Session(spy, "2025-06-06");
    ASSERT_EQ(hours.size(), 7u);
    const Bracket b{PositionSide::kLong, 596.00, 597.98};
    EXPECT_EQ(BracketExit(b, day, AmbiguityRule::kStopFirst)->reason, ExitReason::kStop);
    EXPECT_TRUE(BracketExit(b, day, AmbiguityRule::kStopFirst)->ambiguous);
    const auto fill = BracketExitWithFinerBars(b, day, hours, AmbiguityRule::kStopFirst);
    ASSERT_TRUE(fill);
    EXPECT_EQ(fill->reason, ExitReason::kTarget);
    EXPECT_EQ(fill->price, 597.98);
    EXPECT_TRUE(fill->resolved_by_finer_bars);
  }
  // 2025-06-02: open 586.03, high 591.04, low 583.33; stop 584.68, target 588.53. The 09:30
  // hour went down to 583.33 and up only to 588.00: the stop came first, as the rule says.
  {
    const auto [day, hours] = Session(spy, "2025-06-02");
    const Bracket b{PositionSide::kLong, 584.68, 588.53};
    EXPECT_TRUE(BracketExit(b, day, AmbiguityRule::kTargetFirst)->ambiguous);
    const auto fill = BracketExitWithFinerBars(b, day, hours, AmbiguityRule::kTargetFirst);
    EXPECT_EQ(fill->reason, ExitReason::kStop);
    EXPECT_EQ(fill->price, 584.68);
    EXPECT_TRUE(fill->resolved_by_finer_bars);
  }
}

TEST(FillRules, CommissionsAndSlippageWorkedByHand) {
  // Conservative: $1.00 an order; buys at 100.00 fill at 100.05 (5 bps), sells at 99.95.
  const FillCosts conservative = *FillCostPreset("conservative");
  EXPECT_EQ(Commission(conservative, 10, 100.0), portfolio::CentsToMicros(100));
  EXPECT_DOUBLE_EQ(BuyPrice(100.0, conservative), 100.05);
  EXPECT_DOUBLE_EQ(SellPrice(100.0, conservative), 99.95);
  // Zero commission, 2 bps slippage + 1 bp half-spread: 100 -> 100.03 / 99.97.
  const FillCosts zero = *FillCostPreset("zero");
  EXPECT_EQ(Commission(zero, 1000, 100.0), 0);
  EXPECT_DOUBLE_EQ(BuyPrice(100.0, zero), 100.03);
  EXPECT_DOUBLE_EQ(SellPrice(100.0, zero), 99.97);
  // Per share $0.005, at least $1.00: 100 shares = $0.50 -> $1.00; 1,000 shares = $5.00.
  const FillCosts per_share = *FillCostPreset("per-share");
  EXPECT_EQ(Commission(per_share, 100, 50.0), portfolio::CentsToMicros(100));
  EXPECT_EQ(Commission(per_share, 1000, 50.0), portfolio::CentsToMicros(500));
  // 0.1% of the value (the sma-cross reference's costs): 37 shares at $123.45 = $4,567.65 ->
  // $4.56765, kept to the micro-dollar; shown as $4.57.
  FillCosts percent{0, 0, 0, 0.1, 0, 0};
  EXPECT_EQ(Commission(percent, 37, 123.45), 4'567'650);
  EXPECT_EQ(portfolio::FormatMicros(Commission(percent, 37, 123.45)), "4.57");
  // A fill's value: 106,843 shares at AAPL's split-adjusted $0.0935009 (1984-10-31).
  EXPECT_EQ(TradeValue(106'843, 0.0935009), 9'989'916'659);
  EXPECT_EQ(portfolio::FormatMicros(-5'000), "-0.01");
  EXPECT_FALSE(FillCostPreset("cheap"));
}

}  // namespace
}  // namespace qat::backtest
