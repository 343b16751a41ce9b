// The measures of a run, worked by hand on a three-session equity curve.
#include "qat/backtest/measures.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qat::backtest {
namespace {

constexpr portfolio::Micros kDollar = portfolio::kMicrosPerDollar;

RunResult ThreeSessions() {
  RunResult r;
  r.initial_cash = 100 * kDollar;
  r.sessions = {1, 2, 3};
  r.equity = {110 * kDollar, 99 * kDollar, 121 * kDollar};  // returns +10%, -10%, +22.2%
  r.invested = {55 * kDollar, 0, 121 * kDollar};
  r.fills = {{1, 0, true, 1, 55.0, 0, "entry"}, {2, 0, false, 1, 50.0, 0, "stop"}};
  r.trades = {{0, 1, 1, 55, 2, 65, "target", 10 * kDollar},
              {0, 1, 2, 55, 3, 50, "stop", -5 * kDollar},
              {0, 1, 3, 55, 4, 75, "target", 20 * kDollar},
              {0, 1, 4, 55, std::nullopt, 80, "", 25 * kDollar}};  // open: not a closed trade
  r.fees = 3 * kDollar;
  r.counts.ambiguous_bars = 2;
  return r;
}

TEST(Measures, WorkedByHand) {
  const RunResult run = ThreeSessions();
  const std::vector<double> r = SessionReturns(run);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_NEAR(r[2], 121.0 / 99 - 1, 1e-15);
  // The benchmark moved half as much every session: beta 2, alpha 0.
  const std::vector<double> bench = {r[0] / 2, r[1] / 2, r[2] / 2};
  const Measures m = ComputeMeasures(run, bench, TrialStats{});
  EXPECT_EQ(m.sessions, 3);
  EXPECT_NEAR(m.total_return, 0.21, 1e-12);
  EXPECT_NEAR(m.cagr, std::pow(1.21, 252.0 / 3) - 1, 1e-6);
  EXPECT_NEAR(m.max_drawdown, 1 - 99.0 / 110, 1e-12);
  EXPECT_EQ(m.max_drawdown_sessions, 1);
  const double mean = (0.1 - 0.1 + (121.0 / 99 - 1)) / 3;
  EXPECT_NEAR(m.sortino, mean / std::sqrt(0.01 / 3) * std::sqrt(252.0), 1e-9);
  EXPECT_EQ(m.trades, 3);
  EXPECT_NEAR(m.win_rate, 2.0 / 3, 1e-12);
  EXPECT_NEAR(m.average_win, 15, 1e-12);
  EXPECT_NEAR(m.average_loss, -5, 1e-12);
  EXPECT_NEAR(m.profit_factor, 6, 1e-12);
  EXPECT_NEAR(m.expectancy, 25.0 / 3, 1e-12);
  EXPECT_NEAR(m.exposure, 0.5, 1e-12);  // (0.5 + 0 + 1) / 3
  // Traded 55 + 50 over a mean equity of 110 in 3/252 of a year.
  EXPECT_NEAR(m.turnover, 105.0 / 110 / (3.0 / 252), 1e-9);
  EXPECT_NEAR(m.beta, 2, 1e-12);
  EXPECT_NEAR(m.alpha, 0, 1e-12);
  EXPECT_EQ(m.fees, 3);
  EXPECT_EQ(m.ambiguous_bars, 2);
  EXPECT_GT(m.psr, 0.5);
  EXPECT_EQ(m.dsr, m.psr);  // one trial: nothing to deflate
}

TEST(Measures, MoreTrialsDeflateTheSharpeRatio) {
  const RunResult run = ThreeSessions();
  const Measures one = ComputeMeasures(run, {}, TrialStats{1, 0});
  const Measures many = ComputeMeasures(run, {}, TrialStats{50, 0.04});
  EXPECT_EQ(many.trials, 50);
  EXPECT_LT(many.dsr, one.dsr);
  EXPECT_EQ(many.psr, one.psr);
  EXPECT_TRUE(std::isnan(one.alpha) && std::isnan(one.beta));  // no benchmark
}

TEST(Measures, UndefinedMeasuresAreNaNNotZero) {
  RunResult flat;
  flat.initial_cash = 100 * kDollar;
  flat.sessions = {1, 2};
  flat.equity = {100 * kDollar, 100 * kDollar};
  flat.invested = {0, 0};
  const Measures m = ComputeMeasures(flat, {}, TrialStats{});
  EXPECT_EQ(m.total_return, 0);
  EXPECT_TRUE(std::isnan(m.sharpe));
  EXPECT_TRUE(std::isnan(m.sortino));
  EXPECT_TRUE(std::isnan(m.calmar));
  EXPECT_TRUE(std::isnan(m.win_rate));
  EXPECT_TRUE(std::isnan(m.profit_factor));
  EXPECT_TRUE(std::isnan(m.psr));
}

}  // namespace
}  // namespace qat::backtest
