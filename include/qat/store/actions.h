// Corporate actions (splits and dividends), stored apart from the raw bars, and the
// adjusted series derived from both at read time.
//
// Raw bars are what was traded on the day (a provider's split-adjusted prices are
// un-adjusted with the splits it reported before they are stored). Adjustment happens on
// every read, so a split that arrives after history was cached re-adjusts that history the
// next time it is read; nothing stored is rewritten.
//
// Adjusted series (AdjustBars):
//   split factor S(d)   = product of split ratios with date > d;
//   open/high/low/close = raw / S(d); volume = raw * S(d)   (split-adjusted, as Yahoo's "Close")
//   adj_close           = close / S(d) * D(d), where D(d) is the product over dividends with
//                         ex-date e > d of (1 - amount(e)/S(e) / (close(p)/S(p))), p the last
//                         bar before e (the CRSP / Yahoo convention). A dividend with no bar
//                         before it contributes nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/store/bars.h"
#include "qat/store/sqlite.h"

namespace qat::store {

enum class ActionType { kSplit, kDividend };

struct CorporateAction {
  std::string symbol;
  Days date = 0;  // the ex-date (a split's first session at the new share count)
  ActionType type = ActionType::kSplit;
  // split: new shares per old share (a 4:1 split is 4, a 1:10 reverse split 0.1);
  // dividend: cash per share, in the units of that date's raw prices.
  double value = 0;
};

std::string_view ActionTypeName(ActionType type);  // "split" | "dividend"
Result<ActionType> ParseActionType(std::string_view text);

// Inserts or updates (key: symbol, date, type) every action in one transaction; on any
// failure nothing is written. Fails on a value that is not finite and positive.
Result<UpsertStats> UpsertActions(Database& db, const std::vector<CorporateAction>& actions);

// Every action stored for `symbol`, ascending by date then type (empty if none).
Result<std::vector<CorporateAction>> LoadActions(Database& db, const std::string& symbol);

// The adjusted series (see above) of raw bars given the symbol's actions.
data::BarSeries AdjustBars(const data::BarSeries& raw, const std::vector<CorporateAction>& actions);

// LoadBars + LoadActions + AdjustBars; adjustment uses every stored bar (a dividend's
// previous close may lie before query.from), then the query's range is applied.
Result<data::BarSeries> LoadAdjustedBars(Database& db, const BarQuery& query);

}  // namespace qat::store
