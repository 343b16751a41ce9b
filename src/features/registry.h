// How features are defined: each FeatureDef computes one column from a FeatureInputs, which
// caches the intermediate series several features share (indicators, returns, joined
// context), so each is computed once per symbol.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "qat/features/features.h"

namespace qat::features {

class FeatureInputs {
 public:
  FeatureInputs(const data::BarSeries& bars, const MarketContext& context)
      : bars_(bars), context_(context) {}

  const data::BarSeries& bars() const { return bars_; }
  const MarketContext& context() const { return context_; }
  std::size_t size() const { return bars_.size(); }

  // A shared series computed once by `make` and cached under `key`.
  Result<const std::vector<double>*> Cached(const std::string& key,
                                            const std::function<Result<std::vector<double>>()>& make);

 private:
  const data::BarSeries& bars_;
  const MarketContext& context_;
  std::map<std::string, std::vector<double>> cache_;
};

struct FeatureDef {
  FeatureSpec spec;
  std::function<Result<std::vector<double>>(FeatureInputs&)> compute;
};

inline FeatureDef MakeDef(std::string name, std::string description, std::string inputs,
                          int lookback,
                          std::function<Result<std::vector<double>>(FeatureInputs&)> compute) {
  FeatureDef def;
  def.spec.name = std::move(name);
  def.spec.description = std::move(description);
  def.spec.inputs = std::move(inputs);
  def.spec.lookback = lookback;
  def.compute = std::move(compute);
  return def;
}

// The definitions, grouped by family; registry.cc joins them in this order (the first three
// families are the original 15 features, kept first so their columns keep their positions).
void AddPriceFeatures(std::vector<FeatureDef>& out);
void AddContextFeatures(std::vector<FeatureDef>& out);
void AddPatternFeatures(std::vector<FeatureDef>& out);
void AddMomentumFeatures(std::vector<FeatureDef>& out);
void AddVolatilityFeatures(std::vector<FeatureDef>& out);
void AddOscillatorFeatures(std::vector<FeatureDef>& out);
void AddVolumeFeatures(std::vector<FeatureDef>& out);
void AddCandleFeatures(std::vector<FeatureDef>& out);
void AddCrossAssetFeatures(std::vector<FeatureDef>& out);
void AddRegimeFeatures(std::vector<FeatureDef>& out);
void AddInteractionFeatures(std::vector<FeatureDef>& out);

const std::vector<FeatureDef>& FeatureDefs();

}  // namespace qat::features
