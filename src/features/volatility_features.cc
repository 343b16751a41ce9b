// Volatility: realized volatility at three horizons, the bar's range, Bollinger band width
// and position, and where today's volatility ranks within the last year.
#include <cmath>

#include "features/column_math.h"
#include "features/cached_columns.h"
#include "qat/features/regimes.h"

namespace qat::features {

void AddVolatilityFeatures(std::vector<FeatureDef>& out) {
  for (int w : {5, 63}) {
    out.push_back(MakeDef("realized_vol_" + std::to_string(w),
                          "Annualized stdev of daily log returns over " + std::to_string(w) + " bars", "adj_close",
                          w, [w](FeatureInputs& in) -> Column {
                            QAT_ASSIGN_OR_RETURN(const auto* vol, CachedRealizedVol(in, w));
                            return *vol;
                          }));
  }
  out.push_back(MakeDef("vol_ratio_5_63",
                        "realized_vol_5 / realized_vol_63: > 1 when volatility is expanding", "adj_close", 63,
                        [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* fast, CachedRealizedVol(in, 5));
                          QAT_ASSIGN_OR_RETURN(const auto* slow, CachedRealizedVol(in, 63));
                          return Ratio(*fast, *slow);
                        }));
  out.push_back(MakeDef("range_pct", "(high - low) / close of the bar", "high,low,close", 0,
                        [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return Ratio(Minus(b.high, b.low), b.close);
                        }));
  out.push_back(MakeDef("range_ratio_20", "range_pct / its SMA(20): today's range against the recent norm",
                        "high,low,close", 19, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          auto range = Ratio(Minus(b.high, b.low), b.close);
                          QAT_ASSIGN_OR_RETURN(auto avg, ta::SMA(range, 20));
                          return Ratio(range, avg);
                        }));
  out.push_back(MakeDef("atr_14_percentile",
                        "Percentile rank of atr_14_pct among its last 252 values (t included), in (0, 1]",
                        "high,low,close", PercentileLookback(kAtr14Lookback), [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* atr, CachedAtr14Pct(in));
                          return RollingPercentileRank(*atr, kPercentileWindow);
                        }));
  out.push_back(MakeDef("realized_vol_21_percentile",
                        "Percentile rank of realized_vol_21 among its last 252 values: the number behind vol_regime",
                        "adj_close", PercentileLookback(21), [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* vol, CachedRealizedVol(in, 21));
                          return RollingPercentileRank(*vol, kPercentileWindow);
                        }));
  out.push_back(MakeDef("bb_width_20", "Bollinger(20, 2) band width (upper - lower) / middle", "close", 19,
                        [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(auto bb, ta::BBANDS(in.bars().close, 20, 2.0, 2.0));
                          return Ratio(Minus(bb.upper, bb.lower), bb.middle);
                        }));
  out.push_back(MakeDef("bb_position_20",
                        "(close - lower) / (upper - lower) of Bollinger(20, 2): 0 at the lower band, 1 at the upper",
                        "close", 19, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(auto bb, ta::BBANDS(in.bars().close, 20, 2.0, 2.0));
                          return Ratio(Minus(in.bars().close, bb.lower), Minus(bb.upper, bb.lower));
                        }));
}

}  // namespace qat::features
