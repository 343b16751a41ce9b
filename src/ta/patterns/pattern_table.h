// The registry's source: one PatternSpec per pattern (private to the library).
#pragma once

#include <vector>

#include "qat/ta/patterns.h"

namespace qat::ta {

// Every pattern with its function, lookback and kernel, by name.
std::vector<PatternSpec> PatternTable();

}  // namespace qat::ta
