// The engine's rules, each worked by hand on a few made-up bars (docs/backtest.md), and the
// ambiguous-bar report on a real SPY session whose hourly bars decide it.
#include "qat/backtest/engine.h"

#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <map>

#include "qat/backtest/strategies.h"
#include "qat/data/csv.h"
#include "qat/data/resample.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::backtest {
namespace {

using portfolio::Micros;

constexpr Micros kDollar = portfolio::kMicrosPerDollar;

// Daily bars from 2024-01-01 on, one a day: {open, high, low, close}.
data::BarSeries Daily(const std::string& symbol, std::vector<std::array<double, 4>> ohlc) {
  data::BarSeries s;
  s.symbol = symbol;
  Days day = *ParseDate("2024-01-01");
  for (const auto& b : ohlc) {
    const Timestamp start = Timestamp{day} * kSecondsPerDay;
    s.Append({start, data::AvailableTime(data::Interval::k1d, start), b[0], b[1], b[2], b[3], b[3], 1e6});
    ++day;
  }
  return s;
}

// A strategy that sends the orders scripted for its n-th decision (0 = the first close).
class Scripted : public Strategy {
 public:
  using Script = std::function<void(int decision, const MarketView&, const Account&, Orders&)>;
  explicit Scripted(Script script) : script_(std::move(script)) {}
  std::string_view Name() const override { return "scripted"; }
  Status OnClose(const MarketView& market, const Account& account, Orders& orders) override {
    script_(decision_++, market, account, orders);
    return Ok();
  }

 private:
  Script script_;
  int decision_ = 0;
};

EntryOrder Long(std::size_t symbol, double stop, double target, double fraction = 1.0) {
  EntryOrder o;
  o.symbol = symbol;
  o.stop = stop;
  o.target = target;
  o.fraction = fraction;
  return o;
}

Result<RunResult> RunScript(const std::vector<data::BarSeries>& universe, Scripted::Script script, EngineConfig config,
                      const std::vector<data::BarSeries>& finer = {}) {
  Scripted strategy(std::move(script));
  const Feed feed{universe, finer, universe[0].DayAt(0), universe[0].DayAt(universe[0].size() - 1)};
  return RunEngine(feed, strategy, config);
}

EngineConfig Plain(Micros cash = 1000 * kDollar) {
  EngineConfig c;
  c.initial_cash = cash;
  c.risk.max_position_fraction = 1.0;
  c.costs = FillCosts{0, 0, 0, 0, 0, 0};
  return c;
}

TEST(Engine, MarketOnOpenThenTargetWithCostsWorkedByHand) {
  // Decision at the close of day 0; day 1 opens at 10.00: buy at 10.01 (10 bps slippage).
  // Budget: 50% of $1,000 = $500; 49 shares cost 490.49 + $1 commission (50 would cost 501.50).
  // Day 2 reaches the target 11: sell at 11 x 0.999 = 10.989: 49 x 10.989 = 538.461, less $1.
  const std::vector<data::BarSeries> u = {
      Daily("AAA", {{10, 10, 10, 10}, {10, 10.5, 9.8, 10.2}, {10.5, 11.2, 10.4, 11}, {11, 11, 11, 11}})};
  EngineConfig c = Plain();
  c.risk.max_position_fraction = 0.5;
  c.costs = FillCosts{100, 0, 0, 0, 10, 0};
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n == 0) o.entries.push_back(Long(0, 9, 11));
  }, c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->fills.size(), 2u);
  EXPECT_EQ(r->fills[0].quantity, 49);
  EXPECT_DOUBLE_EQ(r->fills[0].price, 10.01);
  EXPECT_EQ(r->fills[1].reason, "target");
  EXPECT_DOUBLE_EQ(r->fills[1].price, 10.989);
  ASSERT_EQ(r->equity.size(), 4u);
  EXPECT_EQ(r->equity[0], 1000 * kDollar);
  EXPECT_EQ(r->equity[1], 1'008'310'000);  // 1000 - 490.49 - 1 + 49 x 10.20
  EXPECT_EQ(r->equity[2], 1'045'971'000);  // 508.51 + 538.461 - 1
  ASSERT_EQ(r->trades.size(), 1u);
  EXPECT_EQ(r->trades[0].pnl, 45'971'000);  // 538.461 - 490.49 - 2
  EXPECT_EQ(r->trades[0].bars_held, 1u);
  EXPECT_EQ(r->fees, 2 * kDollar);
}

TEST(Engine, AStopTheOpenGapsThroughFillsAtTheOpen) {
  // Long at 10 with a stop at 9: day 2 opens at 8.50, below the stop: filled at 8.50, not 9.
  const std::vector<data::BarSeries> u = {
      Daily("AAA", {{10, 10, 10, 10}, {10, 10, 9.5, 9.6}, {8.5, 8.8, 8.2, 8.6}})};
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n == 0) o.entries.push_back(Long(0, 9, 12));
  }, Plain());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->fills.size(), 2u);
  EXPECT_EQ(r->fills[1].reason, "stop");
  EXPECT_EQ(r->fills[1].price, 8.5);
  EXPECT_EQ(r->trades[0].pnl, 100 * (8.5 - 10) * kDollar);
}

