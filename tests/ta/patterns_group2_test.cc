// Candlestick patterns of group 2 (CDLEVENINGSTAR .. CDLMARUBOZU) against TA-Lib's golden
// output (tests/testdata/ta/README_group2.md says how the golden files were made).
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "qat/ta/candle.h"
#include "qat/ta/patterns.h"
#include "ta/golden.h"
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {
namespace {

// Each pattern of the group with every value it can return (its directions).
const std::map<std::string, std::set<int>>& Group2Values() {
  static const std::map<std::string, std::set<int>> kValues = {
      {"CDLEVENINGSTAR", {-100}},
      {"CDLGAPSIDESIDEWHITE", {-100, 100}},
      {"CDLGRAVESTONEDOJI", {100}},
      {"CDLHAMMER", {100}},
      {"CDLHANGINGMAN", {-100}},
      {"CDLHARAMI", {-100, -80, 80, 100}},
      {"CDLHARAMICROSS", {-100, -80, 80, 100}},
      {"CDLHIGHWAVE", {-100, 100}},
      {"CDLHIKKAKE", {-200, -100, 100, 200}},
      {"CDLHIKKAKEMOD", {-200, -100, 100, 200}},
      {"CDLHOMINGPIGEON", {100}},
      {"CDLIDENTICAL3CROWS", {-100}},
      {"CDLINNECK", {-100}},
      {"CDLINVERTEDHAMMER", {100}},
      {"CDLKICKING", {-100, 100}},
      {"CDLKICKINGBYLENGTH", {-100, 100}},
      {"CDLLADDERBOTTOM", {100}},
      {"CDLLONGLEGGEDDOJI", {100}},
      {"CDLLONGLINE", {-100, 100}},
      {"CDLMARUBOZU", {-100, 100}},
  };
  return kValues;
}

OhlcView View(const testing::GoldenCase& c) {
  return OhlcView{std::span<const double>(c.open), std::span<const double>(c.high),
                  std::span<const double>(c.low), std::span<const double>(c.close)};
}

// Golden cases that hold at least one column of this group.
std::vector<testing::GoldenCase> Group2Cases() {
  std::vector<testing::GoldenCase> cases;
  for (const std::string& name : testing::GoldenCaseNames()) {
    testing::GoldenCase c = testing::LoadGoldenCase(name);
    bool ours = false;
    for (const auto& [column, values] : c.columns) ours = ours || Group2Values().count(column) > 0;
    if (ours) cases.push_back(std::move(c));
  }
  return cases;
}

// Hand-made cases (tests/testdata/ta/hand_group2.py) for the patterns that are rare in the
// bundled real data, or rare in one direction.
constexpr const char* kHandCases[] = {"hand_gapsidesidewhite", "hand_hikkakemod",
                                      "hand_identical3crows",  "hand_inneck",
                                      "hand_kicking",          "hand_kickingbylength",
                                      "hand_ladderbottom"};

const std::vector<testing::GoldenCase>& Cases() {
  static const std::vector<testing::GoldenCase> kCases = Group2Cases();
  return kCases;
}

TEST(PatternsGroup2, RegistryFindsEachPattern) {
  for (const auto& [name, values] : Group2Values()) {
    const PatternSpec* spec = FindPattern(name);
    ASSERT_NE(spec, nullptr) << name;
    EXPECT_EQ(spec->name, name);
    ASSERT_NE(spec->compute, nullptr) << name;
    ASSERT_NE(spec->lookback, nullptr) << name;
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    EXPECT_EQ(FindPattern(lower), spec) << lower;
  }
}

TEST(PatternsGroup2, GoldenCasesCoverRealAndHandMadeData) {
  std::set<std::string> names;
  for (const auto& c : Cases()) names.insert(c.name);
  for (const char* symbol : {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"}) {
    EXPECT_TRUE(names.count(symbol)) << "missing golden case " << symbol;
  }
  for (const char* hand : kHandCases) {
    EXPECT_TRUE(names.count(hand)) << "missing golden case " << hand;
  }
}

// Each hand-made case fires its own pattern in every direction that pattern has.
TEST(PatternsGroup2, HandCasesFireEveryDirection) {
  for (const char* hand : kHandCases) {
    const std::string name = hand;
    std::string pattern = "CDL" + name.substr(std::string("hand_").size());
    std::transform(pattern.begin(), pattern.end(), pattern.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    SCOPED_TRACE(name + " " + pattern);
    ASSERT_TRUE(Group2Values().count(pattern));
    const testing::GoldenCase c = testing::LoadGoldenCase(name);
    ASSERT_TRUE(c.columns.count(pattern));
    std::set<int> seen;
    for (const auto& v : c.columns.at(pattern)) {
      if (v.has_value() && *v != 0.0) seen.insert(static_cast<int>(*v));
    }
    EXPECT_EQ(seen, Group2Values().at(pattern));
    // and so does our code
    const std::vector<int> ours = FindPattern(pattern)->compute(View(c), DefaultCandleSettings());
    std::set<int> ours_seen(ours.begin(), ours.end());
    ours_seen.erase(0);
    EXPECT_EQ(ours_seen, Group2Values().at(pattern));
  }
}

// Every golden column of this group equals our output on every row at or after the lookback;
// the golden's first defined row is our Lookback(), and we write 0 before it.
TEST(PatternsGroup2, MatchesTaLibGolden) {
  const CandleSettings& settings = DefaultCandleSettings();
  std::size_t compared_columns = 0;
  for (const auto& c : Cases()) {
    const OhlcView view = View(c);
    for (const auto& [column, golden] : c.columns) {
      if (!Group2Values().count(column)) continue;
      SCOPED_TRACE(c.name + " " + column);
      const PatternSpec* spec = FindPattern(column);
      ASSERT_NE(spec, nullptr);
      const std::vector<int> ours = spec->compute(view, settings);
      ASSERT_EQ(ours.size(), golden.size());
      const auto lookback = static_cast<std::size_t>(spec->lookback(settings));
      std::size_t first_defined = golden.size();
      for (std::size_t r = 0; r < golden.size(); ++r) {
        if (golden[r].has_value()) {
          first_defined = r;
          break;
        }
      }
      if (golden.size() > lookback) {
        EXPECT_EQ(first_defined, lookback);
      } else {
        EXPECT_EQ(first_defined, golden.size());
      }
      std::size_t mismatches = 0;
      for (std::size_t r = 0; r < golden.size(); ++r) {
        if (r < lookback) {
          EXPECT_FALSE(golden[r].has_value()) << "row " << r;
          EXPECT_EQ(ours[r], 0) << "row " << r;
          continue;
        }
        ASSERT_TRUE(golden[r].has_value()) << "row " << r;
        if (static_cast<double>(ours[r]) != *golden[r]) {
          if (++mismatches <= 5) {
            ADD_FAILURE() << "row " << r << " (" << c.dates[r] << "): ours " << ours[r]
                          << ", TA-Lib " << *golden[r];
          }
        }
      }
      EXPECT_EQ(mismatches, 0u);
      ++compared_columns;
    }
  }
  // 6 real files x 20 patterns at least.
  EXPECT_GE(compared_columns, 6u * Group2Values().size());
}

// The golden data holds every value each pattern can return (so a pattern that never fires,
// or fires only one way, cannot pass the golden comparison), and no other value.
TEST(PatternsGroup2, GoldenHasEveryDirection) {
  std::map<std::string, std::set<int>> seen;
  for (const auto& c : Cases()) {
    for (const auto& [column, golden] : c.columns) {
      if (!Group2Values().count(column)) continue;
      for (const auto& v : golden) {
        if (v.has_value() && *v != 0.0) seen[column].insert(static_cast<int>(*v));
      }
    }
  }
  for (const auto& [name, values] : Group2Values()) {
    EXPECT_EQ(seen[name], values) << name;
  }
}

TEST(PatternsGroup2, ShortInputGivesZeros) {
  const CandleSettings& settings = DefaultCandleSettings();
  const testing::GoldenCase spy = testing::LoadGoldenCase("SPY");
  for (const auto& [name, values] : Group2Values()) {
    const PatternSpec* spec = FindPattern(name);
    ASSERT_NE(spec, nullptr);
    const auto lookback = static_cast<std::size_t>(spec->lookback(settings));
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, lookback}) {
      OhlcView view{std::span<const double>(spy.open).first(n),
                    std::span<const double>(spy.high).first(n),
                    std::span<const double>(spy.low).first(n),
                    std::span<const double>(spy.close).first(n)};
      const std::vector<int> out = spec->compute(view, settings);
      EXPECT_EQ(out.size(), n) << name;
      EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](int v) { return v == 0; })) << name;
    }
  }
}

