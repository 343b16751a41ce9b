// The staleness rule of the context join (features.h): a market or VIX bar is used for at
// most `max_age_days` New York calendar days after its availability; older, the context is
// missing (NaN), never carried forward. On real data: the bundled SPY ends 2024-03-22 while
// AAPL runs to 2026-07-21, and gaps are made by removing real sessions from a real series.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "qat/data/csv.h"
#include "qat/features/features.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::features {
namespace {

using qat::testing::RepoBars;


Days Day(const char* text) { return *ParseDate(text); }

// `series` without its bars dated first..last (inclusive).
data::BarSeries Without(const data::BarSeries& series, const char* first, const char* last) {
  data::BarSeries out;
  out.symbol = series.symbol;
  out.interval = series.interval;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series.DayAt(i) >= Day(first) && series.DayAt(i) <= Day(last)) continue;
    out.Append(series.At(i));
  }
  return out;
}

std::size_t IndexOfDay(const data::BarSeries& series, const char* day) {
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series.DayAt(i) == Day(day)) return i;
  }
  ADD_FAILURE() << "no bar on " << day;
  return 0;
}

// The date of the context bar row `day` of `bars` sees, or "missing".
std::string Seen(const data::BarSeries& bars, const data::BarSeries& context, const std::vector<std::size_t>& index,
                 const char* day) {
  const std::size_t j = index[IndexOfDay(bars, day)];
  return j == kNoContextBar ? "missing" : FormatDate(context.DayAt(j));
}

// SPY with the sessions of a week removed: QQQ's rows see the last SPY bar before the gap for
// 5 calendar days, then nothing until SPY trades again. Both DST changes are crossed: from
// Friday 2023-11-03 (EDT) to Wednesday 2023-11-08 (EST) is 5 calendar days but 5 days and an
// hour of clock time; from Friday 2024-03-08 (EST) to Thursday 2024-03-14 (EDT) is 6 calendar
// days but 6 days less an hour.
TEST(ContextStaleness, AContextBarIsUsedForMaxAgeCalendarDaysThenMissing) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries qqq = RepoBars("data/daily/QQQ.csv");
  ASSERT_FALSE(spy.empty());
  ASSERT_FALSE(qqq.empty());
  const data::BarSeries gapped = Without(Without(spy, "2023-11-06", "2023-11-09"), "2024-03-11", "2024-03-14");
  ASSERT_EQ(gapped.size(), spy.size() - 8);

  const auto index = ContextBarsOnAvailability(qqq, gapped, 5);
  ASSERT_EQ(index.size(), qqq.size());
  EXPECT_EQ(Seen(qqq, gapped, index, "2023-11-03"), "2023-11-03");
  EXPECT_EQ(Seen(qqq, gapped, index, "2023-11-06"), "2023-11-03");  // weekend: 3 days
  EXPECT_EQ(Seen(qqq, gapped, index, "2023-11-07"), "2023-11-03");
  EXPECT_EQ(Seen(qqq, gapped, index, "2023-11-08"), "2023-11-03");  // 5 days (and an hour): still usable
  EXPECT_EQ(Seen(qqq, gapped, index, "2023-11-09"), "missing");     // 6 days
  EXPECT_EQ(Seen(qqq, gapped, index, "2023-11-10"), "2023-11-10");  // fresh again
  EXPECT_EQ(Seen(qqq, gapped, index, "2024-03-13"), "2024-03-08");  // 5 days (less an hour)
  EXPECT_EQ(Seen(qqq, gapped, index, "2024-03-14"), "missing");     // 6 days (less an hour)
  EXPECT_EQ(Seen(qqq, gapped, index, "2024-03-15"), "2024-03-15");
  // The limit is the parameter: 4 days drops the Wednesdays, 6 keeps the Thursdays.
  const auto four = ContextBarsOnAvailability(qqq, gapped, 4);
  EXPECT_EQ(Seen(qqq, gapped, four, "2023-11-07"), "2023-11-03");
  EXPECT_EQ(Seen(qqq, gapped, four, "2023-11-08"), "missing");
  EXPECT_EQ(Seen(qqq, gapped, four, "2024-03-13"), "missing");
  const auto six = ContextBarsOnAvailability(qqq, gapped, 6);
  EXPECT_EQ(Seen(qqq, gapped, six, "2023-11-09"), "2023-11-03");
  EXPECT_EQ(Seen(qqq, gapped, six, "2024-03-14"), "2024-03-08");
  // 0 days: only a bar of the same day.
  const auto same_day = ContextBarsOnAvailability(qqq, gapped, 0);
  EXPECT_EQ(Seen(qqq, gapped, same_day, "2023-11-03"), "2023-11-03");
  EXPECT_EQ(Seen(qqq, gapped, same_day, "2023-11-06"), "missing");
  // Before the first context bar: missing.
  const data::BarSeries late = spy.Slice(IndexOfDay(spy, "2010-01-04"), spy.size());
  EXPECT_EQ(ContextBarsOnAvailability(qqq, late, 5)[0], kNoContextBar);

  // JoinOnAvailability takes exactly these bars: the column's value there, NaN elsewhere.
  std::vector<double> column(gapped.size());
  for (std::size_t j = 0; j < column.size(); ++j) column[j] = double(j);
  const auto joined = JoinOnAvailability(qqq, gapped, column, 5);
  for (std::size_t t = 0; t < qqq.size(); ++t) {
    if (index[t] == kNoContextBar) {
      EXPECT_TRUE(std::isnan(joined[t])) << t;
    } else {
      EXPECT_EQ(joined[t], double(index[t])) << t;
    }
  }
}

