// The output table: its 85 columns in the oracle's order, `--only` resolution, and
// ComputeOutputsInto reusing its outputs across calls with different selections.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "qat/ta/outputs.h"
#include "qat/ta/patterns.h"
#include "ta/golden.h"

namespace qat::testing {
namespace {

std::vector<std::string> Names(const std::vector<std::size_t>& idx) {
  std::vector<std::string> out;
  for (std::size_t i : idx) out.emplace_back(ta::OutputColumns()[i].name);
  return out;
}

TEST(TaOutputTable, HasTheOraclesColumnsInOrder) {
  const auto cols = ta::OutputColumns();
  ASSERT_EQ(cols.size(), 85u);
  std::set<std::string> unique;
  for (const auto& c : cols) unique.emplace(c.name);
  EXPECT_EQ(unique.size(), 85u);
  for (std::size_t i = 0; i < 61; ++i) {
    EXPECT_EQ(cols[i].kind, ta::OutputKind::kPattern) << cols[i].name;
    EXPECT_EQ(std::string(cols[i].name).rfind("CDL", 0), 0u);
  }
  EXPECT_EQ(cols[0].name, "CDL2CROWS");
  EXPECT_EQ(cols[60].name, "CDLXSIDEGAP3METHODS");
  const std::vector<std::string> indicators = {
      "SMA", "EMA", "RSI", "ATR", "NATR", "MACD_macd", "MACD_signal", "MACD_hist", "BBANDS_upper",
      "BBANDS_middle", "BBANDS_lower", "ADX", "PLUS_DI", "MINUS_DI", "CCI", "MFI", "OBV",
      "STOCH_slowk", "STOCH_slowd", "WILLR", "ROC", "MOM", "AROONOSC", "TRANGE"};
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    EXPECT_EQ(cols[61 + i].name, indicators[i]);
    EXPECT_EQ(cols[61 + i].kind, ta::OutputKind::kReal);
  }
}

TEST(TaOutputTable, OnlyTakesFunctionsAndColumns) {
  auto macd = ta::SelectOutputs("MACD");
  ASSERT_TRUE(macd.ok());
  EXPECT_EQ(Names(*macd), (std::vector<std::string>{"MACD_macd", "MACD_signal", "MACD_hist"}));
  auto mixed = ta::SelectOutputs(" macd_hist , rsi,RSI,cdlhammer");
  ASSERT_TRUE(mixed.ok()) << mixed.error().message;
  EXPECT_EQ(Names(*mixed), (std::vector<std::string>{"CDLHAMMER", "RSI", "MACD_hist"}));
  auto unknown = ta::SelectOutputs("RSI,MACD_foo");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("'MACD_foo'"), std::string::npos) << unknown.error().message;
  EXPECT_FALSE(ta::SelectOutputs("RSI,,EMA").ok());
  EXPECT_FALSE(ta::SelectOutputs(std::span<const std::string>()).ok());
}

TEST(TaOutputTable, ReusedOutputsMatchTheGoldenValuesForAnySelection) {
  const GoldenCase c = LoadGoldenCase("TSLA");
  const ta::OhlcvView bars{c.open, c.high, c.low, c.close, c.volume};
  std::vector<ta::ComputedOutput> out;
  for (const char* only : {"SMA,EMA,RSI,ATR,NATR,MACD,BBANDS,ADX,PLUS_DI,MINUS_DI,CCI,MFI,OBV,STOCH,"
                           "WILLR,ROC,MOM,AROONOSC,TRANGE",
                           "MACD_hist,BBANDS_lower,MINUS_DI,NATR", "STOCH_slowd,TRANGE,TRANGE",
                           "TRANGE,ATR,ADX,MACD_signal,BBANDS_middle,STOCH_slowk"}) {
    SCOPED_TRACE(only);
    auto sel = ta::SelectOutputs(only);
    ASSERT_TRUE(sel.ok());
    std::vector<std::size_t> cols = *sel;
    if (std::string(only).find("TRANGE,TRANGE") != std::string::npos) cols.push_back(cols.back());
    ASSERT_TRUE(ta::ComputeOutputsInto(bars, cols, out).ok());
    ASSERT_EQ(out.size(), cols.size());
    auto fresh = ta::ComputeOutputs(bars, cols);
    ASSERT_TRUE(fresh.ok());
    for (std::size_t q = 0; q < out.size(); ++q) {
      const std::string name(out[q].column->name);
      const auto& golden = c.columns.at(name);
      ASSERT_EQ(out[q].real.size(), golden.size()) << name;
      for (std::size_t r = 0; r < golden.size(); ++r) {
        if (!golden[r]) {
          ASSERT_TRUE(std::isnan(out[q].real[r])) << name << " row " << r;
          ASSERT_LT(r, out[q].first_defined) << name;
        } else {
          ASSERT_EQ(out[q].real[r], *golden[r]) << name << " " << c.dates[r];
          ASSERT_GE(r, out[q].first_defined) << name;
        }
        const double f = (*fresh)[q].real[r];
        ASSERT_TRUE(f == out[q].real[r] || (std::isnan(f) && std::isnan(out[q].real[r]))) << name;
      }
    }
  }
}

TEST(TaOutputTable, RejectsUnequalColumnsAndFillsAPatternColumn) {
  const GoldenCase c = LoadGoldenCase("GOOGL");
  std::vector<double> short_volume(c.volume.begin(), c.volume.end() - 1);
  const ta::OhlcvView bad{c.open, c.high, c.low, c.close, short_volume};
  const std::size_t rsi[] = {63};
  auto r = ta::ComputeOutputs(bad, rsi);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("differ in length"), std::string::npos);
  const ta::OhlcvView bars{c.open, c.high, c.low, c.close, c.volume};
  const std::size_t hammer[] = {23};
  ASSERT_EQ(ta::OutputColumns()[23].name, "CDLHAMMER");
  auto p = ta::ComputeOutputs(bars, hammer);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ((*p)[0].pattern.size(), c.dates.size());
}

}  // namespace
}  // namespace qat::testing
