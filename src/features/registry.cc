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

const std::vector<double>& ContextCache::Get(const std::string& key,
                                             const std::function<std::vector<double>()>& make) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = columns_.find(key); it != columns_.end()) return it->second;
  return columns_.emplace(key, make()).first->second;
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
  if (context.max_age_days < 0) {
    return Fail("features: the context's maximum age must be >= 0 days (got {})", context.max_age_days);
  }
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

std::vector<std::size_t> ContextBarsOnAvailability(const data::BarSeries& bars, const data::BarSeries& context,
                                                   int max_age_days) {
  std::vector<std::size_t> out(bars.size(), kNoContextBar);
  // The age is counted in New York calendar days between the two availability times. The
  // UTC offsets of two instants differ by at most an hour (DST), so a gap of at most
  // N days - 1 hour is certainly within N calendar days and one of at least N + 1 days + 1 hour
  // certainly beyond; only in between are the dates computed (a rare, slower path).
  const Timestamp surely_fresh = Timestamp{max_age_days} * kSecondsPerDay - 3600;
  const Timestamp surely_stale = Timestamp{max_age_days + 1} * kSecondsPerDay + 3600;
  std::size_t j = 0;
  for (std::size_t t = 0; t < bars.size(); ++t) {
    while (j < context.size() && context.available[j] <= bars.available[t]) ++j;
    if (j == 0) continue;
    const Timestamp age = bars.available[t] - context.available[j - 1];
    const bool fresh = age <= surely_fresh ||
                       (age < surely_stale && NewYorkDay(bars.available[t]) -
                                                      NewYorkDay(context.available[j - 1]) <= max_age_days);
    if (fresh) out[t] = j - 1;
  }
  return out;
}

std::vector<double> JoinOnAvailability(const data::BarSeries& bars, const data::BarSeries& context,
                                       const std::vector<double>& column, int max_age_days) {
  std::vector<double> out(bars.size(), std::numeric_limits<double>::quiet_NaN());
  const auto index = ContextBarsOnAvailability(bars, context, max_age_days);
  for (std::size_t t = 0; t < bars.size(); ++t) {
    if (index[t] != kNoContextBar) out[t] = column[index[t]];
  }
  return out;
}

}  // namespace qat::features
