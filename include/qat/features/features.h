// Features: named float columns aligned to a symbol's bars, computed only from what was
// known when each bar became available (no look-ahead).
//
// The registry lists every feature with its description, inputs and lookback (bars before
// the first defined value). ComputeFeatures fills a FeatureFrame with one column per
// registered feature, NaN where a value is not yet defined.
//
// Context series (the market, SPY, and the VIX) are joined on availability: row t sees the
// latest context bar whose `available` time is <= bars.available[t]. A daily signal is
// computed after the close and executed at the next open; every daily series that closes
// on day t (VIX included, at 16:15) is known by then and stamped with the session close.
//
// Staleness: that context bar is used only while it is fresh, i.e. at most
// `MarketContext::max_age_days` calendar days (New York) lie between its availability and
// the row's (default kDefaultContextMaxAgeDays = 5). Older, the context is missing (NaN),
// not carried forward: a context series that ended (SPY's file stops in 2024) must not
// freeze its last value onto every later row. Why 5: the longest ordinary gap between two
// US sessions is a weekend plus a holiday (Friday -> Tuesday, 4 days), and on the bundled
// and shared data no row sees a context bar older than 3 days while the context runs; 5
// leaves a margin of a day and still drops a context that is missing for a whole week.
// The rule only looks at times up to the row's own availability, so it adds no look-ahead.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"

namespace qat::features {

struct FeatureFrame {
  std::vector<std::string> names;
  std::vector<std::vector<double>> columns;  // columns[j][t]
  std::size_t rows = 0;

  // The column called `name`, or nullptr.
  const std::vector<double>* Find(const std::string& name) const;
};

// How many calendar days a context bar stays usable after its availability (see above).
inline constexpr int kDefaultContextMaxAgeDays = 5;

// Columns computed from a context series alone (the market's regimes, the VIX's percentile
// rank), before they are joined onto a symbol's bars: a watchlist's symbols share them, so a
// cache given in the MarketContext computes each once. Use one cache with one market and VIX
// only. Safe to share between threads (a column is made once, under a lock).
class ContextCache {
 public:
  // The column under `key`, made by `make` the first time; the reference stays valid as long
  // as the cache.
  const std::vector<double>& Get(const std::string& key, const std::function<std::vector<double>()>& make);

 private:
  std::mutex mutex_;
  std::map<std::string, std::vector<double>> columns_;
};

// Context for cross-asset features; either may be null (its features are then NaN).
struct MarketContext {
  const data::BarSeries* market = nullptr;  // usually SPY
  const data::BarSeries* vix = nullptr;     // ^VIX
  int max_age_days = kDefaultContextMaxAgeDays;  // >= 0
  ContextCache* cache = nullptr;             // optional: shared across calls (see above)
};

struct FeatureSpec {
  std::string name;
  std::string description;
  std::string inputs;  // e.g. "close", "high,low,close", "close; SPY close"
  int lookback = 0;    // bars of the symbol's own history before the first value
};

// Every registered feature, in column order.
const std::vector<FeatureSpec>& FeatureRegistry();

// Computes every registered feature for `bars` (daily). Fails if bars is empty, the
// context's max_age_days is negative, or an indicator rejects its input.
Result<FeatureFrame> ComputeFeatures(const data::BarSeries& bars, const MarketContext& context = {});

// No usable context bar (see ContextBarsOnAvailability).
inline constexpr std::size_t kNoContextBar = static_cast<std::size_t>(-1);

// The one availability join, shared by the features and the pattern engine: for each bar t
// of `bars`, the index of the latest `context` bar with available <= bars.available[t],
// provided at most `max_age_days` New York calendar days separate the two availability
// times; otherwise (no such bar, or too old) kNoContextBar.
std::vector<std::size_t> ContextBarsOnAvailability(const data::BarSeries& bars, const data::BarSeries& context,
                                                   int max_age_days);

// The value of context series `column` (one value per context bar) as known at each of
// `bars`' availability times: NaN where ContextBarsOnAvailability finds no usable bar.
std::vector<double> JoinOnAvailability(const data::BarSeries& bars, const data::BarSeries& context,
                                       const std::vector<double>& column, int max_age_days);

}  // namespace qat::features
