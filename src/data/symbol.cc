#include "qat/data/symbol.h"

#include <algorithm>
#include <cctype>

#include "qat/core/strings.h"

namespace qat::data {
namespace {

bool AllowedPunctuation(char c) {
  return c == '.' || c == '-' || c == '^' || c == '=' || c == '_' || c == '&';
}

// How a message names a byte that is not allowed: "',' (a list separator)".
std::string Describe(unsigned char c) {
  switch (c) {
    case ',': return "',' (a list separator)";
    case ';': return "';'";
    case '|': return "'|'";
    case '"': return "a quote (\")";
    case '\'': return "a quote (')";
    case '/': return "'/' (a path separator)";
    case '\\': return "'\\' (a path separator)";
  }
  if (c < 0x20 || c == 0x7f) return fmt::format("control character \\x{:02x}", c);
  if (c >= 0x80) return fmt::format("non-ASCII byte \\x{:02x}", c);
  return fmt::format("'{}'", static_cast<char>(c));
}

}  // namespace

Result<std::string> ValidateSymbol(std::string_view text) {
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) {
    return text.empty() ? Fail(ErrorCode::kInvalidInput, "empty symbol") : Fail(ErrorCode::kInvalidInput, "blank symbol {}", Excerpt(text));
  }
  if (trimmed.size() > kMaxSymbolLength) {
    return Fail(ErrorCode::kInvalidInput, "symbol {} is {} characters long; at most {} are allowed", Excerpt(trimmed),
                trimmed.size(), kMaxSymbolLength);
  }
  for (unsigned char c : trimmed) {
    if (std::isalnum(c) != 0 && c < 0x80) continue;
    if (AllowedPunctuation(static_cast<char>(c))) continue;
    if (c == ' ' || c == '\t') {
      return Fail(ErrorCode::kInvalidInput, "symbol {}: whitespace inside a symbol is not allowed", Excerpt(trimmed));
    }
    return Fail(ErrorCode::kInvalidInput, "symbol {}: {} is not allowed (letters, digits and . - ^ = _ & only)", Excerpt(trimmed),
                Describe(c));
  }
  const unsigned char first = static_cast<unsigned char>(trimmed.front());
  if (std::isalnum(first) == 0 && first != '^') {
    return Fail(ErrorCode::kInvalidInput, "symbol {}: must start with a letter, a digit or '^'", Excerpt(trimmed));
  }
  return ToUpper(trimmed);
}

Result<std::vector<std::string>> ParseSymbolList(std::string_view comma_list) {
  if (Trim(comma_list).empty()) return Fail(ErrorCode::kInvalidInput, "no symbol given (expected a list such as SPY,AAPL)");
  std::vector<std::string> symbols;
  const auto parts = Split(comma_list, ',');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (Trim(parts[i]).empty()) {
      return Fail(ErrorCode::kInvalidInput, "{}: symbol {} of {} is empty (two commas in a row, or one at an end?)",
                  Excerpt(comma_list, 80), i + 1, parts.size());
    }
    QAT_ASSIGN_OR_RETURN(std::string symbol, ValidateSymbol(parts[i]));
    if (std::find(symbols.begin(), symbols.end(), symbol) != symbols.end()) {
      return Fail(ErrorCode::kInvalidInput, "{} appears twice in the symbol list", symbol);
    }
    symbols.push_back(std::move(symbol));
  }
  return symbols;
}

}  // namespace qat::data
