#include "qat/models/quantile.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include <fmt/format.h>

namespace qat::models {

std::string QuantileName(std::size_t k) {
  return fmt::format("q{:02d}", static_cast<int>(std::lround(kQuantileLevels[k] * 100)));
}

double PinballLoss(double y, double q, double tau) {
  return y >= q ? tau * (y - q) : (1 - tau) * (q - y);
}

double MeanPinballLoss(std::span<const double> y, std::span<const double> q, double tau) {
  if (y.empty()) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < y.size(); ++i) sum += PinballLoss(y[i], q[i], tau);
  return sum / double(y.size());
}

double EmpiricalQuantile(std::vector<double> v, double tau) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double h = (double(v.size()) - 1) * tau;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - double(lo)) * (v[hi] - v[lo]);
}

double Coverage(std::span<const double> y, std::span<const double> q) {
  if (y.empty()) return 0;
  std::size_t in = 0;
  for (std::size_t i = 0; i < y.size(); ++i) in += y[i] <= q[i];
  return double(in) / double(y.size());
}

double IntervalCoverage(std::span<const double> y, std::span<const double> lo, std::span<const double> hi) {
  if (y.empty()) return 0;
  std::size_t in = 0;
  for (std::size_t i = 0; i < y.size(); ++i) in += lo[i] <= y[i] && y[i] <= hi[i];
  return double(in) / double(y.size());
}

ImprovementTest TestImprovement(std::span<const double> baseline_loss, std::span<const double> model_loss,
                                std::span<const std::int32_t> groups, int lags) {
  ImprovementTest t;
  const std::size_t n = std::min(baseline_loss.size(), model_loss.size());
  if (n == 0) {
    t.standard_error = std::numeric_limits<double>::infinity();
    return t;
  }
  // d_g: per-group sums of the paired differences, groups in key order.
  std::vector<double> d;
  if (groups.empty()) {
    d.resize(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = baseline_loss[i] - model_loss[i];
  } else {
    std::map<std::int32_t, double> by_group;
    for (std::size_t i = 0; i < n; ++i) by_group[groups[i]] += baseline_loss[i] - model_loss[i];
    d.reserve(by_group.size());
    for (const auto& [key, sum] : by_group) d.push_back(sum);
  }
  const std::size_t g = d.size();
  double total = 0;
  for (double v : d) total += v;
  t.groups = g;
  t.improvement = total / double(n);
  if (g < 2) {
    t.standard_error = std::numeric_limits<double>::infinity();
    return t;
  }
  const double mean_d = total / double(g);
  auto autocovariance = [&](std::size_t j) {
    double s = 0;
    for (std::size_t i = j; i < g; ++i) s += (d[i] - mean_d) * (d[i - j] - mean_d);
    return s / double(g);
  };
  double lrv = autocovariance(0);
  const std::size_t max_lag = std::min<std::size_t>(static_cast<std::size_t>(std::max(lags, 0)), g - 1);
  for (std::size_t j = 1; j <= max_lag; ++j) {
    lrv += 2.0 * (1.0 - double(j) / double(max_lag + 1)) * autocovariance(j);
  }
  // Var(sum d_g) ~ G * lrv; the improvement is sum d_g / n.
  t.standard_error = std::sqrt(std::max(lrv, 0.0) * double(g)) / double(n);
  return t;
}

bool IsConvincing(const ImprovementTest& t, double z) {
  if (!(t.improvement > 0)) return false;
  if (z <= 0) return true;
  return t.improvement > z * t.standard_error;
}

CrossFitTest CrossFitImprovement(const std::vector<std::vector<double>>& round_losses,
                                 std::span<const std::int32_t> groups, int lags) {
  CrossFitTest result;
  if (round_losses.empty()) {
    result.test.standard_error = std::numeric_limits<double>::infinity();
    return result;
  }
  const std::size_t n = round_losses[0].size();
  // Halves in time: the first ceil(G / 2) groups (keys in ascending order) form half A.
  std::vector<char> in_first(n);
  if (groups.empty()) {
    for (std::size_t i = 0; i < n; ++i) in_first[i] = i < (n + 1) / 2;
  } else {
    assert(groups.size() == n);
    std::vector<std::int32_t> keys(groups.begin(), groups.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    const std::int32_t last_of_first = keys[(keys.size() + 1) / 2 - 1];
    for (std::size_t i = 0; i < n; ++i) in_first[i] = groups[i] <= last_of_first;
  }
  // Argmin round of each half on its own rows (ties: the smaller round).
  auto argmin = [&](bool first) {
    int best = 0;
    double best_sum = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < round_losses.size(); ++k) {
      double sum = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (bool(in_first[i]) == first) sum += round_losses[k][i];
      }
      if (sum < best_sum) {
        best_sum = sum;
        best = static_cast<int>(k);
      }
    }
    return best;
  };
  result.rounds_first_half = argmin(true);
  result.rounds_second_half = argmin(false);
  // Each row is judged with the rounds the other half chose.
  std::vector<double> held_out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int k = in_first[i] ? result.rounds_second_half : result.rounds_first_half;
    held_out[i] = round_losses[static_cast<std::size_t>(k)][i];
  }
  result.test = TestImprovement(round_losses[0], held_out, groups, lags);
  return result;
}

