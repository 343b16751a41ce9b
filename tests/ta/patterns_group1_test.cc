// Group 1 candlestick patterns (CDL2CROWS .. CDLEVENINGDOJISTAR) against TA-Lib C 0.6.x.
//
// The golden files under tests/testdata/ta/golden/ were written by TA-Lib itself through the
// oracle (tests/testdata/ta/README_group1.md): the six bundled daily files (SPY, QQQ, AAPL,
// MSFT, GOOGL, TSLA) and hand-made bar sets (hand_*) that make the rare patterns fire in
// every direction they have. Every row at or after a pattern's lookback must match exactly.
// tests/testdata/ta/group1_custom/ holds TA-Lib's output under a non-default candle settings
// table and non-default penetrations (made by group1_custom/ta_group1_custom.c), so the
// settings are checked as a parameter too.
#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "qat/core/strings.h"
#include "qat/ta/candle.h"
#include "qat/ta/patterns.h"
#include "ta/golden.h"
#include "ta/patterns/pattern_functions.h"

namespace qat::ta {
namespace {

struct Group1Pattern {
  const char* name;
  PatternFn compute;  // the per-pattern function (default penetration)
  PatternLookbackFn lookback;
  std::vector<int> values;  // every nonzero value it can return
};

const std::vector<Group1Pattern>& Group1() {
  static const std::vector<Group1Pattern> kAll = {
      {"CDL2CROWS", CDL2CROWS, CDL2CROWSLookback, {-100}},
      {"CDL3BLACKCROWS", CDL3BLACKCROWS, CDL3BLACKCROWSLookback, {-100}},
      {"CDL3INSIDE", CDL3INSIDE, CDL3INSIDELookback, {100, -100}},
      {"CDL3LINESTRIKE", CDL3LINESTRIKE, CDL3LINESTRIKELookback, {100, -100}},
      {"CDL3OUTSIDE", CDL3OUTSIDE, CDL3OUTSIDELookback, {100, -100}},
      {"CDL3STARSINSOUTH", CDL3STARSINSOUTH, CDL3STARSINSOUTHLookback, {100}},
      {"CDL3WHITESOLDIERS", CDL3WHITESOLDIERS, CDL3WHITESOLDIERSLookback, {100}},
      {"CDLABANDONEDBABY",
       [](const OhlcView& b, const CandleSettings& s) { return CDLABANDONEDBABY(b, s); },
       CDLABANDONEDBABYLookback,
       {100, -100}},
      {"CDLADVANCEBLOCK", CDLADVANCEBLOCK, CDLADVANCEBLOCKLookback, {-100}},
      {"CDLBELTHOLD", CDLBELTHOLD, CDLBELTHOLDLookback, {100, -100}},
      {"CDLBREAKAWAY", CDLBREAKAWAY, CDLBREAKAWAYLookback, {100, -100}},
      {"CDLCLOSINGMARUBOZU", CDLCLOSINGMARUBOZU, CDLCLOSINGMARUBOZULookback, {100, -100}},
      {"CDLCONCEALBABYSWALL", CDLCONCEALBABYSWALL, CDLCONCEALBABYSWALLLookback, {100}},
      {"CDLCOUNTERATTACK", CDLCOUNTERATTACK, CDLCOUNTERATTACKLookback, {100, -100}},
      {"CDLDARKCLOUDCOVER",
       [](const OhlcView& b, const CandleSettings& s) { return CDLDARKCLOUDCOVER(b, s); },
       CDLDARKCLOUDCOVERLookback,
       {-100}},
      {"CDLDOJI", CDLDOJI, CDLDOJILookback, {100}},
      {"CDLDOJISTAR", CDLDOJISTAR, CDLDOJISTARLookback, {100, -100}},
      {"CDLDRAGONFLYDOJI", CDLDRAGONFLYDOJI, CDLDRAGONFLYDOJILookback, {100}},
      {"CDLENGULFING", CDLENGULFING, CDLENGULFINGLookback, {100, -100, 80, -80}},
      {"CDLEVENINGDOJISTAR",
       [](const OhlcView& b, const CandleSettings& s) { return CDLEVENINGDOJISTAR(b, s); },
       CDLEVENINGDOJISTARLookback,
       {-100}},
  };
  return kAll;
}

OhlcView View(const testing::GoldenCase& c) { return {c.open, c.high, c.low, c.close}; }

// The golden cases, loaded once (the six real files hold ~41k rows).
const std::vector<testing::GoldenCase>& Cases() {
  static const std::vector<testing::GoldenCase> kCases = [] {
    std::vector<testing::GoldenCase> cases;
    for (const std::string& name : testing::GoldenCaseNames()) {
      cases.push_back(testing::LoadGoldenCase(name));
    }
    return cases;
  }();
  return kCases;
}

TEST(PatternsGroup1, MatchesTaLibOnEveryGoldenCase) {
  const CandleSettings& settings = DefaultCandleSettings();
  std::map<std::string, int> cases_per_pattern;
  for (const testing::GoldenCase& c : Cases()) {
    const OhlcView bars = View(c);
    for (const Group1Pattern& p : Group1()) {
      auto column = c.columns.find(p.name);
      if (column == c.columns.end()) continue;
      SCOPED_TRACE(c.name + " / " + p.name);
      const std::vector<std::optional<double>>& golden = column->second;
      const int lookback = p.lookback(settings);
      const std::vector<int> ours = p.compute(bars, settings);
      ASSERT_EQ(ours.size(), golden.size());

      // TA-Lib's first defined row is the lookback (or none when the input is too short).
      auto first_defined = std::find_if(golden.begin(), golden.end(),
                                        [](const auto& v) { return v.has_value(); });
      if (golden.size() > static_cast<std::size_t>(lookback)) {
        EXPECT_EQ(first_defined - golden.begin(), lookback);
      } else {
        EXPECT_EQ(first_defined, golden.end());
      }

      int mismatches = 0;
      for (std::size_t r = 0; r < golden.size(); ++r) {
        if (r < static_cast<std::size_t>(lookback)) {
          EXPECT_EQ(ours[r], 0) << "row " << r << " is in the lookback";
          continue;
        }
        ASSERT_TRUE(golden[r].has_value()) << "golden row " << r << " empty after the lookback";
        if (ours[r] != static_cast<int>(*golden[r]) && ++mismatches <= 5) {
          ADD_FAILURE() << "row " << r << " (" << c.dates[r] << "): TA-Lib " << *golden[r]
                        << ", ours " << ours[r];
        }
      }
      EXPECT_EQ(mismatches, 0) << "rows that differ from TA-Lib";
      ++cases_per_pattern[p.name];
    }
  }
  // Every pattern is checked on the six bundled daily files at least.
  for (const Group1Pattern& p : Group1()) {
    EXPECT_GE(cases_per_pattern[p.name], 6) << p.name << " has too few golden cases";
  }
}

// The table and penetrations that tests/testdata/ta/group1_custom/ta_group1_custom.c gave
// TA-Lib: every period nonzero and different, several range types changed.
CandleSettings CustomSettings() {
  CandleSettings s = DefaultCandleSettings();
  using T = CandleSettingType;
  s[T::kBodyLong] = {RangeType::kRealBody, 7, 1.2};
  s[T::kBodyVeryLong] = {RangeType::kRealBody, 8, 2.5};
  s[T::kBodyShort] = {RangeType::kHighLow, 6, 0.3};
  s[T::kBodyDoji] = {RangeType::kHighLow, 12, 0.08};
  s[T::kShadowLong] = {RangeType::kRealBody, 4, 0.9};
  s[T::kShadowVeryLong] = {RangeType::kShadows, 5, 1.5};
  s[T::kShadowShort] = {RangeType::kShadows, 9, 1.1};
  s[T::kShadowVeryShort] = {RangeType::kHighLow, 3, 0.12};
  s[T::kNear] = {RangeType::kHighLow, 6, 0.25};
  s[T::kFar] = {RangeType::kShadows, 4, 0.7};
  s[T::kEqual] = {RangeType::kRealBody, 8, 0.1};
  return s;
}

std::vector<int> ComputeCustom(const Group1Pattern& p, const OhlcView& bars,
                               const CandleSettings& settings) {
  const std::string name = p.name;
  if (name == "CDLABANDONEDBABY") return CDLABANDONEDBABY(bars, settings, 0.1);
  if (name == "CDLDARKCLOUDCOVER") return CDLDARKCLOUDCOVER(bars, settings, 0.25);
  if (name == "CDLEVENINGDOJISTAR") return CDLEVENINGDOJISTAR(bars, settings, 0.6);
  return p.compute(bars, settings);
}

TEST(PatternsGroup1, MatchesTaLibWithCustomSettings) {
  const CandleSettings settings = CustomSettings();
  const std::filesystem::path dir =
      std::filesystem::path(QAT_SOURCE_DIR) / "tests/testdata/ta/group1_custom";
  int files = 0;
  int nonzero = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".csv") continue;
    const std::string case_name = entry.path().stem().string();
    SCOPED_TRACE(case_name);
    const testing::GoldenCase c = testing::LoadGoldenCase(case_name);  // for its bars
    const OhlcView bars = View(c);
    std::ifstream in(entry.path());
    ASSERT_TRUE(in) << entry.path();
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> row;
      for (auto field : qat::Split(line, ',')) row.emplace_back(field);
      rows.push_back(std::move(row));
    }
    ASSERT_EQ(rows.size(), c.close.size() + 1);
    for (std::size_t col = 1; col < rows[0].size(); ++col) {
      auto p = std::find_if(Group1().begin(), Group1().end(),
                            [&](const Group1Pattern& g) { return rows[0][col] == g.name; });
      ASSERT_NE(p, Group1().end()) << rows[0][col];
      SCOPED_TRACE(p->name);
      const std::vector<int> ours = ComputeCustom(*p, bars, settings);
      const auto lookback = static_cast<std::size_t>(p->lookback(settings));
      int mismatches = 0;
      for (std::size_t r = 0; r < ours.size(); ++r) {
        const std::string& cell = col < rows[r + 1].size() ? rows[r + 1][col] : std::string();
        ASSERT_EQ(rows[r + 1][0], c.dates[r]);
        ASSERT_EQ(cell.empty(), r < lookback) << "row " << r << ": lookback " << lookback;
        if (cell.empty()) continue;
        const int theirs = std::stoi(cell);
        nonzero += theirs != 0;
        if (ours[r] != theirs && ++mismatches <= 5) {
          ADD_FAILURE() << "row " << r << ": TA-Lib " << theirs << ", ours " << ours[r];
        }
      }
      EXPECT_EQ(mismatches, 0);
    }
    ++files;
  }
  EXPECT_GE(files, 3);
  EXPECT_GT(nonzero, 1000);
}

