// Timeframes as of an instant (qat/signals/timeframe.h): hand-worked instants around week
// ends, a holiday week and 4h bars, and a property on real bars: the bar LastClosedBar picks
// is exactly the last closed bar of the series rebuilt from the input truncated at t, so it
// never holds data from after t.
#include "qat/signals/timeframe.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "qat/data/csv.h"
#include "qat/data/resample.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::signals {
namespace {

using data::Bar;
using data::BarSeries;
using data::Interval;

Timestamp T(const char* iso) { return ParseTimestamp(iso).value(); }

BarSeries Must(Result<BarSeries> r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : BarSeries{};
}

// Daily bars on the given session dates, close = 100 + its position, volume 1000.
BarSeries DailyBars(const std::vector<const char*>& dates) {
  BarSeries s;
  s.symbol = "X";
  s.interval = Interval::k1d;
  for (const char* date : dates) {
    const Timestamp start = Timestamp{ParseDate(date).value()} * kSecondsPerDay;
    const double c = 100.0 + static_cast<double>(s.size());
    s.Append(Bar{start, data::AvailableTime(Interval::k1d, start), c - 0.5, c + 1, c - 1, c, c, 1000});
  }
  return s;
}

TEST(Timeframe, NamesParseAndMapToIntervals) {
  for (Timeframe tf : kTimeframes) EXPECT_EQ(ParseTimeframe(TimeframeName(tf)).value(), tf);
  EXPECT_EQ(TimeframeInterval(Timeframe::k1w), Interval::k1wk);
  EXPECT_EQ(TimeframeInterval(Timeframe::k4h), Interval::k4h);
  auto bad = ParseTimeframe("1wk");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().message, "unknown timeframe '1wk': expected 1h, 4h, 1d or 1w");
}

TEST(Timeframe, DeriveOnlyFourHoursFromHoursAndWeeksFromDays) {
  const BarSeries daily = DailyBars({"2024-03-18", "2024-03-19"});
  auto hours = DeriveTimeframe(daily, Timeframe::k4h);
  ASSERT_FALSE(hours.ok());
  EXPECT_EQ(hours.error().message, "X: 4h bars are derived from 1h bars, not from 1d bars");
  auto stored = DeriveTimeframe(daily, Timeframe::k1d);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().message, "X: 1d bars are stored, not derived (4h is derived from 1h, 1w from 1d)");
  // 1h bars labelled on the clock hour (10:00, 11:00, ...) straddle the 09:30-anchored 4h
  // buckets: Resample's error comes through.
  BarSeries clock_hours;
  clock_hours.symbol = "X";
  clock_hours.interval = Interval::k1h;
  for (const char* hour : {"2024-03-18T12:00:00-04:00", "2024-03-18T13:00:00-04:00"}) {
    clock_hours.Append(Bar{T(hour), T(hour) + 3600, 1, 1, 1, 1, 1, 1});  // 13:00-14:00 crosses 13:30
  }
  auto misaligned = DeriveTimeframe(clock_hours, Timeframe::k4h);
  ASSERT_FALSE(misaligned.ok());
  EXPECT_NE(misaligned.error().message.find("straddles"), std::string::npos) << misaligned.error().message;
}

