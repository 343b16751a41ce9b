#include "qat/models/quantile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "qat/data/csv.h"
#include "qat/models/dataset.h"

namespace qat::models {
namespace {

TEST(Quantile, NamesAndLevels) {
  ASSERT_EQ(kNumQuantiles, 5u);
  EXPECT_EQ(QuantileName(0), "q10");
  EXPECT_EQ(QuantileName(2), "q50");
  EXPECT_EQ(QuantileName(4), "q90");
}

TEST(Quantile, PinballLossByHand) {
  // y above q: tau * (y - q); below: (1 - tau) * (q - y).
  EXPECT_NEAR(PinballLoss(0.05, 0.02, 0.1), 0.1 * 0.03, 1e-15);
  EXPECT_NEAR(PinballLoss(-0.01, 0.02, 0.1), 0.9 * 0.03, 1e-15);
  EXPECT_NEAR(PinballLoss(-0.01, 0.02, 0.9), 0.1 * 0.03, 1e-15);
  EXPECT_EQ(PinballLoss(0.02, 0.02, 0.5), 0.0);
  const std::vector<double> y = {0.05, -0.01, 0.0, 0.03};
  const std::vector<double> q = {0.02, 0.02, 0.01, 0.03};
  // tau 0.25: 0.25*0.03, 0.75*0.03, 0.75*0.01, 0 -> (0.0075 + 0.0225 + 0.0075) / 4
  EXPECT_NEAR(MeanPinballLoss(y, q, 0.25), 0.0375 / 4, 1e-15);
}

TEST(Quantile, CoverageOnHandMadeExample) {
  const std::vector<double> y = {1, 2, 3, 4, 5};
  const std::vector<double> q = {1, 1, 3, 5, 4};  // y <= q on rows 0, 2, 3
  EXPECT_DOUBLE_EQ(Coverage(y, q), 0.6);
  const std::vector<double> lo = {0, 3, 3, 5, 0}, hi = {2, 4, 3, 6, 4};  // inside: rows 0, 2
  EXPECT_DOUBLE_EQ(IntervalCoverage(y, lo, hi), 0.4);
}

TEST(Quantile, EmpiricalQuantileAndConformalShift) {
  EXPECT_DOUBLE_EQ(EmpiricalQuantile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(EmpiricalQuantile({4, 1, 3, 2}, 0.0), 1);
  EXPECT_DOUBLE_EQ(EmpiricalQuantile({4, 1, 3, 2}, 1.0), 4);
  // n = 5: rank ceil(6 tau) -> tau 0.5: 3rd smallest; 0.9: 6 -> clamped to 5; 0.1: 1st.
  const std::vector<double> r = {5, 1, 3, 2, 4};
  EXPECT_EQ(ConformalShift(r, 0.5), 3);
  EXPECT_EQ(ConformalShift(r, 0.9), 5);
  EXPECT_EQ(ConformalShift(r, 0.1), 1);
  EXPECT_EQ(ConformalShift(r, 0.25), 2);  // ceil(1.5) = 2
}

TEST(Quantile, ProbabilityUpAndPriceLevels) {
  const std::vector<double> symmetric = {-0.04, -0.02, 0.0, 0.02, 0.04};
  EXPECT_NEAR(ProbabilityUp(symmetric), 0.5, 1e-12);
  // 0 between q25 = -0.01 and q50 = 0.01: F(0) = 0.25 + 0.25 * 0.01 / 0.02 = 0.375.
  EXPECT_NEAR(ProbabilityUp(std::vector<double>{-0.03, -0.01, 0.01, 0.03, 0.05}), 0.625, 1e-12);
  // All above 0: the q10-q25 line reaches 0 below probability 0 -> clamped, prob_up 1.
  EXPECT_EQ(ProbabilityUp(std::vector<double>{0.01, 0.02, 0.03, 0.04, 0.05}), 1.0);
  // 0 just below q10: extended line, F(0) = 0.1 - 0.15 * 0.001 / 0.01 = 0.085.
  EXPECT_NEAR(ProbabilityUp(std::vector<double>{0.001, 0.011, 0.02, 0.03, 0.04}), 0.915, 1e-12);
  EXPECT_EQ(ProbabilityUp(std::vector<double>{-0.05, -0.04, -0.03, -0.02, -0.01}), 0.0);

  const std::vector<double> q = {-0.04, -0.02, 0.01, 0.03, 0.05};
  auto levels = PriceLevels(100, q, 4);
  ASSERT_EQ(levels.size(), 4u);
  for (std::size_t k = 0; k < kNumQuantiles; ++k) EXPECT_NEAR(levels[3][k], 100 * (1 + q[k]), 1e-12);
  // step 1 of 4: q50 * 1/4 + (q10 - q50) * sqrt(1/4) = 0.0025 - 0.025
  EXPECT_NEAR(levels[0][0], 97.75, 1e-12);
  EXPECT_NEAR(levels[0][2], 100.25, 1e-12);
  for (const auto& l : levels) EXPECT_TRUE(std::is_sorted(l.begin(), l.end()));
}

// A small real training set: AAPL's features and 5-bar returns, 2015 on.
const Dataset& AaplDataset() {
  static Dataset ds = [] {
    auto bars = data::ReadBarsCsv(std::filesystem::path(QAT_SOURCE_DIR) / "data/daily/AAPL.csv", {.symbol = "AAPL"});
    EXPECT_TRUE(bars.ok());
    DatasetOptions options;
    options.first_day = *ParseDate("2015-01-01");
    std::vector<data::BarSeries> series = {*bars};
    auto built = BuildDataset(series, {}, options);
    EXPECT_TRUE(built.ok()) << built.error().message;
    return *built;
  }();
  return ds;
}

TEST(Quantile, PredictionsNeverCrossEvenWithAdversarialShifts) {
  const Dataset& ds = AaplDataset();
  ASSERT_GT(ds.rows(), 1000u);
  QuantileParams params;
  params.rounds = 15;
  params.threads = 1;
  auto model = TrainQuantileModel(ds.x, ds.cols, ds.forward_return, params);
  ASSERT_TRUE(model.ok()) << model.error().message;
  // Shifts that would put q10 above q90 if applied without sorting.
  model->transform[0].shift = 0.2;
  model->transform[4].shift = -0.2;
  auto q = PredictQuantiles(*model, ds.x, ds.cols);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->size(), ds.rows() * kNumQuantiles);
  for (std::size_t i = 0; i < ds.rows(); ++i) {
    ASSERT_TRUE(std::is_sorted(q->begin() + i * kNumQuantiles, q->begin() + (i + 1) * kNumQuantiles)) << i;
  }
  std::vector<double> rows = {0.3, -0.1, 0.2, 0.0, 0.1, 5, 4, 3, 2, 1};
  SortQuantileRows(rows);
  EXPECT_EQ(rows, (std::vector<double>{-0.1, 0.0, 0.1, 0.2, 0.3, 1, 2, 3, 4, 5}));
}

TEST(Quantile, PinballTrainingBeatsTheUnconditionalQuantileInSample) {
  // The boosters start from the unconditional quantile (offset) and may only improve the
  // training pinball loss; the conformal shift then gives exact calibration-set coverage.
  const Dataset& ds = AaplDataset();
  QuantileParams params;
  params.rounds = 30;
  params.threads = 1;
  auto model = TrainQuantileModel(ds.x, ds.cols, ds.forward_return, params);
  ASSERT_TRUE(model.ok());
  auto q = PredictQuantiles(*model, ds.x, ds.cols);
  ASSERT_TRUE(q.ok());
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    const double tau = kQuantileLevels[k];
    std::vector<double> col(ds.rows()), base(ds.rows(), model->transform[k].offset);
    for (std::size_t i = 0; i < ds.rows(); ++i) col[i] = (*q)[i * kNumQuantiles + k];
    EXPECT_LT(MeanPinballLoss(ds.forward_return, col, tau), MeanPinballLoss(ds.forward_return, base, tau)) << k;
  }
  ASSERT_TRUE(CalibrateQuantiles(*model, ds.x, ds.cols, ds.forward_return).ok());
  auto calibrated = PredictQuantiles(*model, ds.x, ds.cols);
  ASSERT_TRUE(calibrated.ok());
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    std::vector<double> col(ds.rows());
    for (std::size_t i = 0; i < ds.rows(); ++i) col[i] = (*calibrated)[i * kNumQuantiles + k];
    EXPECT_NEAR(Coverage(ds.forward_return, col), kQuantileLevels[k], 0.01) << k;
  }
  EXPECT_FALSE(CalibrateQuantiles(*model, std::span<const float>(ds.x).first(5 * ds.cols), ds.cols,
                                  std::span<const double>(ds.forward_return).first(5)).ok());
}