TEST(Engine, AnAmbiguousBarIsCountedAndTheRuleDecides) {
  // Day 2 holds both the stop (9) and the target (11): stop first by default, target first
  // under the other rule; the P&L of the run differs by 100 x 2.
  const std::vector<data::BarSeries> u = {
      Daily("AAA", {{10, 10, 10, 10}, {10, 10.2, 9.9, 10}, {10, 11.5, 8.5, 10}})};
  auto script = [](int n, const MarketView&, const Account&, Orders& o) {
    if (n == 0) o.entries.push_back(Long(0, 9, 11));
  };
  auto stop_first = RunScript(u, script, Plain());
  EngineConfig target_rule = Plain();
  target_rule.ambiguity = AmbiguityRule::kTargetFirst;
  auto target_first = RunScript(u, script, target_rule);
  ASSERT_TRUE(stop_first.ok() && target_first.ok());
  EXPECT_EQ(stop_first->counts.ambiguous_bars, 1);
  EXPECT_EQ(stop_first->counts.resolved_by_finer_bars, 0);
  EXPECT_EQ(stop_first->fills[1].price, 9);
  EXPECT_EQ(target_first->fills[1].price, 11);
  EXPECT_EQ(target_first->equity.back() - stop_first->equity.back(), 200 * kDollar);
}

TEST(Engine, TheAmbiguousBarOfARealSessionIsResolvedByItsHourlyBars) {
  // SPY's bundled 5-minute bars resampled to the regular session's 1h and 1d bars. Bought at
  // the open of 2025-06-06 (596.89) with a stop at 596.00 and a target at 597.98: the day's bar
  // (low 595.10, high 599.06) holds both; the 09:30 hour reached 599.06 without going below
  // 596.30, so the target came first. Without hourly bars the rule says stop.
  const testing::SpySessions spy = testing::SpyRegularSessions();
  ASSERT_FALSE(spy.daily.empty());
  const std::vector<data::BarSeries> u = {spy.daily};
  const std::vector<data::BarSeries> finer = {spy.hourly};
  const Days decision = *ParseDate("2025-06-05");
  auto script = [decision](int, const MarketView& m, const Account&, Orders& o) {
    if (m.today() == decision) o.entries.push_back(Long(0, 596.00, 597.98));
  };
  const Feed feed{u, finer, decision, *ParseDate("2025-06-09")};
  Scripted with_hours(script), without_hours(script);
  auto resolved = RunEngine(feed, with_hours, Plain(100'000 * kDollar));
  auto by_rule = RunEngine(Feed{u, {}, feed.start, feed.end}, without_hours, Plain(100'000 * kDollar));
  ASSERT_TRUE(resolved.ok() && by_rule.ok());
  ASSERT_EQ(resolved->fills.size(), 2u);
  EXPECT_EQ(FormatDate(resolved->fills[0].day), "2025-06-06");
  EXPECT_NEAR(resolved->fills[0].price, 596.8945, 1e-4);  // the session's open, no costs
  EXPECT_EQ(resolved->fills[1].reason, "target");
  EXPECT_EQ(resolved->fills[1].price, 597.98);
  EXPECT_EQ(resolved->counts.ambiguous_bars, 1);
  EXPECT_EQ(resolved->counts.resolved_by_finer_bars, 1);
  EXPECT_EQ(by_rule->fills[1].reason, "stop");
  EXPECT_EQ(by_rule->fills[1].price, 596.00);
  EXPECT_EQ(by_rule->counts.resolved_by_finer_bars, 0);
}

TEST(Engine, ATimeExitSellsAtTheOpenAfterMaxBars) {
  const std::vector<data::BarSeries> u = {
      Daily("AAA", {{10, 10, 10, 10}, {10, 10, 10, 10}, {11, 11, 11, 11}, {12, 12, 12, 12}, {13, 13, 13, 13}})};
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n != 0) return;
    EntryOrder e = Long(0, std::nan(""), std::nan(""));
    e.max_bars = 2;
    o.entries.push_back(e);
  }, Plain());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->fills.size(), 2u);
  EXPECT_EQ(FormatDate(r->fills[0].day), "2024-01-02");
  EXPECT_EQ(FormatDate(r->fills[1].day), "2024-01-04");
  EXPECT_EQ(r->fills[1].reason, "time");
  EXPECT_EQ(r->fills[1].price, 12);  // the open of the second bar after the entry bar
}

