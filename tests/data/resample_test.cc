// Session-aware resampling on the bundled real SPY 5-minute bars (yfinance, bars labelled by
// their start, 04:00-20:00 New York; see data/PROVENANCE.md).
#include "qat/data/resample.h"

#include <gtest/gtest.h>

#include <cmath>

#include "qat/data/calendar.h"
#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::data {
namespace {

const BarSeries& Spy5m() {
  static const BarSeries series = [] {
    auto read = ReadBarsCsv(testing::RepoPath("data/intraday/SPY_5m.csv"),
                            {.symbol = "SPY", .interval = Interval::k5m});
    EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
    return read.ok() ? *read : BarSeries{};
  }();
  return series;
}

BarSeries Must(Result<ResampleResult> r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r->series : BarSeries{};
}

Timestamp T(const char* iso) { return ParseTimestamp(iso).value(); }

// Index of the bar starting at `t`, or -1.
long Find(const BarSeries& s, Timestamp t) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.start[i] == t) return static_cast<long>(i);
  }
  return -1;
}

void ExpectSameSeries(const BarSeries& a, const BarSeries& b) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.interval, b.interval);
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.available, b.available);
  EXPECT_EQ(a.open, b.open);
  EXPECT_EQ(a.high, b.high);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.close, b.close);
  EXPECT_EQ(a.adj_close, b.adj_close);
  EXPECT_EQ(a.volume, b.volume);
}

TEST(Resample, ChainFiveMinToHourToFourHourToDayEqualsDirect) {
  const BarSeries& m5 = Spy5m();
  ASSERT_EQ(m5.size(), 7143u);
  BarSeries h1 = Must(Resample(m5, Interval::k1h));
  BarSeries h4 = Must(Resample(h1, Interval::k4h));
  BarSeries chained = Must(Resample(h4, Interval::k1d));
  BarSeries direct = Must(Resample(m5, Interval::k1d));
  // 38 sessions 2025-05-19..2025-07-14 (Memorial Day, Juneteenth and Independence Day out).
  EXPECT_EQ(direct.size(), 38u);
  ExpectSameSeries(chained, direct);
  // 15m -> 1h agrees with 5m -> 1h as well, and 1d -> 1wk with 5m -> 1wk.
  ExpectSameSeries(Must(Resample(Must(Resample(m5, Interval::k15m)), Interval::k1h)), h1);
  ExpectSameSeries(Must(Resample(direct, Interval::k1wk)), Must(Resample(m5, Interval::k1wk)));
}

TEST(Resample, ExtendedHoursBarsAreLeftOutOfTheRegularSession) {
  auto r = Resample(Spy5m(), Interval::k1d);
  ASSERT_TRUE(r.ok());
  // Counted from the file with awk: 2926 bars start in [09:30, close) (close 13:00 on
  // 2025-07-03), 4217 do not.
  EXPECT_EQ(r->dropped_extended, 4217u);
  EXPECT_EQ(r->dropped_closed_day, 0u);
  double bars_kept = 0;
  for (std::size_t i = 0; i < Spy5m().size(); ++i) {
    const Days day = Spy5m().DayAt(i);
    const Timestamp t = Spy5m().start[i];
    if (t >= SessionOpenTime(day) && t < SessionCloseTime(day)) bars_kept += 1;
  }
  EXPECT_EQ(bars_kept, 2926);
  // 2025-05-20: after-hours bars reach 593.2816624080648 (line 332, 16:00) and a bad print
  // at 553.0391867926519 (line 350, 17:30); neither belongs to the session's bar.
  long i = Find(r->series, T("2025-05-20T00:00:00Z"));
  ASSERT_GE(i, 0);
  EXPECT_LT(r->series.high[i], 593.0);
  EXPECT_GT(r->series.low[i], 587.0);
  // With extended hours the day covers 04:00-20:00 and takes them in.
  auto ext = Resample(Spy5m(), Interval::k1d, {.extended_hours = true});
  ASSERT_TRUE(ext.ok());
  EXPECT_EQ(ext->dropped_extended, 0u);
  i = Find(ext->series, T("2025-05-20T00:00:00Z"));
  ASSERT_GE(i, 0);
  EXPECT_EQ(ext->series.high[i], 593.2816624080648);
  EXPECT_EQ(ext->series.low[i], 553.0391867926519);
  EXPECT_EQ(ext->series.open[i], 591.2712086877889);  // line 191, 04:00 open
  EXPECT_EQ(ext->series.available[i], T("2025-05-20T20:00:00-04:00"));
}

