#include "store/legacy.h"

#include <algorithm>
#include <vector>

#include "qat/data/adjust.h"
#include "qat/store/actions.h"
#include "store/content_hash.h"

namespace qat::store {
namespace {

// Every stored (symbol, part): intervals of bars, then 'actions'.
Result<std::vector<std::pair<std::string, std::string>>> Parts(Database& db) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT DISTINCT symbol, interval FROM bars UNION SELECT DISTINCT symbol, 'actions' FROM corporate_actions"));
  std::vector<std::pair<std::string, std::string>> out;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.emplace_back(stmt.ColumnText(0), stmt.ColumnText(1));
  }
  return out;
}

}  // namespace

Status ClassifyLegacyStore(Database& db) {
  QAT_ASSIGN_OR_RETURN(auto parts, Parts(db));
  // Hash the actions first: LoadActions checks them.
  for (const auto& [symbol, part] : parts) {
    if (part == internal::kActionsPart) QAT_RETURN_IF_ERROR(internal::RecordHash(db, symbol, part));
  }
  for (const auto& [symbol, part] : parts) {
    if (part == internal::kActionsPart) continue;
    QAT_ASSIGN_OR_RETURN(auto actions, LoadActions(db, symbol));
    const bool any_split = std::any_of(actions.begin(), actions.end(),
                                       [](const auto& a) { return a.type == data::ActionType::kSplit; });
    if (any_split) {
      // The series as stored, judged as one split-adjusted segment.
      QAT_ASSIGN_OR_RETURN(auto interval, data::ParseInterval(part));
      QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
          "SELECT start, available, open, high, low, close, adj_close, volume FROM bars "
          "WHERE symbol = ?1 AND interval = ?2 ORDER BY start"));
      stmt.Bind(1, std::string_view(symbol)).Bind(2, std::string_view(part));
      data::BarSeries bars;
      bars.symbol = symbol;
      bars.interval = interval;
      while (true) {
        QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        bars.Append({stmt.ColumnInt(0), stmt.ColumnInt(1), stmt.ColumnDouble(2), stmt.ColumnDouble(3),
                     stmt.ColumnDouble(4), stmt.ColumnDouble(5), stmt.ColumnDouble(6), stmt.ColumnDouble(7)});
      }
      const auto legacy = data::OneSegment(std::move(bars), data::PriceBasis::kSplit, "legacy", INT32_MAX);
      const auto judged = data::JudgeSplits(legacy, actions);
      const bool raw = !judged.empty() && std::all_of(judged.begin(), judged.end(),
                                                      [](const auto& e) { return e.visible; });
      if (raw) {
        QAT_ASSIGN_OR_RETURN(auto mark, db.Prepare(
            "UPDATE bars SET basis = 'raw' WHERE symbol = ?1 AND interval = ?2 AND source = 'legacy'"));
        mark.Bind(1, std::string_view(symbol)).Bind(2, std::string_view(part));
        QAT_RETURN_IF_ERROR(mark.Run());
      }
    }
    QAT_RETURN_IF_ERROR(internal::RecordHash(db, symbol, part));
  }
  return Ok();
}

}  // namespace qat::store
