// The quantile forecaster: q10, q25, q50, q75, q90 of the h-bar forward return.
//
// XGBoost 1.7.4 has no quantile objective, so each quantile is one booster trained with a
// custom pinball-loss objective through BoostOneIter: gradient -tau where y > f, 1 - tau
// otherwise, hessian 1, base_score 0. The target is standardised per quantile,
// z = (y - offset) / scale, where offset is the training window's unconditional tau-quantile
// and scale its return standard deviation: the boosters start from the unconditional
// quantile and learn deviations from it in units the learning rate suits.
//
// Predictions are sorted per row so that the quantiles never cross, then shifted by split
// conformal calibration: on held-back calibration rows (never trained on) the shift of
// quantile tau is the ceil((n + 1) * tau)-th smallest residual y - q_tau, so that on
// exchangeable data P(y <= q_tau + shift) >= tau; the shifted quantiles are sorted again.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/models/tree_params.h"
#include "qat/models/xgboost.h"

namespace qat::models {

inline constexpr std::size_t kNumQuantiles = 5;
inline constexpr std::array<double, kNumQuantiles> kQuantileLevels = {0.10, 0.25, 0.50, 0.75, 0.90};
// "q10", "q25", "q50", "q75", "q90"
std::string QuantileName(std::size_t k);

struct QuantileParams {
  int rounds = 100;
  int max_depth = 3;
  double eta = 0.05;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  double min_child_weight = 50;  // hessian is 1 per row: at least this many rows per leaf
  double lambda = 1.0;
  int max_bin = 64;  // histogram bins per feature
  int threads = 1;
  std::uint64_t seed = 42;
  // With validation rows: stop once this many rounds in a row have not improved the best
  // validation pinball loss (0: always run all `rounds`). The rounds kept are the best ones
  // seen, as without it.
  int patience = 0;
  // Selection with evidence (with validation rows): the best k > 0 rounds are kept only if
  // their mean per-row pinball improvement over 0 rounds (the unconditional quantile) on the
  // validation rows exceeds evidence_z times its standard error (TestImprovement: validation
  // rows grouped by `valid_groups`, Newey-West over the groups with evidence_lags lags);
  // otherwise the quantile keeps 0 rounds. evidence_z 0 without cross_fit_evidence keeps any
  // strict improvement (plain argmin early stopping).
  double evidence_z = 0;
  int evidence_lags = 0;
  // Cross-fitted evidence (CrossFitImprovement): the test judges each validation row with
  // rounds chosen on the other half of the validation groups, so that choosing k* does not
  // inflate it. false: the test compares k* with 0 rounds on the rows that chose k*.
  bool cross_fit_evidence = false;

