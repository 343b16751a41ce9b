// Use cases of the pattern statistics engine, for every front end (CLI, dashboard, Python):
// update the stored events and cells of symbols, the edge of a pattern in a context with its
// fallback to broader cells, and the strongest stored edges. Each takes a plain request and
// returns a plain answer; ToJson gives the one JSON form of each.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/data/interval.h"
#include "qat/patterns/pattern_stats.h"
#include "qat/patterns/stored_stats.h"
#include "qat/store/sqlite.h"

namespace qat::app {

// The stored cells: every event ("all") and the recent window ("recent", edge decay).
inline constexpr const char* kSpanAll = "all";
inline constexpr const char* kSpanRecent = "recent";

struct BuildPatternStatsRequest {
  std::vector<std::string> symbols;  // stored, validated
  data::Interval interval = data::Interval::k1d;
  std::string market;                // stored symbol whose regimes to use; "" = each symbol's own
  std::vector<int> horizons = {1, 3, 5, 10, 21};
  double recent_years = 5;           // > 0
};

struct SymbolBuilt {
  std::string symbol;
  patterns::UpdateStats stats;
};

struct BuildPatternStatsReport {
  std::vector<SymbolBuilt> symbols;
  std::size_t series = 0;  // stored series the cells pool
  std::vector<patterns::CellStats> all, recent;
  Timestamp recent_since = 0;
};

// Updates each symbol's stored events and outcomes (adjusted bars, store::LoadAdjustedBars),
// then recomputes and stores the cells of every stored series for both spans. `progress` is
// called after each symbol. Fails with kInvalidInput on bad horizons or recent_years, naming
// the symbol on any other failure; cells already stored stay until both spans are computed.
Result<BuildPatternStatsReport> BuildPatternStats(store::Database& db, const BuildPatternStatsRequest& request,
                                                  const std::function<void(const SymbolBuilt&)>& progress = {});

// The cells of one series held in memory (what `qtrader patterns stats` does with a file):
// events and outcomes of `bars`, regimes of `market` when given (else the series' own), every
// cell for every horizon, `since` restricting events to the recent window and `as_of` the
// outcomes to those known by then.
struct SeriesStatsRequest {
  data::BarSeries bars;
  std::optional<data::BarSeries> market;
  std::vector<int> horizons = {1, 3, 5, 10, 21};
  std::optional<Timestamp> as_of;
  double recent_years = 0;  // > 0: only the events of the last recent_years before as_of
  double prior_weight = patterns::kDefaultPriorWeight;
};
struct SeriesStats {
  std::vector<patterns::CellStats> cells;
  std::size_t events = 0;
};
Result<SeriesStats> ComputeSeriesStats(const SeriesStatsRequest& request);

struct PatternEdgeRequest {
  std::string pattern;            // TA-Lib name, any case
  std::string direction;          // "bullish", "bearish", or "" for both
  std::string regime = "ALL";     // ALL, BULL, BEAR, SIDEWAYS, UNKNOWN
  std::string vol_regime = "ALL"; // ALL, LOW, NORMAL, HIGH, UNKNOWN
  std::string timeframe = "1d";
  int horizon = 5;
  int min_n = patterns::kMinEvents;
};

// The cell answering one direction: the exact context if it holds min_n events, else
// (regime, ALL), else (ALL, ALL); when none is large enough, the broadest existing cell,
// marked below_min_n. `recent` is the same context in the recent window.
struct EdgeAnswer {
  PatternEdgeRequest asked;  // normalised: upper-case pattern and regimes, one direction
  patterns::CellStats cell;
  std::optional<patterns::CellStats> recent;
  bool exact = false;
  std::string fallback_reason;  // "BULL/HIGH has n=3 < 30; ..." ("" when exact)
  bool below_min_n = false;
};

// The request with the pattern's TA-Lib name and upper-case regimes; kInvalidInput on an
// unknown pattern, direction or regime. PatternEdge applies it itself; a front end may call it
// first to refuse bad input before opening a store.
Result<PatternEdgeRequest> NormalizeEdgeRequest(const PatternEdgeRequest& request);

// One answer per direction asked that has events. Fails with kInvalidInput on an unknown
// pattern, direction or regime, with kNotFound when no statistics are stored or the pattern
// has no events at that timeframe and horizon.
Result<std::vector<EdgeAnswer>> PatternEdge(store::Database& db, const PatternEdgeRequest& request);

struct TopEdgesRequest {
  std::string timeframe = "1d";
  int horizon = 5;
  int min_n = patterns::kMinEvents;  // >= 1
  int limit = 20;                             // >= 1
};

// Stored cells (span "all") at the horizon with n >= min_n and a positive mean and excess
// return, by q-value then p-value, at most `limit`. Fails with kNotFound when no statistics
// are stored.
Result<std::vector<patterns::CellStats>> TopEdges(store::Database& db, const TopEdgesRequest& request);

nlohmann::json ToJson(const patterns::CellStats& cell);
nlohmann::json ToJson(const EdgeAnswer& answer);

}  // namespace qat::app
