// No look-ahead, proven on real data: the features of a prefix of a series (context cut at
// the same date) must equal, bit for bit, the first rows of the features of the whole series.
// A feature that used any bar after t would change at row t when later bars are cut off.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "qat/data/csv.h"
#include "qat/features/features.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::features {
namespace {

using qat::testing::RepoBars;

bool SameBits(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Context bars with start <= the last start of `bars` (the same calendar cut).
data::BarSeries CutAtDate(const data::BarSeries& context, Timestamp last_start) {
  std::size_t end = 0;
  while (end < context.size() && context.start[end] <= last_start) ++end;
  return context.Slice(0, end);
}

using Compute = std::function<Result<FeatureFrame>(const data::BarSeries&, const MarketContext&)>;

// The first difference between the prefix computation and the full one, as "feature row
// cut", or "" when every prefix matches. Cuts are bar counts.
std::string FirstLookAhead(const Compute& compute, const data::BarSeries& bars, const MarketContext& context,
                           const std::vector<std::size_t>& cuts) {
  auto full = compute(bars, context);
  if (!full.ok()) return "full: " + full.error().message;
  for (std::size_t cut : cuts) {
    const data::BarSeries prefix = bars.Slice(0, cut);
    const Timestamp last = prefix.start.back();
    data::BarSeries market, vix;
    MarketContext cut_context;
    cut_context.max_age_days = context.max_age_days;
    if (context.market != nullptr) {
      market = CutAtDate(*context.market, last);
      cut_context.market = &market;
    }
    if (context.vix != nullptr) {
      vix = CutAtDate(*context.vix, last);
      cut_context.vix = &vix;
    }
    auto part = compute(prefix, cut_context);
    if (!part.ok()) return "cut " + std::to_string(cut) + ": " + part.error().message;
    if (part->rows != cut || part->names != full->names) return "cut " + std::to_string(cut) + ": shape differs";
    for (std::size_t j = 0; j < part->names.size(); ++j) {
      for (std::size_t t = 0; t < cut; ++t) {
        if (!SameBits(part->columns[j][t], full->columns[j][t])) {
          return part->names[j] + " row " + std::to_string(t) + " cut " + std::to_string(cut) + ": " +
                 std::to_string(part->columns[j][t]) + " vs full " + std::to_string(full->columns[j][t]);
        }
      }
    }
  }
  return "";
}

// Cuts through the warm-up (where lookbacks end) and spread over the whole history.
std::vector<std::size_t> CutPoints(std::size_t n) {
  std::vector<std::size_t> cuts = {1, 2, 3, 15, 22, 35, 64, 200, 253, 266, 273, 285, 300};
  for (int i = 1; i <= 12; ++i) cuts.push_back(n * static_cast<std::size_t>(i) / 13);
  cuts.push_back(n - 1);
  std::erase_if(cuts, [n](std::size_t c) { return c == 0 || c >= n; });
  return cuts;
}


TEST(FeatureLookAhead, PrefixesOfRealSeriesMatchTheFullComputation) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries vix = RepoBars("data/macro/VIX.csv", "", true);
  ASSERT_FALSE(spy.empty());
  ASSERT_FALSE(vix.empty());
  for (const char* symbol : {"SPY", "AAPL", "TSLA", "QQQ"}) {
    SCOPED_TRACE(symbol);
    const data::BarSeries bars = RepoBars(std::string("data/daily/") + symbol + ".csv");
    ASSERT_GT(bars.size(), 2000u);
    const MarketContext context{&spy, &vix};
    EXPECT_EQ(FirstLookAhead(ComputeFeatures, bars, context, CutPoints(bars.size())), "");
  }
}

TEST(FeatureLookAhead, WithoutContextToo) {
  const data::BarSeries bars = RepoBars("data/daily/MSFT.csv");
  ASSERT_FALSE(bars.empty());
  EXPECT_EQ(FirstLookAhead(ComputeFeatures, bars, {}, CutPoints(bars.size())), "");
}

// The check itself must catch a leak: a frame that adds a feature peeking one bar ahead.
TEST(FeatureLookAhead, CheckCatchesAFeatureThatPeeksAhead) {
  const data::BarSeries bars = RepoBars("data/daily/GOOGL.csv");
  ASSERT_FALSE(bars.empty());
  Compute leaky = [](const data::BarSeries& b, const MarketContext& c) -> Result<FeatureFrame> {
    QAT_ASSIGN_OR_RETURN(auto frame, ComputeFeatures(b, c));
    std::vector<double> next(b.size(), std::nan(""));
    for (std::size_t t = 0; t + 1 < b.size(); ++t) next[t] = b.close[t + 1] / b.close[t] - 1.0;
    frame.names.push_back("leak_next_return");
    frame.columns.push_back(std::move(next));
    return frame;
  };
  const std::string found = FirstLookAhead(leaky, bars, {}, {500});
  EXPECT_EQ(found.rfind("leak_next_return row 499 cut 500", 0), 0u) << found;
}

// The context join is also checked: a market series joined one bar early (on `start`
// instead of `available`) would leak, and the cut-at-the-same-date context must expose it.
TEST(FeatureLookAhead, CheckCatchesAContextJoinedTooEarly) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries qqq = RepoBars("data/daily/QQQ.csv");
  ASSERT_FALSE(spy.empty());
  Compute leaky = [](const data::BarSeries& b, const MarketContext& c) -> Result<FeatureFrame> {
    QAT_ASSIGN_OR_RETURN(auto frame, ComputeFeatures(b, c));
    // Market close of the bar after each of ours: what a join on the next session would see.
    std::vector<double> next(b.size(), std::nan(""));
    std::size_t j = 0;
    for (std::size_t t = 0; t < b.size(); ++t) {
      while (j < c.market->size() && c.market->start[j] <= b.start[t]) ++j;
      if (j < c.market->size()) next[t] = c.market->close[j];
    }
    frame.names.push_back("leak_market_tomorrow");
    frame.columns.push_back(std::move(next));
    return frame;
  };
  const std::string found = FirstLookAhead(leaky, qqq, {&spy, nullptr}, {1000});
  EXPECT_EQ(found.rfind("leak_market_tomorrow row 999 cut 1000", 0), 0u) << found;
}