  TreeParams Tree() const {
    return {rounds, max_depth, eta, subsample, colsample_bytree, min_child_weight, max_bin, threads, seed};
  }
};

// Paired comparison of a model's per-row losses with a baseline's on the same rows.
// Rows are grouped (e.g. by session: the symbols of one day move together) and the groups
// ordered by key (time); d_g is the sum over group g's rows of (baseline - model). The
// improvement is sum(d_g) / rows, and its standard error sqrt(G * S) / rows where S is the
// Newey-West (Bartlett) long-run variance of the d_g series with `lags` lags, which allows
// for the serial correlation of overlapping h-bar returns. Fewer than 2 groups: standard
// error +infinity.
struct ImprovementTest {
  double improvement = 0;     // mean per-row loss reduction (> 0: the model is better)
  double standard_error = 0;
  std::size_t groups = 0;
};
// `groups` empty: every row its own group, in row order.
ImprovementTest TestImprovement(std::span<const double> baseline_loss, std::span<const double> model_loss,
                                std::span<const std::int32_t> groups, int lags);
// improvement > 0 and improvement > z * standard_error (z <= 0: improvement > 0 only).
bool IsConvincing(const ImprovementTest& t, double z);

// Cross-fitted evidence for early stopping. round_losses[k][i] is validation row i's loss
// after k boosting rounds (k = 0: the unconditional quantile); every entry has one value per
// row. The groups (one key per row, keys ordered in time; empty: each row its own group, in
// row order) are split in time: the first ceil(G / 2) groups form the first half, the rest
// the second. Each half's argmin round over its own rows is found (ties: the smaller k), and
// each row is then judged with the round chosen by the other half: the test is
// TestImprovement(round_losses[0], held-out losses, groups, lags). It answers whether the
// early-stopping choice carries over to sessions it did not see; the optimism of testing
// k* on the rows that chose it is gone. With no rows: standard error +infinity.
struct CrossFitTest {
  int rounds_first_half = 0;
  int rounds_second_half = 0;
  ImprovementTest test;
};
CrossFitTest CrossFitImprovement(const std::vector<std::vector<double>>& round_losses,
                                 std::span<const std::int32_t> groups, int lags);

// What the selection saw for one quantile on the validation rows.
struct QuantileSelection {
  int best_rounds = 0;   // argmin of the validation pinball loss over 0..rounds
  ImprovementTest test;  // the evidence for best_rounds against 0 rounds (zero when best_rounds is 0)
  // With cross_fit_evidence: the rounds each half of the validation groups chose.
  int rounds_first_half = 0;
  int rounds_second_half = 0;
};

// The affine map of one quantile booster's margin back to a return, plus its conformal shift:
// return = offset + scale * margin + shift.
struct QuantileTransform {
  double offset = 0, scale = 1, shift = 0;
};

struct QuantileModel {
  std::vector<Booster> boosters;                      // one per kQuantileLevels entry
  std::array<QuantileTransform, kNumQuantiles> transform{};
  std::array<int, kNumQuantiles> rounds{};  // boosting rounds kept per quantile
  std::array<QuantileSelection, kNumQuantiles> selection{};  // with validation rows
};

// Pinball (quantile) loss of one prediction: tau * (y - q) if y >= q, else (1 - tau) * (q - y).
double PinballLoss(double y, double q, double tau);
// Mean pinball loss over rows.
double MeanPinballLoss(std::span<const double> y, std::span<const double> q, double tau);
// The tau-quantile of `values` by linear interpolation between order statistics (type 7).
double EmpiricalQuantile(std::vector<double> values, double tau);
// Share of rows with y <= q.
double Coverage(std::span<const double> y, std::span<const double> q);
// Share of rows with lo <= y <= hi.
double IntervalCoverage(std::span<const double> y, std::span<const double> lo, std::span<const double> hi);

// Trains the five boosters on `x` (rows x cols, row-major) and forward returns `y`; the
// transforms get offsets and scale from `y`, shifts 0. With validation rows (`valid_x`,
// `valid_y`, not trained on), each booster keeps only its first k rounds, k in
// 0..params.rounds minimising the validation pinball loss (early stopping; ties keep the
// smaller k). k = 0 is the training rows' unconditional tau-quantile (the offset, which is
// where every booster starts). The best k > 0 is kept only if its improvement over k = 0 is
// convincing (IsConvincing with params.evidence_z; `valid_groups`, one key per validation
// row, e.g. its session day, or empty: one group per row); with params.cross_fit_evidence
// the improvement is CrossFitImprovement's held-out one. A quantile that keeps 0 rounds
// gets scale 0, so its prediction is the constant offset (+ shift), and its booster holds one
// round only so that a model file exists.
Result<QuantileModel> TrainQuantileModel(std::span<const float> x, std::size_t cols,
                                         std::span<const double> y, const QuantileParams& params,
                                         std::span<const float> valid_x = {},
                                         std::span<const double> valid_y = {},
                                         std::span<const std::int32_t> valid_groups = {});

// Predicted return quantiles, rows x kNumQuantiles row-major, sorted within each row, with
// the transforms' shifts applied (and sorted again).
Result<std::vector<double>> PredictQuantiles(const QuantileModel& model, std::span<const float> x,
                                             std::size_t cols);

// Sorts each row of a rows x kNumQuantiles matrix ascending (no crossing).
void SortQuantileRows(std::span<double> q);

// Sets each quantile's conformal shift from calibration rows (x, y) that the model did not
// train on. Fails on fewer than 10 calibration rows.
Status CalibrateQuantiles(QuantileModel& model, std::span<const float> x, std::size_t cols,
                          std::span<const double> y);

// For every quantile whose early stopping kept 0 rounds: the constant becomes the
// unconditional tau-quantile of `window_y` (the whole training window: fit and calibration
// rows), with no conformal shift — exactly the baseline the validation compares against.
// Call after CalibrateQuantiles; other quantiles are untouched.
void UseWindowQuantileWhereUnconditional(QuantileModel& model, std::span<const double> window_y);

// Split-conformal shift for level tau: the ceil((n + 1) * tau)-th smallest residual
// (clamped to the largest), so that P(y <= q + shift) >= tau.
double ConformalShift(std::vector<double> residuals, double tau);

// P(return > 0) from one row of sorted quantiles: the CDF through (q_k, tau_k), linear
// between them and extended linearly beyond q10 and q90 with the outer segments' slopes,
// clamped to [0, 1].
double ProbabilityUp(std::span<const double> sorted_quantiles);

// Price levels for steps 1..h from the horizon's return quantiles: for step k,
// level = price * (1 + q50 * k/h + (q_tau - q50) * sqrt(k/h)) — the median drifts linearly
// and the spread grows with the square root of time, as for a random walk; at k = h the
// level is price * (1 + q_tau). Result: h rows x kNumQuantiles.
std::vector<std::array<double, kNumQuantiles>> PriceLevels(double price,
                                                           std::span<const double> sorted_quantiles,
                                                           int horizon);

}  // namespace qat::models
