// Small string utilities shared by the CSV readers, the CLI and the providers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qat {

std::string_view Trim(std::string_view text);
// Splits on `sep`, keeping empty fields ("a,,b" -> {"a","","b"}).
std::vector<std::string_view> Split(std::string_view text, char sep);
std::string ToLower(std::string_view text);
std::string ToUpper(std::string_view text);

// Parses a whole field as a finite double; nullopt for empty, non-numeric, trailing junk,
// NaN or infinity.
std::optional<double> ParseFiniteDouble(std::string_view text);
// Shortest text that reads back as exactly `value` ("137.75", "1003200", "0.1").
std::string FormatShortest(double value);
// `value` with 17 significant digits, trailing zeros trimmed (TA-Lib oracle style).
std::string Format17(double value);

}  // namespace qat
