#include "qat/patterns/stored_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "qat/ta/patterns.h"

namespace qat::patterns {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct SeriesState {
  std::string market;
  std::int64_t bars = 0;
  Timestamp last_start = 0;
  double last_adj_close = 0;
};

Result<std::optional<SeriesState>> LoadState(store::Database& db, const std::string& symbol,
                                             const std::string& timeframe) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT market, bars, last_start, last_adj_close FROM "
                                             "pattern_series WHERE symbol = ?1 AND timeframe = ?2"));
  stmt.Bind(1, symbol).Bind(2, timeframe);
  QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<SeriesState>();
  return std::optional<SeriesState>(
      SeriesState{stmt.ColumnText(0), stmt.ColumnInt(1), stmt.ColumnInt(2), stmt.ColumnDouble(3)});
}

Status DeleteSeries(store::Database& db, const std::string& symbol, const std::string& timeframe) {
  for (const char* table : {"pattern_series", "pattern_bars", "pattern_events", "pattern_outcomes"}) {
    QAT_ASSIGN_OR_RETURN(
        auto stmt, db.Prepare(std::string("DELETE FROM ") + table + " WHERE symbol = ?1 AND timeframe = ?2"));
    stmt.Bind(1, symbol).Bind(2, timeframe);
    QAT_RETURN_IF_ERROR(stmt.Run());
  }
  return Ok();
}

}  // namespace