TEST(Engine, AnEntryMayRefillThePlaceOfATimeExitAtTheSameOpen) {
  // Held 2 bars from 2024-01-02; its time exit is at the open of 2024-01-04. An entry decided
  // at the close of 2024-01-03 is queued (the position leaves first) and fills at that open.
  const std::vector<data::BarSeries> u = {
      Daily("AAA", {{10, 10, 10, 10}, {10, 10, 10, 10}, {11, 11, 11, 11}, {12, 12, 12, 12}, {13, 13, 13, 13}})};
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n != 0 && n != 2) return;
    EntryOrder e = Long(0, std::nan(""), std::nan(""));
    e.max_bars = 2;
    o.entries.push_back(e);
  }, Plain());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->fills.size(), 3u);
  EXPECT_EQ(r->fills[1].reason, "time");
  EXPECT_EQ(FormatDate(r->fills[2].day), "2024-01-04");
  EXPECT_TRUE(r->fills[2].buy);
  EXPECT_EQ(r->counts.refused_held, 0);
}

TEST(Engine, SlotsGoToHigherScoresAndTheRestAreCounted) {
  const std::vector<data::BarSeries> u = {Daily("AAA", {{10, 10, 10, 10}, {10, 10, 10, 10}}),
                                          Daily("BBB", {{20, 20, 20, 20}, {20, 20, 20, 20}})};
  EngineConfig c = Plain();
  c.risk.max_positions = 1;
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n != 0) return;
    EntryOrder a = Long(0, std::nan(""), std::nan(""));
    a.score = 1;
    EntryOrder b = Long(1, std::nan(""), std::nan(""));
    b.score = 2;
    o.entries = {a, b};
  }, c);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->fills.size(), 1u);
  EXPECT_EQ(r->symbols[r->fills[0].symbol], "BBB");
  EXPECT_EQ(r->fills[0].quantity, 50);
  EXPECT_EQ(r->counts.refused_slots, 1);
}

TEST(Engine, AnEntryThatBuysNoWholeShareIsSkippedAndCounted) {
  const std::vector<data::BarSeries> u = {Daily("BRK", {{2000, 2000, 2000, 2000}, {2000, 2000, 2000, 2000}})};
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n == 0) o.entries.push_back(Long(0, std::nan(""), std::nan("")));
  }, Plain());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->fills.empty());
  EXPECT_EQ(r->counts.zero_share_skips, 1);
  EXPECT_EQ(r->equity.back(), 1000 * kDollar);
}

TEST(Engine, AnEntryWhoseOpenIsPastItsStopIsNotTaken) {
  const std::vector<data::BarSeries> u = {Daily("AAA", {{10, 10, 10, 10}, {8.9, 9, 8.5, 8.8}})};
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n == 0) o.entries.push_back(Long(0, 9, 11));
  }, Plain());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->fills.empty());
  EXPECT_EQ(r->counts.entries_past_level, 1);
}

