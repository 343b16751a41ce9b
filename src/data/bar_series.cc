#include "qat/data/bar_series.h"

#include <cassert>

#include "qat/data/calendar.h"

namespace qat::data {

void BarSeries::Reserve(std::size_t n) {
  start.reserve(n);
  available.reserve(n);
  open.reserve(n);
  high.reserve(n);
  low.reserve(n);
  close.reserve(n);
  adj_close.reserve(n);
  volume.reserve(n);
}

void BarSeries::Append(const Bar& bar) {
  start.push_back(bar.start);
  available.push_back(bar.available);
  open.push_back(bar.open);
  high.push_back(bar.high);
  low.push_back(bar.low);
  close.push_back(bar.close);
  adj_close.push_back(bar.adj_close);
  volume.push_back(bar.volume);
}

Bar BarSeries::At(std::size_t i) const {
  assert(i < size());
  return Bar{start[i], available[i], open[i], high[i], low[i], close[i], adj_close[i], volume[i]};
}

BarSeries BarSeries::Slice(std::size_t begin, std::size_t end) const {
  assert(begin <= end && end <= size());
  BarSeries out;
  out.symbol = symbol;
  out.interval = interval;
  auto copy = [&](const auto& from, auto& to) { to.assign(from.begin() + begin, from.begin() + end); };
  copy(start, out.start);
  copy(available, out.available);
  copy(open, out.open);
  copy(high, out.high);
  copy(low, out.low);
  copy(close, out.close);
  copy(adj_close, out.adj_close);
  copy(volume, out.volume);
  return out;
}

Days BarSeries::DayAt(std::size_t i) const {
  if (IsIntraday(interval)) return NewYorkDay(start[i]);
  return static_cast<Days>(start[i] / kSecondsPerDay);
}

Timestamp AvailableTime(Interval interval, Timestamp start) {
  switch (interval) {
    case Interval::k1d:
      return SessionClose(static_cast<Days>(start / kSecondsPerDay));
    case Interval::k1wk: {
      // The week ends at its last session: Thursday when Good Friday or a Friday holiday
      // closes the exchange. A week without a session (none since 1980) keeps its Friday.
      const Days first = static_cast<Days>(start / kSecondsPerDay);
      for (Days day = first + 4; day >= first; --day) {
        if (IsSession(day)) return SessionClose(day);
      }
      return SessionClose(first + 4);
    }
    default:
      return start + IntervalSeconds(interval);
  }
}

}  // namespace qat::data
