// The dashboard's static files, embedded in the binary at build time (web/CMakeLists.txt turns
// web/src/* and lightweight-charts' standalone build, LICENSE and NOTICE into byte arrays).
// The server answers only these names: a request path is looked up as a key, never joined to a
// folder, so no path (encoded dots, slashes, NULs) reaches a file outside them.
#pragma once

#include <span>
#include <string_view>

namespace qat::dashboard {

struct EmbeddedAsset {
  std::string_view path;          // "/index.html", "/vendor/lightweight-charts.js", ...
  std::string_view content_type;  // "text/html; charset=utf-8", ...
  std::string_view data;
};

// Every embedded file (defined in the generated dashboard_assets.cc).
std::span<const EmbeddedAsset> EmbeddedAssets();

// The asset for a decoded request path ("/" is "/index.html"), or nullptr.
const EmbeddedAsset* FindAsset(std::string_view path);

}  // namespace qat::dashboard
