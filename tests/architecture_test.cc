// The library's modules depend one way only (docs/architecture.md): a module may include
// its own headers and those of modules listed before it in kLayers, never one after it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

const std::vector<std::string> kLayers = {
    "core",   "data",      "store",    "providers", "ta",      "features", "labels",  "patterns",
    "models", "signals",   "portfolio", "backtest", "paper",   "reports",  "monitor", "pipeline"};

int Rank(const std::string& module) {
  auto it = std::find(kLayers.begin(), kLayers.end(), module);
  return it == kLayers.end() ? -1 : static_cast<int>(it - kLayers.begin());
}

TEST(Architecture, ModulesDependOneWayOnly) {
  namespace fs = std::filesystem;
  const fs::path root(QAT_SOURCE_DIR);
  const std::regex include_re(R"re(#include\s+"(?:qat/)?([a-z_]+)/)re");
  int checked = 0;
  for (const char* base : {"src", "include/qat"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / base)) {
      if (!entry.is_regular_file()) continue;
      const std::string module = fs::relative(entry.path(), root / base).begin()->string();
      const int rank = Rank(module);
      ASSERT_GE(rank, 0) << "module '" << module << "' (" << entry.path()
                         << ") is not in the layer list of docs/architecture.md";
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      const std::string body = text.str();
      for (std::sregex_iterator m(body.begin(), body.end(), include_re), end; m != end; ++m) {
        const std::string used = (*m)[1];
        const int used_rank = Rank(used);
        if (used_rank < 0) continue;  // a private sub-folder include such as "ta/patterns/..."
        EXPECT_LE(used_rank, rank) << entry.path() << " (" << module << ") includes " << used
                                   << ", a layer above it";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 50);
}

}  // namespace
