#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "qat/data/csv.h"
#include "qat/labels/labels.h"
#include "support/cli.h"

namespace qat::labels {
namespace {

constexpr int kStop = static_cast<int>(Barrier::kStop);
constexpr int kTime = static_cast<int>(Barrier::kTime);
constexpr int kTarget = static_cast<int>(Barrier::kTarget);
constexpr int kNone = static_cast<int>(Barrier::kNone);

TEST(TripleBarrier, HandMadeBars) {
  const std::vector<double> px = {100, 102, 104, 106, 99, 95, 100, 101, 100.5, 100.2, 100};
  const std::vector<double> target(px.size(), 0.05), stop(px.size(), 0.04);
  auto l = TripleBarrier(px, target, stop, 3);
  ASSERT_TRUE(l.ok()) << l.error().message;
  // bar: barrier, end index
  const int expect_barrier[] = {kTarget, kTime, kStop, kStop, kStop, kTarget, kTime, kTime, kNone, kNone, kNone};
  const std::size_t expect_end[] = {3, 4, 4, 4, 5, 6, 9, 10, 11, 12, 13};
  for (std::size_t t = 0; t < px.size(); ++t) {
    EXPECT_EQ(l->barrier[t], expect_barrier[t]) << t;
    EXPECT_EQ(l->end_index[t], expect_end[t]) << t;
  }
  // 0: +6% at bar 3 touches +5%. 1: +1.96%, +3.92%, -2.94%: time runs out at bar 4.
  // 2: 99/104 = -4.8% at bar 4. 4: 95/99 = -4.04% at bar 5. 5: 100/95 = +5.26% at bar 6.
  EXPECT_DOUBLE_EQ(l->end_return[0], 106.0 / 100.0 - 1.0);
  EXPECT_DOUBLE_EQ(l->end_return[1], 99.0 / 102.0 - 1.0);
  EXPECT_DOUBLE_EQ(l->end_return[6], 100.2 / 100.0 - 1.0);
  EXPECT_TRUE(std::isnan(l->end_return[8]));
  EXPECT_EQ(l->action[0], static_cast<int>(Action::kBuy));
  EXPECT_EQ(l->action[1], static_cast<int>(Action::kHold));
  EXPECT_EQ(l->action[2], static_cast<int>(Action::kSell));
  EXPECT_EQ(l->action[8], -1);
}

TEST(TripleBarrier, TouchingExactlyCountsAndTheFirstTouchWins) {
  // Exact binary fractions: +25% and -25% are touched exactly.
  const std::vector<double> px = {100, 125, 75, 100, 75, 125, 100};
  const std::vector<double> w(px.size(), 0.25);
  auto l = TripleBarrier(px, w, w, 2);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->barrier[0], kTarget);  // 125 first, although 75 follows
  EXPECT_EQ(l->end_index[0], 1u);
  EXPECT_EQ(l->barrier[3], kStop);  // 75 first, although 125 follows
  EXPECT_EQ(l->end_index[3], 4u);
  EXPECT_EQ(l->barrier[4], kTarget);  // 4 + 2 = 6 < n = 7: known; 125 / 75 at bar 5
  EXPECT_EQ(l->end_index[4], 5u);
  EXPECT_EQ(l->barrier[5], kNone);  // 5 + 2 = 7 = n: the time barrier is past the data
}

TEST(TripleBarrier, NaNWidthsAndBadInput) {
  const std::vector<double> px = {100, 101, 102, 103};
  std::vector<double> w = {std::nan(""), 0.5, 0.5, 0.5};
  auto l = TripleBarrier(px, w, w, 1);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->barrier[0], kNone);
  EXPECT_EQ(l->barrier[1], kTime);
  EXPECT_EQ(l->end_index[1], 2u);
  EXPECT_FALSE(TripleBarrier(px, w, w, 0).ok());
  EXPECT_FALSE(TripleBarrier(px, std::vector<double>(3, 0.1), w, 1).ok());
  std::vector<double> zero = {0.1, 0.0, 0.1, 0.1};
  auto z = TripleBarrier(px, zero, w, 1);
  ASSERT_FALSE(z.ok());
  EXPECT_NE(z.error().message.find("bar 1"), std::string::npos) << z.error().message;
  std::vector<double> bad_px = {100, -1, 102, 103};
  EXPECT_FALSE(TripleBarrier(bad_px, w, w, 1).ok());
  EXPECT_FALSE(MakeTripleBarrierLabels(px, {.horizon = 1, .vol_window = 1}).ok());
  EXPECT_FALSE(MakeTripleBarrierLabels(px, {.horizon = 1, .vol_window = 2, .target_sigmas = 0}).ok());
}

