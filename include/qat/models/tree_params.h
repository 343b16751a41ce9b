// The histogram-tree settings every booster of ours is trained with, written once: as the
// XGBoost parameters the booster gets (XGBoostParams) and as the JSON that results and
// manifests record (ToJson), so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace qat::models {

// The defaults are the classifier's (models/classifier.h); the quantile forecaster keeps its
// own (QuantileParams::Tree()).
struct TreeParams {
  int rounds = 150;
  int max_depth = 3;
  double eta = 0.05;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  double min_child_weight = 20;
  int max_bin = 256;  // histogram bins per feature
  int threads = 2;
  std::uint64_t seed = 42;
};

// tree_method=hist and every field but rounds, by XGBoost's names (threads is nthread).
std::vector<std::pair<std::string, std::string>> XGBoostParams(const TreeParams& params);

// {"tree_method": "hist", "rounds", "max_depth", "max_bin", "eta", "subsample",
// "colsample_bytree", "min_child_weight", "threads", "seed"}.
nlohmann::json ToJson(const TreeParams& params);

}  // namespace qat::models
