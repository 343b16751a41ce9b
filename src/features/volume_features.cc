// Volume: changes of the volume ratio, its percentile, and on-balance-volume flow.
#include "features/column_math.h"
#include "features/cached_columns.h"
#include "qat/features/regimes.h"

namespace qat::features {

void AddVolumeFeatures(std::vector<FeatureDef>& out) {
  out.push_back(MakeDef("volume_momentum", "volume_ratio_20[t] - volume_ratio_20[t-1] (first difference)", "volume",
                        kVolumeRatio20Lookback + 1, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* ratio, CachedVolumeRatio20(in));
                          return Diff(*ratio, 1);
                        }));
  out.push_back(MakeDef("volume_acceleration", "Second difference of volume_ratio_20", "volume",
                        kVolumeRatio20Lookback + 2, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* ratio, CachedVolumeRatio20(in));
                          return Diff(Diff(*ratio, 1), 1);
                        }));
  out.push_back(MakeDef("volume_ratio_20_percentile", "Percentile rank of volume_ratio_20 among its last 252 values",
                        "volume", PercentileLookback(kVolumeRatio20Lookback), [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* ratio, CachedVolumeRatio20(in));
                          return RollingPercentileRank(*ratio, kPercentileWindow);
                        }));
  out.push_back(MakeDef("obv_flow_20",
                        "(OBV[t] - OBV[t-20]) / total volume of the last 20 bars, in [-1, 1]: the share of recent "
                        "volume traded on up closes minus down closes (NaN without volume)",
                        "close,volume", 20, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          QAT_ASSIGN_OR_RETURN(auto obv, ta::OBV(b.close, b.volume));
                          return Ratio(Diff(obv, 20), RollingSum(b.volume, 20));
                        }));
}

}  // namespace qat::features
