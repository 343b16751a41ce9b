// Provider responses a hostile or broken server may send: bars dated in the future, huge
// and binary bodies. Messages name the provider, symbol and date, and quote at most a short
// escaped excerpt of what the server sent.
#include <gtest/gtest.h>

#include <string>

#include "providers/fixture_server.h"
#include "qat/core/clock.h"
#include "qat/providers/provider.h"

namespace qat::providers {
namespace {

using qat::testing::FixtureServer;

// 2026-12-03 15:00 New York.
const Timestamp kNow = NewYorkTime(*ParseDate("2026-12-03"), 15 * 3600);

Timestamp Day(const char* date) { return Timestamp{*ParseDate(date)} * kSecondsPerDay; }

data::Bar DailyBar(const char* date) {
  data::Bar b;
  b.start = Day(date);
  b.open = 10;
  b.high = 11;
  b.low = 9;
  b.close = 10.5;
  b.adj_close = 10.5;
  b.volume = 100;
  return b;
}

TEST(ProvidersFuture, ValidateFetchedBarsRejectsABarAfterToday) {
  data::BarSeries bars;
  bars.symbol = "SPY";
  bars.Append(DailyBar("2026-12-02"));
  bars.Append(DailyBar("2026-12-03"));
  const FetchRequest request{"SPY", data::Interval::k1d, Day("2026-01-01"), Day("9999-12-31")};
  auto today = ValidateFetchedBars(bars, "yahoo SPY 1d", request, kNow, false, nullptr);
  ASSERT_TRUE(today.ok()) << today.error().message;
  EXPECT_EQ(today->size(), 2u);
  bars.Append(DailyBar("9999-12-31"));
  auto future = ValidateFetchedBars(bars, "yahoo SPY 1d", request, kNow, false, nullptr);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().message, "yahoo SPY 1d: column 'date': 9999-12-31 is after today (2026-12-03)");
  // Outside the requested range a bar is left out, as before, and never stored.
  const FetchRequest to_now{"SPY", data::Interval::k1d, Day("2026-01-01"), kNow};
  auto in_range = ValidateFetchedBars(bars, "yahoo SPY 1d", to_now, kNow, false, nullptr);
  ASSERT_TRUE(in_range.ok()) << in_range.error().message;
  EXPECT_EQ(in_range->size(), 2u);
}

TEST(ProvidersFuture, FinnhubAndStooqAndAlphaVantageFutureRowsFail) {
  const FetchRequest open_ended{"AAPL", data::Interval::k1d, Day("2026-01-01"), Day("2100-01-01")};
  // Finnhub daily stamps are 00:00 New York.
  const std::string finnhub = R"json({"s":"ok","t":[1796187600,1798779600],"o":[10,10],"h":[11,11],"l":[9,9],"c":[10.5,10.5],"v":[1,1]})json";
  auto f = ParseFinnhubCandles(finnhub, open_ended, kNow);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().message, "finnhub AAPL 1d: column 'date': 2027-01-01 is after today (2026-12-03)");

  const std::string stooq = "Date,Open,High,Low,Close,Volume\n2026-12-02,10,11,9,10.5,100\n2030-01-02,10,11,9,10.5,100\n";
  auto s = ParseStooqCsv(stooq, open_ended, kNow);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "stooq AAPL 1d: column 'date': 2030-01-02 is after today (2026-12-03)");
  const FetchRequest to_now{"AAPL", data::Interval::k1d, Day("2026-01-01"), kNow};
  auto kept = ParseStooqCsv(stooq, to_now, kNow);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(kept->bars.size(), 1u);

  const std::string av =
      R"json({"Meta Data":{},"Time Series (Daily)":{"2031-05-05":{"1. open":"10","2. high":"11","3. low":"9","4. close":"10.5","5. volume":"7"}}})json";
  auto a = ParseAlphaVantage(av, open_ended, kNow);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().message, "alphavantage AAPL 1d: column 'date': 2031-05-05 is after today (2026-12-03)");
}

TEST(ProvidersFuture, IntradayBarStartingAfterNowFails) {
  const FetchRequest request{"MSFT", data::Interval::k1m, 0, kNow + 86400};
  // Alpha Vantage stamps are bar ends: 15:02 is the bar 15:01..15:02, after 15:00.
  const std::string av =
      R"json({"Meta Data":{},"Time Series (1min)":{"2026-12-03 15:00:00":{"1. open":"10","2. high":"11","3. low":"9","4. close":"10.5","5. volume":"7"},"2026-12-03 15:02:00":{"1. open":"10","2. high":"11","3. low":"9","4. close":"10.5","5. volume":"7"}}})json";
  auto a = ParseAlphaVantage(av, request, kNow);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().message,
            "alphavantage MSFT 1m: column 'timestamp': 2026-12-03T15:01:00-05:00 is after now (2026-12-03T15:00:00-05:00)");
}

// A body of 5 MB with control bytes, a NUL and non-ASCII, as an error page.
std::string HostileBody() {
  std::string body = "<html>\x1b[31mERR";
  body += '\0';
  body += "\xff\xfe after the NUL\n";
  body += std::string(5 << 20, 'x');
  return body;
}

void ExpectShortEscaped(const std::string& message, std::size_t budget) {
  EXPECT_LT(message.size(), budget) << message;
  EXPECT_EQ(message.find_first_of(std::string("\n\r\x1b\0", 4)), std::string::npos) << message;
  EXPECT_NE(message.find("\\x1b[31mERR\\x00\\xff\\xfe"), std::string::npos) << message;
}