TEST(Resample, OneDayCheckedByHand) {
  // 2025-05-20, regular session = file lines 254 (09:30) .. 331 (15:55), 78 bars (the file
  // has no 09:15-09:25 bars, which are pre-market anyway):
  //   open   591.3410290369737   line 254 (09:30) open
  //   high   592.2981590896004   line 269 (10:45) high, the largest high of lines 254..331
  //   low    587.861269783461    line 321 (15:05) low, the smallest low of lines 254..331
  //   close  591.081786029332    line 331 (15:55) close
  //   volume 53577171            sum of the volume column over lines 254..331
  auto r = Resample(Spy5m(), Interval::k1d);
  ASSERT_TRUE(r.ok());
  long i = Find(r->series, T("2025-05-20T00:00:00Z"));
  ASSERT_GE(i, 0);
  const BarSeries& d = r->series;
  EXPECT_EQ(d.open[i], 591.3410290369737);
  EXPECT_EQ(d.high[i], 592.2981590896004);
  EXPECT_EQ(d.low[i], 587.861269783461);
  EXPECT_EQ(d.close[i], 591.081786029332);
  EXPECT_EQ(d.volume[i], 53577171.0);
  EXPECT_EQ(d.available[i], T("2025-05-20T16:00:00-04:00"));
}

TEST(Resample, HourlyBarsAnchoredAt0930WithAPartialLastBar) {
  BarSeries h1 = Must(Resample(Spy5m(), Interval::k1h));
  const char* starts[] = {"09:30", "10:30", "11:30", "12:30", "13:30", "14:30", "15:30"};
  for (const char* hm : starts) {
    std::string iso = std::string("2025-05-20T") + hm + ":00-04:00";
    EXPECT_GE(Find(h1, T(iso.c_str())), 0) << iso;
  }
  long last = Find(h1, T("2025-05-20T15:30:00-04:00"));
  ASSERT_GE(last, 0);
  // 15:30-16:00: lines 326..331; it is final at 16:00, not 16:30.
  EXPECT_EQ(h1.available[last], T("2025-05-20T16:00:00-04:00"));
  EXPECT_EQ(h1.open[last], 589.5762292196941);   // line 326 open
  EXPECT_EQ(h1.close[last], 591.081786029332);   // line 331 close
  EXPECT_EQ(h1.volume[last], 1023304.0 + 1034121 + 1312069 + 1046982 + 1800387 + 3390763);
  EXPECT_EQ(h1.start[last + 1], T("2025-05-21T09:30:00-04:00"));  // nothing after 16:00
  EXPECT_EQ(h1.size(), 37u * 7 + 4);  // 37 full sessions x 7, plus 2025-07-03 (4 bars)

  BarSeries h4 = Must(Resample(h1, Interval::k4h));
  long a = Find(h4, T("2025-05-20T09:30:00-04:00"));
  ASSERT_GE(a, 0);
  EXPECT_EQ(h4.start[a + 1], T("2025-05-20T13:30:00-04:00"));
  EXPECT_EQ(h4.available[a], T("2025-05-20T13:30:00-04:00"));
  EXPECT_EQ(h4.available[a + 1], T("2025-05-20T16:00:00-04:00"));
  EXPECT_EQ(h4.start[a + 2], T("2025-05-21T09:30:00-04:00"));
}

TEST(Resample, EarlyCloseOn20250703EndsAt1300) {
  // 2025-07-03 closes at 13:00. Regular bars: file lines 5923 (09:30) .. 5962 (12:45), 40
  // bars; the file has no 12:50/12:55 bars. The 13:55 after-hours bar (line 5974) has a bad
  // low of 581.8076 that must not reach the session.
  //   open 622.4500122070312 (line 5923), high 626.280029296875 (line 5961),
  //   low 622.4299926757812 (line 5923), close 626.02001953125 (line 5962), volume 38828774.
  BarSeries d = Must(Resample(Spy5m(), Interval::k1d));
  long i = Find(d, T("2025-07-03T00:00:00Z"));
  ASSERT_GE(i, 0);
  EXPECT_EQ(d.open[i], 622.4500122070312);
  EXPECT_EQ(d.high[i], 626.280029296875);
  EXPECT_EQ(d.low[i], 622.4299926757812);
  EXPECT_EQ(d.close[i], 626.02001953125);
  EXPECT_EQ(d.volume[i], 38828774.0);
  BarSeries h1 = Must(Resample(Spy5m(), Interval::k1h));
  long last = Find(h1, T("2025-07-03T12:30:00-04:00"));
  ASSERT_GE(last, 0);
  EXPECT_EQ(h1.available[last], T("2025-07-03T13:00:00-04:00"));
  EXPECT_EQ(h1.start[last + 1], T("2025-07-07T09:30:00-04:00"));
  BarSeries h4 = Must(Resample(h1, Interval::k4h));
  long only = Find(h4, T("2025-07-03T09:30:00-04:00"));
  ASSERT_GE(only, 0);
  EXPECT_EQ(h4.available[only], T("2025-07-03T13:00:00-04:00"));
  EXPECT_EQ(h4.start[only + 1], T("2025-07-07T09:30:00-04:00"));
}