// The staleness rule (a context bar older than max_age_days is missing) looks at no time
// after the row's own: with a market that ends (SPY cut after 2012-06-29, AAPL runs on to
// 2026) and a VIX with two real weeks removed, prefixes still match the full computation,
// cut exactly at and around both places where the context turns stale, for several ages.
TEST(FeatureLookAhead, StalenessRuleAddsNoLookAhead) {
  const data::BarSeries spy_full = RepoBars("data/daily/SPY.csv");
  const data::BarSeries vix_full = RepoBars("data/macro/VIX.csv", "", true);
  const data::BarSeries aapl = RepoBars("data/daily/AAPL.csv");
  ASSERT_FALSE(aapl.empty());
  const Days spy_end = *ParseDate("2012-06-29");
  std::size_t spy_n = 0;
  while (spy_n < spy_full.size() && spy_full.DayAt(spy_n) <= spy_end) ++spy_n;
  const data::BarSeries spy = spy_full.Slice(0, spy_n);
  const Days gap_first = *ParseDate("2016-02-01"), gap_last = *ParseDate("2016-02-12");
  data::BarSeries vix;
  vix.symbol = vix_full.symbol;
  for (std::size_t i = 0; i < vix_full.size(); ++i) {
    if (vix_full.DayAt(i) < gap_first || vix_full.DayAt(i) > gap_last) vix.Append(vix_full.At(i));
  }
  ASSERT_EQ(vix.size() + 10, vix_full.size());
  std::vector<std::size_t> cuts = CutPoints(aapl.size());
  for (std::size_t t = 0; t < aapl.size(); ++t) {
    const Days day = aapl.DayAt(t);
    if ((day >= spy_end && day <= spy_end + 10) || (day >= gap_first && day <= gap_last + 3)) cuts.push_back(t + 1);
  }
  for (int age : {0, kDefaultContextMaxAgeDays, 30}) {
    SCOPED_TRACE(age);
    const MarketContext context{.market = &spy, .vix = &vix, .max_age_days = age};
    EXPECT_EQ(FirstLookAhead(ComputeFeatures, aapl, context, cuts), "");
  }
  // The rule is in force here: AAPL's market features are missing after SPY's end + 5 days.
  auto frame = ComputeFeatures(aapl, {&spy, &vix});
  ASSERT_TRUE(frame.ok());
  const auto& rel = *frame->Find("rel_strength_spy_21");
  std::size_t defined_after = 0, rows_after = 0;
  for (std::size_t t = 0; t < aapl.size(); ++t) {
    if (aapl.DayAt(t) <= spy_end + kDefaultContextMaxAgeDays) continue;
    ++rows_after;
    defined_after += !std::isnan(rel[t]);
  }
  EXPECT_GT(rows_after, 3000u);
  EXPECT_EQ(defined_after, 0u);
}

// The check catches a staleness rule that looks ahead: one that drops a context bar when no
// *later* context bar follows within 5 days (judging freshness by the next bar's date) knows,
// at the last bar before a gap or the end, that the gap is coming.
TEST(FeatureLookAhead, CheckCatchesAStalenessRuleThatPeeksAhead) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries qqq = RepoBars("data/daily/QQQ.csv");
  Compute leaky = [](const data::BarSeries& b, const MarketContext& c) -> Result<FeatureFrame> {
    QAT_ASSIGN_OR_RETURN(auto frame, ComputeFeatures(b, c));
    std::vector<double> close(b.size(), std::nan(""));
    std::size_t j = 0;
    for (std::size_t t = 0; t < b.size(); ++t) {
      while (j < c.market->size() && c.market->available[j] <= b.available[t]) ++j;
      if (j == 0) continue;
      const bool next_soon = j < c.market->size() && c.market->DayAt(j) - c.market->DayAt(j - 1) <= 5;
      if (next_soon) close[t] = c.market->close[j - 1];
    }
    frame.names.push_back("leak_market_close_if_not_ending");
    frame.columns.push_back(std::move(close));
    return frame;
  };
  const std::string found = FirstLookAhead(leaky, qqq, {&spy, nullptr}, {1000});
  EXPECT_EQ(found.rfind("leak_market_close_if_not_ending row 999 cut 1000", 0), 0u) << found;
}

}  // namespace
}  // namespace qat::features
