// Pattern statistics in the store (migration 3): per symbol and timeframe the bar contexts
// (regimes), the pattern events and the outcomes per horizon; and the computed cells.
//
// UpdatePatternRecords() is incremental: it recomputes patterns and regimes over the whole
// series (both are causal, so the values of old bars cannot change) and writes only rows the
// store lacks: bars and events after the last processed bar, outcomes that became known
// since the last update (per horizon). If the stored history no longer matches the series
// (a bar count or the last processed adj_close differs, e.g. after a dividend re-adjusted
// the history, or the market series changed), it deletes that symbol's rows and rebuilds
// them, so the result always equals a build from scratch. Build the market series before
// the symbols that use it: regimes of bars newer than the last market bar are carried from
// that last market bar.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/patterns/pattern_stats.h"
#include "qat/store/sqlite.h"

namespace qat::patterns {

struct UpdateStats {
  bool rebuilt = false;  // the symbol's rows were written from scratch
  std::int64_t new_bars = 0, new_events = 0, new_outcomes = 0;
};

// Brings the stored records of `bars` (its symbol and interval) up to date, in one
// transaction. `market_name` identifies `market` ("" with no market).
Result<UpdateStats> UpdatePatternRecords(store::Database& db, const data::BarSeries& bars,
                                         std::span<const int> horizons, const data::BarSeries* market,
                                         std::string_view market_name);

// Every stored series (or those of one timeframe), ordered by timeframe and symbol.
Result<std::vector<SeriesRecords>> LoadPatternRecords(store::Database& db,
                                                      std::optional<std::string> timeframe = std::nullopt);

// Replaces the cells stored under `span` ("all" or "recent") with `cells`, in one transaction.
Status SaveCells(store::Database& db, std::string_view span, std::span<const CellStats> cells);
// The cells stored under `span`, in ComputeCells' order; empty if none.
Result<std::vector<CellStats>> LoadCells(store::Database& db, std::string_view span);

}  // namespace qat::patterns
