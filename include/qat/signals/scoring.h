// How good a probability of "up" is, out of sample, beside the base rate: Brier score, log
// loss, a 10-bin reliability table and the hit rate and lift of the top decile of scores,
// with 95% intervals from a block bootstrap over dates (rows of the same dates move
// together, so the interval respects that one day's symbols share one market).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <nlohmann/json.hpp>

namespace qat::signals {

// Resampling plan: `weights[b][d]` is how often day d appears in resample b. Days are
// 0..days-1 in time order; each resample draws ceil(days / block) blocks of `block`
// consecutive days (start uniform, wrapping around) with replacement, from a fixed seed.
struct BlockBootstrap {
  std::vector<std::vector<std::uint16_t>> weights;
};
BlockBootstrap MakeBlockBootstrap(std::size_t days, std::size_t block, std::size_t samples, std::uint64_t seed);

struct ReliabilityBin {
  double lo = 0, hi = 0;  // predicted probability in [lo, hi) (the last bin includes 1)
  std::int64_t n = 0;
  double mean_predicted = 0, observed = 0;  // NaN when n = 0
  double observed_lo = 0, observed_hi = 0;  // 95% Wilson interval of `observed`
  bool within = false;                      // mean_predicted inside it
};

struct TopDecile {
  double rows = 0;       // a tenth of the rows (ties at the threshold share the last slots)
  double hit_rate = 0;   // the share of up outcomes among them
  double base_rate = 0;  // the share among all rows
  double lift = 0;       // hit_rate / base_rate
  double lift_lo = 0, lift_hi = 0;  // 95% block-bootstrap interval
};

struct ProbabilityScores {
  std::size_t n = 0;
  double brier = 0, base_rate_brier = 0, log_loss = 0, base_rate_log_loss = 0;
  double brier_skill = 0;                    // 1 - brier / base_rate_brier
  double brier_skill_lo = 0, brier_skill_hi = 0;  // 95% block-bootstrap interval
  std::vector<ReliabilityBin> reliability;   // 10 bins
  TopDecile top_decile;

  // {n, brier, base_rate_brier, brier_skill, brier_skill_ci95, log_loss, base_rate_log_loss,
  // reliability[{lo, hi, n, mean_predicted, observed, observed_ci95, within}],
  // top_decile{rows, hit_rate, base_rate, lift, ci95}}
  nlohmann::json ToJson() const;
};

// p: the probabilities scored; base: the base rate each row would be given (its fold's
// training up rate); up: outcomes; day: each row's day index into `bootstrap`'s days.
// Log loss, Brier and the bins come from models::EvaluateBinaryProbability (the probability
// of what happened clamped to >= 1e-15 in the log loss).
ProbabilityScores ScoreProbabilities(std::span<const double> p, std::span<const double> base,
                                     std::span<const std::uint8_t> up, std::span<const std::uint32_t> day,
                                     const BlockBootstrap& bootstrap);

// The top-decile hit rate of `p` with per-row weights (ties at the threshold share the
// remaining weight in proportion). NaN when the weights sum to 0.
double TopDecileHitRate(std::span<const double> p, std::span<const std::uint8_t> up,
                        std::span<const double> weight);

struct Difference {
  double value = 0, lo = 0, hi = 0;  // a - b and its 95% block-bootstrap interval (paired)
};
// Top-decile hit rate of a minus that of b, and Brier skill of a minus that of b, on the same
// rows and the same resamples.
struct PairedComparison {
  Difference top_decile_hit_rate, brier_skill;
  nlohmann::json ToJson() const;  // {top_decile_hit_rate{value, ci95}, brier_skill{value, ci95}}
};
PairedComparison Compare(std::span<const double> a, std::span<const double> b, std::span<const double> base,
                   std::span<const std::uint8_t> up, std::span<const std::uint32_t> day,
                   const BlockBootstrap& bootstrap);

}  // namespace qat::signals
