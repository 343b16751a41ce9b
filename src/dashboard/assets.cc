#include "qat/dashboard/assets.h"

namespace qat::dashboard {

const EmbeddedAsset* FindAsset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const auto& asset : EmbeddedAssets()) {
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

}  // namespace qat::dashboard
