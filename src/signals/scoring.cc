#include "qat/signals/scoring.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "qat/models/evaluation.h"
#include "qat/patterns/statistics.h"
#include "qat/core/json.h"

namespace qat::signals {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Percentile(std::vector<double> v, double q) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}


double WeightedBrierSkill(std::span<const double> p, std::span<const double> base, std::span<const std::uint8_t> up,
                          std::span<const double> w) {
  double model = 0, baseline = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (w[i] == 0) continue;
    const double y = up[i] != 0 ? 1.0 : 0.0;
    model += w[i] * (p[i] - y) * (p[i] - y);
    baseline += w[i] * (base[i] - y) * (base[i] - y);
  }
  return baseline > 0 ? 1 - model / baseline : kNaN;
}

std::vector<double> RowWeights(std::span<const std::uint16_t> day_weights, std::span<const std::uint32_t> day) {
  std::vector<double> w(day.size());
  for (std::size_t i = 0; i < day.size(); ++i) w[i] = day_weights[day[i]];
  return w;
}

std::vector<std::size_t> DescendingOrder(std::span<const double> p) {
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
  return order;
}

// As TopDecileHitRate, with the rows' order by descending p given.
double TopDecileHitRateOrdered(std::span<const double> p, std::span<const std::uint8_t> up,
                               std::span<const double> weight, std::span<const std::size_t> order) {
  const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
  if (!(total > 0)) return kNaN;
  const double slots = total / 10;
  double taken = 0, hits = 0;
  for (std::size_t k = 0; k < order.size() && taken < slots;) {
    std::size_t e = k;
    double w = 0, u = 0;
    while (e < order.size() && p[order[e]] == p[order[k]]) {
      w += weight[order[e]];
      u += weight[order[e]] * (up[order[e]] != 0 ? 1.0 : 0.0);
      ++e;
    }
    if (w > 0) {
      const double share = std::min(1.0, (slots - taken) / w);
      taken += share * w;
      hits += share * u;
    }
    k = e;
  }
  return hits / slots;
}

}  // namespace

BlockBootstrap MakeBlockBootstrap(std::size_t days, std::size_t block, std::size_t samples, std::uint64_t seed) {
  BlockBootstrap plan;
  if (days == 0 || block == 0) return plan;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::size_t> start(0, days - 1);
  const std::size_t blocks = (days + block - 1) / block;
  plan.weights.assign(samples, std::vector<std::uint16_t>(days, 0));
  for (auto& w : plan.weights) {
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::size_t s = start(rng);
      for (std::size_t k = 0; k < block; ++k) ++w[(s + k) % days];
    }
  }
  return plan;
}

double TopDecileHitRate(std::span<const double> p, std::span<const std::uint8_t> up, std::span<const double> weight) {
  return TopDecileHitRateOrdered(p, up, weight, DescendingOrder(p));
}

ProbabilityScores ScoreProbabilities(std::span<const double> p, std::span<const double> base,
                                     std::span<const std::uint8_t> up, std::span<const std::uint32_t> day,
                                     const BlockBootstrap& bootstrap) {
  ProbabilityScores s;
  // Log loss, Brier and the reliability bins: the project's one evaluation of a binary
  // probability (models::EvaluateBinaryProbability, also prob_up's).
  const std::vector<float> event(up.begin(), up.end());
  const models::BinaryProbabilityReport r = models::EvaluateBinaryProbability(p, event, base);
  s.n = r.n;
  s.brier = r.brier;
  s.base_rate_brier = r.baseline_brier;
  s.log_loss = r.log_loss;
  s.base_rate_log_loss = r.baseline_log_loss;
  s.brier_skill = s.base_rate_brier > 0 ? 1 - s.brier / s.base_rate_brier : kNaN;
  s.reliability.resize(r.reliability.size());
  for (std::size_t b = 0; b < r.reliability.size(); ++b) {
    ReliabilityBin& bin = s.reliability[b];
    bin.lo = static_cast<double>(b) / static_cast<double>(r.reliability.size());
    bin.hi = static_cast<double>(b + 1) / static_cast<double>(r.reliability.size());
    bin.n = static_cast<std::int64_t>(r.reliability[b].n);
    if (bin.n == 0) {
      bin.mean_predicted = bin.observed = bin.observed_lo = bin.observed_hi = kNaN;
      continue;
    }
    bin.mean_predicted = r.reliability[b].mean_predicted;
    bin.observed = r.reliability[b].observed_rate;
    const auto ci = patterns::WilsonInterval(static_cast<std::int64_t>(r.reliability[b].events), bin.n);
    bin.observed_lo = ci.lo;
    bin.observed_hi = ci.hi;
    bin.within = bin.mean_predicted >= ci.lo && bin.mean_predicted <= ci.hi;
  }
  const std::vector<double> ones(p.size(), 1.0);
  const auto order = DescendingOrder(p);
  TopDecile& top = s.top_decile;
  top.rows = static_cast<double>(p.size()) / 10;
  top.hit_rate = TopDecileHitRateOrdered(p, up, ones, order);
  top.base_rate = s.n > 0 ? r.event_rate : kNaN;
  top.lift = top.base_rate > 0 ? top.hit_rate / top.base_rate : kNaN;
  std::vector<double> lifts, skills;
  for (const auto& dw : bootstrap.weights) {
    const auto w = RowWeights(dw, day);
    double total = 0, u = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      total += w[i];
      u += w[i] * (up[i] != 0 ? 1.0 : 0.0);
    }
    if (!(total > 0) || !(u > 0)) continue;
    lifts.push_back(TopDecileHitRateOrdered(p, up, w, order) / (u / total));
    skills.push_back(WeightedBrierSkill(p, base, up, w));
  }
  top.lift_lo = Percentile(lifts, 0.025);
  top.lift_hi = Percentile(lifts, 0.975);
  s.brier_skill_lo = Percentile(skills, 0.025);
  s.brier_skill_hi = Percentile(skills, 0.975);
  return s;
}

