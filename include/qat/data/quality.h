// Data-quality checks on a bar series, each finding naming its date:
//   missing-session  a calendar session between the first and last bar with no bar (daily:
//                    no bar that day; intraday: no bar at all in that New York day)
//   closed-day       a bar dated on a day the exchange was closed (weekend, holiday, closure)
//   large-move       a close-to-close move, or a gap from the previous close to the open, of
//                    more than max_move (50%) on a day that is not a known split date
//   zero-volume      a session with zero volume (daily: the bar; intraday: the sum over the
//                    regular-session bars). Skipped for index symbols, which start with '^'
//                    and carry no volume.
//   ohlc             high < low, open or close outside [low, high] beyond a relative 1e-4
//                    (the CSV reader's tolerance), or a price <= 0
//   stale            the last bar is more than max_stale_sessions sessions older than the last
//                    session completed (closed) at the clock's time; checked only when a clock
//                    is given
//   basis            (added by store::CheckStoredSeries) a stored split that contradicts the
//                    declared price basis of the bars around it
// Calendar checks (missing-session, closed-day) cover days from kFirstCoveredDay (1980) and
// are not run for weekly bars; the report notes what was skipped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/clock.h"
#include "qat/core/result.h"
#include "qat/data/bar_series.h"

namespace qat::data {

enum class IssueKind { kMissingSession, kClosedDay, kLargeMove, kZeroVolume, kOhlc, kStale, kBasis };
// "missing-session", "closed-day", "large-move", "zero-volume", "ohlc", "stale", "basis".
std::string_view IssueKindName(IssueKind kind);

struct Issue {
  IssueKind kind;
  Days day;            // the date concerned (New York date for intraday bars)
  std::string detail;  // what is wrong, with the values involved
};

struct QualityOptions {
  // Split ex-dates of the symbol (from the stored corporate actions); a large move on one of
  // these days is expected and not reported.
  std::vector<Days> split_dates;
  double max_move = 0.5;
  // The as-of time for the stale check; no stale check when null.
  const Clock* clock = nullptr;
  int max_stale_sessions = 1;
};

struct QualityReport {
  std::string symbol;
  Interval interval = Interval::k1d;
  std::size_t bars = 0;
  Days first_day = 0, last_day = 0;
  std::vector<Issue> issues;       // ascending by day; same day in IssueKind order
  std::vector<std::string> notes;  // checks skipped or limited, with why

  bool clean() const { return issues.empty(); }
  std::size_t Count(IssueKind kind) const;
  std::vector<Days> DaysOf(IssueKind kind) const;  // the days of that kind, ascending
};

// Runs every check on `series`. Fails only when the series is empty or a split date or
// option is invalid (max_move <= 0, max_stale_sessions < 0).
Result<QualityReport> CheckQuality(const BarSeries& series, const QualityOptions& options = {});

// One line per issue: "2000-09-29  large-move       close 0.385972 vs previous close ...".
// At most `max_per_kind` lines of one kind (0: no limit); the rest of that kind become one
// line "... and 2,002,136 more missing-session (2024-03-26 .. 9999-12-30)".
std::vector<std::string> FormatIssues(const QualityReport& report, std::size_t max_per_kind = 0);
// A readable report: a heading line (symbol, interval, bars, range), the notes, then either
// "clean: no issues" or a count per kind followed by FormatIssues' lines.
std::string FormatReport(const QualityReport& report, std::size_t max_per_kind = 0);

}  // namespace qat::data