Result<UpdateStats> UpdatePatternRecords(store::Database& db, const data::BarSeries& bars,
                                         std::span<const int> horizons, const data::BarSeries* market,
                                         std::string_view market_name) {
  QAT_ASSIGN_OR_RETURN(auto records, ExtractRecords(bars, horizons, market));
  QAT_ASSIGN_OR_RETURN(auto tx, store::Transaction::Begin(db));
  UpdateStats stats;
  QAT_ASSIGN_OR_RETURN(auto state, LoadState(db, records.symbol, records.timeframe));
  // Index of the first bar not yet stored.
  std::size_t first_new = 0;
  if (state) {
    const auto it = std::lower_bound(records.start.begin(), records.start.end(), state->last_start);
    const std::size_t k = static_cast<std::size_t>(it - records.start.begin());
    const bool consistent = it != records.start.end() && *it == state->last_start &&
                            static_cast<std::int64_t>(k + 1) == state->bars &&
                            bars.adj_close[k] == state->last_adj_close && state->market == market_name;
    if (consistent) {
      first_new = k + 1;
    } else {
      QAT_RETURN_IF_ERROR(DeleteSeries(db, records.symbol, records.timeframe));
      stats.rebuilt = true;
    }
  } else {
    stats.rebuilt = true;
  }

  QAT_ASSIGN_OR_RETURN(auto insert_bar,
                       db.Prepare("INSERT INTO pattern_bars VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  for (std::size_t t = first_new; t < records.size(); ++t) {
    insert_bar.Bind(1, records.symbol).Bind(2, records.timeframe).Bind(3, std::int64_t{records.start[t]});
    insert_bar.Bind(4, std::int64_t{records.available[t]});
    insert_bar.Bind(5, std::int64_t{static_cast<int>(records.trend[t])});
    insert_bar.Bind(6, std::int64_t{static_cast<int>(records.vol[t])});
    QAT_RETURN_IF_ERROR(insert_bar.Run());
    QAT_RETURN_IF_ERROR(insert_bar.Reset());
    ++stats.new_bars;
  }

  const auto& all = ta::AllPatterns();
  QAT_ASSIGN_OR_RETURN(auto insert_event,
                       db.Prepare("INSERT INTO pattern_events VALUES (?1, ?2, ?3, ?4, ?5)"));
  for (const auto& e : records.events) {
    if (static_cast<std::size_t>(e.bar) < first_new) continue;
    insert_event.Bind(1, records.symbol).Bind(2, records.timeframe);
    insert_event.Bind(3, std::int64_t{records.start[static_cast<std::size_t>(e.bar)]});
    insert_event.Bind(4, all[static_cast<std::size_t>(e.pattern)].name);
    insert_event.Bind(5, std::int64_t{e.output});
    QAT_RETURN_IF_ERROR(insert_event.Run());
    QAT_RETURN_IF_ERROR(insert_event.Reset());
    ++stats.new_events;
  }

  QAT_ASSIGN_OR_RETURN(auto last_outcome,
                       db.Prepare("SELECT MAX(start) FROM pattern_outcomes WHERE symbol = ?1 "
                                  "AND timeframe = ?2 AND horizon = ?3"));
  QAT_ASSIGN_OR_RETURN(auto insert_outcome,
                       db.Prepare("INSERT INTO pattern_outcomes VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  for (std::size_t hi = 0; hi < records.horizons.size(); ++hi) {
    const int h = records.horizons[hi];
    last_outcome.Bind(1, records.symbol).Bind(2, records.timeframe).Bind(3, std::int64_t{h});
    QAT_ASSIGN_OR_RETURN(bool row, last_outcome.Step());
    std::optional<Timestamp> stored_until;
    if (row && !last_outcome.ColumnIsNull(0)) stored_until = last_outcome.ColumnInt(0);
    QAT_RETURN_IF_ERROR(last_outcome.Reset());
    for (std::size_t t = 0; t < records.size(); ++t) {
      if (std::isnan(records.forward_return[hi][t])) break;  // unknown from here on
      if (stored_until && records.start[t] <= *stored_until) continue;
      insert_outcome.Bind(1, records.symbol).Bind(2, records.timeframe).Bind(3, std::int64_t{h});
      insert_outcome.Bind(4, std::int64_t{records.start[t]});
      insert_outcome.Bind(5, records.forward_return[hi][t]);
      insert_outcome.Bind(6, std::int64_t{records.known_at[hi][t]});
      QAT_RETURN_IF_ERROR(insert_outcome.Run());
      QAT_RETURN_IF_ERROR(insert_outcome.Reset());
      ++stats.new_outcomes;
    }
  }

  QAT_ASSIGN_OR_RETURN(auto save_state,
                       db.Prepare("INSERT OR REPLACE INTO pattern_series VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  save_state.Bind(1, records.symbol).Bind(2, records.timeframe).Bind(3, market_name);
  save_state.Bind(4, static_cast<std::int64_t>(records.size()));
  save_state.Bind(5, std::int64_t{records.start.back()});
  save_state.Bind(6, bars.adj_close.back());
  QAT_RETURN_IF_ERROR(save_state.Run());
  QAT_RETURN_IF_ERROR(tx.Commit());
  return stats;
}

Result<std::vector<SeriesRecords>> LoadPatternRecords(store::Database& db,
                                                      std::optional<std::string> timeframe) {
  std::vector<SeriesRecords> out;
  {
    QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT symbol, timeframe FROM pattern_series "
                                               "ORDER BY timeframe, symbol"));
    while (true) {
      QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      SeriesRecords r;
      r.symbol = stmt.ColumnText(0);
      r.timeframe = stmt.ColumnText(1);
      if (!timeframe || *timeframe == r.timeframe) out.push_back(std::move(r));
    }
  }
  QAT_ASSIGN_OR_RETURN(auto bars_stmt,
                       db.Prepare("SELECT start, available, trend, vol FROM pattern_bars WHERE "
                                  "symbol = ?1 AND timeframe = ?2 ORDER BY start"));
  QAT_ASSIGN_OR_RETURN(auto horizons_stmt, db.Prepare("SELECT DISTINCT horizon FROM pattern_outcomes WHERE "
                                                      "symbol = ?1 AND timeframe = ?2 ORDER BY horizon"));
  QAT_ASSIGN_OR_RETURN(auto outcomes_stmt,
                       db.Prepare("SELECT horizon, start, forward_return, known_at FROM "
                                  "pattern_outcomes WHERE symbol = ?1 AND timeframe = ?2"));
  QAT_ASSIGN_OR_RETURN(auto events_stmt, db.Prepare("SELECT start, pattern, output FROM pattern_events WHERE "
                                                    "symbol = ?1 AND timeframe = ?2"));
  std::map<std::string, std::int16_t> pattern_index;
  const auto& all = ta::AllPatterns();
  for (std::size_t p = 0; p < all.size(); ++p)
    pattern_index[std::string(all[p].name)] = static_cast<std::int16_t>(p);

  for (auto& r : out) {
    bars_stmt.Bind(1, r.symbol).Bind(2, r.timeframe);
    while (true) {
      QAT_ASSIGN_OR_RETURN(bool row, bars_stmt.Step());
      if (!row) break;
      r.start.push_back(bars_stmt.ColumnInt(0));
      r.available.push_back(bars_stmt.ColumnInt(1));
      r.trend.push_back(static_cast<features::TrendRegime>(bars_stmt.ColumnInt(2)));
      r.vol.push_back(static_cast<features::VolRegime>(bars_stmt.ColumnInt(3)));
    }
    QAT_RETURN_IF_ERROR(bars_stmt.Reset());
    auto index_of = [&](Timestamp start) -> Result<std::size_t> {
      const auto it = std::lower_bound(r.start.begin(), r.start.end(), start);
      if (it == r.start.end() || *it != start) {
        return Fail("pattern store: {} {} has a row at {} without its bar", r.symbol, r.timeframe, start);
      }
      return static_cast<std::size_t>(it - r.start.begin());
    };

    horizons_stmt.Bind(1, r.symbol).Bind(2, r.timeframe);
    while (true) {
      QAT_ASSIGN_OR_RETURN(bool row, horizons_stmt.Step());
      if (!row) break;
      r.horizons.push_back(static_cast<int>(horizons_stmt.ColumnInt(0)));
      r.forward_return.emplace_back(r.size(), kNaN);
      r.known_at.emplace_back(r.size(), 0);
    }
    QAT_RETURN_IF_ERROR(horizons_stmt.Reset());

    outcomes_stmt.Bind(1, r.symbol).Bind(2, r.timeframe);
    while (true) {
      QAT_ASSIGN_OR_RETURN(bool row, outcomes_stmt.Step());
      if (!row) break;
      const int h = static_cast<int>(outcomes_stmt.ColumnInt(0));
      const std::size_t hi =
          static_cast<std::size_t>(std::find(r.horizons.begin(), r.horizons.end(), h) - r.horizons.begin());
      QAT_ASSIGN_OR_RETURN(std::size_t t, index_of(outcomes_stmt.ColumnInt(1)));
      r.forward_return[hi][t] = outcomes_stmt.ColumnDouble(2);
      r.known_at[hi][t] = outcomes_stmt.ColumnInt(3);
    }
    QAT_RETURN_IF_ERROR(outcomes_stmt.Reset());

    events_stmt.Bind(1, r.symbol).Bind(2, r.timeframe);
    while (true) {
      QAT_ASSIGN_OR_RETURN(bool row, events_stmt.Step());
      if (!row) break;
      QAT_ASSIGN_OR_RETURN(std::size_t t, index_of(events_stmt.ColumnInt(0)));
      const std::string name = events_stmt.ColumnText(1);
      const auto p = pattern_index.find(name);
      if (p == pattern_index.end()) return Fail("pattern store: unknown pattern '{}'", name);
      r.events.push_back(
          {static_cast<std::int32_t>(t), p->second, static_cast<std::int16_t>(events_stmt.ColumnInt(2))});
    }
    QAT_RETURN_IF_ERROR(events_stmt.Reset());
    std::sort(r.events.begin(), r.events.end(), [](const PatternEvent& a, const PatternEvent& b) {
      return a.bar != b.bar ? a.bar < b.bar : a.pattern < b.pattern;
    });
  }
  return out;
}

Status SaveCells(store::Database& db, std::string_view span, std::span<const CellStats> cells) {
  QAT_ASSIGN_OR_RETURN(auto tx, store::Transaction::Begin(db));
  QAT_ASSIGN_OR_RETURN(auto del, db.Prepare("DELETE FROM pattern_cells WHERE span = ?1"));
  del.Bind(1, span);
  QAT_RETURN_IF_ERROR(del.Run());
  QAT_ASSIGN_OR_RETURN(auto ins,
                       db.Prepare("INSERT INTO pattern_cells VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                  "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
                                  "?23, ?24, ?25, ?26, ?27, ?28, ?29)"));
  std::int64_t seq = 0;
  for (const auto& c : cells) {
    ins.Bind(1, span).Bind(2, c.pattern).Bind(3, c.direction).Bind(4, c.timeframe);
    ins.Bind(5, std::int64_t{c.horizon}).Bind(6, c.regime).Bind(7, c.vol_regime).Bind(8, seq++);
    ins.Bind(9, c.n).Bind(10, c.wins).Bind(11, c.win_rate).Bind(12, c.win_rate_lo).Bind(13, c.win_rate_hi);
    ins.Bind(14, c.mean_return).Bind(15, c.median_return).Bind(16, c.sd).Bind(17, c.sharpe).Bind(18, c.ic);
    ins.Bind(19, c.baseline_return).Bind(20, c.excess_return).Bind(21, c.excess_sd);
    ins.Bind(22, c.t_stat).Bind(23, c.p_value).Bind(24, c.q_value).Bind(25, EdgeStatusName(c.status));
    ins.Bind(26, c.shrinkage_parent).Bind(27, c.shrunk_win_rate).Bind(28, c.shrunk_mean_return);
    ins.Bind(29, c.prior_weight);
    QAT_RETURN_IF_ERROR(ins.Run());
    QAT_RETURN_IF_ERROR(ins.Reset());
  }
  return tx.Commit();
}

Result<std::vector<CellStats>> LoadCells(store::Database& db, std::string_view span) {
  QAT_ASSIGN_OR_RETURN(auto stmt,
                       db.Prepare("SELECT pattern, direction, timeframe, horizon, regime, vol_regime, n, "
                                  "wins, win_rate, win_rate_lo, win_rate_hi, mean_return, median_return, "
                                  "sd, sharpe, ic, t_stat, p_value, q_value, status, shrinkage_parent, "
                                  "shrunk_win_rate, shrunk_mean_return, prior_weight, baseline_return, "
                                  "excess_return, excess_sd FROM pattern_cells "
                                  "WHERE span = ?1 ORDER BY seq"));
  stmt.Bind(1, span);
  std::vector<CellStats> out;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    CellStats c;
    c.pattern = stmt.ColumnText(0);
    c.direction = stmt.ColumnText(1);
    c.timeframe = stmt.ColumnText(2);
    c.horizon = static_cast<int>(stmt.ColumnInt(3));
    c.regime = stmt.ColumnText(4);
    c.vol_regime = stmt.ColumnText(5);
    c.n = stmt.ColumnInt(6);
    c.wins = stmt.ColumnInt(7);
    c.win_rate = stmt.ColumnDouble(8);
    c.win_rate_lo = stmt.ColumnDouble(9);
    c.win_rate_hi = stmt.ColumnDouble(10);
    c.mean_return = stmt.ColumnDouble(11);
    c.median_return = stmt.ColumnDouble(12);
    c.sd = stmt.ColumnDouble(13);
    c.sharpe = stmt.ColumnDouble(14);
    c.ic = stmt.ColumnDouble(15);
    c.t_stat = stmt.ColumnDouble(16);
    c.p_value = stmt.ColumnDouble(17);
    c.q_value = stmt.ColumnDouble(18);
    const std::string status = stmt.ColumnText(19);
    c.status = EdgeStatus::kInsufficientData;
    for (auto s : {EdgeStatus::kStrong, EdgeStatus::kModerate, EdgeStatus::kWeak, EdgeStatus::kNoEdge}) {
      if (EdgeStatusName(s) == status) c.status = s;
    }
    c.shrinkage_parent = stmt.ColumnText(20);
    c.shrunk_win_rate = stmt.ColumnDouble(21);
    c.shrunk_mean_return = stmt.ColumnDouble(22);
    c.prior_weight = stmt.ColumnDouble(23);
    c.baseline_return = stmt.ColumnDouble(24);
    c.excess_return = stmt.ColumnDouble(25);
    c.excess_sd = stmt.ColumnDouble(26);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace qat::patterns
