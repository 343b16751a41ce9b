#include "qat/data/resample.h"

#include <algorithm>

#include "qat/data/calendar.h"

namespace qat::data {
namespace {

// Accumulates consecutive input bars into one output bar.
struct Bucket {
  bool open = false;
  Timestamp start = 0, available = 0;
  double o = 0, h = 0, l = 0, c = 0, adj = 0, v = 0;

  void Add(const BarSeries& in, std::size_t i) {
    if (!open) {
      open = true;
      o = in.open[i];
      h = in.high[i];
      l = in.low[i];
      v = 0;
    }
    h = std::max(h, in.high[i]);
    l = std::min(l, in.low[i]);
    c = in.close[i];
    adj = in.adj_close[i];
    v += in.volume[i];
  }
  void FlushInto(BarSeries& out) {
    if (!open) return;
    out.Append(Bar{start, available, o, h, l, c, adj, v});
    open = false;
  }
};

constexpr int kSecondsInDay = 24 * 3600;

Result<ResampleResult> DailyToWeekly(const BarSeries& in) {
  ResampleResult result;
  result.series.symbol = in.symbol;
  result.series.interval = Interval::k1wk;
  Bucket bucket;
  Days current_monday = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const Days day = in.DayAt(i);
    QAT_RETURN_IF_ERROR(CheckCovered(day));
    if (!IsSession(day)) {
      ++result.dropped_closed_day;
      continue;
    }
    const Days monday = day - (Weekday(day) + 6) % 7;
    if (!bucket.open || monday != current_monday) {
      bucket.FlushInto(result.series);
      current_monday = monday;
      bucket.start = Timestamp{monday} * kSecondsPerDay;
      bucket.available = AvailableTime(Interval::k1wk, bucket.start);
    }
    bucket.Add(in, i);
    bucket.available = std::max(bucket.available, in.available[i]);
  }
  bucket.FlushInto(result.series);
  return result;
}

Result<ResampleResult> IntradayTo(const BarSeries& in, Interval to, const ResampleOptions& options) {
  ResampleResult result;
  result.series.symbol = in.symbol;
  result.series.interval = to;
  result.series.Reserve(in.size() / 4 + 1);
  const int source_len = static_cast<int>(IntervalSeconds(in.interval));
  const bool daily = to == Interval::k1d;
  const int len = daily ? kSecondsInDay : static_cast<int>(IntervalSeconds(to));
  Bucket bucket;
  Days cached_day = -1000000;
  Timestamp midnight = 0;
  int close_s = kSessionCloseSeconds;
  bool session = false;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const Timestamp t = in.start[i];
    const Days day = NewYorkDay(t);
    if (day != cached_day) {
      QAT_RETURN_IF_ERROR(CheckCovered(day));
      cached_day = day;
      midnight = NewYorkTime(day, 0);
      session = IsSession(day);
      close_s = session ? SessionCloseSeconds(day) : kSessionCloseSeconds;
    }
    if (!session) {
      ++result.dropped_closed_day;
      continue;
    }
    const int sec = static_cast<int>(t - midnight);
    const bool regular = sec >= kSessionOpenSeconds && sec < close_s;
    if (!regular && !options.extended_hours) {
      ++result.dropped_extended;
      continue;
    }
    Timestamp start, available;
    if (daily) {
      start = Timestamp{day} * kSecondsPerDay;
      available = AvailableTime(Interval::k1d, start);
    } else {
      int b0, b1, source_end;
      if (regular) {
        b0 = kSessionOpenSeconds + (sec - kSessionOpenSeconds) / len * len;
        b1 = std::min(b0 + len, close_s);
        source_end = std::min(sec + source_len, close_s);
      } else if (sec < kSessionOpenSeconds) {
        b1 = kSessionOpenSeconds - (kSessionOpenSeconds - sec - 1) / len * len;
        b0 = std::max(b1 - len, 0);
        source_end = std::min(sec + source_len, kSessionOpenSeconds);
      } else {
        b0 = close_s + (sec - close_s) / len * len;
        b1 = std::min(b0 + len, kSecondsInDay);
        source_end = std::min(sec + source_len, kSecondsInDay);
      }
      if (source_end > b1) {
        return Fail("{} {} bar {} straddles the {} bucket {}..{}: its bars are not aligned to "
                    "the 09:30 anchor, so they cannot be resampled to {} exactly",
                    in.symbol, IntervalName(in.interval), FormatTimestampNewYork(t),
                    IntervalName(to), FormatTimestampNewYork(midnight + b0),
                    FormatTimestampNewYork(midnight + b1), IntervalName(to));
      }
      start = NewYorkTime(day, b0);
      available = NewYorkTime(day, b1);
    }
    if (!bucket.open || start != bucket.start) {
      if (bucket.open && start < bucket.start) {
        return Fail("{} {}: bars out of order at {}", in.symbol, IntervalName(in.interval),
                    FormatTimestampNewYork(t));
      }
      bucket.FlushInto(result.series);
      bucket.start = start;
      bucket.available = available;
    }
    bucket.Add(in, i);
    if (daily) bucket.available = std::max(bucket.available, in.available[i]);
  }
  bucket.FlushInto(result.series);
  return result;
}

}  // namespace

Result<ResampleResult> Resample(const BarSeries& in, Interval to, const ResampleOptions& options) {
  if (in.interval == Interval::k1wk) {
    return Fail("{}: weekly bars are the coarsest interval; nothing to resample to", in.symbol);
  }
  if (IntervalSeconds(to) <= IntervalSeconds(in.interval)) {
    return Fail("{}: cannot resample {} bars to {}: the target must be a coarser interval",
                in.symbol, IntervalName(in.interval), IntervalName(to));
  }
  if (!IsIntraday(in.interval)) return DailyToWeekly(in);  // 1d -> 1wk
  if (to == Interval::k1wk) {
    QAT_ASSIGN_OR_RETURN(ResampleResult daily, IntradayTo(in, Interval::k1d, options));
    QAT_ASSIGN_OR_RETURN(ResampleResult weekly, DailyToWeekly(daily.series));
    weekly.dropped_extended = daily.dropped_extended;
    weekly.dropped_closed_day = daily.dropped_closed_day;
    return weekly;
  }
  return IntradayTo(in, to, options);
}

}  // namespace qat::data
