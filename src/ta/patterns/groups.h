// The patterns are written in three groups (alphabetical thirds of TA-Lib's list); each
// group's file appends its PatternSpecs. registry.cc joins and sorts them.
#pragma once

#include <vector>

#include "qat/ta/patterns.h"

namespace qat::ta {

// CDL2CROWS .. CDLEVENINGDOJISTAR (20 patterns)
void AddPatternGroup1(std::vector<PatternSpec>& out);
// CDLEVENINGSTAR .. CDLMARUBOZU (20 patterns)
void AddPatternGroup2(std::vector<PatternSpec>& out);
// CDLMATCHINGLOW .. CDLXSIDEGAP3METHODS (21 patterns)
void AddPatternGroup3(std::vector<PatternSpec>& out);

}  // namespace qat::ta
