#include "qat/signals/timeframe.h"

#include <algorithm>

#include "qat/core/strings.h"
#include "qat/data/resample.h"

namespace qat::signals {

std::string_view TimeframeName(Timeframe timeframe) {
  switch (timeframe) {
    case Timeframe::k1h: return "1h";
    case Timeframe::k4h: return "4h";
    case Timeframe::k1d: return "1d";
    case Timeframe::k1w: return "1w";
  }
  return "?";
}

Result<Timeframe> ParseTimeframe(std::string_view text) {
  for (Timeframe timeframe : kTimeframes) {
    if (text == TimeframeName(timeframe)) return timeframe;
  }
  return Fail(ErrorCode::kInvalidInput, "unknown timeframe {}: expected 1h, 4h, 1d or 1w",
              Excerpt(text));
}

data::Interval TimeframeInterval(Timeframe timeframe) {
  switch (timeframe) {
    case Timeframe::k1h: return data::Interval::k1h;
    case Timeframe::k4h: return data::Interval::k4h;
    case Timeframe::k1d: return data::Interval::k1d;
    case Timeframe::k1w: return data::Interval::k1wk;
  }
  return data::Interval::k1d;
}

Result<data::BarSeries> DeriveTimeframe(const data::BarSeries& source, Timeframe to) {
  data::Interval from;
  switch (to) {
    case Timeframe::k4h: from = data::Interval::k1h; break;
    case Timeframe::k1w: from = data::Interval::k1d; break;
    default:
      return Fail(ErrorCode::kInvalidInput, "{}: {} bars are stored, not derived (4h is derived from 1h, 1w from 1d)",
                  source.symbol, TimeframeName(to));
  }
  if (source.interval != from) {
    return Fail(ErrorCode::kInvalidInput, "{}: {} bars are derived from {} bars, not from {} bars", source.symbol,
                TimeframeName(to), data::IntervalName(from), data::IntervalName(source.interval));
  }
  QAT_ASSIGN_OR_RETURN(data::ResampleResult resampled, data::Resample(source, TimeframeInterval(to)));
  return std::move(resampled.series);
}

std::optional<std::size_t> LastClosedBarIn(std::span<const Timestamp> available, Timestamp t) {
  const auto after = std::upper_bound(available.begin(), available.end(), t);
  if (after == available.begin()) return std::nullopt;
  return static_cast<std::size_t>(after - available.begin()) - 1;
}

bool IsCurrent(Timeframe timeframe, Timestamp bar_available, Timestamp t) {
  if (bar_available > t) return false;
  if (timeframe == Timeframe::k1w) return NewYorkDay(t) - NewYorkDay(bar_available) <= 10;
  return NewYorkDay(bar_available) == NewYorkDay(t);
}

std::optional<std::size_t> LastClosedBar(const data::BarSeries& series, Timestamp t) {
  return LastClosedBarIn(series.available, t);
}

}  // namespace qat::signals