TEST(PatternsGroup1, GoldenCasesCoverEveryDirection) {
  // A pattern that always returned 0 would pass the comparison on rows where TA-Lib says 0;
  // so every value each pattern can return must appear somewhere in the golden files.
  std::map<std::string, std::set<int>> seen;
  for (const testing::GoldenCase& c : Cases()) {
    for (const Group1Pattern& p : Group1()) {
      auto column = c.columns.find(p.name);
      if (column == c.columns.end()) continue;
      for (const auto& v : column->second) {
        if (v && *v != 0.0) seen[p.name].insert(static_cast<int>(*v));
      }
    }
  }
  for (const Group1Pattern& p : Group1()) {
    const std::set<int> expected(p.values.begin(), p.values.end());
    EXPECT_EQ(seen[p.name], expected) << p.name;
  }
}

TEST(PatternsGroup1, RegistryFindsEveryPattern) {
  const CandleSettings& settings = DefaultCandleSettings();
  ASSERT_FALSE(Cases().empty());
  const testing::GoldenCase& sample = Cases().front();
  const OhlcView bars = View(sample);
  for (const Group1Pattern& p : Group1()) {
    SCOPED_TRACE(p.name);
    const PatternSpec* spec = FindPattern(p.name);
    ASSERT_NE(spec, nullptr);
    EXPECT_EQ(spec->name, p.name);
    EXPECT_EQ(FindPattern(qat::ToLower(p.name)), spec);
    EXPECT_EQ(spec->lookback(settings), p.lookback(settings));
    EXPECT_EQ(spec->compute(bars, settings), p.compute(bars, settings));
  }
}

