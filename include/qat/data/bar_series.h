// Bar and BarSeries: OHLCV bars of one symbol at one interval.
//
// Every bar carries two times:
//   start      the first instant the bar covers. Daily and weekly bars: 00:00 UTC of the
//              session date (so start / 86400 is the date). Intraday: the bar's open instant.
//   available  when the bar's values were final and could be known: for a daily bar the
//              16:00 New York close of its session; for an intraday bar start + interval;
//              for a weekly bar the 16:00 close of the week's last session by the exchange
//              calendar (Friday; Thursday when the Friday is a holiday such as Good Friday).
// Features and labels join on `available`, the cheapest guard against look-ahead.
//
// Prices are as the source gives them: open/high/low/close raw (for Yahoo: split-adjusted,
// not dividend-adjusted), adj_close split- and dividend-adjusted. A source without adj_close
// gets adj_close = close; one without volume (an index such as ^VIX) gets volume 0, as
// Yahoo itself reports for indices.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "qat/core/time.h"
#include "qat/data/interval.h"

namespace qat::data {

struct Bar {
  Timestamp start = 0;
  Timestamp available = 0;
  double open = 0, high = 0, low = 0, close = 0, adj_close = 0, volume = 0;
};

// Structure of arrays: one vector per field, all the same length, ascending by start.
struct BarSeries {
  std::string symbol;
  Interval interval = Interval::k1d;
  std::vector<Timestamp> start;
  std::vector<Timestamp> available;
  std::vector<double> open, high, low, close, adj_close, volume;

  std::size_t size() const { return start.size(); }
  bool empty() const { return start.empty(); }
  void Reserve(std::size_t n);
  void Append(const Bar& bar);
  Bar At(std::size_t i) const;
  // Bars [begin, end) as a new series (same symbol and interval).
  BarSeries Slice(std::size_t begin, std::size_t end) const;
  // Date of bar i (daily/weekly: its session date; intraday: the New York calendar day).
  Days DayAt(std::size_t i) const;
};

// When a bar starting at `start` becomes available (see the header comment).
Timestamp AvailableTime(Interval interval, Timestamp start);

}  // namespace qat::data
