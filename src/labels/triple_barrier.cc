// Triple-barrier labels: see qat/labels/labels.h.
#include <cmath>
#include <limits>

#include "qat/labels/labels.h"

namespace qat::labels {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Action ActionOf(Barrier barrier) {
  switch (barrier) {
    case Barrier::kTarget: return Action::kBuy;
    case Barrier::kStop: return Action::kSell;
    default: return Action::kHold;
  }
}

// Sample standard deviation of the `window` log returns ending at t (NaN for t < window).
std::vector<double> TrailingSigma(std::span<const double> adj_close, int window) {
  const std::size_t n = adj_close.size(), w = static_cast<std::size_t>(window);
  const std::vector<double> r = LogReturns(adj_close);
  std::vector<double> sigma(n, kNaN);
  for (std::size_t t = w; t < n; ++t) {
    double mean = 0;
    for (std::size_t i = t + 1 - w; i <= t; ++i) mean += r[i];
    mean /= static_cast<double>(w);
    double ss = 0;
    for (std::size_t i = t + 1 - w; i <= t; ++i) ss += (r[i] - mean) * (r[i] - mean);
    sigma[t] = std::sqrt(ss / static_cast<double>(w - 1));
  }
  return sigma;
}

}  // namespace

const char* BarrierName(Barrier barrier) {
  switch (barrier) {
    case Barrier::kStop: return "STOP";
    case Barrier::kTime: return "TIME";
    case Barrier::kTarget: return "TARGET";
    case Barrier::kNone: break;
  }
  return "NONE";
}

Result<TripleBarrierLabels> TripleBarrier(std::span<const double> adj_close, std::span<const double> target,
                                          std::span<const double> stop, int horizon) {
  if (horizon < 1) return Fail("triple barrier: horizon must be >= 1 (got {})", horizon);
  const std::size_t n = adj_close.size(), h = static_cast<std::size_t>(horizon);
  if (target.size() != n || stop.size() != n) {
    return Fail("triple barrier: {} prices but {} targets and {} stops", n, target.size(), stop.size());
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (!(adj_close[t] > 0) || !std::isfinite(adj_close[t])) {
      return Fail("triple barrier: price at bar {} is {} (must be finite and > 0)", t, adj_close[t]);
    }
    for (double width : {target[t], stop[t]}) {
      if (!std::isnan(width) && !(width > 0 && std::isfinite(width))) {
        return Fail("triple barrier: barrier width at bar {} is {} (must be finite and > 0, or NaN)", t, width);
      }
    }
  }
  TripleBarrierLabels out;
  out.barrier.assign(n, static_cast<int>(Barrier::kNone));
  out.action.assign(n, -1);
  out.end_index.resize(n);
  out.end_return.assign(n, kNaN);
  out.target.assign(target.begin(), target.end());
  out.stop.assign(stop.begin(), stop.end());
  for (std::size_t t = 0; t < n; ++t) {
    out.end_index[t] = t + h;
    if (t + h >= n || std::isnan(target[t]) || std::isnan(stop[t])) continue;
    Barrier hit = Barrier::kTime;
    std::size_t end = t + h;
    for (std::size_t i = t + 1; i <= t + h; ++i) {
      const double r = adj_close[i] / adj_close[t] - 1.0;
      if (r >= target[t]) {
        hit = Barrier::kTarget;
      } else if (r <= -stop[t]) {
        hit = Barrier::kStop;
      } else {
        continue;
      }
      end = i;
      break;
    }
    out.barrier[t] = static_cast<int>(hit);
    out.action[t] = static_cast<int>(ActionOf(hit));
    out.end_index[t] = end;
    out.end_return[t] = adj_close[end] / adj_close[t] - 1.0;
  }
  return out;
}

Result<TripleBarrierLabels> MakeTripleBarrierLabels(std::span<const double> adj_close,
                                                    const TripleBarrierConfig& c) {
  if (c.horizon < 1) return Fail("triple barrier: horizon must be >= 1 (got {})", c.horizon);
  if (c.vol_window < 2) return Fail("triple barrier: vol_window must be >= 2 (got {})", c.vol_window);
  for (double k : {c.target_sigmas, c.stop_sigmas}) {
    if (!(k > 0 && std::isfinite(k))) return Fail("triple barrier: sigmas must be finite and > 0 (got {})", k);
  }
  for (std::size_t t = 0; t < adj_close.size(); ++t) {
    if (!(adj_close[t] > 0) || !std::isfinite(adj_close[t])) {
      return Fail("triple barrier: price at bar {} is {} (must be finite and > 0)", t, adj_close[t]);
    }
  }
  std::vector<double> sigma = TrailingSigma(adj_close, c.vol_window);
  const double scale = std::sqrt(static_cast<double>(c.horizon));
  std::vector<double> target(sigma.size(), kNaN), stop(sigma.size(), kNaN);
  for (std::size_t t = 0; t < sigma.size(); ++t) {
    if (!(sigma[t] > 0)) continue;  // NaN or a flat window
    target[t] = c.target_sigmas * sigma[t] * scale;
    stop[t] = c.stop_sigmas * sigma[t] * scale;
  }
  return TripleBarrier(adj_close, target, stop, c.horizon);
}

}  // namespace qat::labels
