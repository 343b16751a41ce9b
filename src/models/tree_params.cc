#include "qat/models/tree_params.h"

#include <fmt/format.h>

namespace qat::models {

std::vector<std::pair<std::string, std::string>> XGBoostParams(const TreeParams& p) {
  return {
      {"tree_method", "hist"},
      {"max_depth", std::to_string(p.max_depth)},
      {"max_bin", std::to_string(p.max_bin)},
      {"eta", fmt::format("{}", p.eta)},
      {"subsample", fmt::format("{}", p.subsample)},
      {"colsample_bytree", fmt::format("{}", p.colsample_bytree)},
      {"min_child_weight", fmt::format("{}", p.min_child_weight)},
      {"nthread", std::to_string(p.threads)},
      {"seed", std::to_string(p.seed)},
  };
}

nlohmann::json ToJson(const TreeParams& p) {
  return {{"tree_method", "hist"},
          {"rounds", p.rounds},
          {"max_depth", p.max_depth},
          {"max_bin", p.max_bin},
          {"eta", p.eta},
          {"subsample", p.subsample},
          {"colsample_bytree", p.colsample_bytree},
          {"min_child_weight", p.min_child_weight},
          {"threads", p.threads},
          {"seed", p.seed}};
}

}  // namespace qat::models