// The default never trips on the bundled data while a context runs (weekends and holidays
// stay within it: no row sees a bar older than 3 days), so the rule changes nothing there.
TEST(ContextStaleness, DefaultNeverTripsOnTheBundledDataWhileTheContextRuns) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries vix = RepoBars("data/macro/VIX.csv", "", true);
  for (const char* symbol : {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"}) {
    const data::BarSeries bars = RepoBars(std::string("data/daily/") + symbol + ".csv");
    ASSERT_FALSE(bars.empty()) << symbol;
    for (const data::BarSeries* context : {&spy, &vix}) {
      const auto index = ContextBarsOnAvailability(bars, *context, kDefaultContextMaxAgeDays);
      int max_age = 0;
      std::size_t inside = 0;
      for (std::size_t t = 0; t < bars.size(); ++t) {
        const Days day = bars.DayAt(t);
        if (day < context->DayAt(0) || day > context->DayAt(context->size() - 1)) continue;
        ++inside;
        ASSERT_NE(index[t], kNoContextBar) << symbol << " " << FormatDate(day) << " vs " << context->symbol;
        max_age = std::max(max_age, day - context->DayAt(index[t]));
      }
      EXPECT_GT(inside, 2000u) << symbol;
      EXPECT_LE(max_age, 3) << symbol << " vs " << context->symbol;
    }
  }
}

// AAPL runs to 2026-07-21, SPY to Friday 2024-03-22, the VIX to 2026-07-23. Before, SPY's
// last 21-bar return was carried onto every later AAPL row; now the market features are NaN
// from the sixth calendar day on, and the VIX features stay defined.
TEST(ContextStaleness, MarketFeaturesOfAnEndedMarketAreMissingNotFrozen) {
  const data::BarSeries spy = RepoBars("data/daily/SPY.csv");
  const data::BarSeries vix = RepoBars("data/macro/VIX.csv", "", true);
  const data::BarSeries aapl = RepoBars("data/daily/AAPL.csv");
  ASSERT_EQ(FormatDate(spy.DayAt(spy.size() - 1)), "2024-03-22");
  auto frame = ComputeFeatures(aapl, {&spy, &vix});
  ASSERT_TRUE(frame.ok()) << frame.error().message;
  const auto& rel = *frame->Find("rel_strength_spy_21");
  const auto& trend = *frame->Find("market_trend_regime");
  const auto& corr = *frame->Find("corr_spy_63");
  const auto& vix_level = *frame->Find("vix_level");
  const auto& ret_21 = *frame->Find("ret_21");
  const std::size_t friday = IndexOfDay(aapl, "2024-03-22");
  const std::size_t monday = IndexOfDay(aapl, "2024-03-25");
  const std::size_t wednesday = IndexOfDay(aapl, "2024-03-27");
  const std::size_t thursday = IndexOfDay(aapl, "2024-03-28");  // 6 days after SPY's last bar
  // Within 5 days, the last SPY bar is used: AAPL's 21-bar return minus SPY's last one.
  const double spy_ret_21 = spy.adj_close.back() / spy.adj_close[spy.size() - 22] - 1.0;
  EXPECT_DOUBLE_EQ(rel[friday], ret_21[friday] - spy_ret_21);
  EXPECT_DOUBLE_EQ(rel[monday], ret_21[monday] - spy_ret_21);
  EXPECT_DOUBLE_EQ(rel[wednesday], ret_21[wednesday] - spy_ret_21);
  EXPECT_FALSE(std::isnan(trend[wednesday]));
  std::size_t missing = 0;
  for (std::size_t t = thursday; t < aapl.size(); ++t) {
    missing += std::isnan(rel[t]) && std::isnan(trend[t]) && std::isnan(corr[t]);
    EXPECT_FALSE(std::isnan(vix_level[t])) << FormatDate(aapl.DayAt(t));
  }
  EXPECT_EQ(missing, aapl.size() - thursday);
  EXPECT_GT(missing, 500u);
  // A negative age is refused.
  auto refused = ComputeFeatures(aapl, {.market = &spy, .vix = &vix, .max_age_days = -1});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("maximum age"), std::string::npos) << refused.error().message;
}

}  // namespace
}  // namespace qat::features