TEST(PatternsGroup1, LookbacksFollowTheCandleSettings) {
  // TA-Lib's lookbacks with the default settings.
  const std::map<std::string, int> expected = {
      {"CDL2CROWS", 12},         {"CDL3BLACKCROWS", 13},     {"CDL3INSIDE", 12},
      {"CDL3LINESTRIKE", 8},     {"CDL3OUTSIDE", 3},         {"CDL3STARSINSOUTH", 12},
      {"CDL3WHITESOLDIERS", 12}, {"CDLABANDONEDBABY", 12},   {"CDLADVANCEBLOCK", 12},
      {"CDLBELTHOLD", 10},       {"CDLBREAKAWAY", 14},       {"CDLCLOSINGMARUBOZU", 10},
      {"CDLCONCEALBABYSWALL", 13}, {"CDLCOUNTERATTACK", 11}, {"CDLDARKCLOUDCOVER", 11},
      {"CDLDOJI", 10},           {"CDLDOJISTAR", 11},        {"CDLDRAGONFLYDOJI", 10},
      {"CDLENGULFING", 2},       {"CDLEVENINGDOJISTAR", 12},
  };
  for (const Group1Pattern& p : Group1()) {
    EXPECT_EQ(p.lookback(DefaultCandleSettings()), expected.at(p.name)) << p.name;
  }
  // A longer BodyLong period lengthens the patterns that average it.
  CandleSettings longer = DefaultCandleSettings();
  longer[CandleSettingType::kBodyLong].avg_period = 20;
  EXPECT_EQ(CDL2CROWSLookback(longer), 22);
  EXPECT_EQ(CDLBREAKAWAYLookback(longer), 24);
  EXPECT_EQ(CDLDOJILookback(longer), 10);
}