TEST(Quantile, EarlyStoppingFallsBackToTheUnconditionalQuantileWhenNoRoundHelps) {
  // Hand-made: one feature x on a grid; training targets rise with x, so every boosting
  // round moves the predictions up with x. Validation rows A have the same relation (rounds
  // help); validation rows B the opposite one (every round hurts), so the selection must keep
  // 0 rounds there and predict the window's unconditional quantile, unshifted.
  const std::size_t n = 400;
  std::vector<float> x(n);
  std::vector<double> y(n), same(n), opposite(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = static_cast<float>(i) / float(n);
    y[i] = 0.1 * x[i] + 0.001 * double(i % 7);
    same[i] = y[i];
    opposite[i] = 0.1 * (1 - x[i]) + 0.001 * double(i % 7);
  }
  QuantileParams params;
  params.rounds = 20;
  params.min_child_weight = 10;
  params.subsample = 1;
  params.colsample_bytree = 1;
  auto helped = TrainQuantileModel(x, 1, y, params, x, same);
  ASSERT_TRUE(helped.ok()) << helped.error().message;
  auto hurt = TrainQuantileModel(x, 1, y, params, x, opposite);
  ASSERT_TRUE(hurt.ok()) << hurt.error().message;
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    EXPECT_GT(helped->rounds[k], 0) << k;
    EXPECT_GT(helped->transform[k].scale, 0) << k;
    EXPECT_EQ(hurt->rounds[k], 0) << k;
    EXPECT_EQ(hurt->transform[k].scale, 0) << k;
  }
  // The window (here: training rows plus the validation rows) decides the constant.
  std::vector<double> window = y;
  window.insert(window.end(), opposite.begin(), opposite.end());
  ASSERT_TRUE(CalibrateQuantiles(*hurt, x, 1, opposite).ok());
  UseWindowQuantileWhereUnconditional(*hurt, window);
  auto q = PredictQuantiles(*hurt, x, 1);
  ASSERT_TRUE(q.ok());
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    const double expected = EmpiricalQuantile(window, kQuantileLevels[k]);
    EXPECT_EQ(hurt->transform[k].shift, 0) << k;
    EXPECT_DOUBLE_EQ((*q)[k], expected) << k;
    EXPECT_DOUBLE_EQ((*q)[(n - 1) * kNumQuantiles + k], expected) << k;
  }
  // Quantiles that kept rounds are left alone by the fallback.
  ASSERT_TRUE(CalibrateQuantiles(*helped, x, 1, same).ok());
  const auto before = helped->transform;
  UseWindowQuantileWhereUnconditional(*helped, window);
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    EXPECT_EQ(helped->transform[k].offset, before[k].offset) << k;
    EXPECT_EQ(helped->transform[k].shift, before[k].shift) << k;
  }
}

