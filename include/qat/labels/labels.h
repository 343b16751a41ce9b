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
//
// Triple-barrier labels (after Lopez de Prado): from the entry at bar t's adj_close, watch
// the adj_close of bars t+1 .. t+h and stop at the first bar i where
//   return r_i = adj_close[i] / adj_close[t] - 1 >= target[t]   -> kTarget (BUY)
//   r_i <= -stop[t]                                            -> kStop   (SELL)
// and if neither happens by t+h, kTime (HOLD) at bar t+h. end_index[t] is that bar i (or
// t+h), end_return[t] the return there. Barriers are checked on closes only: an intraday
// touch that reverses by the close does not count, which matches a rule that acts at the
// close, and means the two barriers can never be touched on the same bar. A label is known
// only when t+h < n, even if a barrier was touched earlier: labelling the early touches of
// the last h bars but not their time-outs would bias the tail toward barrier hits.
// MakeTripleBarrierLabels sets the widths from volatility like the class labels:
// target[t] = target_sigmas * sigma[t] * sqrt(h), stop[t] = stop_sigmas * sigma[t] * sqrt(h).
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

// log(x[t] / x[t-1]) at t >= 1, NaN at 0: the one log-return series of labels, features and
// the pattern engine.
std::vector<double> LogReturns(std::span<const double> x);

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

enum class Barrier : int { kNone = -1, kStop = 0, kTime = 1, kTarget = 2 };
const char* BarrierName(Barrier barrier);  // "STOP", "TIME", "TARGET", "NONE"

struct TripleBarrierLabels {
  std::vector<int> barrier;            // Barrier as int; kNone (-1) where the label is unknown
  std::vector<int> action;             // kTarget -> BUY, kStop -> SELL, kTime -> HOLD; -1 unknown
  std::vector<std::size_t> end_index;  // the bar where a barrier was touched or time ran out
  std::vector<double> end_return;      // adj_close[end] / adj_close[t] - 1; NaN where unknown
  std::vector<double> target;          // upper barrier, as a return (> 0); NaN where undefined
  std::vector<double> stop;            // lower barrier, as a positive return distance
};

// Triple-barrier labels with per-bar barrier widths (returns, e.g. 0.05 for +5% / -5%). A bar
// whose widths are NaN is unknown. Fails on horizon < 1, widths of a different length than
// adj_close, a width <= 0 (or infinite), or a non-positive or non-finite price.
Result<TripleBarrierLabels> TripleBarrier(std::span<const double> adj_close, std::span<const double> target,
                                          std::span<const double> stop, int horizon);

struct TripleBarrierConfig {
  int horizon = 10;            // bars until the time barrier
  int vol_window = 21;         // bars of daily log returns for sigma
  double target_sigmas = 1.0;  // upper barrier in sigma * sqrt(horizon)
  double stop_sigmas = 1.0;    // lower barrier in sigma * sqrt(horizon)
};

// Volatility-scaled barriers (see the header comment). Bars where sigma is not yet defined
// (the first vol_window) or is 0 are unknown. Fails on horizon < 1, vol_window < 2, or sigmas
// that are not finite and > 0.
Result<TripleBarrierLabels> MakeTripleBarrierLabels(std::span<const double> adj_close,
                                                    const TripleBarrierConfig& config);

}  // namespace qat::labels
