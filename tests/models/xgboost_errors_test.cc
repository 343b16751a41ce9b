// XGBoost's native error text ends in a C++ stack trace ("Stack trace:", "[bt] (0) ...");
// the wrapper keeps the first meaningful line only.
#include <gtest/gtest.h>

#include <string>

#include "qat/models/xgboost.h"
#include "support/cli.h"

namespace qat::models {
namespace {

TEST(XgboostErrors, GarbageModelFileGivesOneLineWithoutStackTrace) {
  qat::testing::TempDir dir;
  const std::string binary = std::string("\x89garbage\x01\x02", 10) + std::string(1 << 16, '\xff');
  const std::vector<std::pair<std::string, std::string>> files = {
      {"binary.json", binary},
      {"text.json", "this is not a model\n"},
      {"json.json", "{\"learner\": 5}"},
      {"empty.json", ""},
  };
  for (const auto& [name, content] : files) {
    qat::testing::WriteFile(dir.path() / name, content);
    auto booster = Booster::Load(dir.path() / name);
    ASSERT_FALSE(booster.ok()) << name;
    const std::string& m = booster.error().message;
    EXPECT_NE(m.find(name + ": cannot load model: "), std::string::npos) << m;
    EXPECT_EQ(m.find("Stack trace"), std::string::npos) << m;
    EXPECT_EQ(m.find("[bt]"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    EXPECT_LT(m.size(), 400u) << m;
    // More than the prefix: XGBoost's own reason is kept.
    EXPECT_GT(m.size(), (dir.path() / name).string().size() + 25) << m;
  }
}

}  // namespace
}  // namespace qat::models
