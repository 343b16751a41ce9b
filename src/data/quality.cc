#include "qat/data/quality.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "qat/core/strings.h"
#include "qat/data/calendar.h"

namespace qat::data {
namespace {

constexpr double kOhlcTolerance = 1e-4;  // the CSV reader's relative tolerance

std::string Price(double v) { return FormatShortest(v); }

std::string Percent(double ratio) { return fmt::format("{:+.1f}%", (ratio - 1.0) * 100.0); }

// "bar 2025-05-20T10:45:00-04:00: " for intraday bars; nothing for daily/weekly ones.
std::string BarLabel(const BarSeries& s, std::size_t i) {
  return IsIntraday(s.interval) ? "bar " + FormatTimestampNewYork(s.start[i]) + ": " : "";
}

void CheckOhlc(const BarSeries& s, std::size_t i, std::vector<Issue>& out) {
  const Days day = s.DayAt(i);
  const double o = s.open[i], h = s.high[i], l = s.low[i], c = s.close[i];
  std::vector<std::string> problems;
  if (!(o > 0 && h > 0 && l > 0 && c > 0)) problems.push_back("a price is <= 0");
  if (h < l) problems.push_back("high < low");
  const double tol_h = std::abs(h) * kOhlcTolerance, tol_l = std::abs(l) * kOhlcTolerance;
  if (std::max(o, c) > h + tol_h) problems.push_back("high below open/close");
  if (std::min(o, c) < l - tol_l) problems.push_back("low above open/close");
  if (problems.empty()) return;
  std::string what;
  for (const auto& p : problems) what += (what.empty() ? "" : ", ") + p;
  out.push_back({IssueKind::kOhlc, day,
                 fmt::format("{}{} (o={} h={} l={} c={})", BarLabel(s, i), what, Price(o),
                             Price(h), Price(l), Price(c))});
}

void CheckMove(const BarSeries& s, std::size_t i, const std::set<Days>& splits, double max_move,
               std::vector<Issue>& out) {
  if (i == 0) return;
  const double prev = s.close[i - 1];
  if (!(prev > 0)) return;
  const Days day = s.DayAt(i);
  if (splits.count(day)) return;
  const double close_ratio = s.close[i] / prev;
  const double open_ratio = s.open[i] / prev;
  const bool close_big = std::abs(close_ratio - 1.0) > max_move;
  const bool open_big = std::abs(open_ratio - 1.0) > max_move;
  if (!close_big && !open_big) return;
  std::string detail = BarLabel(s, i);
  if (close_big) {
    detail += fmt::format("close {} vs previous close {} ({})", Price(s.close[i]), Price(prev),
                          Percent(close_ratio));
  }
  if (open_big) {
    if (close_big) detail += "; ";
    detail += fmt::format("open {} vs previous close {} ({})", Price(s.open[i]), Price(prev),
                          Percent(open_ratio));
  }
  detail += "; no split on record";
  out.push_back({IssueKind::kLargeMove, day, std::move(detail)});
}

}  // namespace

std::string_view IssueKindName(IssueKind kind) {
  switch (kind) {
    case IssueKind::kMissingSession: return "missing-session";
    case IssueKind::kClosedDay: return "closed-day";
    case IssueKind::kLargeMove: return "large-move";
    case IssueKind::kZeroVolume: return "zero-volume";
    case IssueKind::kOhlc: return "ohlc";
    case IssueKind::kStale: return "stale";
    case IssueKind::kBasis: return "basis";
  }
  return "?";
}

std::size_t QualityReport::Count(IssueKind kind) const {
  return static_cast<std::size_t>(
      std::count_if(issues.begin(), issues.end(), [&](const Issue& x) { return x.kind == kind; }));
}

std::vector<Days> QualityReport::DaysOf(IssueKind kind) const {
  std::vector<qat::Days> out;
  for (const auto& x : issues) {
    if (x.kind == kind) out.push_back(x.day);
  }
  return out;
}

Result<QualityReport> CheckQuality(const BarSeries& s, const QualityOptions& options) {
  if (s.empty()) return Fail("{} {}: no bars to check", s.symbol, IntervalName(s.interval));
  if (!(options.max_move > 0)) return Fail("max move must be > 0 (got {})", options.max_move);
  if (options.max_stale_sessions < 0) {
    return Fail("max stale sessions must be >= 0 (got {})", options.max_stale_sessions);
  }
  QualityReport report;
  report.symbol = s.symbol;
  report.interval = s.interval;
  report.bars = s.size();
  report.first_day = s.DayAt(0);
  report.last_day = s.DayAt(s.size() - 1);
  const std::set<Days> splits(options.split_dates.begin(), options.split_dates.end());
  const bool intraday = IsIntraday(s.interval);
  const bool weekly = s.interval == Interval::k1wk;
  const bool is_index = !s.symbol.empty() && s.symbol[0] == '^';
  std::vector<Issue> issues;

  // Per-bar checks, and per-day volume totals for intraday series.
  std::map<Days, double> regular_volume;  // intraday: session day -> regular-session volume
  std::set<Days> bar_days;
  Days cached_day = 0;
  bool cached_session = false;
  Timestamp session_open = 0, session_close = 0;
  if (intraday) cached_day = s.DayAt(0) - 1;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Days day = s.DayAt(i);
    bar_days.insert(day);
    CheckOhlc(s, i, issues);
    CheckMove(s, i, splits, options.max_move, issues);
    if (intraday) {
      if (day != cached_day) {
        cached_day = day;
        cached_session = IsSession(day);
        if (cached_session) {
          session_open = SessionOpenTime(day);
          session_close = SessionCloseTime(day);
        }
      }
      if (cached_session) {
        double& total = regular_volume[day];
        if (s.start[i] >= session_open && s.start[i] < session_close) total += s.volume[i];
      }
    } else if (!weekly && !is_index && s.volume[i] == 0 && IsSession(day)) {
      issues.push_back({IssueKind::kZeroVolume, day, "volume 0 on a session"});
    }
  }
  if (intraday && !is_index) {
    for (const auto& [day, total] : regular_volume) {
      if (total == 0) {
        issues.push_back({IssueKind::kZeroVolume, day,
                          "volume 0 summed over the regular-session bars (09:30-close)"});
      }
    }
  }
  if (is_index) report.notes.push_back("zero-volume check skipped: index symbol (no volume)");

