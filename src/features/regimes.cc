#include "qat/features/regimes.h"

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
  for (std::size_t t = 0; t < x.size(); ++t) {
    if (t + 1 < w || std::isnan(x[t])) continue;
    std::size_t at_or_below = 0, defined = 0;
    for (std::size_t i = t + 1 - w; i <= t; ++i) {
      if (std::isnan(x[i])) continue;
      ++defined;
      at_or_below += x[i] <= x[t];
    }
    if (defined == w) out[t] = double(at_or_below) / double(w);
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
