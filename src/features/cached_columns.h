// Intermediate series that several feature families use, computed once per symbol through
// FeatureInputs::Cached. Each returns the full-length column (NaN during warm-up).
#pragma once

#include <string>
#include <vector>

#include "features/registry.h"
#include "qat/ta/indicators.h"

namespace qat::features {

using Column = Result<std::vector<double>>;
using CachedColumn = Result<const std::vector<double>*>;

// Trailing window of the `_percentile` features (one trading year), and the bars a
// percentile adds to its input's lookback (the window minus the bar itself).
inline constexpr int kPercentileWindow = 252;
inline constexpr int PercentileLookback(int input_lookback) { return input_lookback + kPercentileWindow - 1; }

CachedColumn CachedRsi14(FeatureInputs& in);           // RSI(14) of close
CachedColumn CachedAtr14(FeatureInputs& in);           // ATR(14), price units
CachedColumn CachedAtr14Pct(FeatureInputs& in);        // ATR(14) / close
CachedColumn CachedLogReturns(FeatureInputs& in);      // log returns of adj_close
CachedColumn CachedRealizedVol(FeatureInputs& in, int window);  // annualized, on adj_close
CachedColumn CachedVolumeRatio20(FeatureInputs& in);   // volume / SMA(20) of volume
CachedColumn CachedMacdHistPct(FeatureInputs& in);     // MACD(12,26,9) hist / close
CachedColumn CachedAdx14(FeatureInputs& in);           // ADX(14)
CachedColumn CachedGap(FeatureInputs& in);             // open[t] / close[t-1] - 1
// TA-Lib's output of `pattern` / 100, NaN during its lookback (the pattern features).
Column PatternColumn(FeatureInputs& in, const std::string& pattern);
CachedColumn CachedEngulfing(FeatureInputs& in);       // CDLENGULFING / 100
CachedColumn CachedVixPercentile(FeatureInputs& in);   // null context -> NaN
// A market (SPY) series computed on the market's own bars, then joined on availability;
// all NaN without a market.
CachedColumn CachedMarketJoined(FeatureInputs& in, const std::string& key,
                                const std::function<std::vector<double>(const data::BarSeries&)>& make);
// The market's regimes coded as numbers (regime_features.cc): trend +1 BULL, 0 SIDEWAYS,
// -1 BEAR; volatility +1 HIGH, 0 NORMAL, -1 LOW; NaN while UNKNOWN or without a market.
CachedColumn CachedMarketTrendCode(FeatureInputs& in);
CachedColumn CachedMarketVolCode(FeatureInputs& in);

inline constexpr int kAtr14Lookback = 14;
inline constexpr int kRsi14Lookback = 14;
inline constexpr int kVolumeRatio20Lookback = 19;
inline constexpr int kMacdLookback = 33;
inline constexpr int kAdx14Lookback = 27;

}  // namespace qat::features