TEST(Engine, ALimitEntryFillsAtItsPriceAndIsWatchedFromTheNextBar) {
  // Limit 9.50; day 1 opens at 10 and trades down to 9.40: bought at 9.50. The same bar's
  // low is below the stop 9.45 but the order of the fill and the low is unknown: the bracket
  // starts with day 2 (whose high reaches the target 10.50).
  const std::vector<data::BarSeries> u = {
      Daily("AAA", {{10, 10, 10, 10}, {10, 10.1, 9.4, 9.8}, {9.8, 10.6, 9.7, 10.2}})};
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n != 0) return;
    EntryOrder e = Long(0, 9.45, 10.5);
    e.type = EntryType::kLimit;
    e.trigger = 9.5;
    o.entries.push_back(e);
  }, Plain());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->fills.size(), 2u);
  EXPECT_EQ(r->fills[0].price, 9.5);
  EXPECT_EQ(r->fills[0].quantity, 105);
  EXPECT_EQ(r->fills[1].reason, "target");
}

TEST(Engine, AnExitOrderSellsAtTheNextOpenAndACancelDropsAPendingEntry) {
  const std::vector<data::BarSeries> u = {
      Daily("AAA", {{10, 10, 10, 10}, {10, 10, 10, 10}, {11, 11, 11, 11}, {12, 12, 12, 12}}),
      Daily("BBB", {{5, 5, 5, 5}, {5, 5, 5, 5}, {5, 5, 5, 5}, {5, 5, 5, 5}})};
  auto r = RunScript(u, [](int n, const MarketView&, const Account&, Orders& o) {
    if (n == 0) {
      o.entries.push_back(Long(0, std::nan(""), std::nan(""), 0.5));
      EntryOrder limit = Long(1, std::nan(""), std::nan(""), 0.5);
      limit.type = EntryType::kLimit;
      limit.trigger = 4;  // never reached
      limit.valid_bars = 5;
      o.entries.push_back(limit);
    }
    if (n == 1) {
      o.exits.push_back({0, "regime"});
      o.cancels.push_back(1);
    }
  }, Plain());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->fills.size(), 2u);
  EXPECT_EQ(r->fills[1].reason, "regime");
  EXPECT_EQ(r->fills[1].price, 11);
  EXPECT_EQ(r->counts.expired_entries, 0);
}

