#include "qat/store/series_check.h"

#include <algorithm>

#include "qat/data/adjust.h"
#include "qat/store/actions.h"
#include "qat/store/bars.h"

namespace qat::store {

bool IsProviderSource(std::string_view source) {
  return source == "yahoo" || source == "stooq" || source == "alphavantage" || source == "finnhub";
}

Result<data::QualityReport> CheckStoredSeries(Database& db, const std::string& symbol, data::Interval interval,
                                              const SeriesCheckOptions& options) {
  QAT_ASSIGN_OR_RETURN(auto stored, LoadStoredSeries(db, symbol, interval));
  QAT_ASSIGN_OR_RETURN(auto actions, LoadActions(db, symbol));
  data::QualityOptions q;
  q.max_move = options.max_move;
  q.max_stale_sessions = options.max_stale_sessions;
  for (const auto& a : actions) {
    if (a.type == data::ActionType::kSplit) q.split_dates.push_back(a.date);
  }
  const std::size_t stored_splits = q.split_dates.size();
  q.split_dates.insert(q.split_dates.end(), options.extra_split_dates.begin(), options.extra_split_dates.end());
  const data::Segment& last = stored.segments.back();
  std::string stale_note;
  if (options.as_of != nullptr) {
    q.clock = options.as_of;
  } else if (IsProviderSource(last.source)) {
    q.clock = options.now;
  } else {
    stale_note = fmt::format("staleness not checked: the last bar comes from {}, not from a provider; give --as-of "
                             "to check it against a date",
                             last.source);
  }
  QAT_ASSIGN_OR_RETURN(auto report, data::CheckQuality(stored.bars, q));
  if (!stale_note.empty()) report.notes.push_back(stale_note);
  if (stored_splits > 0) {
    report.notes.push_back(fmt::format("large moves on the date{} of the {} stored split{} are expected",
                                       stored_splits == 1 ? "" : "s", stored_splits, stored_splits == 1 ? "" : "s"));
  }
  for (const auto& e : data::JudgeSplits(stored, actions)) {
    if (e.consistent()) continue;
    const auto& seg = stored.segments[e.segment];
    report.issues.push_back({data::IssueKind::kBasis, e.split.date,
                             fmt::format("bars from {}: {}", seg.source, data::DescribeSplitEvidence(e, seg))});
  }
  std::stable_sort(report.issues.begin(), report.issues.end(), [](const auto& a, const auto& b) {
    return a.day != b.day ? a.day < b.day : static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  return report;
}

}  // namespace qat::store
