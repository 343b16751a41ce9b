#include "qat/labels/labels.h"

#include <cmath>
#include <limits>

namespace qat::labels {

const char* ActionName(Action action) {
  switch (action) {
    case Action::kSell: return "SELL";
    case Action::kHold: return "HOLD";
    case Action::kBuy: return "BUY";
  }
  return "?";
}

Result<std::vector<double>> ForwardReturn(std::span<const double> adj_close, int horizon) {
  if (horizon < 1) return Fail("forward return: horizon must be >= 1 (got {})", horizon);
  const std::size_t n = adj_close.size(), h = static_cast<std::size_t>(horizon);
  std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t t = 0; t + h < n; ++t) out[t] = adj_close[t + h] / adj_close[t] - 1.0;
  return out;
}

std::vector<double> LogReturns(std::span<const double> x) {
  std::vector<double> out(x.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t t = 1; t < x.size(); ++t) out[t] = std::log(x[t] / x[t - 1]);
  return out;
}

Result<ClassLabels> MakeClassLabels(std::span<const double> adj_close, const ClassLabelConfig& c) {
  if (c.vol_window < 2) return Fail("class labels: vol_window must be >= 2 (got {})", c.vol_window);
  if (!(c.threshold_sigmas >= 0)) return Fail("class labels: threshold_sigmas must be >= 0");
  QAT_ASSIGN_OR_RETURN(auto forward, ForwardReturn(adj_close, c.horizon));
  const std::size_t n = adj_close.size(), w = static_cast<std::size_t>(c.vol_window);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ClassLabels out;
  out.forward_return = std::move(forward);
  out.action.assign(n, -1);
  out.threshold.assign(n, nan);
  out.end_index.resize(n);
  // Rolling mean/variance of log returns r[i] = log(adj[i]/adj[i-1]), window ending at t.
  const std::vector<double> r = LogReturns(adj_close);
  for (std::size_t t = 0; t < n; ++t) {
    out.end_index[t] = t + static_cast<std::size_t>(c.horizon);
    if (t < w) continue;  // needs r[t-w+1 .. t], all defined from index 1
    double sum = 0, sum_sq = 0;
    for (std::size_t i = t + 1 - w; i <= t; ++i) {
      sum += r[i];
      sum_sq += r[i] * r[i];
    }
    double mean = sum / static_cast<double>(w);
    double variance = std::max(0.0, (sum_sq - static_cast<double>(w) * mean * mean) /
                                        static_cast<double>(w - 1));
    out.threshold[t] = c.threshold_sigmas * std::sqrt(variance) * std::sqrt(double(c.horizon));
    double f = out.forward_return[t];
    if (std::isnan(f)) continue;
    out.action[t] = static_cast<int>(f > out.threshold[t]    ? Action::kBuy
                                     : f < -out.threshold[t] ? Action::kSell
                                                             : Action::kHold);
  }
  return out;
}

}  // namespace qat::labels
