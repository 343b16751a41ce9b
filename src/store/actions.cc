#include "qat/store/actions.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "store/actions_internal.h"
#include "store/content_hash.h"

namespace qat::store {
namespace internal {

Status ValidateActions(const std::vector<data::CorporateAction>& actions) {
  for (const CorporateAction& a : actions) {
    if (!std::isfinite(a.value) || a.value <= 0) {
      return Fail("{} {} on {}: value {} must be finite and positive", a.symbol, ActionTypeName(a.type),
                  FormatDate(a.date), a.value);
    }
  }
  return Ok();
}

std::vector<data::CorporateAction> MergeActions(const std::vector<data::CorporateAction>& stored,
                                                const std::vector<data::CorporateAction>& incoming) {
  std::vector<data::CorporateAction> out = incoming;
  for (const auto& s : stored) {
    const bool replaced = std::any_of(incoming.begin(), incoming.end(), [&](const auto& a) {
      return a.symbol == s.symbol && a.date == s.date && a.type == s.type;
    });
    if (!replaced) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.date != b.date ? a.date < b.date : a.type < b.type;
  });
  return out;
}

Result<UpsertStats> WriteActions(Database& db, const std::vector<data::CorporateAction>& actions) {
  UpsertStats stats;
  QAT_ASSIGN_OR_RETURN(auto find, db.Prepare(
      "SELECT value FROM corporate_actions WHERE symbol = ?1 AND date = ?2 AND type = ?3"));
  QAT_ASSIGN_OR_RETURN(auto write, db.Prepare(R"sql(
INSERT INTO corporate_actions (symbol, date, type, value) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (symbol, date, type) DO UPDATE SET value = excluded.value
)sql"));
  std::set<std::string> symbols;
  for (const CorporateAction& a : actions) {
    symbols.insert(a.symbol);
    const std::string_view type = ActionTypeName(a.type);
    find.Bind(1, std::string_view(a.symbol)).Bind(2, std::int64_t{a.date}).Bind(3, type);
    QAT_ASSIGN_OR_RETURN(bool exists, find.Step());
    const double old_value = exists ? find.ColumnDouble(0) : 0;
    QAT_RETURN_IF_ERROR(find.Reset());
    if (exists && old_value == a.value) {
      ++stats.unchanged;
      continue;
    }
    write.Bind(1, std::string_view(a.symbol)).Bind(2, std::int64_t{a.date}).Bind(3, type);
    write.Bind(4, a.value);
    auto run = write.Run();
    if (!run.ok()) {
      return Fail("storing {} {} on {}: {}", a.symbol, type, FormatDate(a.date), run.error().message);
    }
    QAT_RETURN_IF_ERROR(write.Reset());
    ++(exists ? stats.updated : stats.inserted);
  }
  for (const auto& symbol : symbols) QAT_RETURN_IF_ERROR(RecordHash(db, symbol, kActionsPart));
  return stats;
}

}  // namespace internal

Result<UpsertStats> UpsertActions(Database& db, const std::vector<CorporateAction>& actions) {
  QAT_RETURN_IF_ERROR(internal::ValidateActions(actions));
  std::set<std::string> symbols;
  for (const auto& a : actions) symbols.insert(a.symbol);
  UpsertStats total;
  for (const auto& symbol : symbols) {
    SeriesWrite w;
    w.bars.symbol = symbol;
    for (const auto& a : actions) {
      if (a.symbol == symbol) w.actions.push_back(a);
    }
    QAT_ASSIGN_OR_RETURN(auto report, WriteSeries(db, w));
    total.inserted += report.actions.inserted;
    total.updated += report.actions.updated;
    total.unchanged += report.actions.unchanged;
  }
  return total;
}

Result<std::vector<CorporateAction>> LoadActions(Database& db, const std::string& symbol) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT date, type, value FROM corporate_actions WHERE symbol = ?1 ORDER BY date, type"));
  stmt.Bind(1, std::string_view(symbol));
  std::vector<CorporateAction> out;
  internal::RowHasher hasher;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    internal::HashActionRow(hasher, stmt, 0);
    QAT_ASSIGN_OR_RETURN(ActionType type, ParseActionType(stmt.ColumnText(1)));
    out.push_back({symbol, static_cast<Days>(stmt.ColumnInt(0)), type, stmt.ColumnDouble(2)});
  }
  QAT_RETURN_IF_ERROR(internal::CheckHash(db, symbol, internal::kActionsPart, hasher));
  return out;
}

data::BarSeries AdjustBars(const data::BarSeries& raw, const std::vector<CorporateAction>& actions) {
  return data::AdjustedBars(data::OneSegment(raw, data::PriceBasis::kRaw, "", 0), actions);
}

Result<data::BarSeries> LoadAdjustedBars(Database& db, const BarQuery& query, const data::AdjustOptions& options) {
  QAT_ASSIGN_OR_RETURN(auto stored, LoadStoredSeries(db, query.symbol, query.interval));
  QAT_ASSIGN_OR_RETURN(auto actions, LoadActions(db, query.symbol));
  return SliceByTime(data::AdjustedBars(stored, actions, options), query.from, query.to);
}

Result<data::BarSeries> LoadAdjustedDaily(Database& db, const std::string& symbol, const data::AdjustOptions& options) {
  return LoadAdjustedBars(db, {symbol, data::Interval::k1d, std::nullopt, std::nullopt}, options);
}

}  // namespace qat::store