TEST(Quantile, PatienceStopsOnlyAfterRoundsWithoutImprovement) {
  // Same hand-made data: with validation rows that every round hurts, patience 3 stops the
  // loop after 3 rounds; the kept rounds (0) are the same as without patience.
  const std::size_t n = 400;
  std::vector<float> x(n);
  std::vector<double> y(n), opposite(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = static_cast<float>(i) / float(n);
    y[i] = 0.1 * x[i];
    opposite[i] = 0.1 * (1 - x[i]);
  }
  QuantileParams params;
  params.rounds = 20;
  params.min_child_weight = 10;
  params.subsample = 1;
  params.colsample_bytree = 1;
  params.patience = 3;
  auto stopped = TrainQuantileModel(x, 1, y, params, x, opposite);
  ASSERT_TRUE(stopped.ok());
  params.patience = 0;
  auto full = TrainQuantileModel(x, 1, y, params, x, opposite);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(stopped->rounds, full->rounds);
  // With rows that every round helps, patience never triggers: all 20 rounds are kept.
  params.patience = 3;
  auto helped = TrainQuantileModel(x, 1, y, params, x, y);
  ASSERT_TRUE(helped.ok());
  EXPECT_EQ(helped->rounds[2], 20);
}

TEST(Quantile, ImprovementTestByHand) {
  // Every row its own group. Differences (baseline - model) 2, 2, 0, 0: mean 1; deviations
  // 1, 1, -1, -1: gamma0 = 1, gamma1 = (1 - 1 + 1) / 4 = 0.25.
  const std::vector<double> base = {3, 3, 3, 3}, model = {1, 1, 3, 3};
  auto t0 = TestImprovement(base, model, {}, 0);
  EXPECT_EQ(t0.groups, 4u);
  EXPECT_DOUBLE_EQ(t0.improvement, 1.0);
  EXPECT_NEAR(t0.standard_error, std::sqrt(1.0 * 4) / 4, 1e-15);  // 0.5
  // One lag, Bartlett weight 1 - 1/2: long-run variance 1 + 2 * 0.5 * 0.25 = 1.25.
  auto t1 = TestImprovement(base, model, {}, 1);
  EXPECT_NEAR(t1.standard_error, std::sqrt(1.25 * 4) / 4, 1e-15);
  // Grouped: rows 0, 1 in group 7 and rows 2, 3 in group 3 (ordered by key: 3 first).
  // Differences 1, 1, 0, 0.5 -> group sums 0.5 (key 3), 2 (key 7); mean per row 2.5 / 4;
  // group deviations -0.75, 0.75: gamma0 = 0.5625, se = sqrt(0.5625 * 2) / 4.
  const std::vector<double> b2 = {1, 1, 1, 1}, m2 = {0, 0, 1, 0.5};
  const std::vector<std::int32_t> groups = {7, 7, 3, 3};
  auto g = TestImprovement(b2, m2, groups, 0);
  EXPECT_EQ(g.groups, 2u);
  EXPECT_DOUBLE_EQ(g.improvement, 0.625);
  EXPECT_NEAR(g.standard_error, std::sqrt(0.5625 * 2) / 4, 1e-15);
  // With one lag: gamma1 = (0.75 * -0.75) / 2 = -0.28125, weight 0.5 -> lrv 0.28125.
  auto g1 = TestImprovement(b2, m2, groups, 1);
  EXPECT_NEAR(g1.standard_error, std::sqrt(0.28125 * 2) / 4, 1e-15);
  // One group: no standard error can be estimated.
  auto one = TestImprovement(b2, m2, std::vector<std::int32_t>{1, 1, 1, 1}, 0);
  EXPECT_TRUE(std::isinf(one.standard_error));
  EXPECT_FALSE(IsConvincing(one, 1.645));
  EXPECT_TRUE(IsConvincing(one, 0));  // plain argmin: any improvement
}

