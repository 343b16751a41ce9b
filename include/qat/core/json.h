// JSON helpers shared by every module's one JSON form.
#pragma once

#include <cmath>

#include <nlohmann/json.hpp>

namespace qat {

// A number, or null when it is NaN or infinite (an undefined measure, a level not set): JSON
// has no NaN, and 0 would read as a value.
inline nlohmann::json JsonNumber(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

}  // namespace qat
