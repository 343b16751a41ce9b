#include "qat/core/strings.h"
#include "qat/core/sha256.h"

#include <gtest/gtest.h>

namespace qat {
namespace {

TEST(Strings, ParseFiniteDoubleIsStrict) {
  EXPECT_EQ(ParseFiniteDouble("43.968750"), 43.96875);
  EXPECT_EQ(ParseFiniteDouble("-1e3"), -1000.0);
  EXPECT_FALSE(ParseFiniteDouble("").has_value());
  EXPECT_FALSE(ParseFiniteDouble("12a").has_value());
  EXPECT_FALSE(ParseFiniteDouble("nan").has_value());
  EXPECT_FALSE(ParseFiniteDouble("NaN").has_value());
  EXPECT_FALSE(ParseFiniteDouble("inf").has_value());
}

TEST(Strings, FormatShortestRoundTrips) {
  for (double v : {137.75, 0.0991725, 4.8499999, 1003200.0, 585.787427959006, 1e-9}) {
    EXPECT_EQ(*ParseFiniteDouble(FormatShortest(v)), v);
  }
  EXPECT_EQ(FormatShortest(1003200.0), "1003200");
  EXPECT_EQ(Format17(0.5), "0.5");
  EXPECT_EQ(Format17(1.0 / 3.0), "0.33333333333333331");
}

TEST(Strings, SplitKeepsEmptyFields) {
  auto parts = Split("a,,b,", ',');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[3], "");
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string million(1000000, 'a');
  EXPECT_EQ(Sha256Hex(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace qat
