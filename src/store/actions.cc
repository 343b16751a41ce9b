#include "qat/store/actions.h"

#include <algorithm>
#include <cmath>

namespace qat::store {

std::string_view ActionTypeName(ActionType type) {
  return type == ActionType::kSplit ? "split" : "dividend";
}

Result<ActionType> ParseActionType(std::string_view text) {
  if (text == "split") return ActionType::kSplit;
  if (text == "dividend") return ActionType::kDividend;
  return Fail("unknown corporate action type '{}' (expected split or dividend)", text);
}

Result<UpsertStats> UpsertActions(Database& db, const std::vector<CorporateAction>& actions) {
  for (const CorporateAction& a : actions) {
    if (!std::isfinite(a.value) || a.value <= 0) {
      return Fail("{} {} on {}: value {} must be finite and positive", a.symbol,
                  ActionTypeName(a.type), FormatDate(a.date), a.value);
    }
  }
  UpsertStats stats;
  QAT_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db));
  QAT_ASSIGN_OR_RETURN(auto find, db.Prepare(
      "SELECT value FROM corporate_actions WHERE symbol = ?1 AND date = ?2 AND type = ?3"));
  QAT_ASSIGN_OR_RETURN(auto write, db.Prepare(R"sql(
INSERT INTO corporate_actions (symbol, date, type, value) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (symbol, date, type) DO UPDATE SET value = excluded.value
)sql"));
  for (const CorporateAction& a : actions) {
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
      return Fail("storing {} {} on {}: {}", a.symbol, type, FormatDate(a.date),
                  run.error().message);
    }
    QAT_RETURN_IF_ERROR(write.Reset());
    ++(exists ? stats.updated : stats.inserted);
  }
  QAT_RETURN_IF_ERROR(tx.Commit());
  return stats;
}

Result<std::vector<CorporateAction>> LoadActions(Database& db, const std::string& symbol) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT date, type, value FROM corporate_actions WHERE symbol = ?1 ORDER BY date, type"));
  stmt.Bind(1, std::string_view(symbol));
  std::vector<CorporateAction> out;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    QAT_ASSIGN_OR_RETURN(ActionType type, ParseActionType(stmt.ColumnText(1)));
    out.push_back({symbol, static_cast<Days>(stmt.ColumnInt(0)), type, stmt.ColumnDouble(2)});
  }
  return out;
}

data::BarSeries AdjustBars(const data::BarSeries& raw, const std::vector<CorporateAction>& actions) {
  std::vector<CorporateAction> splits, dividends;
  for (const CorporateAction& a : actions) {
    (a.type == ActionType::kSplit ? splits : dividends).push_back(a);
  }
  auto by_date = [](const CorporateAction& a, const CorporateAction& b) { return a.date < b.date; };
  std::sort(splits.begin(), splits.end(), by_date);
  std::sort(dividends.begin(), dividends.end(), by_date);
  // S(d): product of split ratios strictly after d.
  auto split_factor = [&](Days d) {
    double f = 1;
    for (const CorporateAction& s : splits) {
      if (s.date > d) f *= s.value;
    }
    return f;
  };
  const std::size_t n = raw.size();
  std::vector<Days> days(n);
  for (std::size_t i = 0; i < n; ++i) days[i] = raw.DayAt(i);
  // Per dividend: its multiplier, applied to bars before its ex-date.
  std::vector<std::pair<Days, double>> dividend_factors;
  for (const CorporateAction& d : dividends) {
    auto it = std::lower_bound(days.begin(), days.end(), d.date);
    if (it == days.begin()) continue;  // no close before the ex-date
    const std::size_t p = static_cast<std::size_t>(it - days.begin()) - 1;
    const double prev_close = raw.close[p] / split_factor(days[p]);
    const double amount = d.value / split_factor(d.date);
    if (prev_close > amount) dividend_factors.emplace_back(d.date, 1 - amount / prev_close);
  }
  data::BarSeries out;
  out.symbol = raw.symbol;
  out.interval = raw.interval;
  out.Reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double s = split_factor(days[i]);
    double dividend = 1;
    for (const auto& [date, factor] : dividend_factors) {
      if (date > days[i]) dividend *= factor;
    }
    data::Bar bar = raw.At(i);
    bar.open /= s;
    bar.high /= s;
    bar.low /= s;
    bar.close /= s;
    bar.adj_close = bar.close * dividend;
    bar.volume *= s;
    out.Append(bar);
  }
  return out;
}

Result<data::BarSeries> LoadAdjustedBars(Database& db, const BarQuery& query) {
  BarQuery all = query;
  all.from.reset();
  all.to.reset();
  QAT_ASSIGN_OR_RETURN(auto raw, LoadBars(db, all));
  QAT_ASSIGN_OR_RETURN(auto actions, LoadActions(db, query.symbol));
  data::BarSeries adjusted = AdjustBars(raw, actions);
  std::size_t begin = 0, end = adjusted.size();
  while (begin < end && query.from && adjusted.start[begin] < *query.from) ++begin;
  while (end > begin && query.to && adjusted.start[end - 1] > *query.to) --end;
  return adjusted.Slice(begin, end);
}

}  // namespace qat::store
