// Stores written before schema version 5 (not public).
#pragma once

#include "qat/core/result.h"
#include "qat/store/sqlite.h"

namespace qat::store {

// Bars stored before the price basis was recorded got basis 'split' and source 'legacy'.
// Where a stored split shows in a legacy series' closes, the series was stored raw (the
// Yahoo provider un-adjusted its prices): its bars are marked 'raw'. Then every series and
// action set gets its content hash. Runs inside migration 5's transaction.
Status ClassifyLegacyStore(Database& db);

}  // namespace qat::store
