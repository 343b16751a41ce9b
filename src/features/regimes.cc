#include "qat/features/regimes.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "features/column_math.h"
#include "qat/ta/indicators.h"

namespace qat::features {

std::string_view TrendRegimeName(TrendRegime regime) {
  switch (regime) {
    case TrendRegime::kBull: return "BULL";
    case TrendRegime::kBear: return "BEAR";
    case TrendRegime::kSideways: return "SIDEWAYS";
    case TrendRegime::kUnknown: break;
  }
  return "UNKNOWN";
}

double TrendRegimeCode(TrendRegime regime) {
  switch (regime) {
    case TrendRegime::kBull: return 1.0;
    case TrendRegime::kBear: return -1.0;
    case TrendRegime::kSideways: return 0.0;
    case TrendRegime::kUnknown: break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::string_view VolRegimeName(VolRegime regime) {
  switch (regime) {
    case VolRegime::kHigh: return "HIGH";
    case VolRegime::kNormal: return "NORMAL";
    case VolRegime::kLow: return "LOW";
    case VolRegime::kUnknown: break;
  }
  return "UNKNOWN";
}

Result<TrendRegime> ParseTrendRegime(std::string_view name) {
  for (auto r : {TrendRegime::kBull, TrendRegime::kBear, TrendRegime::kSideways, TrendRegime::kUnknown}) {
    if (TrendRegimeName(r) == name) return r;
  }
  return Fail("unknown trend regime '{}' (expected BULL, BEAR or SIDEWAYS)", name);
}

Result<VolRegime> ParseVolRegime(std::string_view name) {
  for (auto r : {VolRegime::kHigh, VolRegime::kNormal, VolRegime::kLow, VolRegime::kUnknown}) {
    if (VolRegimeName(r) == name) return r;
  }
  return Fail("unknown volatility regime '{}' (expected HIGH, NORMAL or LOW)", name);
}

std::vector<TrendRegime> TrendRegimes(std::span<const double> close) {
  std::vector<TrendRegime> out(close.size(), TrendRegime::kUnknown);
  auto sma50 = ta::SMA(close, 50), sma200 = ta::SMA(close, 200);
  if (!sma50.ok() || !sma200.ok()) return out;
  for (std::size_t t = 0; t < close.size(); ++t) {
    const double slow = (*sma200)[t], fast = (*sma50)[t];
    if (std::isnan(slow) || std::isnan(fast)) continue;
    if (close[t] > slow && fast > slow) {
      out[t] = TrendRegime::kBull;
    } else if (close[t] < slow && fast < slow) {
      out[t] = TrendRegime::kBear;
    } else {
      out[t] = TrendRegime::kSideways;
    }
  }
  return out;
}

std::vector<double> RollingPercentileRank(std::span<const double> x, int window) {
  std::vector<double> out(x.size(), kNaN);
  const std::size_t w = static_cast<std::size_t>(window);
  // Each defined value's rank among the distinct values of x (equal values share one), and a
  // Fenwick tree counting the window's values by rank: the count at or below x[t] is a prefix
  // sum, O(log n) per bar instead of a pass over the window. The counts are exact, so the
  // result is what the direct count gives.
  std::vector<double> sorted;
  for (double v : x) {
    if (!std::isnan(v)) sorted.push_back(v);
  }
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<std::size_t> rank(x.size(), 0);  // 1-based; 0 for NaN
  for (std::size_t t = 0; t < x.size(); ++t) {
    if (!std::isnan(x[t])) {
      rank[t] = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), x[t]) - sorted.begin()) + 1;
    }
  }
  std::vector<std::size_t> tree(sorted.size() + 1, 0);
  auto add = [&](std::size_t r, int delta) {
    for (; r < tree.size(); r += r & (~r + 1)) tree[r] = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(tree[r]) + delta);
  };
  auto count_at_or_below = [&](std::size_t r) {
    std::size_t n = 0;
    for (; r > 0; r -= r & (~r + 1)) n += tree[r];
    return n;
  };
  std::size_t nans_in_window = 0;
  for (std::size_t t = 0; t < x.size(); ++t) {
    if (rank[t] != 0) add(rank[t], +1); else ++nans_in_window;
    if (t >= w) {
      if (rank[t - w] != 0) add(rank[t - w], -1); else --nans_in_window;
    }
    if (t + 1 < w || rank[t] == 0 || nans_in_window != 0) continue;
    out[t] = double(count_at_or_below(rank[t])) / double(w);
  }
  return out;
}

std::vector<VolRegime> VolRegimes(std::span<const double> adj_close) {
  auto rank = RollingPercentileRank(RollingStd(LogReturns(adj_close), 21), 252);
  std::vector<VolRegime> out(adj_close.size(), VolRegime::kUnknown);
  for (std::size_t t = 0; t < out.size(); ++t) {
    if (std::isnan(rank[t])) continue;
    out[t] = rank[t] >= 0.8 ? VolRegime::kHigh : rank[t] <= 0.2 ? VolRegime::kLow : VolRegime::kNormal;
  }
  return out;
}

}  // namespace qat::features
