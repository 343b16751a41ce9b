// Compares the ta module with TA-Lib's own output, committed as golden files under
// tests/testdata/ta/golden (see tests/testdata/ta/README.md for how they were made).
//
// For every golden case and every column in it: the 85 output-table columns go through
// ta::ComputeOutputs (patterns through AllPatterns()), the other indicator columns through
// ExtraIndicatorColumns(). A column the test does not know fails the test (nothing is
// skipped silently). Patterns must match exactly; reals within |a-b| <= 1e-6 + 1e-9*|b|
// (compare.py's rule). Defined-ness must match too: a value TA-Lib defines that we leave
// undefined is a mismatch, and so is a value we print inside TA-Lib's lookback.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "qat/ta/outputs.h"
#include "ta/golden.h"
#include "ta/indicator_extra_columns.h"

namespace qat::testing {
namespace {

constexpr double kAtol = 1e-6;
constexpr double kRtol = 1e-9;

struct ColumnReport {
  std::size_t compared = 0;
  std::size_t mismatches = 0;
  std::vector<std::string> first;  // first few mismatching rows, described
};

void Record(ColumnReport& rep, const std::string& date, const std::string& what) {
  ++rep.mismatches;
  if (rep.first.size() < 3) rep.first.push_back(date + ": " + what);
}

std::string Fmt(std::optional<double> v) {
  if (!v) return "(undefined)";
  std::ostringstream s;
  s.precision(17);
  s << *v;
  return s.str();
}

// ours: NaN = undefined.
ColumnReport CompareReal(const GoldenCase& c, const std::vector<std::optional<double>>& golden,
                         const std::vector<double>& ours) {
  ColumnReport rep;
  if (ours.size() != golden.size()) {
    Record(rep, "-", "length " + std::to_string(ours.size()) + " vs golden " + std::to_string(golden.size()));
    return rep;
  }
  for (std::size_t r = 0; r < golden.size(); ++r) {
    const bool ours_defined = !std::isnan(ours[r]);
    if (!golden[r]) {
      if (ours_defined) Record(rep, c.dates[r], "TA-Lib undefined, ours " + Fmt(ours[r]));
      continue;
    }
    ++rep.compared;
    const double ref = *golden[r];
    if (!ours_defined) {
      Record(rep, c.dates[r], "TA-Lib " + Fmt(ref) + ", ours undefined");
    } else if (!(std::fabs(ours[r] - ref) <= kAtol + kRtol * std::fabs(ref))) {
      Record(rep, c.dates[r], "TA-Lib " + Fmt(ref) + ", ours " + Fmt(ours[r]));
    }
  }
  return rep;
}

ColumnReport ComparePattern(const GoldenCase& c, const std::vector<std::optional<double>>& golden,
                            const ta::ComputedOutput& ours) {
  ColumnReport rep;
  if (ours.pattern.size() != golden.size()) {
    Record(rep, "-", "length " + std::to_string(ours.pattern.size()) + " vs golden " +
                         std::to_string(golden.size()));
    return rep;
  }
  for (std::size_t r = 0; r < golden.size(); ++r) {
    const bool ours_defined = r >= ours.first_defined;
    if (!golden[r]) {
      if (ours_defined) Record(rep, c.dates[r], "TA-Lib undefined, ours " + std::to_string(ours.pattern[r]));
      continue;
    }
    ++rep.compared;
    if (!ours_defined) {
      Record(rep, c.dates[r], "TA-Lib " + Fmt(golden[r]) + ", ours undefined (lookback)");
    } else if (static_cast<double>(ours.pattern[r]) != *golden[r]) {
      Record(rep, c.dates[r], "TA-Lib " + Fmt(golden[r]) + ", ours " + std::to_string(ours.pattern[r]));
    }
  }
  return rep;
}

class TaGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TaGoldenTest, MatchesTaLib) {
  const GoldenCase c = LoadGoldenCase(GetParam());
  ASSERT_FALSE(c.dates.empty()) << c.name << ": no rows";
  ASSERT_FALSE(c.columns.empty()) << c.name << ": no golden columns";
  const ta::OhlcvView bars{c.open, c.high, c.low, c.close, c.volume};
  const auto table = ta::OutputColumns();
  std::size_t total_compared = 0;
  for (const auto& [name, golden] : c.columns) {
    SCOPED_TRACE(c.name + " column " + name);
    ColumnReport rep;
    std::optional<std::size_t> table_index;
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (table[i].name == name) table_index = i;
    }
    if (table_index) {
      const std::size_t idx[] = {*table_index};
      auto computed = ta::ComputeOutputs(bars, idx);
      ASSERT_TRUE(computed.ok()) << computed.error().message;
      const ta::ComputedOutput& out = computed.value().front();
      rep = out.column->kind == ta::OutputKind::kPattern ? ComparePattern(c, golden, out)
                                                         : CompareReal(c, golden, out.real);
    } else if (auto it = ExtraIndicatorColumns().find(name); it != ExtraIndicatorColumns().end()) {
      auto series = it->second(c);
      ASSERT_TRUE(series.ok()) << series.error().message;
      rep = CompareReal(c, golden, series.value());
    } else {
      ADD_FAILURE() << "golden column '" << name << "' is neither in the output table nor a known "
                    << "extra indicator column (tests/ta/indicator_extra_columns.cc)";
      continue;
    }
    total_compared += rep.compared;
    std::string detail;
    for (const auto& f : rep.first) detail += "\n    " + f;
    EXPECT_EQ(rep.mismatches, 0u) << c.name << " " << name << ": " << rep.mismatches
                                  << " mismatching rows of " << golden.size() << "; first:" << detail;
    EXPECT_GT(rep.compared, 0u) << c.name << " " << name << ": no defined golden value";
  }
  EXPECT_GT(total_compared, 0u);
}

INSTANTIATE_TEST_SUITE_P(Cases, TaGoldenTest, ::testing::ValuesIn(GoldenCaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string s = param_info.param;
                           for (char& ch : s) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return s;
                         });

// The six bundled daily files must each have a golden case with all 24 indicator columns of
// the output table and every extra indicator column, so that deleting a golden file fails.
TEST(TaGoldenCoverage, BundledDailyFilesHaveIndicatorGoldens) {
  const auto names = GoldenCaseNames();
  for (const char* symbol : {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"}) {
    SCOPED_TRACE(symbol);
    ASSERT_NE(std::find(names.begin(), names.end(), symbol), names.end()) << "no golden case";
    const GoldenCase c = LoadGoldenCase(symbol);
    for (const auto& col : ta::OutputColumns()) {
      if (col.kind == ta::OutputKind::kReal) {
        EXPECT_TRUE(c.columns.count(std::string(col.name))) << "missing golden column " << col.name;
      }
    }
    for (const char* extra : {"WMA", "DEMA", "TEMA", "ADXR", "AD", "ADOSC", "STOCHF_fastk",
                              "STOCHF_fastd", "STOCHRSI_fastk", "STOCHRSI_fastd", "AROON_down",
                              "AROON_up", "PPO", "ULTOSC", "BOP", "STDDEV"}) {
      EXPECT_TRUE(c.columns.count(extra)) << "missing golden column " << extra;
    }
  }
}

}  // namespace
}  // namespace qat::testing
