// Golden statistics: figures of a run on the bundled data compared with stored expectations
// (tests/testdata/golden/). Counts, strings and dates must match exactly; real numbers within
// a relative 1e-6, room for the last digits of floating point on another machine and nothing
// more: any change of a prediction moves a figure well beyond it. When a change is meant to
// move the figures, regenerate the golden file and say why in the commit.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace qat::testing {

// Every key of `golden` (recursively) must be in `actual` with a matching value; extra keys
// in `actual` are ignored. Failures name the JSON path.
void ExpectMatchesGolden(const nlohmann::json& actual, const nlohmann::json& golden, const std::string& path = "");

}  // namespace qat::testing
