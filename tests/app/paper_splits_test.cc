// A split stored after a paper account saved its state: the position goes onto the new share
// count, worked by hand.
#include "app/paper_state.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qat::app {
namespace {

constexpr std::int64_t kDollar = portfolio::kMicrosPerDollar;

// AAA's bars on the adjusted basis as loaded after a 4:1 split ex 2024-01-03: closes 200 and
// 202.50 (800 and 810 as traded), then 205.
data::BarSeries Adjusted() {
  data::BarSeries s;
  s.symbol = "AAA";
  Days day = *ParseDate("2024-01-01");
  for (double close : {200.0, 202.5, 205.0}) {
    const Timestamp start = Timestamp{day++} * kSecondsPerDay;
    s.Append({start, data::AvailableTime(data::Interval::k1d, start), close, close, close, close, close, 1e6});
  }
  return s;
}

backtest::EngineState Holding(std::int64_t shares) {
  backtest::Position p;
  p.symbol = 0;
  p.shares = shares;
  p.entry_price = 800;
  p.entry_day = *ParseDate("2024-01-01");
  p.bracket = {backtest::PositionSide::kLong, 700, 900};
  backtest::EngineState state;
  state.account = *backtest::Account::Restore(100 * kDollar, 0, {p}, {}, {}, 1);
  backtest::PendingEntry e;
  e.order.symbol = 0;
  e.order.type = backtest::EntryType::kLimit;
  e.order.trigger = 760;
  e.order.stop = 700;
  e.order.target = 900;
  state.pending.push_back(e);
  state.decided = *ParseDate("2024-01-02");
  return state;
}

TEST(PaperSplits, AFourForOneSplitMultipliesTheSharesAndDividesThePrices) {
  auto state = Holding(6);
  const std::vector<data::BarSeries> daily = {Adjusted()};
  const auto applied = ApplyNewSplits(state, {"AAA"}, nlohmann::json::array(),
                                      nlohmann::json::parse(R"([["AAA", "2024-01-03", 4.0]])"), daily);
  ASSERT_EQ(applied.size(), 1u);
  const auto& p = state.account.positions().at(0);
  EXPECT_EQ(p.shares, 24);
  EXPECT_DOUBLE_EQ(p.entry_price, 200);
  EXPECT_DOUBLE_EQ(p.bracket.stop, 175);
  EXPECT_DOUBLE_EQ(p.bracket.target, 225);
  EXPECT_EQ(state.account.cash(), 100 * kDollar);  // no fraction
  // The limit entry decided at the close before the ex-date: its levels too.
  EXPECT_DOUBLE_EQ(state.pending[0].order.trigger, 190);
  EXPECT_DOUBLE_EQ(state.pending[0].order.stop, 175);
  EXPECT_DOUBLE_EQ(state.pending[0].order.target, 225);
}

TEST(PaperSplits, AReverseSplitPaysTheFractionInCash) {
  // 1-for-10 with 25 shares: 2.5 new shares -> 2, and half a share paid at the last close
  // before the ex-date on the new basis (202.50): $101.25.
  auto state = Holding(25);
  const std::vector<data::BarSeries> daily = {Adjusted()};
  ApplyNewSplits(state, {"AAA"}, nlohmann::json::array(), nlohmann::json::parse(R"([["AAA", "2024-01-03", 0.1]])"),
                 daily);
  const auto& p = state.account.positions().at(0);
  EXPECT_EQ(p.shares, 2);
  EXPECT_DOUBLE_EQ(p.entry_price, 8000);
  EXPECT_EQ(state.account.cash(), 100 * kDollar + 101'250'000);
}

TEST(PaperSplits, AKnownSplitOrALaterEntryIsLeftAlone) {
  const std::vector<data::BarSeries> daily = {Adjusted()};
  const auto split = nlohmann::json::parse(R"([["AAA", "2024-01-03", 4.0]])");
  auto known = Holding(6);
  EXPECT_TRUE(ApplyNewSplits(known, {"AAA"}, split, split, daily).empty());
  EXPECT_EQ(known.account.positions().at(0).shares, 6);
  // Entered on the ex-date itself: already on the new share count.
  auto later = Holding(6);
  backtest::Position p = later.account.positions().at(0);
  p.entry_day = *ParseDate("2024-01-03");
  later.account = *backtest::Account::Restore(100 * kDollar, 0, {p}, {}, {}, 1);
  EXPECT_TRUE(ApplyNewSplits(later, {"AAA"}, nlohmann::json::array(), split, daily).empty());
  EXPECT_EQ(later.account.positions().at(0).shares, 6);
}

}  // namespace
}  // namespace qat::app
