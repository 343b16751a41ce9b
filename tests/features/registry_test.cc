// The feature registry: size, names, descriptions, declared lookbacks against real data,
// and the `qtrader features` command.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "qat/features/features.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::features {
namespace {

using qat::testing::RepoBars;


// Whether a feature reads a context series (its lookback counts only the symbol's own bars).
bool UsesContext(const FeatureSpec& spec) {
  return spec.inputs.find("SPY") != std::string::npos || spec.inputs.find("VIX") != std::string::npos;
}

// The registry is the model's column order: names and lookbacks exactly as listed in
// tests/testdata/golden/feature_registry.txt (a change there retrains every model and must
// update docs/features.md).
TEST(FeatureRegistry, SeventyEightUniqueDescribedFeaturesInTheirRecordedOrder) {
  const auto& registry = FeatureRegistry();
  std::string listed;
  for (const auto& spec : registry) listed += spec.name + " " + std::to_string(spec.lookback) + "\n";
  EXPECT_EQ(listed, qat::testing::ReadFile(qat::testing::RepoPath("tests/testdata/golden/feature_registry.txt")));
  EXPECT_EQ(registry.size(), 78u);
  std::set<std::string> names;
  for (const auto& spec : registry) {
    EXPECT_TRUE(names.insert(spec.name).second) << "duplicate " << spec.name;
    EXPECT_FALSE(Trim(spec.description).empty()) << spec.name;
    EXPECT_FALSE(spec.inputs.empty()) << spec.name;
    EXPECT_GE(spec.lookback, 0) << spec.name;
    EXPECT_EQ(spec.name, ToLower(spec.name)) << "names are snake_case";
  }
  // The original 15 keep their names (and their column positions).
  const char* kOriginal[] = {"ret_1", "ret_5", "ret_21", "rsi_14", "atr_14_pct", "macd_hist_pct",
                             "dist_sma_20", "dist_sma_50", "volume_ratio_20", "realized_vol_21",
                             "vix_level", "rel_strength_spy_21", "cdl_engulfing", "cdl_hammer", "cdl_doji"};
  for (std::size_t i = 0; i < std::size(kOriginal); ++i) EXPECT_EQ(registry[i].name, kOriginal[i]);
  // Families the seed's users expect, by name.
  for (const char* name :
       {"ret_10", "ret_63", "rsi_14_percentile", "rsi_momentum", "volume_acceleration", "gap", "body_range",
        "corr_spy_63", "beta_spy_63", "vix_percentile", "vix_change_1", "trend_regime_bull", "trend_regime_bear",
        "trend_regime_sideways", "vol_regime_high", "vol_regime_normal", "vol_regime_low", "rsi_x_volume"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
}

// On real data each feature's first defined row is at or after its declared lookback; for
// the symbol's own features (no context), exactly at it: the declared lookback is the true one.
TEST(FeatureRegistry, DeclaredLookbacksHoldOnRealData) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries vix = RepoBars("data/macro/VIX.csv", "", true);
  for (const char* symbol : {"SPY", "AAPL", "MSFT", "TSLA"}) {
    SCOPED_TRACE(symbol);
    const data::BarSeries bars = RepoBars(std::string("data/daily/") + symbol + ".csv");
    auto frame = ComputeFeatures(bars, {&spy, &vix});
    ASSERT_TRUE(frame.ok()) << frame.error().message;
    ASSERT_EQ(frame->names.size(), FeatureRegistry().size());
    for (std::size_t j = 0; j < frame->names.size(); ++j) {
      const FeatureSpec& spec = FeatureRegistry()[j];
      const auto& column = frame->columns[j];
      std::size_t first = 0;
      while (first < column.size() && std::isnan(column[first])) ++first;
      ASSERT_LT(first, column.size()) << spec.name << " is never defined";
      EXPECT_GE(first, static_cast<std::size_t>(spec.lookback)) << spec.name;
      if (std::string(symbol) == "SPY" && !UsesContext(spec)) {
        EXPECT_EQ(first, static_cast<std::size_t>(spec.lookback)) << spec.name << " declares a loose lookback";
      }
    }
  }
}

TEST(FeatureRegistry, ContextFeaturesAreNaNWithoutContext) {
  const data::BarSeries bars = RepoBars("data/daily/QQQ.csv");
  auto frame = ComputeFeatures(bars, {});
  ASSERT_TRUE(frame.ok());
  int context_features = 0;
  for (std::size_t j = 0; j < frame->names.size(); ++j) {
    if (!UsesContext(FeatureRegistry()[j])) continue;
    ++context_features;
    for (double v : frame->columns[j]) ASSERT_TRUE(std::isnan(v)) << frame->names[j];
  }
  EXPECT_GE(context_features, 10);
}

TEST(FeatureRegistry, KnownValuesOnSpy) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries vix = RepoBars("data/macro/VIX.csv", "", true);
  auto frame = ComputeFeatures(spy, {&spy, &vix});
  ASSERT_TRUE(frame.ok());
  const std::size_t t = spy.size() - 1;
  // SPY against itself: correlation and beta 1, no relative strength.
  EXPECT_NEAR((*frame->Find("corr_spy_63"))[t], 1.0, 1e-12);
  EXPECT_NEAR((*frame->Find("beta_spy_63"))[t], 1.0, 1e-12);
  EXPECT_EQ((*frame->Find("rel_strength_spy_63"))[t], 0.0);
  // One-hot regimes sum to 1 wherever defined.
  for (const char* prefix : {"trend_regime_", "vol_regime_"}) {
    std::vector<const std::vector<double>*> cols;
    for (std::size_t j = 0; j < frame->names.size(); ++j) {
      if (frame->names[j].rfind(prefix, 0) == 0) cols.push_back(&frame->columns[j]);
    }
    ASSERT_EQ(cols.size(), 3u);
    for (std::size_t i = 0; i < spy.size(); ++i) {
      if (std::isnan((*cols[0])[i])) continue;
      EXPECT_EQ((*cols[0])[i] + (*cols[1])[i] + (*cols[2])[i], 1.0) << prefix << i;
    }
  }
  // Candle geometry by hand on the last bar.
  const double range = spy.high[t] - spy.low[t];
  EXPECT_DOUBLE_EQ((*frame->Find("body_range"))[t], (spy.close[t] - spy.open[t]) / range);
  EXPECT_DOUBLE_EQ((*frame->Find("gap"))[t], spy.open[t] / spy.close[t - 1] - 1.0);
  EXPECT_DOUBLE_EQ((*frame->Find("ret_63"))[t], spy.adj_close[t] / spy.adj_close[t - 63] - 1.0);
  // Percentiles lie in (0, 1].
  for (const char* name : {"rsi_14_percentile", "vix_percentile", "atr_14_percentile", "adx_14_percentile"}) {
    for (double v : *frame->Find(name)) {
      if (!std::isnan(v)) {
        ASSERT_TRUE(v > 0 && v <= 1) << name << " " << v;
      }
    }
  }
}

TEST(FeaturesCli, ListPrintsEveryFeature) {
  qat::testing::TempDir home;
  auto run = qat::testing::RunCli({"features", "--list"}, home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const auto& spec : FeatureRegistry()) EXPECT_NE(run.out.find(spec.name + " "), std::string::npos) << spec.name;
}

TEST(FeaturesCli, WritesDateAndEveryFeature) {
  qat::testing::TempDir home;
  const auto out = home.path() / "qqq_features.csv";
  auto run = qat::testing::RunCli({"features", "--input", qat::testing::RepoPath("data/daily/QQQ.csv").string(),
                                   "--market", qat::testing::RepoPath("data/daily/SPY.csv").string(), "--vix",
                                   qat::testing::RepoPath("data/macro/VIX.csv").string(), "--output", out.string()},
                                  home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string text = qat::testing::ReadFile(out);
  auto lines = Split(text, '\n');
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  const data::BarSeries qqq = RepoBars("data/daily/QQQ.csv");
  ASSERT_EQ(lines.size(), qqq.size() + 1);
  auto header = Split(lines[0], ',');
  ASSERT_EQ(header.size(), FeatureRegistry().size() + 1);
  EXPECT_EQ(header[0], "date");
  // The last row equals the library's values, written with 17 significant digits.
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries vix = RepoBars("data/macro/VIX.csv", "", true);
  auto frame = ComputeFeatures(qqq, {&spy, &vix});
  ASSERT_TRUE(frame.ok());
  const std::size_t t = qqq.size() - 1;
  auto cells = Split(lines.back(), ',');
  ASSERT_EQ(cells.size(), header.size());
  EXPECT_EQ(cells[0], FormatDate(qqq.DayAt(t)));
  for (std::size_t j = 0; j < frame->names.size(); ++j) {
    const double v = frame->columns[j][t];
    EXPECT_EQ(cells[j + 1], std::isnan(v) ? std::string() : Format17(v)) << frame->names[j];
  }
  // The first row: every warm-up cell is empty.
  auto first = Split(lines[1], ',');
  EXPECT_EQ(first[header.size() - 1], "");
}

TEST(FeaturesCli, BadInputNamesTheFile) {
  qat::testing::TempDir home;
  const auto bad = home.path() / "broken.csv";
  qat::testing::WriteFile(bad, "date,open,high,low,close\n2024-01-02,10,11,9,10.5\n2024-01-03,10,9,11,10\n");
  auto run = qat::testing::RunCli({"features", "--input", bad.string()}, home.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("broken.csv:3"), std::string::npos) << run.err;
  auto missing = qat::testing::RunCli({"features", "--input", (home.path() / "nope.csv").string()}, home.path());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nope.csv"), std::string::npos) << missing.err;
  auto none = qat::testing::RunCli({"features"}, home.path());
  EXPECT_NE(none.exit_code, 0);
  EXPECT_NE(none.err.find("--input"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace qat::features
