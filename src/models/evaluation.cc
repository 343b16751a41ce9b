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


int MajorityClass(std::span<const float> y) {
  std::array<std::size_t, labels::kNumActions> counts{};
  for (float v : y) counts[static_cast<std::size_t>(v)]++;
  return static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin());
}

ClassificationReport EvaluateClassifier(std::span<const float> p, std::span<const float> y,
                                        std::span<const double> forward_return, int majority) {
  constexpr int k = labels::kNumActions;
  ClassificationReport r;
  r.n = y.size();
  r.majority_class = majority;
  if (r.n == 0) return r;
  std::size_t correct = 0, baseline = 0, dir_correct = 0;
  double loss = 0;
  for (std::size_t i = 0; i < r.n; ++i) {
    const float* row = &p[i * k];
    const int predicted = static_cast<int>(std::max_element(row, row + k) - row);
    const int actual = static_cast<int>(y[i]);
    r.confusion[actual][predicted]++;
    correct += predicted == actual;
    baseline += majority == actual;
    loss -= std::log(std::clamp(static_cast<double>(row[actual]), 1e-15, 1.0));
    if (predicted != static_cast<int>(labels::Action::kHold)) {
      ++r.directional_n;
      const bool up = forward_return[i] > 0;
      dir_correct += (predicted == static_cast<int>(labels::Action::kBuy)) == up;
    }
  }
  r.accuracy = double(correct) / double(r.n);
  r.baseline_accuracy = double(baseline) / double(r.n);
  r.log_loss = loss / double(r.n);
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
  ClassificationReport pooled = EvaluateClassifier(probabilities, y, forward_return,
                                                   folds.empty() ? 0 : folds.front().majority_class);
  double baseline_hits = 0;
  for (const auto& f : folds) baseline_hits += f.baseline_accuracy * double(f.n);
  if (pooled.n > 0) pooled.baseline_accuracy = baseline_hits / double(pooled.n);
  return pooled;
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
