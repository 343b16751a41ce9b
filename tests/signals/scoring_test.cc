// Scoring of probabilities (qat/signals/scoring.h) worked by hand on a few rows: Brier score,
// log loss and their base-rate figures, the reliability table against the Wilson interval,
// the top-decile hit rate with ties sharing the last slots and with row weights, the block
// bootstrap's resampling plan, and the paired comparison.
#include "qat/signals/scoring.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "qat/patterns/statistics.h"

namespace qat::signals {
namespace {

// Six rows, one day. p, up; every row's base rate (its fold's training up rate) is 0.6.
const std::vector<double> kP = {0.15, 0.15, 0.45, 0.82, 0.84, 0.86};
const std::vector<std::uint8_t> kUp = {1, 1, 0, 1, 0, 1};
const std::vector<double> kBase(6, 0.6);
const std::vector<std::uint32_t> kDay(6, 0);

TEST(Scoring, BrierLogLossAndTheirBaseRateFiguresOnSixRows) {
  const ProbabilityScores s = ScoreProbabilities(kP, kBase, kUp, kDay, BlockBootstrap{});
  EXPECT_EQ(s.n, 6u);
  // Brier: (.85^2 + .85^2 + .45^2 + .18^2 + .84^2 + .14^2) / 6
  //      = (.7225 + .7225 + .2025 + .0324 + .7056 + .0196) / 6 = 2.4051 / 6 = 0.40085
  EXPECT_NEAR(s.brier, 0.40085, 1e-12);
  // Base rate 0.6: four ups miss by .4, two downs by .6: (4 x .16 + 2 x .36) / 6 = 1.36 / 6
  EXPECT_NEAR(s.base_rate_brier, 1.36 / 6, 1e-12);
  // Skill 1 - 0.40085 / 0.226667 = 1 - 2.4051 / 1.36 = -0.768456
  EXPECT_NEAR(s.brier_skill, 1 - 2.4051 / 1.36, 1e-12);
  // Log loss: -(2 ln .15 + ln .55 + ln .82 + ln .16 + ln .86) / 6 = 1.0956553771
  EXPECT_NEAR(s.log_loss, -(2 * std::log(0.15) + std::log(0.55) + std::log(0.82) + std::log(0.16) + std::log(0.86)) / 6,
              1e-12);
  EXPECT_NEAR(s.log_loss, 1.0956553771, 1e-9);
  // Base: -(4 ln .6 + 2 ln .4) / 6 = 0.6730116670
  EXPECT_NEAR(s.base_rate_log_loss, -(4 * std::log(0.6) + 2 * std::log(0.4)) / 6, 1e-12);
  // No resamples: the intervals are undefined.
  EXPECT_TRUE(std::isnan(s.brier_skill_lo));
  EXPECT_TRUE(std::isnan(s.brier_skill_hi));
  EXPECT_TRUE(std::isnan(s.top_decile.lift_lo));
}

TEST(Scoring, LogLossClampsCertainWrongProbabilities) {
  // p = 0 on an up: -ln(1e-15) = 34.538776; p = 1 on an up costs nothing.
  const std::vector<double> p = {0.0, 1.0};
  const std::vector<double> base = {0.5, 0.5};
  const std::vector<std::uint8_t> up = {1, 1};
  const std::vector<std::uint32_t> day = {0, 0};
  const ProbabilityScores s = ScoreProbabilities(p, base, up, day, {});
  EXPECT_NEAR(s.log_loss, -std::log(1e-15) / 2, 1e-9);
  EXPECT_NEAR(s.base_rate_log_loss, std::log(2.0), 1e-15);
  EXPECT_NEAR(s.brier, 0.5, 1e-15);  // (1 + 0) / 2
}

TEST(Scoring, ReliabilityBinsCountMeanAndWilsonInterval) {
  const ProbabilityScores s = ScoreProbabilities(kP, kBase, kUp, kDay, BlockBootstrap{});
  ASSERT_EQ(s.reliability.size(), 10u);
  for (int b = 0; b < 10; ++b) {
    EXPECT_NEAR(s.reliability[b].lo, b / 10.0, 1e-15);
    EXPECT_NEAR(s.reliability[b].hi, (b + 1) / 10.0, 1e-15);
  }
  // Bin 1 [.1, .2): the two .15 rows, both up. Wilson(2, 2) = [0.34238, 1]: 0.15 is below it.
  const ReliabilityBin& one = s.reliability[1];
  EXPECT_EQ(one.n, 2);
  EXPECT_NEAR(one.mean_predicted, 0.15, 1e-15);
  EXPECT_EQ(one.observed, 1.0);
  const auto w22 = patterns::WilsonInterval(2, 2);
  EXPECT_EQ(one.observed_lo, w22.lo);
  EXPECT_EQ(one.observed_hi, w22.hi);
  EXPECT_NEAR(one.observed_lo, 0.3423802275, 1e-9);
  EXPECT_FALSE(one.within);
  // Bin 4 [.4, .5): .45, a down. Wilson(0, 1) = [0, 0.79345]: 0.45 inside.
  const ReliabilityBin& four = s.reliability[4];
  EXPECT_EQ(four.n, 1);
  EXPECT_EQ(four.observed, 0.0);
  EXPECT_NEAR(four.observed_hi, 0.7934506856, 1e-9);
  EXPECT_TRUE(four.within);
  // Bin 8 [.8, .9): .82 up, .84 down, .86 up: mean .84, observed 2/3,
  // Wilson(2, 3) = [0.20766, 0.93851]: inside.
  const ReliabilityBin& eight = s.reliability[8];
  EXPECT_EQ(eight.n, 3);
  EXPECT_NEAR(eight.mean_predicted, 0.84, 1e-15);
  EXPECT_NEAR(eight.observed, 2.0 / 3, 1e-15);
  EXPECT_EQ(eight.observed_lo, patterns::WilsonInterval(2, 3).lo);
  EXPECT_NEAR(eight.observed_lo, 0.2076596008, 1e-9);
  EXPECT_NEAR(eight.observed_hi, 0.9385080553, 1e-9);
  EXPECT_TRUE(eight.within);
  // Empty bins: n 0, figures NaN (null in the JSON), not within.
  const ReliabilityBin& empty = s.reliability[0];
  EXPECT_EQ(empty.n, 0);
  EXPECT_TRUE(std::isnan(empty.mean_predicted));
  EXPECT_TRUE(std::isnan(empty.observed));
  EXPECT_FALSE(empty.within);
  const nlohmann::json j = s.ToJson();
  EXPECT_TRUE(j.at("reliability").at(0).at("observed").is_null());
  EXPECT_EQ(j.at("reliability").at(8).at("n"), 3);
  EXPECT_EQ(j.at("reliability").at(1).at("within"), false);
}

TEST(Scoring, ReliabilityTheLastBinIncludesOne) {
  // p = 1.0: floor(10) = 10 is clamped into bin 9 [.9, 1]; p = 0.95 is there too.
  const std::vector<double> p = {1.0, 0.95};
  const std::vector<double> base = {0.5, 0.5};
  const std::vector<std::uint8_t> up = {1, 1};
  const std::vector<std::uint32_t> day = {0, 0};
  const ProbabilityScores s = ScoreProbabilities(p, base, up, day, {});
  EXPECT_EQ(s.reliability[9].n, 2);
  EXPECT_NEAR(s.reliability[9].mean_predicted, 0.975, 1e-15);
}

TEST(Scoring, TopDecileOfSixRowsIsASixthOfTheTopRow) {
  // 6 rows: a tenth is 0.6 of a row. The top row (.86) is up: hit rate 0.6 / 0.6 = 1;
  // base rate 4/6; lift 1 / (2/3) = 1.5.
  const ProbabilityScores s = ScoreProbabilities(kP, kBase, kUp, kDay, BlockBootstrap{});
  EXPECT_NEAR(s.top_decile.rows, 0.6, 1e-15);
  EXPECT_NEAR(s.top_decile.hit_rate, 1.0, 1e-15);
  EXPECT_NEAR(s.top_decile.base_rate, 4.0 / 6, 1e-15);
  EXPECT_NEAR(s.top_decile.lift, 1.5, 1e-12);
}

TEST(Scoring, ABootstrapOfOneDayRepeatsTheSampleSoTheIntervalsHaveZeroWidth) {
  // One day, blocks of one: every resample takes day 0 once, which is every row once.
  const BlockBootstrap one = MakeBlockBootstrap(1, 1, 5, 7);
  ASSERT_EQ(one.weights.size(), 5u);
  for (const auto& w : one.weights) EXPECT_EQ(w, std::vector<std::uint16_t>{1});
  const ProbabilityScores s = ScoreProbabilities(kP, kBase, kUp, kDay, one);
  EXPECT_NEAR(s.top_decile.lift_lo, 1.5, 1e-12);
  EXPECT_NEAR(s.top_decile.lift_hi, 1.5, 1e-12);
  EXPECT_NEAR(s.brier_skill_lo, 1 - 2.4051 / 1.36, 1e-12);
  EXPECT_NEAR(s.brier_skill_hi, 1 - 2.4051 / 1.36, 1e-12);
}

TEST(Scoring, TopDecileTiesAtTheThresholdShareTheSlotsFractionally) {
  // 20 rows: 2 slots. Three rows tie at the top (p .9; ups 1, 1, 0): together 3 rows for 2
  // slots, each taken 2/3: hits 2 x 2/3 = 4/3, hit rate (4/3) / 2 = 2/3. The rows below
  // (all up) are never reached.
  std::vector<double> p = {0.9, 0.9, 0.9};
  std::vector<std::uint8_t> up = {1, 0, 1};
  for (int i = 0; i < 17; ++i) {
    p.push_back(0.5 - 0.01 * i);
    up.push_back(1);
  }
  const std::vector<double> ones(20, 1.0);
  EXPECT_NEAR(TopDecileHitRate(p, up, ones), 2.0 / 3, 1e-15);
  // Untied (.93 up, .92 down, .9 up), the two slots go to the first two rows: 1 hit of 2.
  std::vector<double> untied = p;
  untied[0] = 0.93;
  untied[1] = 0.92;
  EXPECT_NEAR(TopDecileHitRate(untied, up, ones), 0.5, 1e-15);
}

TEST(Scoring, TopDecileWeightZeroIsIgnoredWeightTwoCountsTwice) {
  // 11 rows: row 0 (p .95, down) weight 0; rows 1..10 (p .9 .. .0) weight 1, only row 1 up.
  // Total weight 10, 1 slot: row 0 takes none, row 1 (up) the slot: 1.
  // With row 0 at weight 1: total 11, 1.1 slots: row 0 takes 1 (no hit), row 1 0.1 -> 0.1/1.1.
  std::vector<double> p = {0.95};
  std::vector<std::uint8_t> up = {0};
  for (int i = 0; i < 10; ++i) {
    p.push_back(0.9 - 0.1 * i);
    up.push_back(i == 0 ? 1 : 0);
  }
  std::vector<double> w(11, 1.0);
  w[0] = 0;
  EXPECT_NEAR(TopDecileHitRate(p, up, w), 1.0, 1e-15);
  w[0] = 1;
  EXPECT_NEAR(TopDecileHitRate(p, up, w), 0.1 / 1.1, 1e-15);

  // 19 rows: row 0 (p .9, up) weight 1, row 1 (p .8, down) weight 2, 17 more below, weight 1.
  // Total 20, 2 slots: row 0 takes 1 (1 hit), row 1 the remaining 1 of its 2: hit rate 1/2.
  std::vector<double> q = {0.9, 0.8};
  std::vector<std::uint8_t> u = {1, 0};
  for (int i = 0; i < 17; ++i) {
    q.push_back(0.5 - 0.01 * i);
    u.push_back(1);
  }
  std::vector<double> w2(19, 1.0);
  w2[1] = 2;
  EXPECT_NEAR(TopDecileHitRate(q, u, w2), 0.5, 1e-15);
  // The same as writing row 1 out twice at weight 1: 20 rows, two tied at .8 share 1 slot.
  std::vector<double> q2 = q;
  std::vector<std::uint8_t> u2 = u;
  q2.insert(q2.begin() + 1, 0.8);
  u2.insert(u2.begin() + 1, 0);
  EXPECT_NEAR(TopDecileHitRate(q2, u2, std::vector<double>(20, 1.0)), 0.5, 1e-15);
  // At weight 1: total 19, 1.9 slots: 1 hit in 1.9 -> 1/1.9.
  EXPECT_NEAR(TopDecileHitRate(q, u, std::vector<double>(19, 1.0)), 1 / 1.9, 1e-15);
  // No weight at all: NaN.
  EXPECT_TRUE(std::isnan(TopDecileHitRate(q, u, std::vector<double>(19, 0.0))));
}

TEST(Scoring, BlockBootstrapResamplesSumToWholeBlocksAndFollowTheSeed) {
  // 10 days in blocks of 3: ceil(10/3) = 4 blocks of 3 days: 12 day-draws per resample.
  const BlockBootstrap a = MakeBlockBootstrap(10, 3, 20, 42);
  ASSERT_EQ(a.weights.size(), 20u);
  for (const auto& w : a.weights) {
    ASSERT_EQ(w.size(), 10u);
    EXPECT_EQ(std::accumulate(w.begin(), w.end(), 0), 12);
  }
  const BlockBootstrap again = MakeBlockBootstrap(10, 3, 20, 42);
  EXPECT_EQ(again.weights, a.weights);
  const BlockBootstrap other = MakeBlockBootstrap(10, 3, 20, 43);
  EXPECT_NE(other.weights, a.weights);
  // 4 days in one block of 4: whatever the start, the wrapped block covers each day once.
  for (const auto& w : MakeBlockBootstrap(4, 4, 10, 1).weights) EXPECT_EQ(w, (std::vector<std::uint16_t>{1, 1, 1, 1}));
  // 2 days, a block of 5 wraps: from day s, s 1+s 0+s... covers s three times, the other twice.
  for (const auto& w : MakeBlockBootstrap(2, 5, 10, 1).weights) {
    EXPECT_EQ(w[0] + w[1], 5);
    EXPECT_TRUE((w[0] == 3 && w[1] == 2) || (w[0] == 2 && w[1] == 3));
  }
  EXPECT_TRUE(MakeBlockBootstrap(0, 3, 10, 1).weights.empty());
  EXPECT_TRUE(MakeBlockBootstrap(10, 0, 10, 1).weights.empty());
}

// Ten rows over five days, three ups (rows 0, 3, 7).
const std::vector<std::uint8_t> kTenUp = {1, 0, 0, 1, 0, 0, 0, 1, 0, 0};
const std::vector<std::uint32_t> kTenDay = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
const std::vector<double> kTenBase(10, 0.3);

TEST(Scoring, CompareOfIdenticalScoresIsZeroWithAZeroWidthInterval) {
  const std::vector<double> a = {0.7, 0.2, 0.3, 0.6, 0.1, 0.25, 0.4, 0.8, 0.35, 0.15};
  const BlockBootstrap plan = MakeBlockBootstrap(5, 2, 50, 9);
  const auto c = Compare(a, a, kTenBase, kTenUp, kTenDay, plan);
  EXPECT_EQ(c.top_decile_hit_rate.value, 0.0);
  EXPECT_EQ(c.top_decile_hit_rate.lo, 0.0);
  EXPECT_EQ(c.top_decile_hit_rate.hi, 0.0);
  EXPECT_EQ(c.brier_skill.value, 0.0);
  EXPECT_EQ(c.brier_skill.lo, 0.0);
  EXPECT_EQ(c.brier_skill.hi, 0.0);
  EXPECT_EQ(c.ToJson(), nlohmann::json::parse(R"({"top_decile_hit_rate":{"value":0.0,"ci95":[0.0,0.0]},
                                                  "brier_skill":{"value":0.0,"ci95":[0.0,0.0]}})"));
}

TEST(Scoring, CompareAPerfectRankingWithAConstant) {
  // a: .9 on the three ups, .1 elsewhere; b: .5 everywhere; base .3.
  // Top decile (1 slot): a's three tied ups share it: 1. b's ten tied rows share it: 3/10.
  //   difference 1 - 0.3 = 0.7.
  // Brier: a (3 x .01 + 7 x .01) / 10 = .01; b .25; base (3 x .49 + 7 x .09) / 10 = .21.
  //   skill a = 1 - .01/.21 = 20/21, skill b = 1 - .25/.21 = -4/21: difference 24/21 = 8/7.
  std::vector<double> a(10, 0.1);
  for (std::size_t i : {0u, 3u, 7u}) a[i] = 0.9;
  const std::vector<double> b(10, 0.5);
  // Day 0 only, blocks of 1: every resample is the sample, so the interval is the value.
  const std::vector<std::uint32_t> day(10, 0);
  const auto c = Compare(a, b, kTenBase, kTenUp, day, MakeBlockBootstrap(1, 1, 4, 3));
  EXPECT_NEAR(c.top_decile_hit_rate.value, 0.7, 1e-12);
  EXPECT_NEAR(c.top_decile_hit_rate.lo, 0.7, 1e-12);
  EXPECT_NEAR(c.top_decile_hit_rate.hi, 0.7, 1e-12);
  EXPECT_NEAR(c.brier_skill.value, 8.0 / 7, 1e-12);
  EXPECT_NEAR(c.brier_skill.lo, 8.0 / 7, 1e-12);
  EXPECT_NEAR(c.brier_skill.hi, 8.0 / 7, 1e-12);
  // The other way round: the negatives.
  const auto r = Compare(b, a, kTenBase, kTenUp, day, MakeBlockBootstrap(1, 1, 4, 3));
  EXPECT_NEAR(r.top_decile_hit_rate.value, -0.7, 1e-12);
  EXPECT_NEAR(r.brier_skill.value, -8.0 / 7, 1e-12);
}

}  // namespace
}  // namespace qat::signals
