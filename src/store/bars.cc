#include "qat/store/bars.h"

#include <algorithm>
#include <cmath>

#include "qat/core/strings.h"
#include "qat/store/actions.h"
#include "store/actions_internal.h"
#include "store/content_hash.h"

namespace qat::store {
namespace {

constexpr const char* kSelectSeries =
    "SELECT start, available, open, high, low, close, adj_close, volume, basis, source, adjusted_through "
    "FROM bars WHERE symbol = ?1 AND interval = ?2 ORDER BY start";

std::string When(const data::BarSeries& s, Timestamp t) {
  return data::IsIntraday(s.interval) ? FormatTimestampNewYork(t) : FormatDate(static_cast<Days>(t / kSecondsPerDay));
}

std::string Describe(const data::Segment& s) {
  return fmt::format("{} ({})", s.source, data::PriceBasisName(s.basis));
}

// The stored series, or nullopt when none is stored; checks the content hash either way.
Result<std::optional<data::StoredSeries>> LoadIfAny(Database& db, const std::string& symbol,
                                                    data::Interval interval) {
  const std::string_view part = data::IntervalName(interval);
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(kSelectSeries));
  stmt.Bind(1, std::string_view(symbol)).Bind(2, part);
  data::StoredSeries out;
  out.bars.symbol = symbol;
  out.bars.interval = interval;
  internal::RowHasher hasher;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    internal::HashBarRow(hasher, stmt, 0);
    out.bars.Append(data::Bar{stmt.ColumnInt(0), stmt.ColumnInt(1), stmt.ColumnDouble(2), stmt.ColumnDouble(3),
                              stmt.ColumnDouble(4), stmt.ColumnDouble(5), stmt.ColumnDouble(6),
                              stmt.ColumnDouble(7)});
    auto basis = data::ParsePriceBasis(stmt.ColumnText(8));
    if (!basis.ok()) return Fail("{}: {} {} bar {}: {}", db.path().string(), symbol, part, stmt.ColumnInt(0), basis.error().message);
    std::string source = stmt.ColumnText(9);
    const auto through = static_cast<Days>(std::clamp<std::int64_t>(stmt.ColumnInt(10), INT32_MIN, INT32_MAX));
    const std::size_t i = out.bars.size() - 1;
    if (out.segments.empty() || out.segments.back().basis != *basis || out.segments.back().source != source ||
        out.segments.back().adjusted_through != through) {
      out.segments.push_back({i, i + 1, *basis, std::move(source), through});
    } else {
      out.segments.back().end = i + 1;
    }
  }
  QAT_RETURN_IF_ERROR(internal::CheckHash(db, symbol, part, hasher));
  if (out.bars.empty()) return std::optional<data::StoredSeries>();
  return std::optional<data::StoredSeries>(std::move(out));
}

Result<std::vector<data::Interval>> StoredIntervals(Database& db, const std::string& symbol) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT DISTINCT interval FROM bars WHERE symbol = ?1"));
  stmt.Bind(1, std::string_view(symbol));
  std::vector<data::Interval> out;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    QAT_ASSIGN_OR_RETURN(auto interval, data::ParseInterval(stmt.ColumnText(0)));
    out.push_back(interval);
  }
  return out;
}

// What to do about a split that contradicts a segment's declared basis.
std::string BasisHint(const data::SplitEvidence& e) {
  return e.visible ? "Give the data's basis (import --basis raw) or check the file"
                   : "Give the data's basis (import --basis split) or check the file";
}