TEST(Quantile, EvidenceRuleKeepsClearImprovementsAndRejectsNoise) {
  // Constructed per-row losses. Keep: the model is better by 0.01 on every row, +-0.002.
  const std::size_t n = 400;
  std::vector<double> base(n, 1.0), clear(n), noisy(n), runs(n);
  for (std::size_t i = 0; i < n; ++i) clear[i] = 1.0 - 0.01 - (i % 2 ? 0.002 : -0.002);
  auto keep = TestImprovement(base, clear, {}, 10);
  EXPECT_NEAR(keep.improvement, 0.01, 1e-12);
  EXPECT_TRUE(IsConvincing(keep, 1.645));
  // Fall back: differences +-1 alternating with a bias of 0.05: mean 0.05, se about
  // 1 / sqrt(400) = 0.05, so about 1 standard error. Plain argmin (z = 0) would keep it.
  for (std::size_t i = 0; i < n; ++i) noisy[i] = 1.0 - 0.05 - (i % 2 ? 1.0 : -1.0);
  auto noise = TestImprovement(base, noisy, {}, 0);
  EXPECT_NEAR(noise.improvement, 0.05, 1e-12);
  EXPECT_NEAR(noise.standard_error, 0.05, 1e-3);
  EXPECT_FALSE(IsConvincing(noise, 1.645));
  EXPECT_TRUE(IsConvincing(noise, 0));
  // Serial correlation: 40 runs of 10 equal differences (+-1, 20 of each sign in a fixed
  // order) plus a bias 0.15. Treated as independent rows, the improvement is 3 standard
  // errors; with Newey-West over 10 lags the runs count as far fewer observations and the
  // rule must fall back.
  const int signs[40] = {1, -1, -1, 1, 1, 1, -1, -1, 1, -1, -1, 1, -1, 1, 1, -1, 1, -1, -1, 1,
                         -1, 1, 1, -1, -1, 1, -1, 1, 1, -1, 1, 1, -1, -1, 1, -1, 1, -1, 1, -1};
  for (std::size_t i = 0; i < n; ++i) runs[i] = 1.0 - 0.15 - signs[i / 10];
  auto iid = TestImprovement(base, runs, {}, 0);
  auto hac = TestImprovement(base, runs, {}, 10);
  EXPECT_NEAR(iid.improvement, 0.15, 1e-12);
  EXPECT_TRUE(IsConvincing(iid, 1.645)) << iid.improvement / iid.standard_error;
  EXPECT_FALSE(IsConvincing(hac, 1.645)) << hac.improvement / hac.standard_error;
  // Grouping: the same 400 rows as 40 sessions of 10 rows each; each session is one
  // observation, so even without lags the improvement is not convincing.
  std::vector<std::int32_t> session(n);
  for (std::size_t i = 0; i < n; ++i) session[i] = static_cast<std::int32_t>(1000 + i / 10);
  auto grouped = TestImprovement(base, runs, session, 0);
  EXPECT_EQ(grouped.groups, 40u);
  EXPECT_FALSE(IsConvincing(grouped, 1.645)) << grouped.improvement / grouped.standard_error;
  // A model worse than the baseline is never convincing.
  EXPECT_FALSE(IsConvincing(TestImprovement(clear, base, {}, 0), 0));
}

