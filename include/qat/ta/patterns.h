// The 61 TA-Lib candlestick patterns (CDL2CROWS ... CDLXSIDEGAP3METHODS).
//
// Every pattern returns one int per bar, aligned with the input: +100 bullish, -100 bearish
// (+-80 for the weaker CDLENGULFING/CDLHARAMI/CDLHARAMICROSS form, +-200 for the hikkake
// confirmations), 0 where it does not fire and in the first Lookback() bars, where TA-Lib
// gives no value. The rules of each pattern are written in words at the top of its file in
// src/ta/patterns/.
#pragma once

#include <string_view>
#include <vector>

#include "qat/ta/candle.h"

namespace qat::ta {

using PatternFn = std::vector<int> (*)(const OhlcView& bars, const CandleSettings& settings);
using PatternLookbackFn = int (*)(const CandleSettings& settings);

struct PatternSpec {
  std::string_view name;       // TA-Lib's name, e.g. "CDLHAMMER"
  PatternFn compute;           // with TA-Lib's default optional inputs (penetration)
  PatternLookbackFn lookback;  // bars before the first defined output
};

// Every implemented pattern, sorted by name.
const std::vector<PatternSpec>& AllPatterns();
// The pattern called `name` (TA-Lib's name, case-insensitive), or nullptr.
const PatternSpec* FindPattern(std::string_view name);

}  // namespace qat::ta
