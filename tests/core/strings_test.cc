#include "qat/core/strings.h"
#include "qat/core/sha256.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

namespace qat {
namespace {

TEST(Strings, ParseFiniteDoubleIsStrict) {
  EXPECT_EQ(ParseFiniteDouble("43.968750"), 43.96875);
  EXPECT_EQ(ParseFiniteDouble("-1e3"), -1000.0);
  EXPECT_FALSE(ParseFiniteDouble("").has_value());
  EXPECT_FALSE(ParseFiniteDouble("12a").has_value());
  EXPECT_FALSE(ParseFiniteDouble("nan").has_value());
  EXPECT_FALSE(ParseFiniteDouble("NaN").has_value());
  EXPECT_FALSE(ParseFiniteDouble("inf").has_value());
}

TEST(Strings, FormatShortestRoundTrips) {
  for (double v : {137.75, 0.0991725, 4.8499999, 1003200.0, 585.787427959006, 1e-9}) {
    EXPECT_EQ(*ParseFiniteDouble(FormatShortest(v)), v);
  }
  EXPECT_EQ(FormatShortest(1003200.0), "1003200");
  EXPECT_EQ(Format17(0.5), "0.5");
  EXPECT_EQ(Format17(1.0 / 3.0), "0.33333333333333331");
}

TEST(Strings, SplitKeepsEmptyFields) {
  auto parts = Split("a,,b,", ',');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[3], "");
}

TEST(Strings, ExcerptOfFiveMegabytesIsShortAndStatesTheLength) {
  const std::string huge(5 * 1024 * 1024, 'a');
  const std::string e = Excerpt(huge);
  EXPECT_LT(e.size(), 70u) << e;
  EXPECT_EQ(e, "'" + std::string(40, 'a') + "\u2026' (5242880 bytes)");
  EXPECT_EQ(Excerpt("abc"), "'abc'");
  EXPECT_EQ(Excerpt("abcdef", 3), "'abc\u2026' (6 bytes)");
}

TEST(Strings, ExcerptEscapesBinaryNulAndNonAscii) {
  EXPECT_EQ(Excerpt(std::string_view("ab\0cd", 5)), "'ab\\x00cd'");  // a NUL does not cut the text
  EXPECT_EQ(Excerpt("\x01\xff\n\t\x7f"), "'\\x01\\xff\\x0a\\x09\\x7f'");
  EXPECT_EQ(Excerpt("caf\xc3\xa9"), "'caf\\xc3\\xa9'");  // UTF-8 is escaped byte by byte
  EXPECT_EQ(Excerpt("it's a\\b"), "'it\\'s a\\\\b'");
  // An escape is never split by the cut: 10 escaped bytes are 40 characters.
  const std::string binary(1000, '\x80');
  const std::string e = Excerpt(binary);
  std::string expected = "'";
  for (int i = 0; i < 10; ++i) expected += "\\x80";
  expected += "\u2026' (1000 bytes)";
  EXPECT_EQ(e, expected);
  for (char c : e) EXPECT_TRUE(c != '\n' && c != '\r' && c != '\0');
  EXPECT_EQ(PrintableText("No data found, symbol's gone\n"), "No data found, symbol's gone\\x0a");
}

TEST(Strings, EditDistanceAndNearestName) {
  EXPECT_EQ(EditDistance("impor", "import"), 1u);
  EXPECT_EQ(EditDistance("improt", "import"), 1u);  // a swap of neighbours is one edit
  EXPECT_EQ(EditDistance("--symbl", "--symbol"), 1u);
  EXPECT_EQ(EditDistance("IMPORT", "import"), 0u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  const std::vector<std::string> commands = {"import", "bars", "symbols", "ta", "train", "features"};
  EXPECT_EQ(NearestName("impor", commands), "import");
  EXPECT_EQ(NearestName("tain", commands), "train");
  EXPECT_EQ(NearestName("tx", commands), "ta");
  EXPECT_FALSE(NearestName("xyzzy", commands).has_value());
  EXPECT_FALSE(NearestName("zz", commands).has_value());  // 2 edits of a 2-letter word: no guess
  EXPECT_FALSE(NearestName("portfolio", commands).has_value());
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string million(1000000, 'a');
  EXPECT_EQ(Sha256Hex(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Two blocks (NIST's 448-bit message).
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, TheHardwarePathEqualsThePortableOneOnEveryByteLength) {
  // Whichever compression this CPU uses, the digest of 0..300 pseudo-random bytes equals one
  // computed block by block with the portable compression (padding written out here).
  std::string data;
  std::uint32_t x = 12345;
  for (int i = 0; i < 300; ++i) {
    x = x * 1664525u + 1013904223u;
    data.push_back(static_cast<char>(x >> 24));
  }
  for (std::size_t n = 0; n <= data.size(); ++n) {
    std::string padded = data.substr(0, n);
    padded.push_back(static_cast<char>(0x80));
    while (padded.size() % 64 != 56) padded.push_back('\0');
    for (int k = 7; k >= 0; --k) padded.push_back(static_cast<char>((std::uint64_t{n} * 8) >> (8 * k)));
    std::uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (std::size_t b = 0; b < padded.size(); b += 64) {
      Sha256PortableCompress(state, reinterpret_cast<const std::uint8_t*>(padded.data() + b));
    }
    std::string want;
    for (std::uint32_t word : state) want += fmt::format("{:08x}", word);
    ASSERT_EQ(Sha256Hex(data.substr(0, n)), want) << n << " bytes, SHA extensions " << Sha256UsesShaExtensions();
  }
}

}  // namespace
}  // namespace qat