TEST(Quantile, SelectionWithEvidenceFallsBackOnNoiseAndKeepsASignal) {
  // Training targets rise with x. Validation rows "signal" have the same relation; rows
  // "noise" are pseudo-random returns unrelated to x. With evidence_z 1.645 the signal keeps
  // its rounds for every quantile; on noise every quantile keeps 0 rounds, although plain
  // argmin (evidence_z 0) keeps rounds for at least one quantile there.
  const std::size_t n = 600;
  std::vector<float> x(n);
  std::vector<double> y(n), signal(n), noise(n);
  std::uint64_t state = 12345;
  auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(state >> 11) / double(1ULL << 53);
  };
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = static_cast<float>(i) / float(n);
    y[i] = 0.1 * x[i] + 0.02 * (uniform() - 0.5);
    signal[i] = 0.1 * x[i] + 0.02 * (uniform() - 0.5);
    noise[i] = 0.05 + 0.1 * (uniform() - 0.5);
  }
  for (bool cross_fit : {false, true}) {
  SCOPED_TRACE(cross_fit ? "cross-fitted evidence" : "evidence on the rows that chose k*");
  QuantileParams params;
  params.rounds = 30;
  params.min_child_weight = 10;
  params.subsample = 1;
  params.colsample_bytree = 1;
  params.evidence_z = 1.645;
  params.evidence_lags = 5;
  params.cross_fit_evidence = cross_fit;
  auto kept = TrainQuantileModel(x, 1, y, params, x, signal);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  auto fell = TrainQuantileModel(x, 1, y, params, x, noise);
  ASSERT_TRUE(fell.ok()) << fell.error().message;
  params.evidence_z = 0;
  params.cross_fit_evidence = false;  // plain argmin
  auto argmin = TrainQuantileModel(x, 1, y, params, x, noise);
  ASSERT_TRUE(argmin.ok());
  int argmin_kept = 0;
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    EXPECT_GT(kept->rounds[k], 0) << k;
    EXPECT_EQ(kept->rounds[k], kept->selection[k].best_rounds) << k;
    EXPECT_GT(kept->selection[k].test.improvement, 1.645 * kept->selection[k].test.standard_error) << k;
    EXPECT_EQ(fell->rounds[k], 0) << k;
    EXPECT_EQ(fell->transform[k].scale, 0) << k;
    EXPECT_EQ(fell->selection[k].best_rounds, argmin->rounds[k]) << k;
    argmin_kept += argmin->rounds[k] > 0;
  }
  EXPECT_GT(argmin_kept, 0);
  if (cross_fit) {  // both halves found the signal on their own rows
    for (std::size_t k = 0; k < kNumQuantiles; ++k) {
      EXPECT_GT(kept->selection[k].rounds_first_half, 0) << k;
      EXPECT_GT(kept->selection[k].rounds_second_half, 0) << k;
    }
  }
  }
  QuantileParams params;
  // Mismatched groups are an error.
  const std::vector<std::int32_t> short_groups(n - 1, 0);
  auto bad = TrainQuantileModel(x, 1, y, params, x, noise, short_groups);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("validation groups"), std::string::npos);
}


