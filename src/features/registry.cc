#include "features/registry.h"

#include <algorithm>
#include <limits>

namespace qat::features {

Result<const std::vector<double>*> FeatureInputs::Cached(
    const std::string& key, const std::function<Result<std::vector<double>>()>& make) {
  if (auto it = cache_.find(key); it != cache_.end()) return &it->second;
  QAT_ASSIGN_OR_RETURN(auto values, make());
  return &cache_.emplace(key, std::move(values)).first->second;
}

const std::vector<FeatureDef>& FeatureDefs() {
  static const std::vector<FeatureDef> kDefs = [] {
    std::vector<FeatureDef> defs;
    AddPriceFeatures(defs);
    AddContextFeatures(defs);
    AddPatternFeatures(defs);
    AddMomentumFeatures(defs);
    AddVolatilityFeatures(defs);
    AddOscillatorFeatures(defs);
    AddVolumeFeatures(defs);
    AddCandleFeatures(defs);
    AddCrossAssetFeatures(defs);
    AddRegimeFeatures(defs);
    AddInteractionFeatures(defs);
    return defs;
  }();
  return kDefs;
}

const std::vector<FeatureSpec>& FeatureRegistry() {
  static const std::vector<FeatureSpec> kSpecs = [] {
    std::vector<FeatureSpec> specs;
    for (const auto& def : FeatureDefs()) specs.push_back(def.spec);
    return specs;
  }();
  return kSpecs;
}

const std::vector<double>* FeatureFrame::Find(const std::string& name) const {
  auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? nullptr : &columns[static_cast<std::size_t>(it - names.begin())];
}

Result<FeatureFrame> ComputeFeatures(const data::BarSeries& bars, const MarketContext& context) {
  if (bars.empty()) return Fail("features: {} has no bars", bars.symbol);
  FeatureInputs inputs(bars, context);
  FeatureFrame frame;
  frame.rows = bars.size();
  for (const auto& def : FeatureDefs()) {
    auto column = def.compute(inputs);
    if (!column.ok()) {
      return Fail("features: {} for {}: {}", def.spec.name, bars.symbol, column.error().message);
    }
    frame.names.push_back(def.spec.name);
    frame.columns.push_back(std::move(column).value());
  }
  return frame;
}

std::vector<double> JoinOnAvailability(const data::BarSeries& bars, const data::BarSeries& context,
                                       const std::vector<double>& column) {
  std::vector<double> out(bars.size(), std::numeric_limits<double>::quiet_NaN());
  std::size_t j = 0;
  bool any = false;
  for (std::size_t t = 0; t < bars.size(); ++t) {
    while (j < context.size() && context.available[j] <= bars.available[t]) {
      ++j;
      any = true;
    }
    if (any) out[t] = column[j - 1];
  }
  return out;
}

}  // namespace qat::features
