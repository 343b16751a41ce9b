// The 61 TA-Lib candlestick patterns (CDL2CROWS ... CDLXSIDEGAP3METHODS).
//
// Every pattern returns one int per bar, aligned with the input: +100 bullish, -100 bearish
// (+-80 for the weaker CDLENGULFING/CDLHARAMI/CDLHARAMICROSS form, +-200 for the hikkake
// confirmations), 0 where it does not fire and in the first Lookback() bars, where TA-Lib
// gives no value. The rules of each pattern are written in words at the top of its file in
// src/ta/patterns/.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/ta/candle.h"

namespace qat::ta {

namespace patterns_detail {
class CandleFrame;  // private: src/ta/patterns/candle_frame.h
}

using PatternFn = std::vector<int> (*)(const OhlcView& bars, const CandleSettings& settings);
using PatternLookbackFn = int (*)(const CandleSettings& settings);

struct PatternSpec {
  std::string_view name;       // TA-Lib's name, e.g. "CDLHAMMER"
  PatternFn compute;           // with TA-Lib's default optional inputs (penetration)
  PatternLookbackFn lookback;  // bars before the first defined output
  // The batch form of `compute` (private to the library; ComputePatterns shares one candle
  // frame between all patterns through it). Writes the same values as `compute`; every
  // registered pattern has one.
  void (*kernel)(patterns_detail::CandleFrame& frame, std::span<int> out) = nullptr;
};

// Every implemented pattern, sorted by name.
const std::vector<PatternSpec>& AllPatterns();
// The pattern called `name` (TA-Lib's name, case-insensitive), or nullptr.
const PatternSpec* FindPattern(std::string_view name);

// Many patterns on the same bars at once: one column per entry of `names` (TA-Lib's names,
// case-insensitive, in the order given), or all of AllPatterns() in registry order when
// `names` is empty. Each column equals what the pattern's PatternSpec::compute returns; the
// candle geometry and averages are computed once for all of them (docs/ta_patterns.md).
// Errors: a name that is not a pattern; OHLC columns of different lengths.
Result<std::vector<std::vector<int>>> ComputePatterns(const OhlcView& bars,
                                                      const CandleSettings& settings,
                                                      std::span<const std::string_view> names = {});

}  // namespace qat::ta
