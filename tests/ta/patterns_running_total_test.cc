// The shared running total of the candlestick patterns (src/ta/patterns/running_total.h) and
// the batch API ComputePatterns, on real bars (the golden cases: data/daily/*.csv and the
// hand-made sets under tests/testdata/ta/inputs).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "qat/ta/candle.h"
#include "qat/ta/patterns.h"
#include "ta/golden.h"
#include "ta/patterns/running_total.h"

namespace qat::ta {
namespace {

using patterns_detail::RunningTotal;

OhlcView View(const testing::GoldenCase& c) { return {c.open, c.high, c.low, c.close}; }

// TA-Lib's own bookkeeping, written out plainly: the first total is a left-to-right sum of
// the `period` ranges before the first judged candle; after each bar,
// total += range(new) - range(trailing). Every total must equal it bit for bit.
void ExpectSameAsTaLibOrder(const OhlcView& bars, const CandleSetting& setting,
                            std::size_t first, std::size_t offset, const std::string& what) {
  const auto period = static_cast<std::size_t>(setting.avg_period);
  RunningTotal total(bars, setting, first, offset);
  std::size_t trailing = first - offset - period;
  double expected = 0.0;
  for (std::size_t j = trailing; j < first - offset; ++j) expected += CandleRange(setting, bars, j);
  for (std::size_t i = first; i < bars.size(); ++i) {
    const std::size_t candle = i - offset;
    // The average TA-Lib's TA_CANDLEAVERAGE gives for the judged candle.
    const double average = CandleAverage(setting, expected, bars, candle);
    ASSERT_EQ(total.Average(i), average) << what << " bar " << i;
    ASSERT_EQ(total.AverageAt(candle), average) << what << " bar " << i;
    if (period != 0) {
      ASSERT_EQ(total.Sum(), expected) << what << " bar " << i;
    }
    total.Advance(i);
    expected += CandleRange(setting, bars, candle) - CandleRange(setting, bars, trailing);
    ++trailing;
  }
}

TEST(PatternsRunningTotal, EqualsTaLibOrderForEverySettingAndOffset) {
  const CandleSettings& settings = DefaultCandleSettings();
  int checked = 0;
  for (const std::string& name : testing::GoldenCaseNames()) {
    const testing::GoldenCase c = testing::LoadGoldenCase(name);
    const OhlcView bars = View(c);
    for (std::size_t t = 0; t < kCandleSettingCount; ++t) {
      const CandleSetting& setting = settings.table[t];
      for (std::size_t offset = 0; offset <= 4; ++offset) {
        const std::size_t first = offset + static_cast<std::size_t>(setting.avg_period) + 1;
        if (first >= bars.size()) continue;
        const std::string what = name + " setting " + std::to_string(t) + " offset " +
                                 std::to_string(offset);
        ExpectSameAsTaLibOrder(bars, setting, first, offset, what);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 100);
}

// The rounding of the running total is what the test above pins down: on real prices, a
// window sum recomputed from scratch for every bar (the "obvious" implementation) differs
// from TA-Lib's running total in the last bits, so a RunningTotal kept that way would fail.
TEST(PatternsRunningTotal, RunningTotalIsNotAFreshWindowSum) {
  int differing = 0;
  for (const char* name : {"SPY", "AAPL", "TSLA"}) {
    const testing::GoldenCase c = testing::LoadGoldenCase(name);
    const OhlcView bars = View(c);
    for (const CandleSetting& setting : DefaultCandleSettings().table) {
      if (setting.avg_period == 0) continue;
      const auto period = static_cast<std::size_t>(setting.avg_period);
      RunningTotal total(bars, setting, period, 0);
      for (std::size_t i = period; i < bars.size(); ++i) {
        double fresh = 0.0;
        for (std::size_t j = i - period; j < i; ++j) fresh += CandleRange(setting, bars, j);
        if (fresh != total.Sum()) ++differing;
        total.Advance(i);
      }
    }
  }
  EXPECT_GT(differing, 0);
}

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
