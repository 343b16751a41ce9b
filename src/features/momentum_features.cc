// Momentum and trend position: returns over 10 and 63 bars, risk-adjusted momentum, and the
// close's distance to long moving averages and to its one-year extremes.
#include "features/column_math.h"
#include "features/cached_columns.h"

namespace qat::features {

void AddMomentumFeatures(std::vector<FeatureDef>& out) {
  for (int k : {10, 63}) {
    out.push_back(MakeDef("ret_" + std::to_string(k),
                          "Return over the last " + std::to_string(k) + " bars, on adj_close", "adj_close", k,
                          [k](FeatureInputs& in) -> Column { return PctChange(in.bars().adj_close, k); }));
  }
  out.push_back(MakeDef(
      "ret_21_vol_adj",
      "21-bar return divided by the 21-bar daily volatility scaled to 21 bars (sigma * sqrt(21)): "
      "momentum in units of its own noise",
      "adj_close", 21, [](FeatureInputs& in) -> Column {
        QAT_ASSIGN_OR_RETURN(const auto* vol, CachedRealizedVol(in, 21));  // annualized
        auto ret = PctChange(in.bars().adj_close, 21);
        std::vector<double> scale(vol->size());
        for (std::size_t t = 0; t < scale.size(); ++t) scale[t] = (*vol)[t] / std::sqrt(252.0) * std::sqrt(21.0);
        return Ratio(ret, scale);
      }));
  out.push_back(MakeDef("dist_sma_200", "close / SMA(200) - 1", "close", 199, [](FeatureInputs& in) -> Column {
    QAT_ASSIGN_OR_RETURN(const auto* sma, in.Cached("sma_200", [&] { return ta::SMA(in.bars().close, 200); }));
    return RatioMinusOne(in.bars().close, *sma);
  }));
  out.push_back(MakeDef("sma_50_200_ratio", "SMA(50) / SMA(200) - 1 of close (golden/death cross distance)",
                        "close", 199, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* fast,
                                               in.Cached("sma_50", [&] { return ta::SMA(in.bars().close, 50); }));
                          QAT_ASSIGN_OR_RETURN(const auto* slow,
                                               in.Cached("sma_200", [&] { return ta::SMA(in.bars().close, 200); }));
                          return RatioMinusOne(*fast, *slow);
                        }));
  out.push_back(MakeDef("dist_high_252", "close / highest high of the last 252 bars - 1 (<= 0)", "high,close", 251,
                        [](FeatureInputs& in) -> Column {
                          return RatioMinusOne(in.bars().close, RollingMax(in.bars().high, 252));
                        }));
  out.push_back(MakeDef("dist_low_252", "close / lowest low of the last 252 bars - 1 (>= 0)", "low,close", 251,
                        [](FeatureInputs& in) -> Column {
                          return RatioMinusOne(in.bars().close, RollingMin(in.bars().low, 252));
                        }));
  out.push_back(MakeDef("dist_ema_21", "close / EMA(21) - 1 (TA-Lib EMA, SMA-seeded)", "close", 20,
                        [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(auto ema, ta::EMA(in.bars().close, 21));
                          return RatioMinusOne(in.bars().close, ema);
                        }));
}

}  // namespace qat::features
