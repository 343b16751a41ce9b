// Bars in the store, keyed by (symbol, interval, start).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/store/sqlite.h"

namespace qat::store {

struct UpsertStats {
  std::int64_t inserted = 0;   // new keys
  std::int64_t updated = 0;    // existing keys whose values changed
  std::int64_t unchanged = 0;  // existing keys with identical values
};

// Writes every bar of `series` in one transaction: new bars are inserted, bars already
// stored under the same key are updated in place. Importing the same data twice changes
// nothing. On any failure nothing is written.
Result<UpsertStats> UpsertBars(Database& db, const data::BarSeries& series);

struct BarQuery {
  std::string symbol;
  data::Interval interval = data::Interval::k1d;
  std::optional<Timestamp> from;  // inclusive, on bar start
  std::optional<Timestamp> to;    // inclusive, on bar start
};

// The stored bars matching `query`, ascending. Fails if none are stored for the symbol and
// interval at all (naming them); an empty range within stored data gives an empty series.
Result<data::BarSeries> LoadBars(Database& db, const BarQuery& query);

struct SeriesSummary {
  std::string symbol;
  data::Interval interval;
  std::int64_t bars;
  Timestamp first, last;
};
// Every (symbol, interval) in the store, sorted.
Result<std::vector<SeriesSummary>> ListSeries(Database& db);

}  // namespace qat::store