// Splits against the new bars (a segment of their own) and new splits against every stored
// series of the symbol.
Status JudgeSplitsOnWrite(Database& db, const SeriesWrite& w, const std::string& symbol,
                          const std::optional<data::StoredSeries>& stored,
                          const std::vector<data::CorporateAction>& all_actions,
                          const std::vector<data::CorporateAction>& new_splits) {
  if (!w.bars.empty()) {
    const auto incoming = data::OneSegment(w.bars, w.origin.basis, w.origin.source, w.origin.adjusted_through);
    for (const auto& e : data::JudgeSplits(incoming, all_actions)) {
      if (e.consistent()) continue;
      return Fail("{} {}: the new bars from {} are {}. Nothing was written. {}", symbol,
                  data::IntervalName(w.bars.interval), w.origin.source,
                  data::DescribeSplitEvidence(e, incoming.segments[e.segment]), BasisHint(e));
    }
  }
  if (new_splits.empty()) return Ok();
  QAT_ASSIGN_OR_RETURN(auto intervals, StoredIntervals(db, symbol));
  for (data::Interval interval : intervals) {
    std::optional<data::StoredSeries> series;
    if (interval == w.bars.interval && !w.bars.empty()) {
      series = stored;
    } else {
      QAT_ASSIGN_OR_RETURN(series, LoadIfAny(db, symbol, interval));
    }
    if (!series) continue;
    for (const auto& e : data::JudgeSplits(*series, new_splits)) {
      if (e.consistent()) continue;
      const auto& seg = series->segments[e.segment];
      return Fail("{} {}: the stored bars from {} ({} .. {}) are {}. The split was not stored and nothing was "
                  "written; re-import those bars with the basis they have (import --basis ... --replace)",
                  symbol, data::IntervalName(interval), seg.source, When(series->bars, series->bars.start[seg.begin]),
                  When(series->bars, series->bars.start[seg.end - 1]),
                  data::DescribeSplitEvidence(e, seg));
    }
  }
  return Ok();
}

Status CheckJoin(const SeriesWrite& w, const data::StoredSeries& stored,
                 const std::vector<data::CorporateAction>& all_actions, WriteReport& report) {
  const data::BarSeries& bars = w.bars;
  const auto incoming = data::OneSegment(bars, w.origin.basis, w.origin.source, w.origin.adjusted_through);
  const data::BarSeries a = data::AdjustedBars(stored, all_actions);
  const data::BarSeries b = data::AdjustedBars(incoming, all_actions);
  const data::Overlap o = data::CompareCloses(a, b);
  const std::string what = fmt::format("{} {}", bars.symbol, data::IntervalName(bars.interval));
  if (o.sessions > 0) {
    report.overlap_sessions = o.sessions;
    report.overlap_ratio = o.median_ratio;
    if (std::fabs(o.median_ratio - 1) <= w.join.tolerance) return Ok();
    // Name the stored sources on the shared sessions.
    std::vector<std::string> sources;
    for (const auto& seg : stored.segments) {
      if (stored.bars.start[seg.end - 1] < o.first || stored.bars.start[seg.begin] > o.last) continue;
      const std::string d = Describe(seg);
      if (std::find(sources.begin(), sources.end(), d) == sources.end()) sources.push_back(d);
    }
    std::string stored_names;
    for (const auto& s : sources) stored_names += (stored_names.empty() ? "" : ", ") + s;
    return Fail("{}: the new bars from {} ({}) and the stored bars from {} disagree on the {} session{} they share, "
                "{} .. {}: adjusted closes differ by a median ratio of {:.4f} (on {}: {} new, {} stored; "
                "tolerance {:.2f}%). Nothing was written: joined, they would show a jump that never traded. Keep one "
                "source per series (--replace replaces the stored {} series), or, for a file, import it with the "
                "basis its prices have (import --basis)",
                what, w.origin.source, data::PriceBasisName(w.origin.basis), stored_names, o.sessions,
                o.sessions == 1 ? "" : "s", When(bars, o.first), When(bars, o.last), o.median_ratio,
                When(bars, o.last), FormatShortest(o.b_last_close), FormatShortest(o.a_last_close),
                100 * w.join.tolerance, what);
  }
  // No shared session: only the same source and basis may continue (or fill) a stored
  // segment. The neighbours: the stored bars from the last one before the new bars to the
  // first one after them.
  const Timestamp first = bars.start.front(), last = bars.start.back();
  const auto& starts = stored.bars.start;
  const auto before = std::lower_bound(starts.begin(), starts.end(), first);
  const auto after = std::upper_bound(starts.begin(), starts.end(), last);
  const std::size_t lo = before == starts.begin() ? 0 : static_cast<std::size_t>(before - starts.begin()) - 1;
  const std::size_t hi = after == starts.end() ? starts.size() - 1 : static_cast<std::size_t>(after - starts.begin());
  for (const auto& seg : stored.segments) {
    if (seg.end <= lo || seg.begin > hi) continue;
    if (seg.source == w.origin.source && seg.basis == w.origin.basis) continue;
    return Fail("{}: the new bars from {} ({}, {} .. {}) share no session with the stored bars from {} next to "
                "them ({} .. {}), so the join cannot be checked. Nothing was written. Include at least one "
                "session the store already holds, or --replace the stored {} series",
                what, w.origin.source, data::PriceBasisName(w.origin.basis), When(bars, first), When(bars, last),
                Describe(seg), When(stored.bars, starts[seg.begin]), When(stored.bars, starts[seg.end - 1]), what);
  }
  return Ok();
}