TEST(Resample, ExtendedHoursBucketsNeverCrossTheOpenOrClose) {
  BarSeries h1 = Must(Resample(Spy5m(), Interval::k1h, {.extended_hours = true}));
  // 2025-05-20: pre-market buckets end on the half hour (03:30-04:30, ..., 08:30-09:30); the
  // file starts at 04:00, so the 03:30 bucket holds 04:00..04:25 only. Then the session's 7
  // and after hours 16:00, 17:00, 18:00, 19:00.
  std::vector<Timestamp> day;
  for (std::size_t i = 0; i < h1.size(); ++i) {
    if (NewYorkDay(h1.start[i]) == ParseDate("2025-05-20").value()) day.push_back(h1.start[i]);
  }
  std::vector<Timestamp> expected;
  for (const char* hm : {"03:30", "04:30", "05:30", "06:30", "07:30", "08:30", "09:30", "10:30",
                         "11:30", "12:30", "13:30", "14:30", "15:30", "16:00", "17:00", "18:00",
                         "19:00"}) {
    expected.push_back(T((std::string("2025-05-20T") + hm + ":00-04:00").c_str()));
  }
  EXPECT_EQ(day, expected);
  long pre = Find(h1, T("2025-05-20T03:30:00-04:00"));
  ASSERT_GE(pre, 0);
  EXPECT_EQ(h1.available[pre], T("2025-05-20T04:30:00-04:00"));
  EXPECT_EQ(h1.open[pre], 591.2712086877889);  // line 191, 04:00
  long post = Find(h1, T("2025-05-20T16:00:00-04:00"));
  EXPECT_EQ(h1.high[post], 593.2816624080648);  // line 332
}

TEST(Resample, WeeklyBarsFromRealDailyBars) {
  auto spy = ReadBarsCsv(testing::RepoPath("data/daily/SPY.csv"), {.symbol = "SPY"});
  ASSERT_TRUE(spy.ok());
  BarSeries w = Must(Resample(*spy, Interval::k1wk));
  // Week of 2023-04-03: Monday..Thursday sessions, Good Friday 2023-04-07 closed.
  long i = Find(w, T("2023-04-03T00:00:00Z"));
  ASSERT_GE(i, 0);
  long mon = Find(*spy, T("2023-04-03T00:00:00Z"));
  long thu = Find(*spy, T("2023-04-06T00:00:00Z"));
  ASSERT_EQ(thu - mon, 3);
  EXPECT_EQ(w.open[i], spy->open[mon]);
  EXPECT_EQ(w.close[i], spy->close[thu]);
  double volume = 0, high = 0, low = 1e9;
  for (long k = mon; k <= thu; ++k) {
    volume += spy->volume[k];
    high = std::max(high, spy->high[k]);
    low = std::min(low, spy->low[k]);
  }
  EXPECT_EQ(w.volume[i], volume);
  EXPECT_EQ(w.high[i], high);
  EXPECT_EQ(w.low[i], low);
  // The week ends at its last session: final at Thursday's close, not on the closed Friday.
  EXPECT_EQ(w.available[i], T("2023-04-06T16:00:00-04:00"));
  long next = Find(w, T("2023-04-10T00:00:00Z"));
  ASSERT_EQ(next, i + 1);
  EXPECT_EQ(w.available[next], T("2023-04-14T16:00:00-04:00"));
  // A week whose Monday is a holiday (Presidents' Day 2024-02-19) is still labelled Monday.
  EXPECT_GE(Find(w, T("2024-02-19T00:00:00Z")), 0);
  EXPECT_EQ(Find(w, T("2024-02-20T00:00:00Z")), -1);
}

