// Labels: what a model learns to predict, computed from prices after the bar.
//
// Forward return at horizon h: adj_close[t+h] / adj_close[t] - 1 (close to close, split- and
// dividend-adjusted). It is unknown (NaN) for the last h bars. The label of bar t ends at
// bar t+h: end_index lets validation purge training samples whose label window reaches
// into a test fold.
//
// BUY/SELL/HOLD classes use a volatility-scaled threshold, so that a 2% move means more for
// a utility than for TSLA: threshold[t] = k * sigma[t] * sqrt(h), where sigma[t] is the
// standard deviation of daily log returns over the `vol_window` bars ending at t (known at
// t). BUY if forward return > threshold, SELL if < -threshold, else HOLD.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "qat/core/result.h"

namespace qat::labels {

// Class ids, also the XGBoost class indices.
enum class Action : int { kSell = 0, kHold = 1, kBuy = 2 };
inline constexpr int kNumActions = 3;
const char* ActionName(Action action);  // "SELL", "HOLD", "BUY"

// adj_close[t+h] / adj_close[t] - 1; NaN for t >= n - h. Fails if horizon < 1.
Result<std::vector<double>> ForwardReturn(std::span<const double> adj_close, int horizon);

struct ClassLabelConfig {
  int horizon = 5;                // bars
  int vol_window = 21;            // bars of daily log returns for sigma
  double threshold_sigmas = 0.5;  // k
};

struct ClassLabels {
  std::vector<int> action;             // Action as int, or -1 where the label is unknown
  std::vector<double> forward_return;  // NaN where unknown
  std::vector<double> threshold;       // NaN where sigma is not yet defined
  std::vector<std::size_t> end_index;  // t + horizon (may be >= n where unknown)
};

// Labels for every bar; a bar has a label when both its forward return and its threshold
// are defined. Fails on horizon < 1, vol_window < 2 or threshold_sigmas < 0.
Result<ClassLabels> MakeClassLabels(std::span<const double> adj_close, const ClassLabelConfig& config);

}  // namespace qat::labels