// Three weeks of daily bars: 2024-03-18..22 (full), 2024-03-25..28 (Good Friday 03-29 closed:
// the week ends on Thursday), 2024-04-01..03 (the data stops on a Wednesday).
TEST(Timeframe, AWeeklyBarIsClosedOnlyFromTheCloseOfItsLastSession) {
  const BarSeries daily = DailyBars({"2024-03-18", "2024-03-19", "2024-03-20", "2024-03-21", "2024-03-22",
                                     "2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28",
                                     "2024-04-01", "2024-04-02", "2024-04-03"});
  const BarSeries weekly = Must(DeriveTimeframe(daily, Timeframe::k1w));
  ASSERT_EQ(weekly.size(), 3u);
  EXPECT_EQ(weekly.available[0], T("2024-03-22T16:00:00-04:00"));
  EXPECT_EQ(weekly.available[1], T("2024-03-28T16:00:00-04:00"));
  EXPECT_EQ(weekly.available[2], T("2024-04-05T16:00:00-04:00"));
  EXPECT_EQ(weekly.close[1], 108.0);  // Thursday 03-28, the 9th bar
  using Index = std::optional<std::size_t>;

  // At the daily close of Wednesday 03-20: Wednesday's bar is closed, the week's bar does not
  // exist yet (nor does any earlier one: none).
  EXPECT_EQ(LastClosedBar(daily, T("2024-03-20T16:00:00-04:00")), Index(2));
  EXPECT_EQ(LastClosedBar(daily, T("2024-03-20T15:59:59-04:00")), Index(1));
  EXPECT_EQ(LastClosedBar(weekly, T("2024-03-20T16:00:00-04:00")), std::nullopt);
  // The first week closes at Friday 16:00 exactly.
  EXPECT_EQ(LastClosedBar(weekly, T("2024-03-22T15:59:59-04:00")), std::nullopt);
  EXPECT_EQ(LastClosedBar(weekly, T("2024-03-22T16:00:00-04:00")), Index(0));
  // Wednesday 03-27 close: the week of 03-25 does not exist yet; the last closed week is 03-18.
  EXPECT_EQ(LastClosedBar(weekly, T("2024-03-27T16:00:00-04:00")), Index(0));
  EXPECT_EQ(LastClosedBar(daily, T("2024-03-27T16:00:00-04:00")), Index(7));
  // The Good Friday week closes at Thursday's close, and is the last closed week on the
  // closed Friday and over the weekend.
  EXPECT_EQ(LastClosedBar(weekly, T("2024-03-28T15:59:59-04:00")), Index(0));
  EXPECT_EQ(LastClosedBar(weekly, T("2024-03-28T16:00:00-04:00")), Index(1));
  EXPECT_EQ(LastClosedBar(weekly, T("2024-03-29T12:00:00-04:00")), Index(1));
  EXPECT_EQ(LastClosedBar(daily, T("2024-03-29T12:00:00-04:00")), Index(8));
  // Wednesday 04-03 close: the week of 04-01 is not closed (its last session is Friday).
  EXPECT_EQ(LastClosedBar(weekly, T("2024-04-03T16:00:00-04:00")), Index(1));
  EXPECT_EQ(LastClosedBar(daily, T("2024-04-03T16:00:00-04:00")), Index(11));
  // Before any bar.
  EXPECT_EQ(LastClosedBar(daily, T("2024-03-18T09:30:00-04:00")), std::nullopt);
  EXPECT_EQ(LastClosedBar(BarSeries{}, T("2024-03-18T09:30:00-04:00")), std::nullopt);
}

// 1h bars of 2024-07-02 (09:30..15:30, the last a 30-minute bar final at 16:00) and of
// 2024-07-03 (13:00 early close: 09:30..12:30, the last final at 13:00), with the available
// times data::Resample gives 1h bars.
TEST(Timeframe, AFourHourBarIsClosedOnlyFromItsEnd) {
  BarSeries hourly;
  hourly.symbol = "X";
  hourly.interval = Interval::k1h;
  auto add = [&](const char* start, const char* available, double close) {
    hourly.Append(Bar{T(start), T(available), close - 0.25, close + 0.5, close - 0.5, close, close, 10});
  };
  add("2024-07-02T09:30:00-04:00", "2024-07-02T10:30:00-04:00", 10);
  add("2024-07-02T10:30:00-04:00", "2024-07-02T11:30:00-04:00", 11);
  add("2024-07-02T11:30:00-04:00", "2024-07-02T12:30:00-04:00", 12);
  add("2024-07-02T12:30:00-04:00", "2024-07-02T13:30:00-04:00", 13);
  add("2024-07-02T13:30:00-04:00", "2024-07-02T14:30:00-04:00", 14);
  add("2024-07-02T14:30:00-04:00", "2024-07-02T15:30:00-04:00", 15);
  add("2024-07-02T15:30:00-04:00", "2024-07-02T16:00:00-04:00", 16);
  add("2024-07-03T09:30:00-04:00", "2024-07-03T10:30:00-04:00", 20);
  add("2024-07-03T10:30:00-04:00", "2024-07-03T11:30:00-04:00", 21);
  add("2024-07-03T11:30:00-04:00", "2024-07-03T12:30:00-04:00", 22);
  add("2024-07-03T12:30:00-04:00", "2024-07-03T13:00:00-04:00", 23);
  const BarSeries four = Must(DeriveTimeframe(hourly, Timeframe::k4h));
  ASSERT_EQ(four.size(), 3u);
  EXPECT_EQ(four.start[1], T("2024-07-02T13:30:00-04:00"));
  EXPECT_EQ(four.available[0], T("2024-07-02T13:30:00-04:00"));
  EXPECT_EQ(four.available[1], T("2024-07-02T16:00:00-04:00"));
  EXPECT_EQ(four.available[2], T("2024-07-03T13:00:00-04:00"));
  EXPECT_EQ(four.open[1], 13.75);   // the 13:30 bar's open
  EXPECT_EQ(four.close[1], 16.0);   // the 15:30 bar's close
  EXPECT_EQ(four.high[2], 23.5);
  EXPECT_EQ(four.volume[2], 40.0);  // four 1h bars
  using Index = std::optional<std::size_t>;

  // 14:30: the 13:30-16:00 bar does not exist; the 13:30-14:30 hour has just closed.
  EXPECT_EQ(LastClosedBar(four, T("2024-07-02T14:30:00-04:00")), Index(0));
  EXPECT_EQ(LastClosedBar(hourly, T("2024-07-02T14:30:00-04:00")), Index(4));
  EXPECT_EQ(LastClosedBar(hourly, T("2024-07-02T14:29:59-04:00")), Index(3));
  // Before 13:30 no 4h bar of the day is closed.
  EXPECT_EQ(LastClosedBar(four, T("2024-07-02T13:29:59-04:00")), std::nullopt);
  EXPECT_EQ(LastClosedBar(four, T("2024-07-02T13:30:00-04:00")), Index(0));
  EXPECT_EQ(LastClosedBar(four, T("2024-07-02T15:59:59-04:00")), Index(0));
  EXPECT_EQ(LastClosedBar(four, T("2024-07-02T16:00:00-04:00")), Index(1));
  EXPECT_EQ(LastClosedBar(hourly, T("2024-07-02T16:00:00-04:00")), Index(6));
  // Early close: the day's only 4h bar (09:30-13:00) closes at 13:00.
  EXPECT_EQ(LastClosedBar(four, T("2024-07-03T12:59:59-04:00")), Index(1));
  EXPECT_EQ(LastClosedBar(four, T("2024-07-03T13:00:00-04:00")), Index(2));
  EXPECT_EQ(LastClosedBar(four, T("2024-07-04T12:00:00-04:00")), Index(2));
}

