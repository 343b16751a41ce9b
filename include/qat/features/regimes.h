// Market regimes, defined once and used as features and by the pattern statistics engine.
//
// Trend regime of a price series at bar t (from closes up to t):
//   BULL      close > SMA(200) and SMA(50) > SMA(200)
//   BEAR      close < SMA(200) and SMA(50) < SMA(200)
//   SIDEWAYS  otherwise (the two disagree)
//   UNKNOWN   the first 199 bars, where SMA(200) is not defined
// Volatility regime at bar t: the percentile rank of the 21-bar realized volatility (stdev of
// daily log returns of adj_close) among its own last 252 values (t included):
//   HIGH >= 0.80, LOW <= 0.20, NORMAL between; UNKNOWN until 21 + 251 bars exist.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "qat/core/result.h"

namespace qat::features {

enum class TrendRegime : int { kUnknown = 0, kBull = 1, kBear = 2, kSideways = 3 };
enum class VolRegime : int { kUnknown = 0, kLow = 1, kNormal = 2, kHigh = 3 };

std::string_view TrendRegimeName(TrendRegime regime);  // "BULL", "BEAR", "SIDEWAYS", "UNKNOWN"
std::string_view VolRegimeName(VolRegime regime);      // "HIGH", "NORMAL", "LOW", "UNKNOWN"
Result<TrendRegime> ParseTrendRegime(std::string_view name);
// The trend regime as a number: +1 BULL, 0 SIDEWAYS, -1 BEAR, NaN UNKNOWN (the
// market_trend_regime feature, the signals' trend gate).
double TrendRegimeCode(TrendRegime regime);
Result<VolRegime> ParseVolRegime(std::string_view name);

std::vector<TrendRegime> TrendRegimes(std::span<const double> close);
std::vector<VolRegime> VolRegimes(std::span<const double> adj_close);

// Percentile rank of x[t] among the `window` values ending at t (t included): the share of
// them <= x[t], in (0, 1]. NaN until `window` defined values exist, or where x[t] is NaN.
std::vector<double> RollingPercentileRank(std::span<const double> x, int window);

}  // namespace qat::features