// An HTTP client of one attempt on a fixed clock, and the provider context that sends it to
// `server`.
struct OneAttemptAgainst {
  explicit OneAttemptAgainst(const FixtureServer& server) : http(Options(), nullptr, &clock) {
    ctx.http = &http;
    ctx.clock = &clock;
    ctx.base_url = server.base_url();
  }
  static HttpOptions Options() {
    HttpOptions options;
    options.retry.max_attempts = 1;
    return options;
  }
  FixedClock clock{kNow};
  HttpClient http;
  ProviderContext ctx;
};

TEST(ProvidersMessages, HttpErrorBodiesAreShortEscapedExcerpts) {
  FixtureServer server;
  const std::string body = HostileBody();
  server.SetHandler([&](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(body, "text/html");
  });
  OneAttemptAgainst replay(server);
  for (const char* name : {"stooq", "yahoo"}) {
    auto provider = MakeProvider(name, replay.ctx);
    ASSERT_TRUE(provider.ok()) << provider.error().message;
    auto r = (*provider)->Fetch({"QQQ", data::Interval::k1d, Day("2026-01-01"), kNow});
    ASSERT_FALSE(r.ok()) << name;
    const std::string& m = r.error().message;
    EXPECT_NE(m.find(fmt::format("{} QQQ: HTTP 404 from http://127.0.0.1:", name)), std::string::npos) << m;
    EXPECT_NE(m.find("\u2026' (" + std::to_string(body.size()) + " bytes)"), std::string::npos) << m;
    // The URL is not input: the quoted part of the body is at most 80 characters.
    ExpectShortEscaped(m, 130 + m.find(": '<html>"));
  }
}

// Found while fuzzing (by reading the code next to ParseYahooChart): Yahoo's error object with a
// code or description that is not a string threw nlohmann's type_error out of Fetch, outside
// the parser's catch, and ended the whole fetch instead of failing the symbol.
TEST(ProvidersMessages, YahooErrorObjectOfTheWrongTypesIsAnErrorNotAnException) {
  FixtureServer server;
  server.SetHandler([&](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(R"({"chart":{"result":null,"error":{"code":5,"description":["x"]}}})", "application/json");
  });
  OneAttemptAgainst replay(server);
  auto provider = MakeProvider("yahoo", replay.ctx);
  ASSERT_TRUE(provider.ok()) << provider.error().message;
  Result<FetchResult> r = Fail("not run");
  EXPECT_NO_THROW(r = (*provider)->Fetch({"QQQ", data::Interval::k1d, Day("2026-01-01"), kNow}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "yahoo QQQ: HTTP 404: error: ");
}

TEST(ProvidersMessages, RetriedServerErrorBodyIsEscapedAndCut) {
  FixtureServer server;
  const std::string body = HostileBody();
  server.SetHandler([&](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_content(body, "text/html");
  });
  HttpOptions options;
  options.retry.max_attempts = 1;
  FixedClock clock(kNow);
  HttpClient http(options, nullptr, &clock);
  auto r = http.Get(server.base_url() + "/busy");
  ASSERT_FALSE(r.ok());
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("HTTP 503: <html>\\x1b[31mERR\\x00\\xff\\xfe after the NUL\\x0axxx"), std::string::npos) << m;
  EXPECT_NE(m.find("\u2026 (" + std::to_string(body.size()) + " bytes) (after 1 attempt)"), std::string::npos) << m;
  ExpectShortEscaped(m, 160 + m.find("HTTP 503"));
}

TEST(ProvidersMessages, ParserMessagesQuoteAShortEscapedExcerpt) {
  const FetchRequest request{"QQQ", data::Interval::k1d, Day("2026-01-01"), kNow};
  const std::string body = HostileBody();
  auto yahoo = ParseYahooChart(body, request, kNow);
  ASSERT_FALSE(yahoo.ok());
  ExpectShortEscaped(yahoo.error().message, 200);
  auto finnhub = ParseFinnhubCandles(body, request, kNow);
  ASSERT_FALSE(finnhub.ok());
  ExpectShortEscaped(finnhub.error().message, 200);
  auto stooq = ParseStooqCsv(body, request, kNow);
  ASSERT_FALSE(stooq.ok());
  EXPECT_LT(stooq.error().message.size(), 200u) << stooq.error().message;
  EXPECT_NE(stooq.error().message.find("not a Stooq CSV (starts '<html>\\x1b[31mERR\\x00"), std::string::npos)
      << stooq.error().message;
  // A provider's own error text: escaped and cut, never a whole page.
  const std::string av_error =
      "{\"Error Message\": \"bad\\u0000call\\n" + std::string(5 << 20, 'y') + "\"}";
  auto av = ParseAlphaVantage(av_error, request, kNow);
  ASSERT_FALSE(av.ok());
  EXPECT_LT(av.error().message.size(), 260u) << av.error().message.substr(0, 300);
  EXPECT_NE(av.error().message.find("Alpha Vantage error: bad\\x00call\\x0ayyy"), std::string::npos)
      << av.error().message.substr(0, 300);
  const std::string yahoo_error =
      "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"" + std::string(1 << 20, 'z') +
      "\\u001b[2J\"}}}";
  auto ye = ParseYahooChart(yahoo_error, request, kNow);
  ASSERT_FALSE(ye.ok());
  EXPECT_LT(ye.error().message.size(), 260u) << ye.error().message.substr(0, 300);
  EXPECT_NE(ye.error().message.find("yahoo QQQ 1d: Not Found: zzz"), std::string::npos);
}

}  // namespace
}  // namespace qat::providers