Result<QuantileModel> TrainQuantileModel(std::span<const float> x, std::size_t cols,
                                         std::span<const double> y, const QuantileParams& p,
                                         std::span<const float> valid_x, std::span<const double> valid_y,
                                         std::span<const std::int32_t> valid_groups) {
  const std::size_t rows = y.size();
  if (cols == 0 || rows < 2 || x.size() != rows * cols) {
    return Fail("quantile model: {} values for {} targets x {} columns", x.size(), rows, cols);
  }
  double mean = 0;
  for (double v : y) mean += v;
  mean /= double(rows);
  double var = 0;
  for (double v : y) var += (v - mean) * (v - mean);
  const double scale = std::sqrt(var / double(rows - 1));
  if (!(scale > 0) || !std::isfinite(scale)) return Fail("quantile model: targets have no spread");

  if (valid_x.size() != valid_y.size() * cols) {
    return Fail("quantile model: {} validation values for {} targets x {} columns", valid_x.size(),
                valid_y.size(), cols);
  }
  if (!valid_groups.empty() && valid_groups.size() != valid_y.size()) {
    return Fail("quantile model: {} validation groups for {} validation rows", valid_groups.size(), valid_y.size());
  }
  QuantileModel model;
  QAT_ASSIGN_OR_RETURN(auto train, DMatrix::FromDense(x, rows, cols));
  std::optional<DMatrix> valid;
  if (!valid_y.empty()) {
    QAT_ASSIGN_OR_RETURN(auto v, DMatrix::FromDense(valid_x, valid_y.size(), cols));
    valid.emplace(std::move(v));
  }
  std::vector<float> z(rows), grad(rows), hess(rows, 1.0f);
  QAT_RETURN_IF_ERROR(train.SetLabels(z));  // placeholder labels; gradients come from us
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    const double tau = kQuantileLevels[k];
    const double offset = EmpiricalQuantile(std::vector<double>(y.begin(), y.end()), tau);
    model.transform[k] = {offset, scale, 0.0};
    for (std::size_t i = 0; i < rows; ++i) z[i] = static_cast<float>((y[i] - offset) / scale);
    QAT_ASSIGN_OR_RETURN(auto booster, Booster::Create(train));
    // reg:squarederror only fixes the output transform (identity); the gradients are ours.
    std::vector<std::pair<std::string, std::string>> params = {{"objective", "reg:squarederror"},
                                                               {"base_score", "0"}};
    for (auto& setting : XGBoostParams(p.Tree())) params.push_back(std::move(setting));
    params.emplace_back("lambda", fmt::format("{}", p.lambda));
    for (const auto& [name, value] : params) QAT_RETURN_IF_ERROR(booster.SetParam(name.c_str(), value));
    int best_rounds = p.rounds;
    double best_loss = std::numeric_limits<double>::infinity();
    const std::size_t nv = valid_y.size();
    // Per-row validation losses after 0, 1, .. rounds (0: the unconditional quantile, offset).
    std::vector<std::vector<double>> round_losses;
    if (valid) {
      best_rounds = 0;
      best_loss = 0;
      auto& zero = round_losses.emplace_back(nv);
      for (std::size_t i = 0; i < nv; ++i) {
        zero[i] = PinballLoss(valid_y[i], offset, tau);
        best_loss += zero[i];
      }
    }
    for (int round = 0; round < p.rounds; ++round) {
      if (valid && p.patience > 0 && round - best_rounds >= p.patience) break;
      QAT_ASSIGN_OR_RETURN(auto margin, booster.Predict(train, /*output_margin=*/true));
      if (margin.size() != rows) return Fail("quantile model: {} margins for {} rows", margin.size(), rows);
      for (std::size_t i = 0; i < rows; ++i) {
        grad[i] = z[i] > margin[i] ? static_cast<float>(-tau) : static_cast<float>(1 - tau);
      }
      QAT_RETURN_IF_ERROR(booster.BoostOneIter(train, grad, hess));
      if (valid) {
        QAT_ASSIGN_OR_RETURN(auto vm, booster.Predict(*valid, /*output_margin=*/true));
        auto& losses = round_losses.emplace_back(nv);
        double loss = 0;
        for (std::size_t i = 0; i < nv; ++i) {
          losses[i] = PinballLoss(valid_y[i], offset + scale * double(vm[i]), tau);
          loss += losses[i];
        }
        if (loss < best_loss) {  // strictly better: ties keep the smaller model
          best_loss = loss;
          best_rounds = round + 1;
        }
      }
    }
    if (valid) {
      auto& selection = model.selection[k];
      selection.best_rounds = best_rounds;
      if (best_rounds > 0) {
        if (p.cross_fit_evidence) {
          const auto cross = CrossFitImprovement(round_losses, valid_groups, p.evidence_lags);
          selection.rounds_first_half = cross.rounds_first_half;
          selection.rounds_second_half = cross.rounds_second_half;
          selection.test = cross.test;
        } else {
          selection.test = TestImprovement(round_losses[0], round_losses[best_rounds], valid_groups,
                                           p.evidence_lags);
        }
        // No departure from the unconditional quantile without evidence.
        if (!IsConvincing(selection.test, p.evidence_z)) best_rounds = 0;
      }
    }
    if (best_rounds == 0) {
      // The booster is kept (one round) so that every quantile has a model file, but its
      // margin is multiplied by scale 0: the quantile is the unconditional one.
      QAT_ASSIGN_OR_RETURN(booster, booster.Slice(1));
      model.transform[k].scale = 0;
    } else if (best_rounds < p.rounds) {
      QAT_ASSIGN_OR_RETURN(booster, booster.Slice(best_rounds));
    }
    model.rounds[k] = best_rounds;
    model.boosters.push_back(std::move(booster));
  }
  return model;
}

