#include "qat/backtest/backtest.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <set>

#include "qat/data/csv.h"
#include "qat/reports/metrics.h"
#include "support/cli.h"

namespace qat::backtest {
namespace {

using portfolio::Cents;

data::BarSeries HandMade(const std::string& symbol, std::vector<std::array<double, 4>> ohlc) {
  data::BarSeries s;
  s.symbol = symbol;
  Days day = *ParseDate("2024-01-01");
  for (const auto& b : ohlc) {
    s.Append({Timestamp{day} * kSecondsPerDay, 0, b[0], b[1], b[2], b[3], b[3], 1000});
    ++day;
  }
  return s;
}

TEST(Backtest, OneTradeByHand) {
  // Signal at the close of bar 0; buy at bar 1's open (10.00), sell at bar 3's open (12.00).
  std::vector<data::BarSeries> universe = {HandMade("AAA", {{9, 10, 9, 10}, {10, 11, 9, 10.5},
                                                            {11, 12, 10, 11}, {12, 13, 11, 12.5},
                                                            {12, 12, 11, 11.5}})};
  BacktestConfig config;
  config.initial_cash = 100000;  // $1,000
  config.hold_bars = 2;
  config.max_position_fraction = 0.33;
  config.costs = {.commission_per_order = 100, .slippage_bps = 10};
  std::vector<Signal> signals = {{0, 0, 1.0}};
  auto r = RunBacktest(universe, signals, universe[0].DayAt(0), universe[0].DayAt(4), config);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->trades.size(), 1u);
  const Trade& t = r->trades[0];
  // Fill 10.00 * 1.001 = 10.01; budget 330.00 - 1.00 commission -> 32 shares.
  EXPECT_EQ(t.entry_price, 1001);
  EXPECT_EQ(t.shares, 32);
  // Exit 12.00 * 0.999 = 11.988 -> 11.99.
  EXPECT_EQ(t.exit_price, 1199);
  EXPECT_EQ(t.pnl, 32 * 1199 - 100 - (32 * 1001 + 100));
  EXPECT_EQ(t.entry_day, universe[0].DayAt(1));
  EXPECT_EQ(t.exit_day, universe[0].DayAt(3));
  // Cash accounting is exact: final equity = initial + pnl.
  EXPECT_EQ(r->equity.back(), 100000 + t.pnl);
  // Marked at bar 1's close: cash + 32 * 10.50.
  EXPECT_EQ(r->equity[1], 100000 - (32 * 1001 + 100) + 32 * 1050);
}

TEST(Backtest, LimitsPositionsAndPrefersHigherScores) {
  std::vector<std::array<double, 4>> flat(6, {10, 10, 10, 10});
  std::vector<data::BarSeries> universe = {HandMade("A", flat), HandMade("B", flat),
                                           HandMade("C", flat), HandMade("D", flat)};
  BacktestConfig config;
  config.max_positions = 3;
  config.hold_bars = 3;
  std::vector<Signal> signals = {{0, 0, 0.1}, {1, 0, 0.9}, {2, 0, 0.5}, {3, 0, 0.7}};
  auto r = RunBacktest(universe, signals, universe[0].DayAt(0), universe[0].DayAt(5), config);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->trades.size(), 3u);
  std::set<std::string> traded;
  for (const auto& t : r->trades) traded.insert(t.symbol);
  EXPECT_EQ(traded, (std::set<std::string>{"B", "C", "D"}));
  for (const auto& t : r->trades) {
    EXPECT_LE(t.shares * t.entry_price, config.initial_cash * 33 / 100);
  }
}

TEST(Backtest, BuyAndHoldOnRealDataMatchesPriceChange) {
  auto spy = data::ReadBarsCsv(qat::testing::RepoPath("data/daily/SPY.csv"), {.symbol = "SPY"});
  ASSERT_TRUE(spy.ok());
  std::vector<data::BarSeries> universe = {*spy};
  BacktestConfig config;
  config.costs = {.commission_per_order = 0, .slippage_bps = 0};
  Days start = *ParseDate("2023-01-03"), end = *ParseDate("2023-12-29");
  auto r = RunBuyAndHold(universe, start, end, config);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->days.size(), 250u);  // 2023 had 250 sessions
  // 2023-01-03 open 384.37, 2023-12-29 close 475.31 (from the file).
  const std::size_t first = 7536;  // file line 7538
  ASSERT_EQ(FormatDate(spy->DayAt(first)), "2023-01-03");
  double open = spy->open[first], close = spy->close[first + 249];
  std::int64_t shares = 500000 / portfolio::ToCents(open);
  Cents expected = 500000 - shares * portfolio::ToCents(open) + shares * portfolio::ToCents(close);
  EXPECT_EQ(r->equity.back(), expected);
  auto m = reports::ComputeEquityMetrics(config.initial_cash, r->equity);
  EXPECT_NEAR(m.total_return, double(expected) / 500000 - 1, 1e-12);
  EXPECT_GT(m.max_drawdown, 0.05);  // SPY fell ~10% from July to October 2023
  EXPECT_LT(m.max_drawdown, 0.15);
}

TEST(Metrics, DrawdownAndSharpeByHand) {
  std::vector<Cents> equity = {110, 99, 121};
  auto m = reports::ComputeEquityMetrics(100, equity);
  EXPECT_NEAR(m.total_return, 0.21, 1e-12);
  EXPECT_NEAR(m.max_drawdown, 0.1, 1e-12);
  // Daily returns 0.1, -0.1, 0.2222...: mean 0.0740741, sd 0.1616
  double r[3] = {0.1, -0.1, 121.0 / 99.0 - 1};
  double mean = (r[0] + r[1] + r[2]) / 3;
  double var = ((r[0] - mean) * (r[0] - mean) + (r[1] - mean) * (r[1] - mean) + (r[2] - mean) * (r[2] - mean)) / 2;
  EXPECT_NEAR(m.sharpe, mean / std::sqrt(var) * std::sqrt(252.0), 1e-9);
}

}  // namespace
}  // namespace qat::backtest
