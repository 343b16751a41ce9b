#include "support/golden_json.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qat::testing {

void ExpectMatchesGolden(const nlohmann::json& actual, const nlohmann::json& golden, const std::string& path) {
  if (golden.is_object()) {
    ASSERT_TRUE(actual.is_object()) << path << " is not an object";
    for (const auto& [key, value] : golden.items()) {
      ASSERT_TRUE(actual.contains(key)) << path << "/" << key << " is missing";
      ExpectMatchesGolden(actual[key], value, path + "/" + key);
    }
  } else if (golden.is_array()) {
    ASSERT_TRUE(actual.is_array()) << path << " is not an array";
    ASSERT_EQ(actual.size(), golden.size()) << path;
    for (std::size_t i = 0; i < golden.size(); ++i) ExpectMatchesGolden(actual[i], golden[i], path + "/" + std::to_string(i));
  } else if (golden.is_number_float()) {
    ASSERT_TRUE(actual.is_number()) << path;
    const double want = golden.get<double>(), got = actual.get<double>();
    EXPECT_LE(std::fabs(got - want), 1e-6 * std::max(1.0, std::fabs(want))) << path << ": " << got << " vs golden " << want;
  } else {
    EXPECT_EQ(actual, golden) << path;
  }
}

}  // namespace qat::testing
