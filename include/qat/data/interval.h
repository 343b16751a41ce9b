// Bar intervals: 1m, 5m, 15m, 30m, 1h, 4h (intraday) and 1d, 1wk.
#pragma once

#include <string_view>

#include "qat/core/result.h"
#include "qat/core/time.h"

namespace qat::data {

enum class Interval { k1m, k5m, k15m, k30m, k1h, k4h, k1d, k1wk };

// Accepts "1m", "5m", "15m", "30m", "1h" (or "60m"), "4h", "1d", "1wk"; fails otherwise.
Result<Interval> ParseInterval(std::string_view text);
std::string_view IntervalName(Interval interval);
// Length in seconds (1d = 86400, 1wk = 604800).
Timestamp IntervalSeconds(Interval interval);
bool IsIntraday(Interval interval);

}  // namespace qat::data