  // Calendar checks.
  if (weekly) {
    report.notes.push_back("calendar checks (missing-session, closed-day) not run for weekly bars");
  } else {
    Days from = std::max(report.first_day, kFirstCoveredDay);
    if (report.first_day < kFirstCoveredDay) {
      report.notes.push_back(fmt::format(
          "calendar checks start at {}: the exchange calendar does not cover earlier dates",
          FormatDate(kFirstCoveredDay)));
    }
    for (Days day : bar_days) {
      if (day >= kFirstCoveredDay && !IsSession(day)) {
        issues.push_back({IssueKind::kClosedDay, day,
                          fmt::format("bar on a closed day ({})", ClosedReason(day))});
      }
    }
    for (Days day : Sessions(from, report.last_day)) {
      if (!bar_days.count(day)) {
        issues.push_back({IssueKind::kMissingSession, day,
                          intraday ? "no bars on this session" : "no bar for this session"});
      }
    }
  }

  // Stale last bar.
  if (options.clock != nullptr) {
    const Timestamp now = options.clock->Now();
    // The last session whose close has passed at `now`.
    Days expected = NewYorkDay(now);
    if (!IsSession(expected) || SessionCloseTime(expected) > now) expected = PreviousSession(expected);
    Days last_covered = weekly ? report.last_day + 4 : report.last_day;
    if (last_covered < expected) {
      const std::size_t behind = Sessions(last_covered + 1, expected).size();
      if (behind > static_cast<std::size_t>(options.max_stale_sessions)) {
        issues.push_back({IssueKind::kStale, report.last_day,
                          fmt::format("last bar {} is {} sessions behind {}, the last session "
                                      "closed as of {} (allowed: {})",
                                      FormatDate(report.last_day), behind, FormatDate(expected),
                                      FormatTimestampNewYork(now), options.max_stale_sessions)});
      }
    }
  }

  std::stable_sort(issues.begin(), issues.end(), [](const Issue& a, const Issue& b) {
    if (a.day != b.day) return a.day < b.day;
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  report.issues = std::move(issues);
  return report;
}

std::vector<std::string> FormatIssues(const QualityReport& report, std::size_t max_per_kind) {
  std::vector<std::string> lines;
  std::map<IssueKind, std::size_t> shown;
  for (const auto& x : report.issues) {
    if (max_per_kind > 0 && shown[x.kind]++ >= max_per_kind) continue;
    lines.push_back(fmt::format("{}  {:<15}  {}", FormatDate(x.day), IssueKindName(x.kind), x.detail));
  }
  for (const auto& [kind, count] : shown) {
    if (count <= max_per_kind) continue;
    const auto days = report.DaysOf(kind);
    lines.push_back(fmt::format("... and {} more {} ({} .. {})", count - max_per_kind, IssueKindName(kind),
                                FormatDate(days[max_per_kind]), FormatDate(days.back())));
  }
  return lines;
}

std::string FormatReport(const QualityReport& report, std::size_t max_per_kind) {
  std::string out = fmt::format("{} {}: {} bars, {} .. {}\n", report.symbol,
                                IntervalName(report.interval), report.bars,
                                FormatDate(report.first_day), FormatDate(report.last_day));
  for (const auto& note : report.notes) out += "note: " + note + "\n";
  if (report.clean()) {
    out += "clean: no issues\n";
    return out;
  }
  std::string counts;
  for (IssueKind kind : {IssueKind::kMissingSession, IssueKind::kClosedDay, IssueKind::kLargeMove,
                         IssueKind::kZeroVolume, IssueKind::kOhlc, IssueKind::kStale, IssueKind::kBasis}) {
    if (std::size_t n = report.Count(kind)) {
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n, IssueKindName(kind));
    }
  }
  out += fmt::format("{} issues: {}\n", report.issues.size(), counts);
  for (const auto& line : FormatIssues(report, max_per_kind)) out += line + "\n";
  return out;
}

}  // namespace qat::data