Result<std::int64_t> CountBars(Database& db, const std::string& symbol, std::string_view interval) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT count(*) FROM bars WHERE symbol = ?1 AND interval = ?2"));
  stmt.Bind(1, std::string_view(symbol)).Bind(2, interval);
  QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.ColumnInt(0) : 0;
}

Result<UpsertStats> WriteBarRows(Database& db, const SeriesWrite& w) {
  const data::BarSeries& s = w.bars;
  const std::string_view interval = data::IntervalName(s.interval);
  QAT_ASSIGN_OR_RETURN(std::int64_t before, CountBars(db, s.symbol, interval));
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
INSERT INTO bars (symbol, interval, start, available, open, high, low, close, adj_close, volume, basis, source,
                  adjusted_through)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
ON CONFLICT (symbol, interval, start) DO UPDATE SET
  available = excluded.available, open = excluded.open, high = excluded.high, low = excluded.low,
  close = excluded.close,
  adj_close = CASE WHEN ?14 THEN excluded.adj_close ELSE bars.adj_close END,
  volume = CASE WHEN ?15 THEN excluded.volume ELSE bars.volume END,
  basis = excluded.basis, source = excluded.source, adjusted_through = excluded.adjusted_through
WHERE (bars.available, bars.open, bars.high, bars.low, bars.close, bars.adj_close, bars.volume, bars.basis,
       bars.source) IS NOT
      (excluded.available, excluded.open, excluded.high, excluded.low, excluded.close,
       CASE WHEN ?14 THEN excluded.adj_close ELSE bars.adj_close END,
       CASE WHEN ?15 THEN excluded.volume ELSE bars.volume END, excluded.basis, excluded.source)
)sql"));
  const std::string_view basis = data::PriceBasisName(w.origin.basis);
  std::int64_t changed = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    stmt.Bind(1, std::string_view(s.symbol)).Bind(2, interval).Bind(3, s.start[i]);
    stmt.Bind(4, s.available[i]).Bind(5, s.open[i]).Bind(6, s.high[i]).Bind(7, s.low[i]);
    stmt.Bind(8, s.close[i]).Bind(9, w.has_adj_close ? s.adj_close[i] : s.close[i]);
    stmt.Bind(10, w.has_volume ? s.volume[i] : 0.0).Bind(11, basis).Bind(12, std::string_view(w.origin.source));
    stmt.Bind(13, std::int64_t{w.origin.adjusted_through});
    stmt.Bind(14, std::int64_t{w.has_adj_close ? 1 : 0}).Bind(15, std::int64_t{w.has_volume ? 1 : 0});
    auto run = stmt.Run();
    if (!run.ok()) {
      return Fail("storing {} {} bar {}: {}", s.symbol, interval, When(s, s.start[i]), run.error().message);
    }
    changed += db.Changes();
    QAT_RETURN_IF_ERROR(stmt.Reset());
  }
  QAT_ASSIGN_OR_RETURN(std::int64_t after, CountBars(db, s.symbol, interval));
  UpsertStats stats;
  stats.inserted = after - before;
  stats.updated = changed - stats.inserted;
  stats.unchanged = static_cast<std::int64_t>(s.size()) - stats.inserted - stats.updated;
  return stats;
}

}  // namespace

