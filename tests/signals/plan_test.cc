// The trade plan (qat/signals/plan.h) worked by hand to the cent, with the default costs
// ($1.00 per fill, 5 bps slippage: a buy at P fills at round(P x 1.0005) cents, a sell at
// round(P x 0.9995)) and the seed's limits (3 positions, 33% of equity each).
#include "qat/signals/plan.h"

#include <gtest/gtest.h>

namespace qat::signals {
namespace {

PlanRequest Request(const std::string& symbol, double close, double q10, double q90, int horizon = 5) {
  PlanRequest r;
  r.symbol = symbol;
  r.direction = Direction::kBullish;
  r.last_close = close;
  r.q10_price = q10;
  r.q90_price = q90;
  r.horizon = horizon;
  return r;
}

TradePlan Must(Result<TradePlan> plan) {
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
  return plan.ok() ? *plan : TradePlan{};
}

TradePlan Plan(const PlanRequest& request, const Account& account, const PlanConfig& config = {},
               std::span<const Gate> gates = {}) {
  return Must(MakeTradePlan(request, gates, account, config));
}

TEST(TradePlan, BuysThirtyThreePercentOfEquityInWholeSharesStopAtQ10TargetAtQ90) {
  // $10,000 cash, nothing open. Budget 1,000,000 x 3300 / 10000 = 330,000 cents ($3,300.00).
  // Entry 80.00 fills at 80.04 (8004 cents); shares (330,000 - 100) / 8004 = 41.2 -> 41;
  // value 41 x 8004 = 328,164. Stopped at 74.00, the sale fills at 73.963 -> 7396 cents:
  // risk 41 x (8004 - 7396) + 2 x 100 = 24,928 + 200 = 25,128 cents ($251.28).
  const TradePlan plan = Plan(Request("SPY", 80.0, 74.0, 88.0), Account{1'000'000, {}});
  EXPECT_EQ(plan.action, Action::kBuy);
  EXPECT_EQ(plan.refused_by, "");
  EXPECT_EQ(plan.reason, "");
  EXPECT_EQ(plan.entry, 80.0);
  EXPECT_TRUE(plan.entry_is_estimate);
  EXPECT_EQ(plan.entry_basis, "last close (estimate: the next session's open is not known at the close)");
  EXPECT_EQ(plan.entry_fill, 8004);
  EXPECT_EQ(plan.stop, 74.0);
  EXPECT_EQ(plan.target, 88.0);
  EXPECT_EQ(plan.time_exit_sessions, 5);
  EXPECT_EQ(plan.budget, 330'000);
  EXPECT_EQ(plan.shares, 41);
  EXPECT_EQ(plan.position_value, 328'164);
  EXPECT_EQ(plan.risk, 25'128);
  // Its JSON: the plan fields, money in dollars.
  const nlohmann::json j = plan.ToJson();
  EXPECT_EQ(j.at("entry"), 80.0);
  EXPECT_EQ(j.at("stop"), 74.0);
  EXPECT_EQ(j.at("target"), 88.0);
  EXPECT_EQ(j.at("time_exit_sessions"), 5);
  EXPECT_EQ(j.at("shares"), 41);
  EXPECT_EQ(j.at("position_value"), 3281.64);
  EXPECT_EQ(j.at("risk_dollars"), 251.28);
  EXPECT_EQ(j.at("action"), "BUY");
  EXPECT_EQ(j.at("regime_exit"), "close at the next open once the market's trend regime is BEAR");
}

TEST(TradePlan, ARegimeFlipClosesALongInBearAndAShortInBull) {
  using features::TrendRegime;
  EXPECT_TRUE(RegimeFlipsAgainst(Side::kLong, TrendRegime::kBear));
  EXPECT_FALSE(RegimeFlipsAgainst(Side::kLong, TrendRegime::kBull));
  EXPECT_FALSE(RegimeFlipsAgainst(Side::kLong, TrendRegime::kSideways));
  EXPECT_FALSE(RegimeFlipsAgainst(Side::kLong, TrendRegime::kUnknown));
  EXPECT_TRUE(RegimeFlipsAgainst(Side::kShort, TrendRegime::kBull));
  EXPECT_FALSE(RegimeFlipsAgainst(Side::kShort, TrendRegime::kBear));
  EXPECT_FALSE(RegimeFlipsAgainst(Side::kShort, TrendRegime::kSideways));
  // A refused plan states no exit rule.
  const TradePlan none = Plan(Request("SPY", 80.0, 81.0, 88.0), Account{1'000'000, {}});
  EXPECT_EQ(none.action, Action::kNone);
  EXPECT_EQ(none.regime_exit, "");
}

TEST(TradePlan, EquityCountsOpenPositionsAndCashCapsTheBudget) {
  // $6,000 cash + two positions worth $4,000: equity $10,000, the same $3,300 budget and plan.
  const Account six{600'000, {{"AAPL", 250'000}, {"MSFT", 150'000}}};
  TradePlan plan = Plan(Request("SPY", 80.0, 74.0, 88.0), six);
  EXPECT_EQ(plan.budget, 330'000);
  EXPECT_EQ(plan.shares, 41);
  // $2,000 cash + $8,000 in two positions: 33% of $10,000 is $3,300 but only $2,000 is cash:
  // (200,000 - 100) / 8004 = 24.97 -> 24 shares, 24 x 8004 = 192,096; risk 24 x 608 + 200.
  const Account two{200'000, {{"AAPL", 500'000}, {"MSFT", 300'000}}};
  plan = Plan(Request("SPY", 80.0, 74.0, 88.0), two);
  EXPECT_EQ(plan.budget, 200'000);
  EXPECT_EQ(plan.shares, 24);
  EXPECT_EQ(plan.position_value, 192'096);
  EXPECT_EQ(plan.risk, 14'792);
  // The next open, once known, is the entry: 80.50 fills at 80.54025 -> 8054 cents.
  PlanRequest known = Request("SPY", 80.0, 74.0, 88.0);
  known.next_open = 80.50;
  plan = Plan(known, Account{1'000'000, {}});
  EXPECT_EQ(plan.entry, 80.50);
  EXPECT_FALSE(plan.entry_is_estimate);
  EXPECT_EQ(plan.entry_basis, "next session's open");
  EXPECT_EQ(plan.entry_fill, 8054);
  EXPECT_EQ(plan.shares, 40);  // 329,900 / 8054 = 40.96
}

TEST(TradePlan, AThousandDollarAccountCannotBuyASixHundredDollarStock) {
  // 33% of $1,000.00 is $330.00; 600.00 fills at 600.30: 600.30 + 1.00 > 330.00.
  const TradePlan plan = Plan(Request("SPY", 600.0, 570.0, 650.0), Account{100'000, {}});
  EXPECT_EQ(plan.action, Action::kNone);
  EXPECT_EQ(plan.shares, 0);
  EXPECT_EQ(plan.position_value, 0);
  EXPECT_EQ(plan.risk, 0);
  EXPECT_EQ(plan.refused_by, "position_size");
  EXPECT_EQ(plan.reason,
            "$1,000.00 account: 33% is $330.00; one share at $600.30 plus $1.00 commission costs $601.30: 0 shares");
  EXPECT_EQ(plan.entry, 600.0);  // the levels are still shown
  EXPECT_EQ(plan.stop, 570.0);
  EXPECT_EQ(plan.target, 650.0);
  // Cash below 33% of equity says so.
  const TradePlan capped = Plan(Request("SPY", 600.0, 570.0, 650.0), Account{50'000, {{"AAPL", 250'000}}});
  EXPECT_EQ(capped.reason,
            "$3,000.00 account: 33% is $990.00 but cash is $500.00; one share at $600.30 plus $1.00 commission "
            "costs $601.30: 0 shares");
}

TEST(TradePlan, TheCommissionCanMakeOneShareFewerAffordable) {
  // $330.00 budget; 109.90 fills at 109.95495 -> 10995 cents. Without commission
  // 33,000 / 10995 = 3.001 -> 3 shares (32,985 cents); with $1.00, 32,900 / 10995 = 2.99 -> 2.
  PlanConfig free;
  free.costs.commission_per_order = 0;
  const TradePlan without = Plan(Request("X", 109.90, 100.0, 120.0), Account{100'000, {}}, free);
  EXPECT_EQ(without.entry_fill, 10995);
  EXPECT_EQ(without.shares, 3);
  EXPECT_EQ(without.position_value, 32'985);
  const TradePlan with = Plan(Request("X", 109.90, 100.0, 120.0), Account{100'000, {}});
  EXPECT_EQ(with.shares, 2);
  EXPECT_EQ(with.position_value, 21'990);
  // Stop 100.00 sells at 99.95: risk 2 x (10995 - 9995) + 200 = 2,200 cents.
  EXPECT_EQ(with.risk, 2'200);
}

TEST(TradePlan, ThreeOpenPositionsOrTheSymbolAlreadyHeldRefuseTheTrade) {
  const Account full{1'000'000, {{"AAPL", 100'000}, {"MSFT", 100'000}, {"QQQ", 100'000}}};
  TradePlan plan = Plan(Request("SPY", 80.0, 74.0, 88.0), full);
  EXPECT_EQ(plan.action, Action::kNone);
  EXPECT_EQ(plan.refused_by, "max_positions");
  EXPECT_EQ(plan.reason, "3 positions already open (max 3)");
  EXPECT_EQ(plan.shares, 0);
  // Two open: a third is allowed.
  const Account two{1'000'000, {{"AAPL", 100'000}, {"MSFT", 100'000}}};
  EXPECT_EQ(Plan(Request("SPY", 80.0, 74.0, 88.0), two).action, Action::kBuy);
  plan = Plan(Request("MSFT", 80.0, 74.0, 88.0), two);
  EXPECT_EQ(plan.refused_by, "already_held");
  EXPECT_EQ(plan.reason, "MSFT is already held");
}

TEST(TradePlan, AStopAtOrAboveTheEntryOrATargetAtOrBelowItIsRefused) {
  const Account cash{1'000'000, {}};
  TradePlan plan = Plan(Request("X", 50.0, 51.0, 60.0), cash);
  EXPECT_EQ(plan.action, Action::kNone);
  EXPECT_EQ(plan.refused_by, "stop_below_entry");
  EXPECT_EQ(plan.reason, "stop 51 (q10) is not below the entry 50");
  EXPECT_EQ(Plan(Request("X", 50.0, 50.0, 60.0), cash).refused_by, "stop_below_entry");
  plan = Plan(Request("X", 50.0, 45.0, 50.0), cash);
  EXPECT_EQ(plan.refused_by, "target_above_entry");
  EXPECT_EQ(plan.reason, "target 50 (q90) is not above the entry 50");
  plan = Plan(Request("X", 50.0, std::numeric_limits<double>::quiet_NaN(), 60.0), cash);
  EXPECT_EQ(plan.refused_by, "forecast");
  EXPECT_EQ(plan.reason, "q10 price is missing");
  plan = Plan(Request("X", std::numeric_limits<double>::quiet_NaN(), 45.0, 60.0), cash);
  EXPECT_EQ(plan.refused_by, "entry");
  EXPECT_EQ(plan.reason, "entry price (last close) is missing or not positive");
}

TEST(TradePlan, AFailedGateOrABearishSignalWithoutShortingIsNamed) {
  const Account cash{1'000'000, {}};
  const GateConfig gates_config;
  const std::vector<Gate> gates = {PatternWinRateGate(0.58, gates_config), PriceGate(4.99, gates_config),
                                   ProbUpGate(0.5, Side::kLong, gates_config)};
  TradePlan plan = Plan(Request("X", 80.0, 74.0, 88.0), cash, {}, gates);
  EXPECT_EQ(plan.action, Action::kNone);
  EXPECT_EQ(plan.refused_by, "price");  // the first gate that failed
  EXPECT_EQ(plan.reason, "price 4.99 is not >= 5");
  PlanRequest bearish = Request("X", 80.0, 74.0, 88.0);
  bearish.direction = Direction::kBearish;
  plan = Plan(bearish, cash);
  EXPECT_EQ(plan.refused_by, "direction");
  EXPECT_EQ(plan.reason, "BEARISH and shorting is disabled");
  PlanRequest neutral = bearish;
  neutral.direction = Direction::kNeutral;
  EXPECT_EQ(Plan(neutral, cash).reason, "NEUTRAL: no direction");
}

TEST(TradePlan, WithShortingEnabledABearishSignalSellsStopAtQ90TargetAtQ10) {
  // 80.00 sells short at 79.96 (7996 cents); (330,000 - 100) / 7996 = 41.26 -> 41 shares,
  // 41 x 7996 = 327,836. Stopped at 88.00, the buy-back fills at 88.044 -> 8804:
  // risk 41 x (8804 - 7996) + 200 = 33,128 + 200 = 33,328.
  PlanConfig shorting;
  shorting.allow_short = true;
  PlanRequest bearish = Request("X", 80.0, 74.0, 88.0);
  bearish.direction = Direction::kBearish;
  const TradePlan plan = Plan(bearish, Account{1'000'000, {}}, shorting);
  EXPECT_EQ(plan.action, Action::kSell);
  EXPECT_EQ(plan.stop, 88.0);
  EXPECT_EQ(plan.target, 74.0);
  EXPECT_EQ(plan.entry_fill, 7996);
  EXPECT_EQ(plan.shares, 41);
  EXPECT_EQ(plan.position_value, 327'836);
  EXPECT_EQ(plan.risk, 33'328);
  // A q90 below the entry is no stop for a short.
  PlanRequest inverted = Request("X", 80.0, 70.0, 79.0);
  inverted.direction = Direction::kBearish;
  const TradePlan refused = Plan(inverted, Account{1'000'000, {}}, shorting);
  EXPECT_EQ(refused.refused_by, "stop_above_entry");
  EXPECT_EQ(refused.reason, "stop 79 (q90) is not above the entry 80");
  // A q10 at the entry is no target for a short.
  PlanRequest flat = Request("X", 80.0, 80.0, 88.0);
  flat.direction = Direction::kBearish;
  const TradePlan no_target = Plan(flat, Account{1'000'000, {}}, shorting);
  EXPECT_EQ(no_target.refused_by, "target_below_entry");
  EXPECT_EQ(no_target.reason, "target 80 (q10) is not below the entry 80");
}

TEST(TradePlan, TimeExitIsTheHorizonCappedAtTwentyOneSessions) {
  const Account cash{1'000'000, {}};
  EXPECT_EQ(Plan(Request("X", 80.0, 74.0, 88.0, 10), cash).time_exit_sessions, 10);
  EXPECT_EQ(Plan(Request("X", 80.0, 74.0, 88.0, 21), cash).time_exit_sessions, 21);
  EXPECT_EQ(Plan(Request("X", 80.0, 74.0, 88.0, 30), cash).time_exit_sessions, 21);
  PlanConfig three;
  three.time_exit_sessions = 3;
  EXPECT_EQ(Plan(Request("X", 80.0, 74.0, 88.0, 10), cash, three).time_exit_sessions, 3);
}

TEST(TradePlan, InvalidSettingsFailNamingThem) {
  const Account cash{1'000'000, {}};
  auto horizon = MakeTradePlan(Request("X", 80.0, 74.0, 88.0, 0), {}, cash, {});
  ASSERT_FALSE(horizon.ok());
  EXPECT_EQ(horizon.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(horizon.error().message, "X: horizon 0 is not >= 1");
  PlanConfig too_much;
  too_much.max_position_bps = 10001;
  EXPECT_EQ(MakeTradePlan(Request("X", 80.0, 74.0, 88.0), {}, cash, too_much).error().message,
            "max_position_bps 10001 is not within 1..10000");
  EXPECT_EQ(MakeTradePlan(Request("X", 80.0, 74.0, 88.0), {}, Account{-1, {}}, {}).error().message,
            "cash -$0.01 is negative");
  PlanConfig no_positions;
  no_positions.max_positions = 0;
  EXPECT_FALSE(MakeTradePlan(Request("X", 80.0, 74.0, 88.0), {}, cash, no_positions).ok());
}

}  // namespace
}  // namespace qat::signals
