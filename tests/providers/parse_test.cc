// The response parsers on the recorded real responses (data/fixtures/) and Finnhub's
// documented example (tests/testdata/providers/finnhub/).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "providers/fixture_server.h"
#include "qat/providers/provider.h"
#include "support/cli.h"

namespace qat::providers {
namespace {

using qat::testing::ReadFile;
using qat::testing::RepoPath;
using qat::testing::YahooBody;

constexpr Timestamp kNow = 1'790'000'000;  // 2026-09: every fixture bar is final

FetchRequest Daily(const std::string& symbol, const std::string& first, const std::string& last) {
  return {symbol, data::Interval::k1d, Timestamp{*ParseDate(first)} * kSecondsPerDay,
          Timestamp{*ParseDate(last)} * kSecondsPerDay};
}

std::string Date(const data::BarSeries& s, std::size_t i) { return FormatDate(s.DayAt(i)); }

TEST(ProvidersYahoo, OneDailyBarExactly) {
  auto r = ParseYahooChart(YahooBody("chart-AAPL-2020-01-01-to-2020-01-03.json"),
                           Daily("AAPL", "2020-01-01", "2020-01-03"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->bars.size(), 1u);
  const data::Bar b = r->bars.At(0);
  EXPECT_EQ(Date(r->bars, 0), "2020-01-02");
  EXPECT_EQ(b.open, 74.05999755859375);
  EXPECT_EQ(b.high, 75.1500015258789);
  EXPECT_EQ(b.low, 73.79750061035156);
  EXPECT_EQ(b.close, 75.0875015258789);
  EXPECT_EQ(b.adj_close, 72.71607208251953);
  EXPECT_EQ(b.volume, 135480400);
  EXPECT_EQ(b.available, SessionClose(*ParseDate("2020-01-02")));
  EXPECT_TRUE(r->actions.empty());
}

TEST(ProvidersYahoo, SplitAndDividendEvents) {
  auto r = ParseYahooChart(YahooBody("chart-AAPL-2020-08-31-to-2020-11-07.json"),
                           Daily("AAPL", "2020-08-31", "2020-11-07"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->bars.size(), 49u);
  ASSERT_EQ(r->actions.size(), 2u);
  EXPECT_EQ(FormatDate(r->actions[0].date), "2020-08-31");
  EXPECT_EQ(r->actions[0].type, data::ActionType::kSplit);
  EXPECT_EQ(r->actions[0].value, 4);
  EXPECT_EQ(FormatDate(r->actions[1].date), "2020-11-06");
  EXPECT_EQ(r->actions[1].type, data::ActionType::kDividend);
  EXPECT_EQ(r->actions[1].value, 0.205);
}

TEST(ProvidersYahoo, NvdaSplitIsUndoneForEarlierBars) {
  const std::string body = YahooBody("historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json");
  auto r = ParseYahooChart(body, Daily("NVDA", "2021-02-01", "2022-01-31"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->bars.size(), 252u);
  ASSERT_EQ(r->actions.size(), 1u);
  EXPECT_EQ(FormatDate(r->actions[0].date), "2021-07-20");
  EXPECT_EQ(r->actions[0].value, 4);
  auto doc = nlohmann::json::parse(body);
  const auto& q = doc["chart"]["result"][0]["indicators"]["quote"][0];
  const Days split = *ParseDate("2021-07-20");
  for (std::size_t i = 0; i < r->bars.size(); ++i) {
    const double f = r->bars.DayAt(i) < split ? 4 : 1;
    ASSERT_EQ(r->bars.close[i], q["close"][i].get<double>() * f) << Date(r->bars, i);
    ASSERT_EQ(r->bars.open[i], q["open"][i].get<double>() * f) << Date(r->bars, i);
    ASSERT_EQ(r->bars.volume[i], q["volume"][i].get<double>() / f) << Date(r->bars, i);
  }
}

TEST(ProvidersYahoo, MsftDividends) {
  auto r = ParseYahooChart(YahooBody("historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json"),
                           Daily("MSFT", "2021-02-01", "2022-01-31"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->bars.size(), 252u);
  // Four quarterly dividends in the year (the events object lists them keyed by timestamp).
  ASSERT_EQ(r->actions.size(), 4u);
  const std::vector<std::pair<std::string, double>> want = {
      {"2021-02-17", 0.56}, {"2021-05-19", 0.56}, {"2021-08-18", 0.56}, {"2021-11-17", 0.62}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(r->actions[i].type, data::ActionType::kDividend);
    EXPECT_EQ(FormatDate(r->actions[i].date), want[i].first);
    EXPECT_EQ(r->actions[i].value, want[i].second);
  }
}

TEST(ProvidersYahoo, IntradayDropsNullRowAndTrailingLivePoint) {
  FetchRequest req{"AAPL", data::Interval::k1m, 1727827200, 1727999999};  // through 2024-10-03
  auto r = ParseYahooChart(YahooBody("chart-AAPL-2024-10-02-to-2024-10-03-includePrePost-false-interval-1m.json"),
                           req, kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // 391 points: 390 regular-session minutes of 2024-10-02, one of them null, plus the live
  // point stamped 2024-10-03 16:00 New York (the end of that day's session).
  EXPECT_EQ(r->bars.size(), 389u);
  EXPECT_EQ(FormatTimestampNewYork(r->bars.start.front()), "2024-10-02T09:30:00-04:00");
  EXPECT_EQ(FormatTimestampNewYork(r->bars.start.back()), "2024-10-02T15:59:00-04:00");
  ASSERT_EQ(r->notes.size(), 2u);
  EXPECT_NE(r->notes[0].find("1 row(s) with null prices"), std::string::npos);
  EXPECT_NE(r->notes[1].find("1 live"), std::string::npos);
}

TEST(ProvidersYahoo, WeekendIsAnEmptyResultNotAnError) {
  FetchRequest req{"AAPL", data::Interval::k1m, 1738368000, 1738454400};
  auto r = ParseYahooChart(YahooBody("chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json"),
                           req, kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->bars.empty());
}

TEST(ProvidersYahoo, BarsNotYetFinalAreLeftOut) {
  // At 2020-01-02 15:00 New York the day's bar is still live.
  auto r = ParseYahooChart(YahooBody("chart-AAPL-2020-01-01-to-2020-01-03.json"),
                           Daily("AAPL", "2020-01-01", "2020-01-03"), NewYorkTime(*ParseDate("2020-01-02"), 15 * 3600));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->bars.empty());
}

TEST(ProvidersYahoo, CryptoDatesAreUtcDays) {
  auto r = ParseYahooChart(YahooBody("chart-BTC-USD-2020-01-01-to-2020-01-03.json"),
                           Daily("BTC-USD", "2020-01-01", "2020-01-03"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->bars.size(), 3u);
  EXPECT_EQ(Date(r->bars, 0), "2020-01-01");
  EXPECT_EQ(Date(r->bars, 2), "2020-01-03");
}

TEST(ProvidersYahoo, BadBodiesFailClearly) {
  const FetchRequest req = Daily("AAPL", "2020-01-01", "2020-01-03");
  const std::string good = YahooBody("chart-AAPL-2020-01-01-to-2020-01-03.json");
  auto truncated = ParseYahooChart(good.substr(0, good.size() / 2), req, kNow);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().message.find("not valid JSON"), std::string::npos);
  auto html = ParseYahooChart("<html>Will be right back</html>", req, kNow);
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.error().message.find("yahoo AAPL 1d"), std::string::npos) << html.error().message;
  auto unknown = ParseYahooChart(
      R"json({"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}})json",
      req, kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("symbol may be delisted"), std::string::npos);
  // A value of the wrong type is a clear error, not an exception.
  auto typed = nlohmann::json::parse(good);
  typed["chart"]["result"][0]["events"] = {{"splits", {{"1577975400", {{"date", "soon"}, {"numerator", "4"}}}}}};
  auto wrong = ParseYahooChart(typed.dump(), req, kNow);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("yahoo AAPL 1d: unexpected JSON"), std::string::npos) << wrong.error().message;
  // A bar that breaks OHLC (high below low) is rejected by the CSV importer's rules, naming the date.
  auto doc = nlohmann::json::parse(good);
  doc["chart"]["result"][0]["indicators"]["quote"][0]["high"][0] = 1.0;
  auto bad = ParseYahooChart(doc.dump(), req, kNow);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("2020-01-02"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("high 1 is below low"), std::string::npos) << bad.error().message;
}

TEST(ProvidersStooq, DailyCsv) {
  const std::string body = ReadFile(RepoPath("data/fixtures/stooq/qqq_us_d.csv"));
  auto r = ParseStooqCsv(body, Daily("QQQ", "2026-01-01", "2026-12-31"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->bars.size(), 105u);
  EXPECT_EQ(Date(r->bars, 0), "2026-01-20");
  EXPECT_EQ(r->bars.open[0], 610.53);
  EXPECT_EQ(r->bars.high[0], 615.055);
  EXPECT_EQ(r->bars.volume[0], 81988898);
  auto part = ParseStooqCsv(body, Daily("QQQ", "2026-01-21", "2026-01-21"), kNow);
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->bars.size(), 1u);
  auto none = ParseStooqCsv("No data", Daily("ZZZZ", "2026-01-01", "2026-12-31"), kNow);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->bars.empty());
  EXPECT_FALSE(ParseStooqCsv("Exceeded the daily hits limit", Daily("QQQ", "2026-01-01", "2026-12-31"), kNow).ok());
}