void SortQuantileRows(std::span<double> q) {
  for (std::size_t r = 0; r + kNumQuantiles <= q.size(); r += kNumQuantiles) {
    std::sort(q.begin() + r, q.begin() + r + kNumQuantiles);
  }
}

namespace {

// Sorted quantiles without conformal shifts.
Result<std::vector<double>> RawQuantiles(const QuantileModel& model, std::span<const float> x,
                                         std::size_t cols) {
  if (model.boosters.size() != kNumQuantiles) {
    return Fail("quantile model has {} boosters, expected {}", model.boosters.size(), kNumQuantiles);
  }
  if (cols == 0 || x.size() % cols != 0) return Fail("quantile predict: {} values for {} columns", x.size(), cols);
  const std::size_t rows = x.size() / cols;
  QAT_ASSIGN_OR_RETURN(auto data, DMatrix::FromDense(x, rows, cols));
  std::vector<double> q(rows * kNumQuantiles);
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    QAT_ASSIGN_OR_RETURN(auto margin, model.boosters[k].Predict(data, /*output_margin=*/true));
    if (margin.size() != rows) return Fail("quantile predict: {} margins for {} rows", margin.size(), rows);
    const auto& t = model.transform[k];
    for (std::size_t i = 0; i < rows; ++i) q[i * kNumQuantiles + k] = t.offset + t.scale * double(margin[i]);
  }
  SortQuantileRows(q);
  return q;
}

}  // namespace

