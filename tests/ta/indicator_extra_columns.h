// Golden columns beyond the 85-column output table: the other indicators of the ta module
// and parameter variants, as written by tests/testdata/ta/extra_indicators.js (same names,
// same parameters). Each entry computes its column from a golden case's OHLCV.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "qat/ta/indicators.h"
#include "ta/golden.h"

namespace qat::testing {

using ExtraColumnFn = std::function<Result<ta::Series>(const GoldenCase&)>;

// column name -> how to compute it.
const std::map<std::string, ExtraColumnFn>& ExtraIndicatorColumns();

}  // namespace qat::testing