TEST(Quantile, CrossFitImprovementByHand) {
  // Four rows, one per session; keys out of row order. The first half is the earlier two
  // sessions (keys 10, 11: rows 1 and 3), the second half keys 12, 13 (rows 0 and 2).
  // Losses per round k = 0, 1, 2:
  const std::vector<std::vector<double>> losses = {
      {1.0, 1.0, 1.0, 1.0},  // k = 0, the unconditional quantile
      {0.5, 0.9, 0.6, 1.0},  // k = 1
      {0.9, 0.2, 0.8, 0.4},  // k = 2
  };
  const std::vector<std::int32_t> keys = {12, 10, 13, 11};
  // First half sums 2, 1.9, 0.6: it chooses 2. Second half sums 2, 1.1, 1.7: it chooses 1.
  // Rows of the first half are judged at k = 1, rows of the second at k = 2:
  // held-out losses 0.9 (row 0, k 2), 0.9 (row 1, k 1), 0.8 (row 2, k 2), 1.0 (row 3, k 1).
  const auto cross = CrossFitImprovement(losses, keys, 1);
  EXPECT_EQ(cross.rounds_first_half, 2);
  EXPECT_EQ(cross.rounds_second_half, 1);
  const auto expected = TestImprovement(losses[0], std::vector<double>{0.9, 0.9, 0.8, 1.0}, keys, 1);
  EXPECT_DOUBLE_EQ(cross.test.improvement, expected.improvement);
  EXPECT_NEAR(cross.test.improvement, 0.1, 1e-15);
  EXPECT_DOUBLE_EQ(cross.test.standard_error, expected.standard_error);
  EXPECT_EQ(cross.test.groups, 4u);
  // In-sample, k* = 2 (sums 4, 3.0, 2.3) would claim 0.425 per row: the cross-fit removes
  // the optimism of judging k* on the rows that chose it.
  EXPECT_NEAR(TestImprovement(losses[0], losses[2], keys, 1).improvement, 0.425, 1e-15);
  // Three sessions: the first half takes ceil(3 / 2) = 2 of them. Ties keep the smaller k.
  const std::vector<std::vector<double>> tie = {{1, 1, 1}, {0.5, 0.5, 2}, {0.5, 0.5, 0.1}};
  const auto odd = CrossFitImprovement(tie, std::vector<std::int32_t>{5, 6, 7}, 0);
  EXPECT_EQ(odd.rounds_first_half, 1);  // 2, 1, 1: k = 1 and 2 tie, the smaller wins
  EXPECT_EQ(odd.rounds_second_half, 2);
  // No groups: rows in order, the first ceil(n / 2) rows form the first half.
  const auto rows = CrossFitImprovement(losses, {}, 0);
  EXPECT_EQ(rows.rounds_first_half, 2);   // rows 0, 1: sums 2, 1.4, 1.1
  EXPECT_EQ(rows.rounds_second_half, 2);  // rows 2, 3: sums 2, 1.6, 1.2
  // No rounds at all: nothing can be convincing.
  EXPECT_FALSE(IsConvincing(CrossFitImprovement({}, {}, 0).test, 1.645));
}

