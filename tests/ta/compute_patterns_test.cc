// The batch API ComputePatterns (one candle frame shared by all patterns), on real bars (the
// golden cases: data/daily/*.csv and the hand-made sets under tests/testdata/ta/inputs).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "qat/ta/candle.h"
#include "qat/ta/patterns.h"
#include "ta/golden.h"

namespace qat::ta {
namespace {

OhlcView View(const testing::GoldenCase& c) { return {c.open, c.high, c.low, c.close}; }

TEST(ComputePatterns, EqualsEachPatternAlone) {
  const CandleSettings& settings = DefaultCandleSettings();
  for (const char* name : {"SPY", "AAPL"}) {
    const testing::GoldenCase c = testing::LoadGoldenCase(name);
    const OhlcView bars = View(c);
    auto columns = ComputePatterns(bars, settings);
    ASSERT_TRUE(columns.ok()) << columns.error().message;
    const std::vector<PatternSpec>& all = AllPatterns();
    ASSERT_EQ(columns->size(), all.size());
    ASSERT_EQ(all.size(), 61u);
    for (std::size_t k = 0; k < all.size(); ++k) {
      EXPECT_EQ((*columns)[k], all[k].compute(bars, settings)) << name << " " << all[k].name;
    }
  }
}

TEST(ComputePatterns, NamesPickColumnsInOrder) {
  const testing::GoldenCase c = testing::LoadGoldenCase("SPY");
  const OhlcView bars = View(c);
  const CandleSettings& settings = DefaultCandleSettings();
  const std::vector<std::string_view> names = {"cdlhammer", "CDLDOJI", "CdlEngulfing"};
  auto columns = ComputePatterns(bars, settings, names);
  ASSERT_TRUE(columns.ok()) << columns.error().message;
  ASSERT_EQ(columns->size(), 3u);
  EXPECT_EQ((*columns)[0], FindPattern("CDLHAMMER")->compute(bars, settings));
  EXPECT_EQ((*columns)[1], FindPattern("CDLDOJI")->compute(bars, settings));
  EXPECT_EQ((*columns)[2], FindPattern("CDLENGULFING")->compute(bars, settings));
}

TEST(ComputePatterns, UnknownNameIsAnError) {
  const testing::GoldenCase c = testing::LoadGoldenCase("SPY");
  const std::vector<std::string_view> names = {"CDLHAMMER", "CDLNOSUCH"};
  auto columns = ComputePatterns(View(c), DefaultCandleSettings(), names);
  ASSERT_FALSE(columns.ok());
  EXPECT_NE(columns.error().message.find("CDLNOSUCH"), std::string::npos)
      << columns.error().message;
}

TEST(ComputePatterns, ColumnsOfDifferentLengthAreAnError) {
  const std::vector<double> four = {1, 2, 3, 4}, three = {1, 2, 3};
  auto columns = ComputePatterns(OhlcView{four, four, three, four}, DefaultCandleSettings());
  ASSERT_FALSE(columns.ok());
  EXPECT_NE(columns.error().message.find("differ in length"), std::string::npos)
      << columns.error().message;
}

TEST(ComputePatterns, EmptyInputGivesEmptyColumns) {
  const std::vector<double> none;
  auto columns = ComputePatterns(OhlcView{none, none, none, none}, DefaultCandleSettings());
  ASSERT_TRUE(columns.ok()) << columns.error().message;
  ASSERT_EQ(columns->size(), 61u);
  for (const std::vector<int>& column : *columns) EXPECT_TRUE(column.empty());
}

}  // namespace
}  // namespace qat::ta