Result<WriteReport> WriteSeries(Database& db, const SeriesWrite& w) {
  const std::string symbol = !w.bars.empty() || w.actions.empty() ? w.bars.symbol : w.actions.front().symbol;
  if (symbol.empty()) return Fail("storing bars: no symbol given");
  for (const auto& a : w.actions) {
    if (a.symbol != symbol) return Fail("storing {}: an action of {} came with its bars", symbol, a.symbol);
  }
  QAT_RETURN_IF_ERROR(internal::ValidateActions(w.actions));
  const std::string_view part = data::IntervalName(w.bars.interval);
  WriteReport report;
  QAT_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db));
  QAT_ASSIGN_OR_RETURN(auto stored, LoadIfAny(db, symbol, w.bars.interval));
  if (w.replace && stored) {
    QAT_ASSIGN_OR_RETURN(auto drop, db.Prepare("DELETE FROM bars WHERE symbol = ?1 AND interval = ?2"));
    drop.Bind(1, std::string_view(symbol)).Bind(2, part);
    QAT_RETURN_IF_ERROR(drop.Run());
    report.replaced = db.Changes();
    stored.reset();
  }
  QAT_ASSIGN_OR_RETURN(auto stored_actions, LoadActions(db, symbol));
  const auto all_actions = internal::MergeActions(stored_actions, w.actions);
  std::vector<data::CorporateAction> new_splits;
  for (const auto& a : w.actions) {
    if (a.type != data::ActionType::kSplit) continue;
    const bool known = std::any_of(stored_actions.begin(), stored_actions.end(), [&](const auto& s) {
      return s.type == a.type && s.date == a.date && s.value == a.value;
    });
    if (!known) new_splits.push_back(a);
  }
  QAT_RETURN_IF_ERROR(JudgeSplitsOnWrite(db, w, symbol, stored, all_actions, new_splits));
  if (stored && !w.bars.empty()) QAT_RETURN_IF_ERROR(CheckJoin(w, *stored, all_actions, report));
  if (!w.bars.empty()) {
    QAT_ASSIGN_OR_RETURN(report.bars, WriteBarRows(db, w));
  }
  if (!w.bars.empty() || report.replaced > 0) QAT_RETURN_IF_ERROR(internal::RecordHash(db, symbol, part));
  if (!w.actions.empty()) {
    QAT_ASSIGN_OR_RETURN(report.actions, internal::WriteActions(db, w.actions));
  }
  QAT_RETURN_IF_ERROR(tx.Commit());
  return report;
}

Result<UpsertStats> UpsertBars(Database& db, const data::BarSeries& series) {
  SeriesWrite w;
  w.bars = series;
  QAT_ASSIGN_OR_RETURN(auto report, WriteSeries(db, w));
  return report.bars;
}

Result<data::StoredSeries> LoadStoredSeries(Database& db, const std::string& symbol, data::Interval interval) {
  QAT_ASSIGN_OR_RETURN(auto stored, LoadIfAny(db, symbol, interval));
  if (!stored) {
    return Fail(ErrorCode::kNotFound, "no {} bars stored for symbol '{}' (import or fetch them first)",
                data::IntervalName(interval), symbol);
  }
  return std::move(*stored);
}

data::BarSeries SliceByTime(const data::BarSeries& s, std::optional<Timestamp> from, std::optional<Timestamp> to) {
  std::size_t begin = 0, end = s.size();
  while (begin < end && from && s.start[begin] < *from) ++begin;
  while (end > begin && to && s.start[end - 1] > *to) --end;
  return s.Slice(begin, end);
}

Result<data::BarSeries> LoadBars(Database& db, const BarQuery& q) {
  QAT_ASSIGN_OR_RETURN(auto stored, LoadStoredSeries(db, q.symbol, q.interval));
  return SliceByTime(stored.bars, q.from, q.to);
}

Result<std::vector<SeriesSummary>> ListSeries(Database& db) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT symbol, interval, source, basis, count(*), min(start), max(start) FROM bars "
      "GROUP BY symbol, interval, source, basis ORDER BY symbol, interval, min(start)"));
  std::vector<SeriesSummary> out;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    QAT_ASSIGN_OR_RETURN(auto interval, data::ParseInterval(stmt.ColumnText(1)));
    const std::string symbol = stmt.ColumnText(0);
    if (out.empty() || out.back().symbol != symbol || out.back().interval != interval) {
      out.push_back({symbol, interval, 0, stmt.ColumnInt(5), stmt.ColumnInt(6), {}});
    }
    auto& s = out.back();
    s.bars += stmt.ColumnInt(4);
    s.first = std::min(s.first, stmt.ColumnInt(5));
    s.last = std::max(s.last, stmt.ColumnInt(6));
    s.sources.push_back(fmt::format("{} ({})", stmt.ColumnText(2), stmt.ColumnText(3)));
  }
  return out;
}

}  // namespace qat::store
