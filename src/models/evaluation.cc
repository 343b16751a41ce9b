#include "qat/models/evaluation.h"

#include <algorithm>
#include <cmath>

namespace qat::models {
namespace {

// Column k of a rows x kNumQuantiles matrix.
std::vector<double> Column(std::span<const double> m, std::size_t k) {
  std::vector<double> c(m.size() / kNumQuantiles);
  for (std::size_t i = 0; i < c.size(); ++i) c[i] = m[i * kNumQuantiles + k];
  return c;
}

}  // namespace


ClassPrior ClassPriorOf(std::span<const float> y) {
  std::array<std::size_t, labels::kNumActions> counts{};
  for (float v : y) counts[static_cast<std::size_t>(v)]++;
  ClassPrior prior;
  prior.majority = static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  for (std::size_t a = 0; a < counts.size(); ++a) {
    prior.p[a] = y.empty() ? 0.0 : double(counts[a]) / double(y.size());
  }
  return prior;
}

namespace {

double LogLoss(double p_actual) { return -std::log(std::clamp(p_actual, 1e-15, 1.0)); }

// sum_k (p_k - [actual = k])^2 of one row.
template <typename T>
double Brier(const T* p, int actual) {
  double sum = 0;
  for (int a = 0; a < labels::kNumActions; ++a) {
    const double d = static_cast<double>(p[a]) - (a == actual ? 1.0 : 0.0);
    sum += d * d;
  }
  return sum;
}

}  // namespace

ClassificationReport EvaluateClassifier(std::span<const float> p, std::span<const float> y,
                                        std::span<const double> forward_return, const ClassPrior& prior) {
  constexpr int k = labels::kNumActions;
  ClassificationReport r;
  r.n = y.size();
  r.majority_class = prior.majority;
  if (r.n == 0) return r;
  std::size_t correct = 0, baseline = 0, dir_correct = 0;
  double loss = 0, baseline_loss = 0, brier = 0, baseline_brier = 0;
  for (std::size_t i = 0; i < r.n; ++i) {
    const float* row = &p[i * k];
    const int predicted = static_cast<int>(std::max_element(row, row + k) - row);
    const int actual = static_cast<int>(y[i]);
    r.confusion[actual][predicted]++;
    correct += predicted == actual;
    baseline += prior.majority == actual;
    loss += LogLoss(static_cast<double>(row[actual]));
    baseline_loss += LogLoss(prior.p[actual]);
    brier += Brier(row, actual);
    baseline_brier += Brier(prior.p.data(), actual);
    if (predicted != static_cast<int>(labels::Action::kHold)) {
      ++r.directional_n;
      const bool up = forward_return[i] > 0;
      dir_correct += (predicted == static_cast<int>(labels::Action::kBuy)) == up;
    }
  }
  r.accuracy = double(correct) / double(r.n);
  r.baseline_accuracy = double(baseline) / double(r.n);
  r.log_loss = loss / double(r.n);
  r.baseline_log_loss = baseline_loss / double(r.n);
  r.brier = brier / double(r.n);
  r.baseline_brier = baseline_brier / double(r.n);
  r.directional_accuracy = r.directional_n ? double(dir_correct) / double(r.directional_n) : 0.0;
  double recall_sum = 0;
  int present = 0;
  for (int a = 0; a < k; ++a) {
    std::size_t total = 0;
    for (int b = 0; b < k; ++b) total += r.confusion[a][b];
    if (total == 0) continue;
    recall_sum += double(r.confusion[a][a]) / double(total);
    ++present;
  }
  r.balanced_accuracy = present ? recall_sum / present : 0.0;
  return r;
}

ClassificationReport EvaluatePooled(std::span<const float> probabilities, std::span<const float> y,
                                    std::span<const double> forward_return,
                                    std::span<const ClassificationReport> folds) {
  ClassPrior first;
  if (!folds.empty()) first.majority = folds.front().majority_class;
  ClassificationReport pooled = EvaluateClassifier(probabilities, y, forward_return, first);
  double hits = 0, loss = 0, brier = 0;
  for (const auto& f : folds) {
    hits += f.baseline_accuracy * double(f.n);
    loss += f.baseline_log_loss * double(f.n);
    brier += f.baseline_brier * double(f.n);
  }
  if (pooled.n > 0) {
    pooled.baseline_accuracy = hits / double(pooled.n);
    pooled.baseline_log_loss = loss / double(pooled.n);
    pooled.baseline_brier = brier / double(pooled.n);
  }
  return pooled;
}

nlohmann::json ToJson(const ClassificationReport& r) {
  return {{"n", r.n},
          {"accuracy", r.accuracy},
          {"baseline_accuracy", r.baseline_accuracy},
          {"majority_class", labels::ActionName(static_cast<labels::Action>(r.majority_class))},
          {"balanced_accuracy", r.balanced_accuracy},
          {"directional_accuracy", r.directional_accuracy},
          {"directional_n", r.directional_n},
          {"log_loss", r.log_loss},
          {"baseline_log_loss", r.baseline_log_loss},
          {"brier", r.brier},
          {"baseline_brier", r.baseline_brier},
          {"confusion", r.confusion}};
}

double BinaryLogLoss(double p, bool event) { return LogLoss(event ? p : 1 - p); }

BinaryProbabilityReport EvaluateBinaryProbability(std::span<const double> p, std::span<const float> event,
                                                  std::span<const double> baseline) {
  BinaryProbabilityReport r;
  const bool with_baseline = !baseline.empty();
  double loss = 0, brier = 0, base_loss = 0, base_brier = 0, events = 0;
  std::array<double, kReliabilityBins> predicted{}, happened{};
  for (std::size_t i = 0; i < std::min(p.size(), event.size()); ++i) {
    if (std::isnan(p[i])) continue;
    const double y = event[i] > 0.5f ? 1.0 : 0.0;
    ++r.n;
    events += y;
    loss += BinaryLogLoss(p[i], y > 0);
    brier += (p[i] - y) * (p[i] - y);
    if (with_baseline) {
      base_loss += BinaryLogLoss(baseline[i], y > 0);
      base_brier += (baseline[i] - y) * (baseline[i] - y);
    }
    const auto bin = std::min(kReliabilityBins - 1,
                              static_cast<std::size_t>(std::max(0.0, std::floor(p[i] * double(kReliabilityBins)))));
    r.reliability[bin].n++;
    r.reliability[bin].events += y > 0 ? 1 : 0;
    predicted[bin] += p[i];
    happened[bin] += y;
  }
  if (r.n == 0) return r;
  const double n = double(r.n);
  r.log_loss = loss / n;
  r.brier = brier / n;
  r.baseline_log_loss = base_loss / n;
  r.baseline_brier = base_brier / n;
  r.event_rate = events / n;
  for (std::size_t b = 0; b < kReliabilityBins; ++b) {
    auto& bin = r.reliability[b];
    if (bin.n == 0) continue;
    bin.mean_predicted = predicted[b] / double(bin.n);
    bin.observed_rate = happened[b] / double(bin.n);
  }
  return r;
}

nlohmann::json ToJson(const BinaryProbabilityReport& r) {
  nlohmann::json bins = nlohmann::json::array();
  for (std::size_t b = 0; b < kReliabilityBins; ++b) {
    const auto& bin = r.reliability[b];
    bins.push_back({{"lower", double(b) / double(kReliabilityBins)},
                    {"upper", double(b + 1) / double(kReliabilityBins)},
                    {"n", bin.n},
                    {"mean_predicted", bin.n ? nlohmann::json(bin.mean_predicted) : nlohmann::json()},
                    {"observed_rate", bin.n ? nlohmann::json(bin.observed_rate) : nlohmann::json()}});
  }
  return {{"n", r.n},
          {"event_rate", r.event_rate},
          {"log_loss", r.log_loss},
          {"baseline_log_loss", r.baseline_log_loss},
          {"brier", r.brier},
          {"baseline_brier", r.baseline_brier},
          {"reliability", bins}};
}

QuantileReport EvaluateQuantiles(std::span<const double> y, std::span<const double> q,
                                 std::span<const double> baseline) {
  QuantileReport r;
  r.n = y.size();
  for (std::size_t k = 0; k < kNumQuantiles; ++k) {
    const auto model = Column(q, k), base = Column(baseline, k);
    r.coverage[k] = Coverage(y, model);
    r.pinball[k] = MeanPinballLoss(y, model, kQuantileLevels[k]);
    r.baseline_coverage[k] = Coverage(y, base);
    r.baseline_pinball[k] = MeanPinballLoss(y, base, kQuantileLevels[k]);
  }
  r.interval_coverage_80 = IntervalCoverage(y, Column(q, 0), Column(q, kNumQuantiles - 1));
  r.baseline_interval_coverage_80 = IntervalCoverage(y, Column(baseline, 0), Column(baseline, kNumQuantiles - 1));
  return r;
}

}  // namespace qat::models
