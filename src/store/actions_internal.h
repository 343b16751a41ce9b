// Corporate-action helpers for the store's writers (not public).
#pragma once

#include <vector>

#include "qat/core/result.h"
#include "qat/data/corporate_action.h"
#include "qat/store/bars.h"
#include "qat/store/sqlite.h"

namespace qat::store::internal {

// Fails, naming the action, on a value that is not finite and positive.
Status ValidateActions(const std::vector<data::CorporateAction>& actions);
// `stored` with `incoming` applied (same date and type: the incoming value), sorted.
std::vector<data::CorporateAction> MergeActions(const std::vector<data::CorporateAction>& stored,
                                                const std::vector<data::CorporateAction>& incoming);
// Upserts the actions and records the content hash of each symbol's actions; call inside a
// transaction.
Result<UpsertStats> WriteActions(Database& db, const std::vector<data::CorporateAction>& actions);

}  // namespace qat::store::internal