// Hand-made daily bars: when each weekly bar becomes final. A week is final at the 16:00 close
// of its last session by the calendar (the daily convention, also on the 13:00 early close of
// 2020-12-24), not on a closed Friday; a week whose data stops early is not final before its
// last session's close either.
TEST(Resample, AWeekIsFinalAtTheCloseOfItsLastSession) {
  BarSeries daily;
  daily.symbol = "X";
  for (const char* date : {"2020-12-21", "2020-12-22", "2020-12-23", "2020-12-24",  // Fri 25 closed
                           "2020-12-28", "2020-12-29", "2020-12-30", "2020-12-31", "2021-01-01",
                           "2021-01-04", "2021-01-05", "2021-01-06"}) {  // data stops on a Wednesday
    const Timestamp start = Timestamp{ParseDate(date).value()} * kSecondsPerDay;
    daily.Append(Bar{start, AvailableTime(Interval::k1d, start), 10, 11, 9, 10, 10, 100});
  }
  // 2021-01-01 (New Year's Day, a Friday) is closed: the bar on it is dropped and counted.
  auto r = Resample(daily, Interval::k1wk);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->dropped_closed_day, 1u);
  const BarSeries& w = r->series;
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w.start[0], T("2020-12-21T00:00:00Z"));
  EXPECT_EQ(w.available[0], T("2020-12-24T16:00:00-05:00"));  // Christmas Friday: Thursday
  EXPECT_EQ(w.available[1], T("2020-12-31T16:00:00-05:00"));  // New Year's Friday: Thursday
  EXPECT_EQ(w.available[2], T("2021-01-08T16:00:00-05:00"));  // Mon..Wed only: still Friday
  EXPECT_EQ(w.volume[0], 400.0);
  EXPECT_EQ(w.volume[1], 400.0);
  EXPECT_EQ(w.volume[2], 300.0);
  // The same rule for weekly bars read from a file or a provider (AvailableTime).
  EXPECT_EQ(AvailableTime(Interval::k1wk, T("2023-04-03T00:00:00Z")), T("2023-04-06T16:00:00-04:00"));
  EXPECT_EQ(AvailableTime(Interval::k1wk, T("2023-04-10T00:00:00Z")), T("2023-04-14T16:00:00-04:00"));
}

// Yahoo's own 5-minute bars against our 1m -> 5m, on the five sessions both files cover
// (2025-07-08..2025-07-14, 5 x 78 regular-session buckets). Found by this test, not fixed:
// open/high/low/close agree exactly in all 390 buckets; volume agrees exactly in 345 and
// within 0.1% in 389; the exception is 2025-07-10 12:00, where SPY_1m.csv line 2340 (12:03)
// carries a 23772108-share print that Yahoo's 5m bar (volume 447521) does not include.
TEST(Resample, OneMinuteToFiveMinuteReproducesYahoosFiveMinuteBars) {
  auto m1 = ReadBarsCsv(testing::RepoPath("data/intraday/SPY_1m.csv"),
                        {.symbol = "SPY", .interval = Interval::k1m});
  ASSERT_TRUE(m1.ok());
  BarSeries ours = Must(Resample(*m1, Interval::k5m));
  ASSERT_EQ(ours.size(), 390u);
  const BarSeries& yahoo = Spy5m();
  std::size_t same_prices = 0, same_volume = 0, close_volume = 0;
  std::vector<std::string> far;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    long j = Find(yahoo, ours.start[i]);
    ASSERT_GE(j, 0) << FormatTimestampNewYork(ours.start[i]);
    if (ours.open[i] == yahoo.open[j] && ours.high[i] == yahoo.high[j] &&
        ours.low[i] == yahoo.low[j] && ours.close[i] == yahoo.close[j]) {
      ++same_prices;
    }
    if (ours.volume[i] == yahoo.volume[j]) ++same_volume;
    if (std::abs(ours.volume[i] - yahoo.volume[j]) <= 1e-3 * yahoo.volume[j]) {
      ++close_volume;
    } else {
      far.push_back(FormatTimestampNewYork(ours.start[i]));
    }
  }
  EXPECT_EQ(same_prices, 390u);
  EXPECT_EQ(same_volume, 345u);
  EXPECT_EQ(close_volume, 389u);
  EXPECT_EQ(far, std::vector<std::string>{"2025-07-10T12:00:00-04:00"});
}

TEST(Resample, RejectsFinerTargetsAndMisalignedBars) {
  BarSeries h1 = Must(Resample(Spy5m(), Interval::k1h));
  auto finer = Resample(h1, Interval::k15m);
  ASSERT_FALSE(finer.ok());
  EXPECT_NE(finer.error().message.find("coarser"), std::string::npos) << finer.error().message;
  EXPECT_FALSE(Resample(h1, Interval::k1h).ok());
  BarSeries w = Must(Resample(Spy5m(), Interval::k1wk));
  EXPECT_FALSE(Resample(w, Interval::k1wk).ok());
  // Hourly bars labelled on the clock hour (10:00, 11:00, ...) straddle 4h buckets anchored
  // at 09:30.
  BarSeries shifted = h1;
  for (auto& t : shifted.start) t += 30 * 60;
  auto bad = Resample(shifted, Interval::k4h);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("straddles"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace qat::data
