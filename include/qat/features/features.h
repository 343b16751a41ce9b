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
#pragma once

#include <cstddef>
#include <functional>
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

// Context for cross-asset features; either may be null (its features are then NaN).
struct MarketContext {
  const data::BarSeries* market = nullptr;  // usually SPY
  const data::BarSeries* vix = nullptr;     // ^VIX
};

struct FeatureSpec {
  std::string name;
  std::string description;
  std::string inputs;  // e.g. "close", "high,low,close", "close; SPY close"
  int lookback = 0;    // bars of the symbol's own history before the first value
};

// Every registered feature, in column order.
const std::vector<FeatureSpec>& FeatureRegistry();

// Computes every registered feature for `bars` (daily). Fails if bars is empty or an
// indicator rejects its input.
Result<FeatureFrame> ComputeFeatures(const data::BarSeries& bars, const MarketContext& context = {});

// The value of context series `column` as known at each of `bars`' availability times
// (NaN before the first available context bar).
std::vector<double> JoinOnAvailability(const data::BarSeries& bars, const data::BarSeries& context,
                                       const std::vector<double>& column);

}  // namespace qat::features