TEST(Quantile, CrossFittedEvidenceRejectsTheBestOfManyNoisyRounds) {
  // 60 sessions of 10 rows; 100 "rounds" whose per-session losses are independent noise
  // around the unconditional loss: no round is better in truth. Over 40 replications, the
  // argmin over 100 rounds mostly looks convincing on the rows that chose it (the maximum of
  // 100 roughly standard normal z's is about 2.5); judged on the other half, it passes about
  // as often as a 5% test should. A real improvement of every session passes either way.
  const std::size_t sessions = 60, per = 10, n = sessions * per, rounds = 100, replications = 40;
  std::uint64_t state = 2026;
  auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(state >> 11) / double(1ULL << 53);
  };
  std::vector<std::int32_t> keys(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = static_cast<std::int32_t>(i / per);
  int in_sample_passes = 0, cross_fit_passes = 0, signal_passes = 0;
  for (std::size_t rep = 0; rep < replications; ++rep) {
    std::vector<std::vector<double>> noise(rounds + 1, std::vector<double>(n, 1.0));
    for (std::size_t k = 1; k <= rounds; ++k) {
      for (std::size_t s = 0; s < sessions; ++s) {
        const double shift = 0.1 * (uniform() - 0.5);  // one draw per session: its rows move together
        for (std::size_t r = 0; r < per; ++r) noise[k][s * per + r] = 1.0 + shift;
      }
    }
    std::size_t best = 0;
    double best_sum = double(n);
    for (std::size_t k = 1; k <= rounds; ++k) {
      double sum = 0;
      for (std::size_t i = 0; i < n; ++i) sum += noise[k][i];
      if (sum < best_sum) best_sum = sum, best = k;
    }
    if (best > 0) in_sample_passes += IsConvincing(TestImprovement(noise[0], noise[best], keys, 0), 1.645);
    cross_fit_passes += IsConvincing(CrossFitImprovement(noise, keys, 0).test, 1.645);
    // Round k lowers every loss by 0.002 * min(k, 50), on top of the same noise.
    for (std::size_t k = 1; k <= rounds; ++k) {
      for (std::size_t i = 0; i < n; ++i) noise[k][i] -= 0.002 * double(std::min<std::size_t>(k, 50));
    }
    const auto kept = CrossFitImprovement(noise, keys, 0);
    signal_passes += IsConvincing(kept.test, 1.645) && kept.rounds_first_half >= 40 && kept.rounds_second_half >= 40;
  }
  EXPECT_GE(in_sample_passes, 30) << "of " << replications;
  EXPECT_LE(cross_fit_passes, 6) << "of " << replications;  // expected about 2 (5%)
  EXPECT_EQ(signal_passes, int(replications));
}

}  // namespace
}  // namespace qat::models
