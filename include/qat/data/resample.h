// Resampling bars to a coarser interval: 1m/5m -> 15m -> 30m -> 1h -> 4h -> 1d -> 1wk.
//
// Bar-label convention: every bar is labelled by its START; `available` is its END (when its
// values are final). Intraday buckets are anchored at the 09:30 New York open and never
// cross the session's open or close:
//   15m  09:30-09:45, 09:45-10:00, ... 15:45-16:00
//   1h   09:30-10:30, 10:30-11:30, ... 14:30-15:30, then the partial 15:30-16:00 (30 minutes)
//   4h   09:30-13:30, then the partial 13:30-16:00 (2.5 hours)
//   1d   the session, 09:30-16:00 (start: 00:00 UTC of the date; available: 16:00 New York,
//        the daily convention of BarSeries)
//   1wk  the Monday..Friday sessions of a week (start: 00:00 UTC of its Monday, even when the
//        Monday is a holiday; available: the later of the 16:00 close of the week's last
//        session by the calendar (Friday, or Thursday when Friday is a holiday) and its last
//        bar's end, so a week whose data stops early is still not final before that close)
// On an early close (13:00) the session ends at 13:00: the last 1h bar is 12:30-13:00 and the
// only 4h bar is 09:30-13:00. A partial bucket's `available` is the session close, not
// start + interval.
//
// Extended hours (before 09:30, from the close on) are left out unless asked for. With
// extended_hours: pre-market buckets are anchored to END at 09:30 (1h: 08:30-09:30,
// 07:30-08:30, ..., 03:30-04:30; with data from 04:00 the earliest holds 30 minutes of bars
// but keeps its anchored label 03:30), after-hours buckets START at the close (1h:
// 16:00-17:00, ..., 19:00-20:00), and a 1d bar covers every bar of the New York day (its
// `available` is then the end of its last bar, e.g. 20:00). Bars on days the
// exchange is closed (weekends, holidays) are always left out and counted.
//
// Bucket values: open of the first bar, high max, low min, close and adj_close of the last
// bar, volume the sum. A bucket with no input bars produces no bar (gaps stay gaps).
#pragma once

#include <cstddef>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"

namespace qat::data {

struct ResampleOptions {
  bool extended_hours = false;
};

struct ResampleResult {
  BarSeries series;
  std::size_t dropped_extended = 0;    // input bars outside the regular session, left out
  std::size_t dropped_closed_day = 0;  // input bars on non-session days, left out
};

// Fails when `to` is not coarser than the input's interval, when the input is weekly, when
// intraday input is sent to an intraday target that it does not divide (a source bar that
// would straddle two target buckets, e.g. 1h bars labelled 10:00 into 4h), or when an input
// bar's date is before the calendar's coverage.
Result<ResampleResult> Resample(const BarSeries& input, Interval to,
                                const ResampleOptions& options = {});

}  // namespace qat::data