TEST(PatternsGroup1, ShortAndEmptyInputsGiveZeros) {
  const CandleSettings& settings = DefaultCandleSettings();
  const std::vector<double> open = {10, 11, 12, 11, 10}, high = {11, 12, 13, 12, 11},
                            low = {9, 10, 11, 10, 9}, close = {11, 12, 11, 10, 9};
  const OhlcView bars{open, high, low, close};
  const OhlcView empty{};
  for (const Group1Pattern& p : Group1()) {
    SCOPED_TRACE(p.name);
    EXPECT_TRUE(p.compute(empty, settings).empty());
    const std::vector<int> out = p.compute(bars, settings);
    ASSERT_EQ(out.size(), open.size());
    if (p.lookback(settings) >= static_cast<int>(open.size())) {
      EXPECT_EQ(out, std::vector<int>(open.size(), 0));
    }
  }
}

TEST(PatternsGroup1, PenetrationIsAParameter) {
  // A smaller penetration asks less of the last candle, so the pattern fires on a superset of
  // bars; with a huge penetration it cannot fire at all.
  const CandleSettings& settings = DefaultCandleSettings();
  const testing::GoldenCase& spy = testing::LoadGoldenCase("SPY");
  const OhlcView bars = View(spy);
  auto fires = [](const std::vector<int>& v) {
    return std::count_if(v.begin(), v.end(), [](int x) { return x != 0; });
  };
  auto check = [&](auto fn, double lower, double deflt, const char* name) {
    SCOPED_TRACE(name);
    const std::vector<int> loose = fn(bars, settings, lower);
    const std::vector<int> normal = fn(bars, settings, deflt);
    for (std::size_t i = 0; i < normal.size(); ++i) {
      if (normal[i] != 0) {
        EXPECT_EQ(loose[i], normal[i]) << "row " << i;
      }
    }
    EXPECT_GT(fires(loose), fires(normal));
    EXPECT_EQ(fires(fn(bars, settings, 1e6)), 0);
  };
  check([](const OhlcView& b, const CandleSettings& s, double p) { return CDLDARKCLOUDCOVER(b, s, p); },
        0.0, kDarkCloudCoverPenetration, "CDLDARKCLOUDCOVER");
  check([](const OhlcView& b, const CandleSettings& s, double p) { return CDLEVENINGDOJISTAR(b, s, p); },
        0.0, kEveningDojiStarPenetration, "CDLEVENINGDOJISTAR");
}

}  // namespace
}  // namespace qat::ta
