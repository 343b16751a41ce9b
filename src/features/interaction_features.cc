// Interactions: products of two features where one changes how much the other means. Each
// description says why the product exists. (A tree model can find interactions itself, but
// only with enough splits; these hand it the ones with a trading rationale.)
#include "features/column_math.h"
#include "features/cached_columns.h"

namespace qat::features {

void AddInteractionFeatures(std::vector<FeatureDef>& out) {
  out.push_back(MakeDef("rsi_x_volume",
                        "(rsi_14 - 50) / 50 * volume_ratio_20. Why: an overbought or oversold reading on heavy "
                        "volume (a breakout or capitulation with participation) says more than one on thin volume",
                        "close,volume", kVolumeRatio20Lookback, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* rsi, CachedRsi14(in));
                          QAT_ASSIGN_OR_RETURN(const auto* volume, CachedVolumeRatio20(in));
                          std::vector<double> centered(rsi->size());
                          for (std::size_t t = 0; t < centered.size(); ++t) centered[t] = ((*rsi)[t] - 50.0) / 50.0;
                          return Product(centered, *volume);
                        }));
  out.push_back(MakeDef("gap_x_volume",
                        "gap * volume_ratio_20. Why: gaps on heavy volume tend to hold (breakaway gaps), gaps on "
                        "light volume tend to fill",
                        "open,close,volume", kVolumeRatio20Lookback, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* gap, CachedGap(in));
                          QAT_ASSIGN_OR_RETURN(const auto* volume, CachedVolumeRatio20(in));
                          return Product(*gap, *volume);
                        }));
  out.push_back(MakeDef("engulfing_x_ret_10",
                        "-cdl_engulfing * ret_10: positive when a bullish engulfing follows a 10-bar decline or a "
                        "bearish one follows a rise, scaled by the move. Why: an engulfing is a reversal pattern, but "
                        "TA-Lib does not check that there was a trend to reverse",
                        "open,high,low,close,adj_close", 10, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* engulfing, CachedEngulfing(in));
                          auto ret = PctChange(in.bars().adj_close, 10);
                          auto product = Product(*engulfing, ret);
                          for (double& v : product) v = -v;
                          return product;
                        }));
  out.push_back(MakeDef("momentum_x_vix",
                        "ret_21 * vix_percentile. Why: momentum crashes when fear is high (sharp rebounds of past "
                        "losers), so the same 21-bar return is less reliable when the VIX ranks high",
                        "adj_close; ^VIX close", 21, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* rank, CachedVixPercentile(in));
                          return Product(PctChange(in.bars().adj_close, 21), *rank);
                        }));
  out.push_back(MakeDef("rel_strength_x_market_trend",
                        "rel_strength_spy_21 * market_trend_regime. Why: leaders in a bull market tend to keep "
                        "leading, while outperformance in a bear market is often defensive",
                        "adj_close; SPY adj_close, close", 21, [](FeatureInputs& in) -> Column {
                          const auto* market = in.context().market;
                          if (market == nullptr) return std::vector<double>(in.size(), kNaN);
                          QAT_ASSIGN_OR_RETURN(const auto* theirs,
                                               CachedMarketJoined(in, "ret_21", [](const data::BarSeries& m) {
                                                 return PctChange(m.adj_close, 21);
                                               }));
                          QAT_ASSIGN_OR_RETURN(const auto* trend, CachedMarketTrendCode(in));
                          return Product(Minus(PctChange(in.bars().adj_close, 21), *theirs), *trend);
                        }));
}

}  // namespace qat::features
