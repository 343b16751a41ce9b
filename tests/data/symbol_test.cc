#include "qat/data/symbol.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qat::data {
namespace {

std::string ErrorOf(std::string_view text) {
  auto r = ValidateSymbol(text);
  return r.ok() ? "<accepted as " + *r + ">" : r.error().message;
}

TEST(Symbol, RealSymbolsAreAcceptedTrimmedAndUpperCased) {
  for (const char* s : {"SPY", "BRK-B", "BRK.B", "^VIX", "EURUSD=X", "BTC-USD", "^GSPC", "ES=F", "0700.HK",
                        "M&M.NS", "RDS_A"}) {
    auto r = ValidateSymbol(s);
    ASSERT_TRUE(r.ok()) << s << ": " << r.error().message;
    EXPECT_EQ(*r, s);
  }
  EXPECT_EQ(*ValidateSymbol("  spy "), "SPY");
  EXPECT_EQ(*ValidateSymbol("brk-b"), "BRK-B");
  EXPECT_EQ(*ValidateSymbol(std::string(kMaxSymbolLength, 'A')), std::string(kMaxSymbolLength, 'A'));
}

TEST(Symbol, BadSymbolsAreRejectedNamingTheCharacter) {
  EXPECT_EQ(ErrorOf(""), "empty symbol");
  EXPECT_EQ(ErrorOf("   "), "blank symbol '   '");
  EXPECT_EQ(ErrorOf("A,B"), "symbol 'A,B': ',' (a list separator) is not allowed (letters, digits and . - ^ = _ & only)");
  EXPECT_EQ(ErrorOf("BRK B"), "symbol 'BRK B': whitespace inside a symbol is not allowed");
  EXPECT_EQ(ErrorOf("SP\tY"), "symbol 'SP\\x09Y': whitespace inside a symbol is not allowed");
  EXPECT_EQ(ErrorOf(std::string_view("SP\0Y", 4)),
            "symbol 'SP\\x00Y': control character \\x00 is not allowed (letters, digits and . - ^ = _ & only)");
  EXPECT_EQ(ErrorOf("SPY\x1b[2J"),
            "symbol 'SPY\\x1b[2J': control character \\x1b is not allowed (letters, digits and . - ^ = _ & only)");
  EXPECT_EQ(ErrorOf("caf\xc3\xa9"),
            "symbol 'caf\\xc3\\xa9': non-ASCII byte \\xc3 is not allowed (letters, digits and . - ^ = _ & only)");
  EXPECT_NE(ErrorOf(".SPY").find("must start with a letter, a digit or '^'"), std::string::npos);
  EXPECT_NE(ErrorOf("../etc").find("'/' (a path separator) is not allowed"), std::string::npos);
  EXPECT_NE(ErrorOf("-SPY").find("must start with a letter, a digit or '^'"), std::string::npos);
  for (const char* s : {"A;B", "A|B", "A\"B", "A'B", "A/B", "A\\B", "A*B", "A$B", "A:B", "A%B", "A(B"}) {
    const std::string error = ErrorOf(s);
    EXPECT_NE(error.find("is not allowed"), std::string::npos) << s << ": " << error;
    EXPECT_EQ(error.find("accepted"), std::string::npos) << s;
  }
  EXPECT_NE(ErrorOf("A/B").find("'/' (a path separator)"), std::string::npos);
  EXPECT_NE(ErrorOf("A'B").find("a quote (')"), std::string::npos);
  const std::string too_long(kMaxSymbolLength + 1, 'A');
  EXPECT_EQ(ErrorOf(too_long), "symbol '" + std::string(40, 'A').substr(0, 33) +
                                   "' is 33 characters long; at most 32 are allowed");
  // A 5 MB "symbol": the message stays short.
  const std::string huge(5 << 20, 'Z');
  EXPECT_LT(ErrorOf(huge).size(), 120u) << ErrorOf(huge);
}

TEST(Symbol, ListsAreValidatedAndDuplicatesRejected) {
  auto ok = ParseSymbolList("SPY, qqq,^VIX,BRK-B");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(*ok, (std::vector<std::string>{"SPY", "QQQ", "^VIX", "BRK-B"}));
  auto twice = ParseSymbolList("SPY,SPY");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "SPY appears twice in the symbol list");
  auto twice_case = ParseSymbolList("spy,QQQ, SPY");
  ASSERT_FALSE(twice_case.ok());
  EXPECT_EQ(twice_case.error().message, "SPY appears twice in the symbol list");
  for (const char* empty : {"", "  ", " , "}) {
    EXPECT_FALSE(ParseSymbolList(empty).ok()) << "'" << empty << "'";
  }
  EXPECT_EQ(ParseSymbolList("").error().message, "no symbol given (expected a list such as SPY,AAPL)");
  auto hole = ParseSymbolList("SPY,,QQQ");
  ASSERT_FALSE(hole.ok());
  EXPECT_EQ(hole.error().message, "'SPY,,QQQ': symbol 2 of 3 is empty (two commas in a row, or one at an end?)");
  auto bad = ParseSymbolList("SPY,A B");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "symbol 'A B': whitespace inside a symbol is not allowed");
}

}  // namespace
}  // namespace qat::data