TEST(Engine, ShortsNeedToBeEnabledAndPayABorrowFee) {
  const std::vector<data::BarSeries> u = {Daily("AAA", {{10, 10, 10, 10}, {10, 10, 10, 10}, {9, 9, 9, 9}})};
  auto script = [](int n, const MarketView&, const Account&, Orders& o) {
    if (n != 0) return;
    EntryOrder e = Long(0, 11, 8);
    e.side = PositionSide::kShort;
    o.entries.push_back(e);
  };
  auto refused = RunScript(u, script, Plain());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("shorts are not enabled"), std::string::npos);
  EngineConfig c = Plain();
  c.risk.allow_short = true;
  c.risk.borrow_bps_per_year = 252;  // 1 bp a session
  auto r = RunScript(u, script, c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // Short 100 at 10: cash 2,000. Fee at each close: 1 bp of 100 x close: $0.10, then $0.09.
  // Equity: 1999.90 - 100 x 10 = 999.90; then 1999.81 - 100 x 9 = 1099.81.
  EXPECT_EQ(r->fills[0].quantity, 100);
  EXPECT_EQ(r->equity[1], 999'900'000);
  EXPECT_EQ(r->equity[2], 1'099'810'000);
  EXPECT_EQ(r->fees, 190'000);
}

TEST(Engine, AStrategyThatReadsTomorrowsBarIsRefused) {
  const std::vector<data::BarSeries> u = {Daily("AAA", {{10, 10, 10, 10}, {11, 11, 11, 11}, {12, 12, 12, 12}})};
  // What it may read: the spans end at today's bar.
  auto honest = RunScript(u, [](int n, const MarketView& m, const Account&, Orders&) {
    EXPECT_EQ(m.Closes(0).size(), static_cast<std::size_t>(n + 1));
    EXPECT_EQ(m.Closes(0).back(), 10 + n);
    EXPECT_EQ(m.At(0, m.Count(0) - 1).close, 10 + n);
  }, Plain());
  ASSERT_TRUE(honest.ok());
  // Reading the next bar fails the run, naming the symbol and both dates.
  auto cheat = RunScript(u, [](int, const MarketView& m, const Account&, Orders& o) {
    if (m.At(0, m.Count(0)).close > 10) o.entries.push_back(Long(0, std::nan(""), std::nan("")));
  }, Plain());
  ASSERT_FALSE(cheat.ok());
  EXPECT_EQ(cheat.error().message,
            "look-ahead refused: the strategy read AAA's bar of 2024-01-02 at the close of 2024-01-01, before that "
            "bar closed (scripted)");
}

TEST(Engine, OpeningAnAccountAndResumingItSessionBySessionEqualsOneRun) {
  // Real bars: SPY, QQQ, AAPL and MSFT, sma-cross in one account (up to 3 positions of 33%, $1
  // an order, 5 bps), 2020-01-02 .. 2020-12-31 (crosses both ways, slots taken). One run against
  // an account opened at the close of 2019-12-31 and resumed one session at a time, each with a
  // new strategy object (as paper trading does every evening).
  std::vector<data::BarSeries> u;
  for (const char* symbol : {"SPY", "QQQ", "AAPL", "MSFT"}) {
    auto bars = data::ReadBarsCsv(testing::RepoPath(std::string("data/daily/") + symbol + ".csv"), {.symbol = symbol});
    ASSERT_TRUE(bars.ok());
    u.push_back(*bars);
  }
  EngineConfig c;
  c.costs = *FillCostPreset("conservative");
  const Days start = *ParseDate("2020-01-02"), end = *ParseDate("2020-12-31");
  SmaCross whole;
  auto one = RunEngine({u, {}, start, end}, whole, c);
  ASSERT_TRUE(one.ok()) << one.error().message;
  ASSERT_GE(one->fills.size(), 10u);
  ASSERT_GT(one->counts.refused_slots, 0);

  SmaCross opener;
  auto state = OpenAccount(u, *ParseDate("2019-12-31"), opener, c);
  ASSERT_TRUE(state.ok()) << state.error().message;
  std::vector<Micros> equity;
  for (Days day : one->sessions) {
    SmaCross evening;
    auto step = ResumeEngine({u, {}, day, day}, evening, c, *state);
    ASSERT_TRUE(step.ok()) << FormatDate(day) << ": " << step.error().message;
    ASSERT_EQ(step->run.sessions.size(), 1u);
    equity.push_back(step->run.equity[0]);
    state = std::move(step->state);
  }
  EXPECT_EQ(equity, one->equity);
  const auto& fills = state->account.fills();
  ASSERT_EQ(fills.size(), one->fills.size());
  for (std::size_t k = 0; k < fills.size(); ++k) {
    EXPECT_EQ(fills[k].day, one->fills[k].day);
    EXPECT_EQ(fills[k].symbol, one->fills[k].symbol);
    EXPECT_EQ(fills[k].quantity, one->fills[k].quantity);
    EXPECT_EQ(fills[k].price, one->fills[k].price);
    EXPECT_EQ(fills[k].commission, one->fills[k].commission);
    EXPECT_EQ(fills[k].reason, one->fills[k].reason);
  }
  // A session at or before the last decision is refused.
  SmaCross again;
  auto replayed = ResumeEngine({u, {}, end, end}, again, c, *state);
  ASSERT_FALSE(replayed.ok());
  EXPECT_NE(replayed.error().message.find("not after the last decision"), std::string::npos);
}

TEST(Engine, BuyAndHoldSplitsTheEquityEquallyAtTheFirstOpen) {
  // Two symbols with one bar of history before the start: bought at the first session's open.
  const std::vector<data::BarSeries> u = {Daily("AAA", {{10, 10, 10, 10}, {10, 10, 10, 10}, {12, 12, 12, 12}}),
                                          Daily("BBB", {{20, 20, 20, 20}, {20, 20, 20, 20}, {18, 18, 18, 18}})};
  EngineConfig c = Plain();
  c.risk.max_positions = 2;
  BuyAndHold strategy;
  auto r = RunEngine(Feed{u, {}, *ParseDate("2024-01-02"), *ParseDate("2024-01-03")}, strategy, c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->fills.size(), 2u);
  EXPECT_EQ(FormatDate(r->fills[0].day), "2024-01-02");
  EXPECT_EQ(r->fills[0].quantity, 50);  // $500 at 10
  EXPECT_EQ(r->fills[1].quantity, 25);  // $500 at 20
  EXPECT_EQ(r->equity.back(), (50 * 12 + 25 * 18) * kDollar);
  EXPECT_EQ(r->trades.size(), 2u);
  EXPECT_FALSE(r->trades[0].exit_day);
}

}  // namespace
}  // namespace qat::backtest