TEST(TripleBarrier, VolatilityScaledWidths) {
  // Alternating +1%/-1% log returns: sigma of a 4-return window is sqrt(4e-4 / 3) exactly.
  std::vector<double> adj = {100};
  for (int i = 1; i < 30; ++i) adj.push_back(adj.back() * std::exp(i % 2 ? 0.01 : -0.01));
  adj.push_back(adj.back() * 1.10);
  auto l = MakeTripleBarrierLabels(adj, {.horizon = 1, .vol_window = 4, .target_sigmas = 1, .stop_sigmas = 2});
  ASSERT_TRUE(l.ok()) << l.error().message;
  const double sigma = std::sqrt(4e-4 / 3.0);
  EXPECT_NEAR(l->target[10], sigma, 1e-12);
  EXPECT_NEAR(l->stop[10], 2 * sigma, 1e-12);
  EXPECT_EQ(l->barrier[3], kNone);    // sigma needs 4 returns
  EXPECT_EQ(l->barrier[10], kTime);   // +-1% is inside +-1.15%
  EXPECT_EQ(l->barrier[29], kTarget);  // +10%
  EXPECT_EQ(l->end_index[29], 30u);
  EXPECT_EQ(l->barrier[30], kNone);
}

TEST(TripleBarrier, RealSeriesEndsWithinHorizonAtTheBarrierItNames) {
  for (const char* symbol : {"SPY", "TSLA"}) {
    SCOPED_TRACE(symbol);
    auto bars = data::ReadBarsCsv(qat::testing::RepoPath(std::string("data/daily/") + symbol + ".csv"));
    ASSERT_TRUE(bars.ok());
    const auto& px = bars->adj_close;
    const TripleBarrierConfig config{.horizon = 10, .vol_window = 21, .target_sigmas = 1.0, .stop_sigmas = 1.0};
    auto l = MakeTripleBarrierLabels(px, config);
    ASSERT_TRUE(l.ok()) << l.error().message;
    const std::size_t n = px.size(), h = 10;
    int counts[3] = {0, 0, 0}, unknown = 0;
    for (std::size_t t = 0; t < n; ++t) {
      if (l->barrier[t] == kNone) {
        ++unknown;
        EXPECT_TRUE(t < 21 || t + h >= n) << t;
        continue;
      }
      ++counts[l->barrier[t]];
      const std::size_t end = l->end_index[t];
      ASSERT_GE(end, t + 1) << t;
      ASSERT_LE(end, t + h) << t;
      // No barrier before the end; the named one at it.
      for (std::size_t i = t + 1; i < end; ++i) {
        const double r = px[i] / px[t] - 1.0;
        ASSERT_TRUE(r < l->target[t] && r > -l->stop[t]) << t << " touched at " << i;
      }
      const double r = px[end] / px[t] - 1.0;
      EXPECT_EQ(l->end_return[t], r);
      if (l->barrier[t] == kTarget) {
        EXPECT_GE(r, l->target[t]) << t;
      }
      if (l->barrier[t] == kStop) {
        EXPECT_LE(r, -l->stop[t]) << t;
      }
      if (l->barrier[t] == kTime) {
        EXPECT_EQ(end, t + h) << t;
        EXPECT_TRUE(r < l->target[t] && r > -l->stop[t]) << t;
      }
    }
    EXPECT_EQ(unknown, 21 + 10);
    for (int c : counts) EXPECT_GT(c, 300);
    std::printf("%s triple barrier h=10, 1 sigma: %d stop, %d time, %d target\n", symbol, counts[0], counts[1],
                counts[2]);
  }
}

TEST(ForwardReturnLabels, EveryHorizonFrom1To21OnSpy) {
  auto bars = data::ReadBarsCsv(qat::testing::RepoPath("data/daily/SPY.csv"));
  ASSERT_TRUE(bars.ok());
  const auto& px = bars->adj_close;
  const std::size_t n = px.size();
  for (int h = 1; h <= 21; ++h) {
    auto r = ForwardReturn(px, h);
    ASSERT_TRUE(r.ok());
    const std::size_t hh = static_cast<std::size_t>(h);
    for (std::size_t t = 0; t < n; ++t) {
      if (t + hh < n) {
        ASSERT_EQ((*r)[t], px[t + hh] / px[t] - 1.0) << h << " " << t;
      } else {
        ASSERT_TRUE(std::isnan((*r)[t])) << h << " " << t;
      }
    }
    auto classes = MakeClassLabels(px, {.horizon = h});
    ASSERT_TRUE(classes.ok());
    for (std::size_t t = 0; t < n; ++t) ASSERT_EQ(classes->end_index[t], t + hh);
  }
}

}  // namespace
}  // namespace qat::labels
