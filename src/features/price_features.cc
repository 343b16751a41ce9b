// The symbol's own price and volume: returns, momentum, volatility, trend distance.
#include "features/column_math.h"
#include "features/registry.h"
#include "features/cached_columns.h"
#include "qat/ta/indicators.h"

namespace qat::features {
namespace {

Column AdjReturn(FeatureInputs& in, int k) { return PctChange(in.bars().adj_close, k); }

Result<const std::vector<double>*> Sma(FeatureInputs& in, int period) {
  return in.Cached("sma_" + std::to_string(period), [&] { return ta::SMA(in.bars().close, period); });
}

}  // namespace

void AddPriceFeatures(std::vector<FeatureDef>& out) {
  for (int k : {1, 5, 21}) {
    out.push_back(MakeDef("ret_" + std::to_string(k),
                    "Return over the last " + std::to_string(k) + " bar(s), on adj_close",
                    "adj_close", k,
                   [k](FeatureInputs& in) { return AdjReturn(in, k); }));
  }
  out.push_back(MakeDef("rsi_14", "RSI(14) of close (TA-Lib)", "close", ta::RSILookback(14),
                 [](FeatureInputs& in) -> Column {
                   QAT_ASSIGN_OR_RETURN(const auto* rsi, CachedRsi14(in));
                   return *rsi;
                 }));
  out.push_back(MakeDef("atr_14_pct", "ATR(14) as a fraction of close", "high,low,close", ta::ATRLookback(14),
                 [](FeatureInputs& in) -> Column {
                   QAT_ASSIGN_OR_RETURN(const auto* atr, CachedAtr14Pct(in));
                   return *atr;
                 }));
  out.push_back(MakeDef("macd_hist_pct", "MACD(12,26,9) histogram as a fraction of close", "close",
                  ta::MACDLookback(12, 26, 9),
                 [](FeatureInputs& in) -> Column {
                   QAT_ASSIGN_OR_RETURN(const auto* hist, CachedMacdHistPct(in));
                   return *hist;
                 }));
  for (int period : {20, 50}) {
    out.push_back(MakeDef("dist_sma_" + std::to_string(period),
                    "close / SMA(" + std::to_string(period) + ") - 1", "close", period - 1,
                   [period](FeatureInputs& in) -> Column {
                     QAT_ASSIGN_OR_RETURN(const auto* sma, Sma(in, period));
                     return RatioMinusOne(in.bars().close, *sma);
                   }));
  }
  out.push_back(MakeDef("volume_ratio_20", "volume / SMA(20) of volume (NaN when volume is not reported)",
                  "volume", 19,
                 [](FeatureInputs& in) -> Column {
                   QAT_ASSIGN_OR_RETURN(const auto* ratio, CachedVolumeRatio20(in));
                   return *ratio;
                 }));
  out.push_back(MakeDef("realized_vol_21", "Annualized stdev of daily log returns over 21 bars",
                  "adj_close", 21,
                 [](FeatureInputs& in) -> Column {
                   QAT_ASSIGN_OR_RETURN(const auto* vol, CachedRealizedVol(in, 21));
                   return *vol;
                 }));
}

}  // namespace qat::features
