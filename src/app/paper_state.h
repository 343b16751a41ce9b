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

}  // namespace qat::app