PairedComparison Compare(std::span<const double> a, std::span<const double> b, std::span<const double> base,
                   std::span<const std::uint8_t> up, std::span<const std::uint32_t> day,
                   const BlockBootstrap& bootstrap) {
  PairedComparison c;
  const std::vector<double> ones(a.size(), 1.0);
  const auto order_a = DescendingOrder(a), order_b = DescendingOrder(b);
  c.top_decile_hit_rate.value =
      TopDecileHitRateOrdered(a, up, ones, order_a) - TopDecileHitRateOrdered(b, up, ones, order_b);
  c.brier_skill.value = WeightedBrierSkill(a, base, up, ones) - WeightedBrierSkill(b, base, up, ones);
  std::vector<double> hits, skills;
  for (const auto& dw : bootstrap.weights) {
    const auto w = RowWeights(dw, day);
    hits.push_back(TopDecileHitRateOrdered(a, up, w, order_a) - TopDecileHitRateOrdered(b, up, w, order_b));
    skills.push_back(WeightedBrierSkill(a, base, up, w) - WeightedBrierSkill(b, base, up, w));
  }
  c.top_decile_hit_rate.lo = Percentile(hits, 0.025);
  c.top_decile_hit_rate.hi = Percentile(hits, 0.975);
  c.brier_skill.lo = Percentile(skills, 0.025);
  c.brier_skill.hi = Percentile(skills, 0.975);
  return c;
}

nlohmann::json ProbabilityScores::ToJson() const {
  nlohmann::json bins = nlohmann::json::array();
  for (const auto& r : reliability) {
    bins.push_back({{"lo", r.lo},
                    {"hi", r.hi},
                    {"n", r.n},
                    {"mean_predicted", JsonNumber(r.mean_predicted)},
                    {"observed", JsonNumber(r.observed)},
                    {"observed_ci95", {JsonNumber(r.observed_lo), JsonNumber(r.observed_hi)}},
                    {"within", r.within}});
  }
  return {{"n", n},
          {"brier", brier},
          {"base_rate_brier", base_rate_brier},
          {"brier_skill", JsonNumber(brier_skill)},
          {"brier_skill_ci95", {JsonNumber(brier_skill_lo), JsonNumber(brier_skill_hi)}},
          {"log_loss", log_loss},
          {"base_rate_log_loss", base_rate_log_loss},
          {"reliability", std::move(bins)},
          {"top_decile",
           {{"rows", top_decile.rows},
            {"hit_rate", JsonNumber(top_decile.hit_rate)},
            {"base_rate", JsonNumber(top_decile.base_rate)},
            {"lift", JsonNumber(top_decile.lift)},
            {"ci95", {JsonNumber(top_decile.lift_lo), JsonNumber(top_decile.lift_hi)}}}}};
}

nlohmann::json PairedComparison::ToJson() const {
  auto d = [](const Difference& x) { return nlohmann::json{{"value", JsonNumber(x.value)}, {"ci95", {JsonNumber(x.lo), JsonNumber(x.hi)}}}; };
  return {{"top_decile_hit_rate", d(top_decile_hit_rate)}, {"brier_skill", d(brier_skill)}};
}

}  // namespace qat::signals