// ---- The property on real bars -------------------------------------------------------

using PickBar = std::function<std::optional<std::size_t>(const BarSeries&, Timestamp)>;
// The bars of `raw` known at t (available <= t) rebuilt into the timeframe.
using Rebuild = std::function<BarSeries(const BarSeries& raw_known_at_t)>;

bool SameBar(const BarSeries& a, std::size_t i, const BarSeries& b, std::size_t j) {
  return a.start[i] == b.start[j] && a.available[i] == b.available[j] && a.open[i] == b.open[j] &&
         a.high[i] == b.high[j] && a.low[i] == b.low[j] && a.close[i] == b.close[j] &&
         a.adj_close[i] == b.adj_close[j] && a.volume[i] == b.volume[j];
}

// For every instant: the bar `pick` chooses in the timeframe built from all of `raw` must be
// the last bar with available <= t (by a plain scan) of the timeframe rebuilt from the bars
// of `raw` known at t, equal in every field. Returns the instants where it is not.
std::vector<std::string> Violations(const BarSeries& raw, const Rebuild& rebuild, const std::vector<Timestamp>& instants,
                                    const PickBar& pick) {
  const BarSeries full = rebuild(raw);
  std::vector<std::string> out;
  EXPECT_TRUE(std::is_sorted(instants.begin(), instants.end()));
  std::size_t known = 0;  // instants ascend, so the known prefix only grows
  for (Timestamp t : instants) {
    while (known < raw.size() && raw.available[known] <= t) ++known;
    const BarSeries truncated = rebuild(raw.Slice(0, known));
    std::optional<std::size_t> expected;
    for (std::size_t j = 0; j < truncated.size(); ++j) {
      if (truncated.available[j] <= t) expected = j;
    }
    const std::optional<std::size_t> got = pick(full, t);
    const bool same = got.has_value() == expected.has_value() &&
                      (!got || (*got == *expected && SameBar(full, *got, truncated, *expected)));
    if (!same) out.push_back(FormatTimestampNewYork(t));
  }
  return out;
}

// Every k-th instant: enough to show the planted leak.
std::vector<Timestamp> EveryKth(const std::vector<Timestamp>& instants, std::size_t k) {
  std::vector<Timestamp> out;
  for (std::size_t i = 0; i < instants.size(); i += k) out.push_back(instants[i]);
  return out;
}

// The planted leak: a bar taken from its start instead of its available time.
std::optional<std::size_t> LastStartedBar(const BarSeries& series, Timestamp t) {
  std::optional<std::size_t> last;
  for (std::size_t i = 0; i < series.size() && series.start[i] <= t; ++i) last = i;
  return last;
}

TEST(Timeframe, WeeklyBarAsOfAnyInstantUsesNoDailyBarFromAfterIt) {
  const BarSeries daily = testing::RepoBars("data/daily/SPY.csv", "SPY");
  ASSERT_EQ(daily.size(), 7843u);
  // Every session from 2021 to the file's end (2024-03-22), 4 instants each: 00:00 UTC of its
  // date (the evening before in New York), 12:00 New York, the second before its close and
  // the instant of its close.
  std::vector<Timestamp> instants;
  for (std::size_t i = 0; i < daily.size(); ++i) {
    if (daily.start[i] < T("2021-01-01T00:00:00Z")) continue;
    const Days day = daily.DayAt(i);
    instants.insert(instants.end(), {daily.start[i], NewYorkTime(day, 12 * 3600), daily.available[i] - 1,
                                     daily.available[i]});
  }
  ASSERT_EQ(instants.size(), 4u * 810);
  const Rebuild weekly = [](const BarSeries& d) { return Must(DeriveTimeframe(d, Timeframe::k1w)); };
  EXPECT_EQ(Violations(daily, weekly, instants, LastClosedBar), std::vector<std::string>{});
  // The same check catches a bar used from its start (from each Monday to the week's close).
  EXPECT_GT(Violations(daily, weekly, EveryKth(instants, 5), LastStartedBar).size(), 400u);
}

