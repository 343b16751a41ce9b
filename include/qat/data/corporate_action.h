// Corporate actions: splits and dividends, kept apart from the bars they explain.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/core/time.h"

namespace qat::data {

enum class ActionType { kSplit, kDividend };

struct CorporateAction {
  std::string symbol;
  Days date = 0;  // the ex-date (a split's first session at the new share count)
  ActionType type = ActionType::kSplit;
  // split: new shares per old share (a 4:1 split is 4, a 1:10 reverse split 0.1);
  // dividend: cash per share, in the units of that date's raw (as traded) prices.
  double value = 0;
};

std::string_view ActionTypeName(ActionType type);  // "split" | "dividend"
Result<ActionType> ParseActionType(std::string_view text);

// Reads actions in the format `qtrader actions` prints: a header `date,type,value`, then one
// row per action (ISO date, split|dividend, a finite positive number). Rows may come in any
// order; the result is sorted by date, then type. Fails with "SOURCE:LINE: ..." on a bad row
// or a repeated (date, type).
Result<std::vector<CorporateAction>> ParseActionsCsv(std::string_view text, std::string_view source,
                                                     const std::string& symbol);

}  // namespace qat::data
