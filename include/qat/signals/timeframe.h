// The timeframes signals read (1h, 4h, 1d, 1w) and the one rule that keeps them free of
// look-ahead: a bar is used only from its `available` time (data/bar_series.h).
//
// 1h and 1d bars are stored; 4h and 1w bars are derived from them by data::Resample over the
// regular session: 4h = 09:30-13:30 and 13:30-16:00 (13:00 on an early close), available at
// the bucket's end; 1w = the Monday..Friday sessions, available at the 16:00 close of the
// week's last session by the calendar (Thursday when the Friday is a holiday).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/data/bar_series.h"
#include "qat/data/interval.h"

namespace qat::signals {

enum class Timeframe { k1h, k4h, k1d, k1w };
inline constexpr std::array<Timeframe, 4> kTimeframes = {Timeframe::k1h, Timeframe::k4h, Timeframe::k1d,
                                                         Timeframe::k1w};

// "1h", "4h", "1d", "1w".
std::string_view TimeframeName(Timeframe timeframe);
// Accepts the four names above; fails (kInvalidInput) on anything else, naming them.
Result<Timeframe> ParseTimeframe(std::string_view text);
// The bar interval of a timeframe (1w is data::Interval::k1wk).
data::Interval TimeframeInterval(Timeframe timeframe);

// 4h bars from 1h bars and 1w bars from 1d bars, by data::Resample (regular session only).
// Returns the derived series. Fails (kInvalidInput) when `to` is not 4h or 1w or `source` is
// not of the interval it derives from (1h for 4h, 1d for 1w), and with Resample's error when
// the bars cannot be resampled (1h bars not aligned to the 09:30 anchor, dates before the
// calendar's coverage).
Result<data::BarSeries> DeriveTimeframe(const data::BarSeries& source, Timeframe to);

// The last closed bar of `series` as of instant t: the index of the last bar whose
// `available` time is <= t, or nullopt when no bar is available yet. A bar available exactly
// at t is closed. Requires `available` to be non-decreasing along the series, as it is for
// every series the CSV reader, the providers and data::Resample produce (bars ascending by
// start, each available at its own end); binary search, O(log n).
std::optional<std::size_t> LastClosedBar(const data::BarSeries& series, Timestamp t);
// The same rule over the `available` times of a series' bars (pattern records keep them).
std::optional<std::size_t> LastClosedBarIn(std::span<const Timestamp> available, Timestamp t);

// Whether a timeframe's last closed bar, available at `bar_available`, still speaks for the
// instant t (a stale bar is no evidence: hourly bars that stopped in 2021 say nothing about a
// 2024 close). 1h, 4h and 1d: the bar became available on t's New York calendar day (at a
// session's close, that session's bars); 1w: at most 10 calendar days before t (the previous
// week's close is 3-7 days old; 10 leaves room for a market closure of a few sessions).
bool IsCurrent(Timeframe timeframe, Timestamp bar_available, Timestamp t);

}  // namespace qat::signals