Result<std::vector<double>> PredictQuantiles(const QuantileModel& model, std::span<const float> x,
                                             std::size_t cols) {
  QAT_ASSIGN_OR_RETURN(auto q, RawQuantiles(model, x, cols));
  for (std::size_t i = 0; i < q.size(); ++i) q[i] += model.transform[i % kNumQuantiles].shift;
  SortQuantileRows(q);
  return q;
}

double ConformalShift(std::vector<double> residuals, double tau) {
  if (residuals.empty()) return 0;
  std::sort(residuals.begin(), residuals.end());
  const double n = double(residuals.size());
  // rank ceil((n + 1) tau), 1-based, clamped to [1, n]
  std::size_t rank = static_cast<std::size_t>(std::ceil((n + 1) * tau - 1e-9));
  rank = std::clamp<std::size_t>(rank, 1, residuals.size());
  return residuals[rank - 1];
}

Status CalibrateQuantiles(QuantileModel& model, std::span<const float> x, std::size_t cols,
                          std::span<const double> y) {
  if (y.size() < 10) return Fail("conformal calibration needs at least 10 rows (got {})", y.size());
  QAT_ASSIGN_OR_RETURN(auto q, RawQuantiles(model, x, cols));
  if (q.size() != y.size() * kNumQuantiles) return Fail("calibration: rows of x and y differ");
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    std::vector<double> residuals(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) residuals[i] = y[i] - q[i * kNumQuantiles + k];
    model.transform[k].shift = ConformalShift(std::move(residuals), kQuantileLevels[k]);
  }
  return Ok();
}

void UseWindowQuantileWhereUnconditional(QuantileModel& model, std::span<const double> window_y) {
  if (window_y.empty()) return;
  const std::vector<double> y(window_y.begin(), window_y.end());
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    if (model.rounds[k] != 0) continue;
    model.transform[k] = {EmpiricalQuantile(y, kQuantileLevels[k]), 0.0, 0.0};
  }
}

double ProbabilityUp(std::span<const double> q) {
  const auto& t = kQuantileLevels;
  const std::size_t m = kNumQuantiles;
  auto segment = [&](std::size_t a) {  // CDF at 0 on the line through points a and a+1
    const double dq = q[a + 1] - q[a];
    if (dq <= 0) return 0.0 < q[a] ? 0.0 : 1.0;
    return t[a] + (t[a + 1] - t[a]) * (0.0 - q[a]) / dq;
  };
  double cdf;
  if (0.0 < q[0]) {
    cdf = segment(0);
  } else if (0.0 >= q[m - 1]) {
    cdf = segment(m - 2);
  } else {
    std::size_t a = 0;
    while (a + 2 < m && 0.0 >= q[a + 1]) ++a;
    cdf = segment(a);
  }
  return 1.0 - std::clamp(cdf, 0.0, 1.0);
}

std::vector<std::array<double, kNumQuantiles>> PriceLevels(double price, std::span<const double> q,
                                                           int horizon) {
  std::vector<std::array<double, kNumQuantiles>> levels(static_cast<std::size_t>(std::max(horizon, 0)));
  const double median = q[kNumQuantiles / 2];
  for (int step = 1; step <= horizon; ++step) {
    const double f = double(step) / double(horizon);
    for (std::size_t k = 0; k < kNumQuantiles; ++k) {
      levels[step - 1][k] = price * (1 + median * f + (q[k] - median) * std::sqrt(f));
    }
  }
  return levels;
}

}  // namespace qat::models