TEST(Timeframe, HourAndFourHourBarsAsOfAnyInstantUseNoFiveMinuteBarFromAfterIt) {
  auto read = data::ReadBarsCsv(testing::RepoPath("data/intraday/SPY_5m.csv"),
                                {.symbol = "SPY", .interval = Interval::k5m});
  ASSERT_TRUE(read.ok()) << read.error().message;
  const BarSeries& m5 = *read;
  // Every 30 minutes from 09:00 to 16:30 of every day in the file (weekends and holidays
  // included; 13:00 is the early close of 2025-07-03), the second before each, and 09:47
  // and 14:12, inside the first and the last 4h bucket.
  std::vector<Timestamp> instants;
  for (Days day = m5.DayAt(0); day <= m5.DayAt(m5.size() - 1); ++day) {
    for (int s = 9 * 3600; s <= 16 * 3600 + 1800; s += 1800) {
      instants.push_back(NewYorkTime(day, s) - 1);
      instants.push_back(NewYorkTime(day, s));
      if (s == 9 * 3600 + 1800) instants.push_back(NewYorkTime(day, 9 * 3600 + 47 * 60));
      if (s == 14 * 3600) instants.push_back(NewYorkTime(day, 14 * 3600 + 12 * 60));
    }
  }
  const Rebuild hourly = [](const BarSeries& m) {
    auto r = data::Resample(m, Interval::k1h);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->series : BarSeries{};
  };
  const Rebuild four_hourly = [&](const BarSeries& m) {
    const BarSeries h = hourly(m);
    return h.empty() ? h : Must(DeriveTimeframe(h, Timeframe::k4h));
  };
  EXPECT_EQ(Violations(m5, hourly, instants, LastClosedBar), std::vector<std::string>{});
  EXPECT_EQ(Violations(m5, four_hourly, instants, LastClosedBar), std::vector<std::string>{});
  // The planted leak is caught inside the sessions, on both timeframes.
  const std::vector<Timestamp> some = EveryKth(instants, 3);
  EXPECT_GT(Violations(m5, hourly, some, LastStartedBar).size(), 200u);
  EXPECT_GT(Violations(m5, four_hourly, some, LastStartedBar).size(), 200u);
}

}  // namespace
}  // namespace qat::signals

namespace qat::signals {
namespace {

TEST(Timeframe, ABarIsCurrentOnTheDecisionsDayOrForAWeekWithinTenDays) {
  auto at = [](const char* day, int hour, int minute) { return NewYorkTime(*ParseDate(day), hour * 3600 + minute * 60); };
  const Timestamp close = at("2024-03-22", 16, 0);  // a Friday's close
  // The session's last hour (15:30 bar, available 16:00) speaks for its close; the previous
  // day's does not, nor does a bar from 2021.
  EXPECT_TRUE(IsCurrent(Timeframe::k1h, at("2024-03-22", 16, 0), close));
  EXPECT_TRUE(IsCurrent(Timeframe::k4h, at("2024-03-22", 13, 30), close));
  EXPECT_FALSE(IsCurrent(Timeframe::k1h, at("2024-03-21", 16, 0), close));
  EXPECT_FALSE(IsCurrent(Timeframe::k1h, at("2021-03-31", 16, 0), close));
  EXPECT_TRUE(IsCurrent(Timeframe::k1d, close, close));
  EXPECT_FALSE(IsCurrent(Timeframe::k1d, at("2024-03-21", 16, 0), close));
  // A week closed on Friday 2024-03-15 is 5 days old on Wednesday the 20th and 10 on Monday
  // the 25th (current), 12 on Wednesday the 27th (stale).
  EXPECT_TRUE(IsCurrent(Timeframe::k1w, at("2024-03-15", 16, 0), at("2024-03-20", 16, 0)));
  EXPECT_TRUE(IsCurrent(Timeframe::k1w, at("2024-03-15", 16, 0), at("2024-03-25", 16, 0)));
  EXPECT_FALSE(IsCurrent(Timeframe::k1w, at("2024-03-15", 16, 0), at("2024-03-27", 16, 0)));
  // A bar not yet available is never current.
  EXPECT_FALSE(IsCurrent(Timeframe::k1d, at("2024-03-22", 16, 1), close));
}

}  // namespace
}  // namespace qat::signals
