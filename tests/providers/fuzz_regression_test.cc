// Provider responses that crashed a parser or tripped a sanitizer under the libFuzzer
// harnesses (fuzz/, docs/fuzzing.md). Each input is kept in its harness's seed corpus
// (fuzz/corpus/<harness>/regression-*) and replayed here with the harness's own request; the
// test states the clean outcome. Before the fixes these were undefined behaviour: a float
// or a 20-digit timestamp converted to int64, int64 overflow adding an offset, a const
// nlohmann operator[] on a missing key.
#include <gtest/gtest.h>

#include <string>

#include "qat/providers/provider.h"
#include "support/cli.h"

namespace qat::providers {
namespace {

using qat::testing::ReadFile;
using qat::testing::RepoPath;

constexpr Timestamp kNow = 1796331600;  // 2026-12-03T21:00:00Z, the harnesses' now

std::string Input(const std::string& harness, const std::string& name) {
  return ReadFile(RepoPath("fuzz/corpus/" + harness + "/" + name));
}

// fuzz/yahoo_fuzz.cc: byte 0 bit 0 picks 1d or 1m AAPL bars, bit 1 repair_ohlc.
Result<FetchResult> ReplayYahoo(const std::string& name) {
  const std::string input = Input("yahoo", name);
  const FetchRequest request{.symbol = "AAPL",
                             .interval = (input[0] & 1) != 0 ? data::Interval::k1m : data::Interval::k1d,
                             .from = 0,
                             .to = kNow};
  return ParseYahooChart(std::string_view(input).substr(1), request, kNow, (input[0] & 2) != 0);
}

std::string Message(const Result<FetchResult>& r) { return r.ok() ? "(ok)" : r.error().message; }

// Found by the fuzzer (a timestamp of 1.9e28 in 't'): get<Timestamp>() of a float beyond
// int64 is undefined behaviour.
TEST(FuzzRegression, FinnhubTimestampBeyondInt64FailsNamingIt) {
  const FetchRequest request{.symbol = "AAPL", .interval = data::Interval::k1d, .from = 0, .to = kNow};
  auto r = ParseFinnhubCandles(Input("finnhub", "regression-timestamp-beyond-int64"), request, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "finnhub AAPL 1d: 't'[1] '1.9223372036854775e+28' is not a time in years 0000..9999");
}

// Found by the fuzzer: indicators.adjclose[0] without its "adjclose" series was read with a
// const operator[] (an assertion in nlohmann, undefined behaviour under NDEBUG).
TEST(FuzzRegression, YahooAdjcloseEntryWithoutItsSeriesIsABadResponse) {
  const std::string m = Message(ReplayYahoo("regression-adjclose-entry-without-series"));
  EXPECT_NE(m.find("yahoo AAPL 1d: unexpected JSON: "), std::string::npos) << m;
  EXPECT_NE(m.find("key 'adjclose' not found"), std::string::npos) << m;
}

// The same class of bug at the other places the Yahoo parser turns JSON into seconds, found
// by reading the code after the two above (each tripped UBSan in yahoo_fuzz before the fix).
TEST(FuzzRegression, YahooTimesOutsideYearsZeroToNineThousandAreBadResponses) {
  EXPECT_EQ(Message(ReplayYahoo("regression-gmtoffset-beyond-int64")),
            "yahoo AAPL 1d: meta.gmtoffset '1e+300' is not a UTC offset in seconds");
  EXPECT_EQ(Message(ReplayYahoo("regression-timestamp-2-pow-63")),
            "yahoo AAPL 1d: timestamp 0 is not an integer in years 0000..9999");
  EXPECT_EQ(Message(ReplayYahoo("regression-trading-period-beyond-int64")),
            "yahoo AAPL 1m: a trading period's start or end is not a time in years 0000..9999");
  EXPECT_EQ(Message(ReplayYahoo("regression-split-date-beyond-int64")),
            "yahoo AAPL 1d: split 'x' has no date in years 0000..9999");
  EXPECT_EQ(Message(ReplayYahoo("regression-dividend-date-near-int64-min")),
            "yahoo AAPL 1d: dividend 'x' has no date in years 0000..9999");
}

// Found by reading the code after the fuzzer's finds (nlohmann::json parses any depth without
// recursion, but copying, dumping and comparing a value recurse once per level): bodies of
// 20,000 nested brackets overflowed the stack of yahoo_fuzz (copying 'meta'),
// alphavantage_fuzz and finnhub_fuzz (dumping a non-string value) under ASan before the fix.
// A million levels overflow an 8 MB stack without sanitizers too. The corpora keep
// 100-level versions (regression-nested-100-deep), which exercise the refusal cheaply.
TEST(FuzzRegression, DeeplyNestedJsonIsRefusedBeforeParsing) {
  const std::size_t depth = 1'000'000;
  const std::string nest = std::string(depth, '[') + std::string(depth, ']');
  const FetchRequest request{.symbol = "AAPL", .interval = data::Interval::k1d, .from = 0, .to = kNow};
  auto yahoo = ParseYahooChart(R"({"chart":{"result":[{"meta":)" + nest + "}]}}", request, kNow);
  EXPECT_EQ(Message(yahoo), "yahoo AAPL 1d: response nests arrays and objects deeper than 64 levels (refused unparsed)");
  auto av = ParseAlphaVantage(R"j({"Time Series (Daily)":{"2024-01-02":{"1. open":)j" + nest + "}}}", request, kNow);
  EXPECT_EQ(Message(av),
            "alphavantage AAPL 1d: response nests arrays and objects deeper than 64 levels (refused unparsed)");
  auto finnhub = ParseFinnhubCandles(R"({"error":)" + nest + "}", request, kNow);
  EXPECT_EQ(Message(finnhub),
            "finnhub AAPL 1d: response nests arrays and objects deeper than 64 levels (refused unparsed)");
  // Brackets inside strings are text, and real responses (8 levels at most) still parse.
  auto quoted = ParseFinnhubCandles(R"({"error":")" + nest + R"("})", request, kNow);
  EXPECT_NE(Message(quoted).find("finnhub AAPL 1d: Finnhub error: [[[["), std::string::npos);
  EXPECT_NE(Message(ReplayYahoo("regression-nested-100-deep")).find("deeper than 64 levels"), std::string::npos);
}

}  // namespace
}  // namespace qat::providers
