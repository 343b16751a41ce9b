// Small string utilities shared by the CSV readers, the CLI and the providers.
#pragma once

#include <cstddef>
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

// A short, printable excerpt of input text for an error message, in single quotes: every
// byte outside printable ASCII (control characters, NUL, DEL, and every byte >= 0x80, so
// UTF-8 and invalid bytes alike) is written as \xNN, a backslash as \\ and a quote as \'.
// When the escaped text is longer than `max_chars`, it is cut there and the excerpt states
// the full length: Excerpt(5 MB of 'a') = 'aaaa…' (5242880 bytes). Never contains a line
// break, so a message that quotes input stays one line.
std::string Excerpt(std::string_view text, std::size_t max_chars = 40);
// The same escaping (but of no quote) and cut, without the quotes, for a sentence that is a
// message of its own (a provider's error text): "No data found, symbol may be delisted".
std::string PrintableText(std::string_view text, std::size_t max_chars = 160);

// Edits (insertions, deletions, substitutions, swaps of two neighbours) that turn `a` into
// `b`, comparing ASCII letters case-insensitively ("impor" -> "import": 1, "improt": 1).
std::size_t EditDistance(std::string_view a, std::string_view b);
// The candidate nearest to `word` by EditDistance if it is close enough to be a likely typo
// (at most 1 edit for words of up to 3 characters, 2 up to 6, 3 beyond, and fewer than the
// longer word's length); the first such candidate on a tie; nullopt when none is close.
std::optional<std::string> NearestName(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace qat