TEST(ProvidersAlphaVantage, DailyAndAdjustedJson) {
  auto r = ParseAlphaVantage(ReadFile(RepoPath("data/fixtures/alphavantage/TIME_SERIES_DAILY_MSFT_truncated.json")),
                             Daily("MSFT", "2017-08-11", "2017-08-11"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->bars.size(), 1u);
  auto adj = ParseAlphaVantage(ReadFile(RepoPath("data/fixtures/alphavantage/TIME_SERIES_DAILY_ADJUSTED_MSFT_truncated.json")),
                               Daily("MSFT", "2017-08-11", "2017-08-11"), kNow);
  ASSERT_TRUE(adj.ok()) << adj.error().message;
  ASSERT_EQ(adj->bars.size(), 1u);
  const data::Bar b = adj->bars.At(0);
  EXPECT_EQ(b.open, 71.61);
  EXPECT_EQ(b.high, 72.7);
  EXPECT_EQ(b.low, 71.28);
  EXPECT_EQ(b.close, 72.5);
  EXPECT_EQ(b.adj_close, 72.5);
  EXPECT_EQ(b.volume, 21121250);
  EXPECT_TRUE(adj->actions.empty());  // dividend 0, split coefficient 1
  // The adjusted layout with a split and a dividend (values typed in that layout).
  auto events = ParseAlphaVantage(
      R"json({"Meta Data":{},"Time Series (Daily)":{"2021-07-20":{"1. open":"187.5","2. high":"188","3. low":"181","4. close":"187.8","5. adjusted close":"187.8","6. volume":"100","7. dividend amount":"0.0000","8. split coefficient":"4.0"},"2021-06-09":{"1. open":"700","2. high":"710","3. low":"690","4. close":"705","5. adjusted close":"176","6. volume":"50","7. dividend amount":"0.1600","8. split coefficient":"1.0"}}})json",
      Daily("NVDA", "2021-06-01", "2021-07-31"), kNow);
  ASSERT_TRUE(events.ok()) << events.error().message;
  ASSERT_EQ(events->actions.size(), 2u);
  EXPECT_EQ(FormatDate(events->actions[0].date), "2021-06-09");
  EXPECT_EQ(events->actions[0].value, 0.16);
  EXPECT_EQ(events->actions[1].value, 4);
}

TEST(ProvidersAlphaVantage, IntradayJsonStampsAreBarEnds) {
  FetchRequest req{"MSFT", data::Interval::k1m, 0, kNow};
  auto r = ParseAlphaVantage(ReadFile(RepoPath("data/fixtures/alphavantage/TIME_SERIES_INTRADAY_MSFT_1min_compact.json")), req, kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->bars.size(), 100u);
  EXPECT_EQ(FormatTimestampNewYork(r->bars.start.front()), "2017-12-18T13:16:00-05:00");
  EXPECT_EQ(FormatTimestampNewYork(r->bars.start.back()), "2017-12-18T14:55:00-05:00");
}

TEST(ProvidersAlphaVantage, CsvNewestFirst) {
  auto r = ParseAlphaVantage(ReadFile(RepoPath("data/fixtures/alphavantage/TIME_SERIES_DAILY_SPY_compact_PROBABLE.csv")),
                             Daily("SPY", "2026-01-01", "2026-12-31"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->bars.size(), 100u);
  EXPECT_EQ(Date(r->bars, 0), "2026-03-31");
  EXPECT_EQ(Date(r->bars, 99), "2026-08-21");
  EXPECT_EQ(r->bars.open[99], 765.97);
  FetchRequest intraday{"MSFT", data::Interval::k1m, 0, kNow};
  auto ext = ParseAlphaVantage(
      ReadFile(RepoPath("data/fixtures/alphavantage/TIME_SERIES_INTRADAY_EXTENDED_MSFT_1min_year1month1.csv")), intraday, kNow);
  ASSERT_TRUE(ext.ok()) << ext.error().message;
  EXPECT_EQ(FormatTimestampNewYork(ext->bars.start.back()), "2020-12-18T19:59:00-05:00");
}

TEST(ProvidersAlphaVantage, BodiesSentWithHttp200AreErrors) {
  const FetchRequest req = Daily("MSFT", "2017-08-11", "2017-08-11");
  auto note = ParseAlphaVantage(
      R"json({"Note": "Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day."})json", req, kNow);
  ASSERT_FALSE(note.ok());
  EXPECT_NE(note.error().message.find("rate limit"), std::string::npos) << note.error().message;
  EXPECT_NE(note.error().message.find("5 calls per minute"), std::string::npos);
  auto info = ParseAlphaVantage(
      R"json({"Information": "We have detected your API key as XYZ and our standard API rate limit is 25 requests per day."})json", req, kNow);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.error().message.find("25 requests per day"), std::string::npos);
  auto bad = ParseAlphaVantage(
      R"json({"Error Message": "Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY."})json", req, kNow);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("Invalid API call"), std::string::npos);
  EXPECT_FALSE(ParseAlphaVantage("{\"Meta Data\": {", req, kNow).ok());
}

TEST(ProvidersFinnhub, DocumentedExampleAndNoData) {
  const std::string body = ReadFile(RepoPath("tests/testdata/providers/finnhub/stock_candle_AAPL_D.json"));
  auto r = ParseFinnhubCandles(body, Daily("AAPL", "2019-09-01", "2019-09-30"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->bars.size(), 3u);
  EXPECT_EQ(Date(r->bars, 0), "2019-09-24");
  EXPECT_EQ(Date(r->bars, 2), "2019-09-26");
  EXPECT_EQ(r->bars.low[1], 217.1402);
  EXPECT_EQ(r->bars.volume[2], 20730608);
  auto none = ParseFinnhubCandles(R"json({"s":"no_data"})json", Daily("AAPL", "2019-09-01", "2019-09-30"), kNow);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->bars.empty());
  auto mismatch = ParseFinnhubCandles(R"json({"c":[1,2],"h":[1],"l":[1],"o":[1],"s":"ok","t":[1569297600],"v":[1]})json",
                                      Daily("AAPL", "2019-09-01", "2019-09-30"), kNow);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().message.find("'c' has 2 values for 1 timestamps"), std::string::npos);
}

}  // namespace
}  // namespace qat::providers
