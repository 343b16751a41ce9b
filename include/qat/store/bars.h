// Bars in the store, keyed by (symbol, interval, start). Each stored bar also records its
// price basis, source and adjusted_through (qat/data/price_basis.h, qat/data/adjust.h), and
// every series carries a content hash checked on every load.
//
// Analytics never read these functions' stored values directly: they read
// store::LoadAdjustedBars (qat/store/actions.h), one basis whatever was stored.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/adjust.h"
#include "qat/data/bar_series.h"
#include "qat/data/corporate_action.h"
#include "qat/data/price_basis.h"
#include "qat/store/sqlite.h"

namespace qat::store {

struct UpsertStats {
  std::int64_t inserted = 0;   // new keys
  std::int64_t updated = 0;    // existing keys whose values changed
  std::int64_t unchanged = 0;  // existing keys with identical values
};

// Where bars come from and what their prices mean.
struct BarOrigin {
  data::PriceBasis basis = data::PriceBasis::kSplit;
  std::string source = "unnamed";  // "yahoo", "csv:SPY.csv", "resample:5m", ...
  // split bases: splits dated on or before this day are in the prices (default: all).
  Days adjusted_through = std::numeric_limits<Days>::max();
};

// Joining bars of another source or basis to a stored series: their adjusted closes
// (qat/data/adjust.h) on the sessions both hold must agree within `tolerance` (relative,
// median over the shared sessions), and bars of another source or basis that share no
// session with the stored ones are refused (a join that cannot be checked).
struct JoinRules {
  double tolerance = 0.005;
};

struct SeriesWrite {
  data::BarSeries bars;  // validated, ascending; may be empty when only actions arrive
  BarOrigin origin;
  // Columns the source had: a missing one never overwrites a stored value (new bars get
  // adj_close = close and volume = 0).
  bool has_adj_close = true, has_volume = true;
  std::vector<data::CorporateAction> actions;  // of bars.symbol, stored in the same transaction
  bool replace = false;  // delete the stored bars of (symbol, interval) first
  JoinRules join;
};

struct WriteReport {
  UpsertStats bars, actions;
  std::int64_t replaced = 0;        // bars deleted by `replace`
  std::size_t overlap_sessions = 0; // sessions compared with the stored bars
  double overlap_ratio = 1;         // median adjusted-close ratio new / stored on them
};

// Writes the actions and bars of `write` in one transaction, after checking them against
// what is stored; on any failure nothing is written. Fails, naming the symbol, sources,
// dates and ratio, when
//   - a split falls inside the new bars and its ratio does (not) show in their closes as
//     their basis says it should (a raw file declared split-adjusted, or the reverse);
//   - a new split falls inside a stored segment that contradicts it the same way;
//   - the new bars disagree with stored bars of another source or basis on shared sessions,
//     or share no session with them (JoinRules).
// Re-writing the same data changes nothing. New bars are inserted, existing keys updated.
Result<WriteReport> WriteSeries(Database& db, const SeriesWrite& write);

// WriteSeries of `series` with the default origin (split-adjusted for every split, source
// "unnamed") and every column: for tests and tools that build series in memory.
Result<UpsertStats> UpsertBars(Database& db, const data::BarSeries& series);

// The stored series of (symbol, interval) with its segments, after checking its content
// hash. Fails when nothing is stored for them (naming them) or the hash differs.
Result<data::StoredSeries> LoadStoredSeries(Database& db, const std::string& symbol, data::Interval interval);

struct BarQuery {
  std::string symbol;
  data::Interval interval = data::Interval::k1d;
  std::optional<Timestamp> from;  // inclusive, on bar start
  std::optional<Timestamp> to;    // inclusive, on bar start
};

// The stored values of the bars matching `query`, ascending, as LoadStoredSeries. An empty
// range within stored data gives an empty series.
Result<data::BarSeries> LoadBars(Database& db, const BarQuery& query);

// Bars [begin, end) of `series` whose start lies in [from, to].
data::BarSeries SliceByTime(const data::BarSeries& series, std::optional<Timestamp> from,
                            std::optional<Timestamp> to);

struct SeriesSummary {
  std::string symbol;
  data::Interval interval;
  std::int64_t bars;
  Timestamp first, last;
  std::vector<std::string> sources;  // "csv:SPY.csv (split)", in order of first appearance
};
// Every (symbol, interval) in the store, sorted.
Result<std::vector<SeriesSummary>> ListSeries(Database& db);

}  // namespace qat::store