// A prefix of the input gives the same values as the full input on the shared rows: no
// pattern looks ahead.
TEST(PatternsGroup2, NoLookAhead) {
  const CandleSettings& settings = DefaultCandleSettings();
  const testing::GoldenCase aapl = testing::LoadGoldenCase("AAPL");
  const OhlcView full = View(aapl);
  const std::size_t cut = 4000;
  const OhlcView prefix{full.open.first(cut), full.high.first(cut), full.low.first(cut),
                        full.close.first(cut)};
  for (const auto& [name, values] : Group2Values()) {
    const PatternSpec* spec = FindPattern(name);
    std::vector<int> all = spec->compute(full, settings);
    std::vector<int> part = spec->compute(prefix, settings);
    all.resize(cut);
    EXPECT_EQ(part, all) << name;
  }
}

TEST(PatternsGroup2, LookbackFollowsSettings) {
  CandleSettings settings = DefaultCandleSettings();
  EXPECT_EQ(CDLMARUBOZULookback(settings), 10);
  EXPECT_EQ(CDLHAMMERLookback(settings), 11);
  EXPECT_EQ(CDLHIKKAKELookback(settings), 5);
  EXPECT_EQ(CDLHIKKAKEMODLookback(settings), 10);
  EXPECT_EQ(CDLLADDERBOTTOMLookback(settings), 14);
  settings[CandleSettingType::kBodyLong].avg_period = 20;
  settings[CandleSettingType::kNear].avg_period = 0;
  EXPECT_EQ(CDLMARUBOZULookback(settings), 20);
  EXPECT_EQ(CDLEVENINGSTARLookback(settings), 22);
  EXPECT_EQ(CDLHIKKAKEMODLookback(settings), 6);
  // Still runs (and agrees in length) with the changed settings.
  const testing::GoldenCase spy = testing::LoadGoldenCase("SPY");
  const auto out = CDLMARUBOZU(View(spy), settings);
  ASSERT_EQ(out.size(), spy.close.size());
  EXPECT_TRUE(std::all_of(out.begin(), out.begin() + 20, [](int v) { return v == 0; }));
}

// The penetration of CDLEVENINGSTAR: a smaller one accepts every star the default accepts,
// an enormous one accepts none, and the registry uses the default 0.3.
TEST(PatternsGroup2, EveningStarPenetration) {
  const CandleSettings& settings = DefaultCandleSettings();
  const testing::GoldenCase spy = testing::LoadGoldenCase("SPY");
  const OhlcView view = View(spy);
  const auto by_default = CDLEVENINGSTAR(view, settings);
  const auto loose = CDLEVENINGSTAR(view, settings, 0.0);
  const auto strict = CDLEVENINGSTAR(view, settings, 1e30);
  EXPECT_EQ(FindPattern("CDLEVENINGSTAR")->compute(view, settings), by_default);
  std::size_t fired = 0, fired_loose = 0;
  for (std::size_t i = 0; i < by_default.size(); ++i) {
    if (by_default[i] != 0) {
      ++fired;
      EXPECT_EQ(loose[i], -100) << i;
    }
    if (loose[i] != 0) ++fired_loose;
    EXPECT_EQ(strict[i], 0) << i;
  }
  EXPECT_GT(fired, 0u);
  EXPECT_GT(fired_loose, fired);
}

}  // namespace
}  // namespace qat::ta
