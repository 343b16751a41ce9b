// A paper account's engine state as the JSON stored after each session (store/paper.h):
// symbols by name, days as dates, money in micro-dollars, an unset level as null. Reading it
// back checks it against the account's symbols.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/backtest/engine.h"
#include "qat/core/result.h"

namespace qat::app {

nlohmann::json EngineStateToJson(const backtest::EngineState& state, const std::vector<std::string>& symbols);
// Fails (kCorrupt) on a field missing or of the wrong type, or an unknown symbol.
Result<backtest::EngineState> EngineStateFromJson(const nlohmann::json& json, const std::vector<std::string>& symbols);

// Brings a stored state onto the basis of the bars loaded now: a split stored since the state
// was saved (in `stored` but not in `known`, both lists of [symbol, ex-date, ratio]) multiplies
// the shares of a position entered before its ex-date by the ratio and divides its prices and
// levels by it (a fraction of a share is paid in cash at the last close before the ex-date, as
// brokers do), and divides the levels of entries decided before it. Returns one line per
// position changed.
std::vector<std::string> ApplyNewSplits(backtest::EngineState& state, const std::vector<std::string>& symbols,
                                        const nlohmann::json& known, const nlohmann::json& stored,
                                        const std::vector<data::BarSeries>& daily);

}  // namespace qat::app
