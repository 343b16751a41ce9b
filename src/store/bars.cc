#include "qat/store/bars.h"

namespace qat::store {
namespace {

Result<std::int64_t> CountBars(Database& db, const std::string& symbol, std::string_view interval) {
  QAT_ASSIGN_OR_RETURN(auto stmt,
                       db.Prepare("SELECT count(*) FROM bars WHERE symbol = ?1 AND interval = ?2"));
  stmt.Bind(1, std::string_view(symbol)).Bind(2, interval);
  QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.ColumnInt(0) : 0;
}

}  // namespace

Result<UpsertStats> UpsertBars(Database& db, const data::BarSeries& s) {
  const std::string_view interval = data::IntervalName(s.interval);
  QAT_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db));
  QAT_ASSIGN_OR_RETURN(std::int64_t before, CountBars(db, s.symbol, interval));
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
INSERT INTO bars (symbol, interval, start, available, open, high, low, close, adj_close, volume)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
ON CONFLICT (symbol, interval, start) DO UPDATE SET
  available = excluded.available, open = excluded.open, high = excluded.high,
  low = excluded.low, close = excluded.close, adj_close = excluded.adj_close,
  volume = excluded.volume
WHERE (available, open, high, low, close, adj_close, volume) IS NOT
      (excluded.available, excluded.open, excluded.high, excluded.low, excluded.close,
       excluded.adj_close, excluded.volume)
)sql"));
  std::int64_t changed = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    stmt.Bind(1, std::string_view(s.symbol)).Bind(2, interval).Bind(3, s.start[i]);
    stmt.Bind(4, s.available[i]).Bind(5, s.open[i]).Bind(6, s.high[i]).Bind(7, s.low[i]);
    stmt.Bind(8, s.close[i]).Bind(9, s.adj_close[i]).Bind(10, s.volume[i]);
    auto run = stmt.Run();
    if (!run.ok()) {
      return Fail("storing {} {} bar {}: {}", s.symbol, interval,
                  data::IsIntraday(s.interval) ? FormatTimestampUtc(s.start[i])
                                               : FormatDate(s.DayAt(i)),
                  run.error().message);
    }
    changed += db.Changes();
    QAT_RETURN_IF_ERROR(stmt.Reset());
  }
  QAT_ASSIGN_OR_RETURN(std::int64_t after, CountBars(db, s.symbol, interval));
  QAT_RETURN_IF_ERROR(tx.Commit());
  UpsertStats stats;
  stats.inserted = after - before;
  stats.updated = changed - stats.inserted;
  stats.unchanged = static_cast<std::int64_t>(s.size()) - stats.inserted - stats.updated;
  return stats;
}

Result<data::BarSeries> LoadBars(Database& db, const BarQuery& q) {
  const std::string_view interval = data::IntervalName(q.interval);
  QAT_ASSIGN_OR_RETURN(std::int64_t total, CountBars(db, q.symbol, interval));
  if (total == 0) {
    return Fail("no {} bars stored for symbol '{}' (import or fetch them first)", interval, q.symbol);
  }
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
SELECT start, available, open, high, low, close, adj_close, volume FROM bars
WHERE symbol = ?1 AND interval = ?2 AND start >= ?3 AND start <= ?4 ORDER BY start
)sql"));
  stmt.Bind(1, std::string_view(q.symbol)).Bind(2, interval);
  stmt.Bind(3, q.from.value_or(INT64_MIN)).Bind(4, q.to.value_or(INT64_MAX));
  data::BarSeries s;
  s.symbol = q.symbol;
  s.interval = q.interval;
  s.Reserve(static_cast<std::size_t>(total));
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    s.Append(data::Bar{stmt.ColumnInt(0), stmt.ColumnInt(1), stmt.ColumnDouble(2),
                       stmt.ColumnDouble(3), stmt.ColumnDouble(4), stmt.ColumnDouble(5),
                       stmt.ColumnDouble(6), stmt.ColumnDouble(7)});
  }
  return s;
}

Result<std::vector<SeriesSummary>> ListSeries(Database& db) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT symbol, interval, count(*), min(start), max(start) FROM bars "
      "GROUP BY symbol, interval ORDER BY symbol, interval"));
  std::vector<SeriesSummary> out;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    QAT_ASSIGN_OR_RETURN(auto interval, data::ParseInterval(stmt.ColumnText(1)));
    out.push_back({stmt.ColumnText(0), interval, stmt.ColumnInt(2), stmt.ColumnInt(3),
                   stmt.ColumnInt(4)});
  }
  return out;
}

}  // namespace qat::store
