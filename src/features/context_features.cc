// Cross-asset context: the market (SPY) and the VIX, joined on availability. Context series
// are computed on their own bars (a VIX percentile ranks VIX closes, not the symbol's days)
// and then joined, so a feature at row t only sees context bars available by bars.available[t],
// and only while they are fresh (MarketContext::max_age_days, features.h): a context that has
// ended or skipped a week is NaN, not carried. Without a market or VIX, their features are NaN. Lookbacks count the symbol's own bars.
#include "features/column_math.h"
#include "features/registry.h"
#include "features/cached_columns.h"
#include "qat/features/regimes.h"

namespace qat::features {
namespace {

std::vector<double> AllNaN(std::size_t n) { return std::vector<double>(n, kNaN); }

Column VixJoined(FeatureInputs& in, const std::function<std::vector<double>(const data::BarSeries&)>& make) {
  const auto* vix = in.context().vix;
  if (vix == nullptr) return AllNaN(in.size());
  return JoinOnAvailability(in.bars(), *vix, make(*vix), in.context().max_age_days);
}

CachedColumn MarketLogReturns(FeatureInputs& in) {
  return CachedMarketJoined(in, "log_ret", [](const data::BarSeries& m) { return LogReturns(m.adj_close); });
}

Column RelativeStrength(FeatureInputs& in, int k) {
  QAT_ASSIGN_OR_RETURN(const auto* theirs, CachedMarketJoined(in, "ret_" + std::to_string(k), [k](const data::BarSeries& m) {
                         return PctChange(m.adj_close, k);
                       }));
  return Minus(PctChange(in.bars().adj_close, k), *theirs);
}

}  // namespace

void AddContextFeatures(std::vector<FeatureDef>& out) {
  out.push_back(MakeDef("vix_level", "VIX close known at the bar", "^VIX close", 0, [](FeatureInputs& in) -> Column {
    return VixJoined(in, [](const data::BarSeries& v) { return v.close; });
  }));
  out.push_back(MakeDef("rel_strength_spy_21", "21-bar return minus the market's 21-bar return",
                        "adj_close; SPY adj_close", 21, [](FeatureInputs& in) { return RelativeStrength(in, 21); }));
}

void AddCrossAssetFeatures(std::vector<FeatureDef>& out) {
  for (int k : {5, 63}) {
    out.push_back(MakeDef("rel_strength_spy_" + std::to_string(k),
                          std::to_string(k) + "-bar return minus the market's " + std::to_string(k) + "-bar return",
                          "adj_close; SPY adj_close", k, [k](FeatureInputs& in) { return RelativeStrength(in, k); }));
  }
  out.push_back(MakeDef("corr_spy_63",
                        "Correlation of daily log returns with the market's over the last 63 bars (market returns "
                        "computed on its own bars, joined on availability)",
                        "adj_close; SPY adj_close", 63, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* own, CachedLogReturns(in));
                          QAT_ASSIGN_OR_RETURN(const auto* market, MarketLogReturns(in));
                          return RollingCorrelation(*own, *market, 63);
                        }));
  out.push_back(MakeDef("beta_spy_63", "Beta to the market: cov(own, market) / var(market) of daily log returns over 63 bars",
                        "adj_close; SPY adj_close", 63, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* own, CachedLogReturns(in));
                          QAT_ASSIGN_OR_RETURN(const auto* market, MarketLogReturns(in));
                          return RollingBeta(*own, *market, 63);
                        }));
  out.push_back(MakeDef("vix_percentile",
                        "Percentile rank of the VIX close among the last 252 VIX closes (the VIX's own history), "
                        "in (0, 1]",
                        "^VIX close", 0, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* rank, CachedVixPercentile(in));
                          return *rank;
                        }));
  for (int k : {1, 5}) {
    out.push_back(MakeDef("vix_change_" + std::to_string(k),
                          "VIX close / VIX close " + std::to_string(k) + " VIX bar(s) earlier - 1", "^VIX close", 0,
                          [k](FeatureInputs& in) -> Column {
                            return VixJoined(in, [k](const data::BarSeries& v) { return PctChange(v.close, k); });
                          }));
  }
  out.push_back(MakeDef("vix_minus_realized",
                        "VIX / 100 - realized_vol_21: implied market volatility minus the symbol's own realized "
                        "volatility (a fear premium; negative when the symbol is more volatile than the market fears)",
                        "adj_close; ^VIX close", 21, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* vol, CachedRealizedVol(in, 21));
                          QAT_ASSIGN_OR_RETURN(auto vix, VixJoined(in, [](const data::BarSeries& v) {
                                                 std::vector<double> x(v.close);
                                                 for (double& value : x) value /= 100.0;
                                                 return x;
                                               }));
                          return Minus(vix, *vol);
                        }));
}

}  // namespace qat::features
