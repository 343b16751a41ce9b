// Ticker symbols as the CLI and the store name them.
//
// A symbol is trimmed and upper-cased (spy -> SPY). Allowed: ASCII letters and digits and
// the punctuation real tickers use: '.' '-' '^' '=' '_' '&' (BRK-B, BRK.B, ^VIX, EURUSD=X,
// BTC-USD, M&M.NS); it starts with a letter, a digit or '^' and is at most kMaxSymbolLength
// characters. Rejected, with a message that quotes the symbol (qat::Excerpt) and names the
// character: empty or blank names, whitespace inside, control characters, non-ASCII bytes,
// and separators the CLI cannot address in a list or a file name (',' ';' '|' quotes '/' '\'
// and every other character not listed above).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"

namespace qat::data {

inline constexpr std::size_t kMaxSymbolLength = 32;

// The symbol trimmed and upper-cased, or why it is not one.
Result<std::string> ValidateSymbol(std::string_view text);

// A comma-separated list ("SPY, qqq,^VIX"): each entry through ValidateSymbol, in order.
// Fails on an empty list, an empty entry ("SPY,,QQQ") and a symbol given twice
// ("SPY,spy" -> "SPY appears twice").
Result<std::vector<std::string>> ParseSymbolList(std::string_view comma_list);

}  // namespace qat::data
