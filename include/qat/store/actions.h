// Corporate actions (splits and dividends) in the store, kept apart from the bars, and the
// one function every analytic reads bars through: LoadAdjustedBars.
//
// Stored bars keep what their source gave (raw, split- or split-and-dividend-adjusted; see
// qat/data/price_basis.h). Adjustment happens on every read (qat/data/adjust.h), so a split
// that arrives after history was stored re-adjusts that history the next time it is read;
// nothing stored is rewritten.
#pragma once

#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/adjust.h"
#include "qat/data/bar_series.h"
#include "qat/data/corporate_action.h"
#include "qat/store/bars.h"
#include "qat/store/sqlite.h"

namespace qat::store {

using data::ActionType;
using data::ActionTypeName;
using data::CorporateAction;
using data::ParseActionType;

// Stores every action (key: symbol, date, type) in one transaction; on any failure nothing
// is written. Fails on a value that is not finite and positive, and on a new split that a
// stored series of its symbol contradicts (see WriteSeries).
Result<UpsertStats> UpsertActions(Database& db, const std::vector<CorporateAction>& actions);

// Every action stored for `symbol`, ascending by date then type (empty if none), after
// checking their content hash.
Result<std::vector<CorporateAction>> LoadActions(Database& db, const std::string& symbol);

// The adjusted series of bars that are all raw (qat/data/adjust.h).
data::BarSeries AdjustBars(const data::BarSeries& raw, const std::vector<CorporateAction>& actions);

// THE bars every analytic reads (features, labels, pattern statistics, training,
// forecasting, and what is built on them): the stored series of every basis turned into
// split-adjusted prices and volumes on the share count of `options.as_of` (default: every
// stored action), adj_close also adjusted for dividends, open/high/low/close too when
// options.dividends_in_prices. Adjustment uses every stored bar; the query's range is applied
// after. Fails as LoadStoredSeries.
Result<data::BarSeries> LoadAdjustedBars(Database& db, const BarQuery& query, const data::AdjustOptions& options = {});

// LoadAdjustedBars of a whole daily series.
Result<data::BarSeries> LoadAdjustedDaily(Database& db, const std::string& symbol,
                                          const data::AdjustOptions& options = {});

}  // namespace qat::store
