// `qtrader fetch` as a user runs it (the real binary, libcurl, SQLite) against a local
// server that answers with the recorded real responses, pointed there with --base-url.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "providers/fixture_server.h"
#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

constexpr char kMsft[] = "historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json";
constexpr char kNvda[] = "historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json";
constexpr char kAvKey[] = "AVkey-7Q2x9";
constexpr char kFinnhubKey[] = "FHtoken-55aa";

// The daily fixture's values, as `qtrader bars` prints them (date,open,high,low,close,adj_close,volume).
data::BarSeries FixtureSeries(const std::string& body, double pre_split_factor = 1, const std::string& split_date = "") {
  auto doc = nlohmann::json::parse(body);
  const auto& res = doc["chart"]["result"][0];
  const auto& q = res["indicators"]["quote"][0];
  const auto& adj = res["indicators"]["adjclose"][0]["adjclose"];
  const Timestamp offset = res["meta"]["gmtoffset"].get<Timestamp>();
  data::BarSeries s;
  for (std::size_t i = 0; i < res["timestamp"].size(); ++i) {
    data::Bar b;
    const Days day = static_cast<Days>((res["timestamp"][i].get<Timestamp>() + offset) / kSecondsPerDay);
    const double f = (!split_date.empty() && day < *ParseDate(split_date)) ? pre_split_factor : 1;
    b.start = Timestamp{day} * kSecondsPerDay;
    b.open = q["open"][i].get<double>() * f;
    b.high = q["high"][i].get<double>() * f;
    b.low = q["low"][i].get<double>() * f;
    b.close = q["close"][i].get<double>() * f;
    b.adj_close = adj[i].get<double>() * f;
    b.volume = q["volume"][i].get<double>() / f;
    s.Append(b);
  }
  return s;
}

data::BarSeries Printed(const CliRun& run) {
  auto parsed = data::ParseBarsCsv(run.out, "qtrader bars");
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message) << run.err;
  return parsed.ok() ? parsed->series : data::BarSeries{};
}

void ExpectSameBars(const data::BarSeries& got, const data::BarSeries& want) {
  ASSERT_EQ(got.size(), want.size());
  EXPECT_EQ(got.start, want.start);
  EXPECT_EQ(got.open, want.open);
  EXPECT_EQ(got.high, want.high);
  EXPECT_EQ(got.low, want.low);
  EXPECT_EQ(got.close, want.close);
  EXPECT_EQ(got.adj_close, want.adj_close);
  EXPECT_EQ(got.volume, want.volume);
}

class CliFetch : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("QTRADER_HTTP_BACKOFF_S", "0.01", 1);
    setenv("QTRADER_HTTP_BACKOFF_CAP_S", "0.05", 1);
    setenv("QTRADER_HTTP_RETRIES", "2", 1);
    setenv("QTRADER_HTTP_TIMEOUT_S", "1", 1);
    unsetenv("ALPHAVANTAGE_API_KEY");
    unsetenv("FINNHUB_API_KEY");
    for (const char* p : {"YAHOO", "STOOQ", "ALPHAVANTAGE", "FINNHUB"}) {
      unsetenv((std::string("QTRADER_") + p + "_BASE_URL").c_str());
    }
  }
  void TearDown() override {
    for (const char* v : {"QTRADER_HTTP_BACKOFF_S", "QTRADER_HTTP_BACKOFF_CAP_S", "QTRADER_HTTP_RETRIES",
                          "QTRADER_HTTP_TIMEOUT_S", "ALPHAVANTAGE_API_KEY", "FINNHUB_API_KEY"}) {
      unsetenv(v);
    }
  }
  CliRun Fetch(std::vector<std::string> args) {
    std::vector<std::string> all = {"fetch", "--base-url", server.base_url()};
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all, home.path());
  }
  CliRun Bars(const std::string& symbol) { return RunCli({"bars", "--symbol", symbol}, home.path()); }

  TempDir home;
  FixtureServer server;
  std::map<std::string, std::string> yahoo = {{"MSFT", YahooBody(kMsft)}, {"NVDA", YahooBody(kNvda)},
                                              {"AAPL", YahooBody("chart-AAPL-2020-01-01-to-2020-01-03.json")}};
};

TEST_F(CliFetch, YahooStoresExactlyTheFixtureBarsAndDividends) {
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, yahoo); });
  auto run = Fetch({"--provider", "yahoo", "--symbols", "MSFT,AAPL", "--start", "2020-01-01", "--end", "2022-01-31"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("MSFT 1d yahoo: 252 bars 2021-02-01 .. 2022-01-28 (252 new"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("AAPL 1d yahoo: 1 bar 2020-01-02 .. 2020-01-02"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("summary: 2 symbol(s), 2 ok, 0 failed"), std::string::npos) << run.out;
  ExpectSameBars(Printed(Bars("MSFT")), FixtureSeries(yahoo["MSFT"]));
  ExpectSameBars(Printed(Bars("AAPL")), FixtureSeries(yahoo["AAPL"]));
  auto actions = RunCli({"actions", "--symbol", "MSFT"}, home.path());
  ASSERT_EQ(actions.exit_code, 0) << actions.err;
  EXPECT_EQ(actions.out,
            "date,type,value\n2021-02-17,dividend,0.56\n2021-05-19,dividend,0.56\n"
            "2021-08-18,dividend,0.56\n2021-11-17,dividend,0.62\n");
  // The request: the provider's own path and query on our host.
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, "/v8/finance/chart/MSFT");
  EXPECT_EQ(requests[0].params["interval"], "1d");
  EXPECT_EQ(requests[0].params["events"], "div,splits");
  EXPECT_EQ(requests[0].params["period1"], std::to_string(*ParseDate("2020-01-01") * kSecondsPerDay));
  // Incremental: a second run finds nothing missing and sends nothing.
  server.ClearRequests();
  auto again = Fetch({"--provider", "yahoo", "--symbols", "MSFT", "--start", "2021-02-01", "--end", "2022-01-28"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("MSFT: up to date"), std::string::npos) << again.out;
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(CliFetch, SplitArrivingLaterReadjustsCachedHistory) {
  // Phase 1: Yahoo as it answered on 2021-07-01, before NVDA's 4:1 split of 2021-07-20. The
  // recording was made after the split, so that day's answer is rebuilt from it: bars up to
  // the cutoff at pre-split prices (x4, volume /4) and no split event.
  std::map<std::string, std::string> before_split = {
      {"NVDA", YahooBodyBeforeSplit(yahoo["NVDA"], *ParseDate("2021-07-02") * kSecondsPerDay, 4)}};
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, before_split); });
  auto first = Fetch({"--provider", "yahoo", "--symbols", "NVDA", "--start", "2021-02-01", "--end", "2021-07-01"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  auto cached = RunCli({"adjusted", "--symbol", "NVDA"}, home.path());
  ASSERT_EQ(cached.exit_code, 0) << cached.err;
  EXPECT_EQ(Printed(cached).close.front(), FixtureSeries(yahoo["NVDA"]).close.front() * 4);  // no split known yet

  // Phase 2: today's Yahoo, split included. Only what the store lacks is asked for.
  server.ClearRequests();
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, yahoo); });
  auto second = Fetch({"--provider", "yahoo", "--symbols", "NVDA", "--end", "2022-01-31"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("1 split"), std::string::npos) << second.out;
  ASSERT_EQ(server.requests().size(), 1u);
  // The request reaches back two weeks into the stored bars; the store checked the join there.
  EXPECT_EQ(server.requests()[0].params["period1"], std::to_string(*ParseDate("2021-06-17") * kSecondsPerDay));
  EXPECT_NE(second.out.find("agrees with the store on 11 shared sessions"), std::string::npos) << second.out;
  auto actions = RunCli({"actions", "--symbol", "NVDA"}, home.path());
  EXPECT_EQ(actions.out, "date,type,value\n2021-07-20,split,4\n");
  // Raw bars: as traded (pre-split prices before 2021-07-20), the cached ones untouched.
  ExpectSameBars(Printed(Bars("NVDA")), FixtureSeries(yahoo["NVDA"], 4, "2021-07-20"));
  // Adjusted at read time: the whole history on today's share count, equal to Yahoo's own.
  auto adjusted = Printed(RunCli({"adjusted", "--symbol", "NVDA"}, home.path()));
  const auto want = FixtureSeries(yahoo["NVDA"]);
  ASSERT_EQ(adjusted.size(), want.size());
  EXPECT_EQ(adjusted.close, want.close);
  EXPECT_EQ(adjusted.open, want.open);
  EXPECT_EQ(adjusted.volume, want.volume);
}

TEST_F(CliFetch, StooqAlphaVantageFinnhubHappyPaths) {
  const std::string stooq = ReadFile(RepoPath("data/fixtures/stooq/qqq_us_d.csv"));
  const std::string av = ReadFile(RepoPath("data/fixtures/alphavantage/TIME_SERIES_DAILY_MSFT_truncated.json"));
  const std::string finnhub = ReadFile(RepoPath("tests/testdata/providers/finnhub/stock_candle_AAPL_D.json"));
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/q/d/l/" && req.get_param_value("s") == "qqq.us") {
      res.set_content(stooq, "text/csv");
    } else if (req.path == "/query" && req.get_param_value("apikey") == kAvKey) {
      res.set_content(av, "application/json");
    } else if (req.path == "/api/v1/stock/candle" && req.get_param_value("token") == kFinnhubKey) {
      res.set_content(finnhub, "application/json");
    } else {
      res.status = 404;
    }
  });
  auto s = Fetch({"--provider", "stooq", "--symbols", "QQQ", "--start", "2026-01-01", "--end", "2026-06-30"});
  ASSERT_EQ(s.exit_code, 0) << s.out << s.err;
  auto want = data::ParseBarsCsv(stooq, "stooq");
  ASSERT_TRUE(want.ok());
  ExpectSameBars(Printed(Bars("QQQ")), want->series);
  EXPECT_EQ(server.requests().back().params["d1"], "20260101");
  EXPECT_EQ(server.requests().back().params["d2"], "20260630");

  setenv("ALPHAVANTAGE_API_KEY", kAvKey, 1);
  setenv("FINNHUB_API_KEY", kFinnhubKey, 1);
  auto a = Fetch({"--provider", "alphavantage", "--symbols", "MSFT", "--start", "2017-08-01", "--end", "2017-08-31"});
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  EXPECT_EQ(Bars("MSFT").out, "date,open,high,low,close,adj_close,volume\n2017-08-11,71.61,72.7,71.28,72.5,72.5,21121250\n");
  EXPECT_EQ(server.requests().back().params["function"], "TIME_SERIES_DAILY");
  auto f = Fetch({"--provider", "finnhub", "--symbols", "AAPL", "--start", "2019-09-01", "--end", "2019-09-30"});
  ASSERT_EQ(f.exit_code, 0) << f.out << f.err;
  EXPECT_EQ(Bars("AAPL").out,
            "date,open,high,low,close,adj_close,volume\n"
            "2019-09-24,221.03,222.49,217.19,217.68,217.68,33463820\n"
            "2019-09-25,218.55,221.5,217.1402,221.03,221.03,24018876\n"
            "2019-09-26,220,220.94,218.83,219.89,219.89,20730608\n");
  for (const auto& run : {a, f}) {
    EXPECT_EQ((run.out + run.err).find(kAvKey), std::string::npos);
    EXPECT_EQ((run.out + run.err).find(kFinnhubKey), std::string::npos);
  }
}

TEST_F(CliFetch, AutoFailsOverFromYahooToStooq) {
  const std::string stooq = ReadFile(RepoPath("data/fixtures/stooq/qqq_us_d.csv"));
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/q/d/l/") {
      res.set_content(stooq, "text/csv");
    } else {
      res.status = 503;
      res.set_content("Service Unavailable", "text/plain");
    }
  });
  auto run = Fetch({"--provider", "auto", "--symbols", "QQQ", "--start", "2026-01-01", "--end", "2026-06-30"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("QQQ 1d stooq: 105 bars"), std::string::npos) << run.out;
  // Yahoo was tried 3 times (1 + QTRADER_HTTP_RETRIES=2), then Stooq once.
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[0].path, "/v8/finance/chart/QQQ");
  EXPECT_EQ(requests[3].path, "/q/d/l/");
}

// Each error: a clear message, exit code 1, and MSFT's stored bars exactly as before.
TEST_F(CliFetch, ErrorsLeaveStoredBarsIntact) {
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, yahoo); });
  ASSERT_EQ(Fetch({"--provider", "yahoo", "--symbols", "MSFT", "--start", "2021-02-01", "--end", "2021-06-30"}).exit_code, 0);
  const std::string before = Bars("MSFT").out;
  ASSERT_NE(before.find("2021-06-30"), std::string::npos);
  const std::string good = yahoo["MSFT"];

  struct Case {
    std::string name;
    std::function<void(const httplib::Request&, httplib::Response&)> handler;
    std::string expected;
    std::vector<std::string> extra_args;
  };
  int calls = 0;
  std::vector<Case> cases = {
      {"404", [](const httplib::Request&, httplib::Response& res) { res.status = 404; res.set_content("Not Found", "text/plain"); },
       "HTTP 404", {}},
      {"429", [](const httplib::Request&, httplib::Response& res) {
         res.status = 429; res.set_header("Retry-After", "1"); res.set_content("Too Many Requests", "text/plain"); },
       "HTTP 429: Too Many Requests (after 3 attempts)", {}},
      {"truncated", [&](const httplib::Request&, httplib::Response& res) {
         res.set_content_provider(good.size(), "application/json", [&](size_t offset, size_t, httplib::DataSink& sink) {
           if (offset == 0) { sink.write(good.data(), good.size() / 2); return true; }
           return false;
         }); },
       "truncated body", {}},
      {"malformed JSON", [&](const httplib::Request&, httplib::Response& res) {
         res.set_content(good.substr(0, good.size() - 7), "application/json"); },
       "not valid JSON", {}},
      {"timeout", [](const httplib::Request&, httplib::Response& res) {
         std::this_thread::sleep_for(std::chrono::milliseconds(1600)); res.set_content("{}", "application/json"); },
       "imed out", {}},
      {"alphavantage note", [](const httplib::Request&, httplib::Response& res) {
         res.set_content(R"json({"Note": "Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day."})json", "application/json"); },
       "refused the call (rate limit", {"--provider", "alphavantage"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    setenv("ALPHAVANTAGE_API_KEY", kAvKey, 1);
    server.SetHandler(c.handler);
    std::vector<std::string> args = {"--symbols", "MSFT", "--end", "2022-01-31"};
    if (c.extra_args.empty()) { args.push_back("--provider"); args.push_back("yahoo"); }
    args.insert(args.end(), c.extra_args.begin(), c.extra_args.end());
    if (c.name == "timeout") setenv("QTRADER_HTTP_RETRIES", "0", 1);
    auto run = Fetch(args);
    setenv("QTRADER_HTTP_RETRIES", "2", 1);
    EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
    EXPECT_NE(run.out.find(c.expected), std::string::npos) << run.out << run.err;
    EXPECT_NE(run.out.find("summary: 1 symbol(s), 0 ok, 1 failed"), std::string::npos) << run.out;
    EXPECT_EQ((run.out + run.err).find(kAvKey), std::string::npos);
    EXPECT_EQ(Bars("MSFT").out, before);
  }
  (void)calls;

  // 500 then success: the retry completes the fetch.
  int failures_left = 1;
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) {
    if (failures_left-- > 0) { res.status = 500; res.set_content("oops", "text/plain"); return; }
    ServeYahoo(req, res, yahoo);
  });
  auto recovered = Fetch({"--provider", "yahoo", "--symbols", "MSFT", "--end", "2022-01-31"});
  ASSERT_EQ(recovered.exit_code, 0) << recovered.out << recovered.err;
  ExpectSameBars(Printed(Bars("MSFT")), FixtureSeries(good));
}

TEST_F(CliFetch, UnknownSymbolAndRefusedConnectionFailOnlyThatSymbol) {
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, yahoo); });
  auto run = Fetch({"--provider", "yahoo", "--symbols", "AAPL,NOSUCHSYM,MSFT", "--start", "2020-01-01", "--end", "2022-01-31"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("NOSUCHSYM: FAILED: yahoo NOSUCHSYM: HTTP 404: Not Found: No data found, symbol may be delisted"),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("summary: 3 symbol(s), 2 ok, 1 failed\n  NOSUCHSYM: "), std::string::npos) << run.out;
  ExpectSameBars(Printed(Bars("MSFT")), FixtureSeries(yahoo["MSFT"]));
  const std::string before = Bars("AAPL").out;
  // Nothing listens on this port.
  auto refused = RunCli({"fetch", "--provider", "yahoo", "--symbols", "AAPL", "--end", "2022-01-31", "--base-url",
                         "http://127.0.0.1:" + std::to_string(UnusedPort())}, home.path());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.out.find("onnect"), std::string::npos) << refused.out;
  EXPECT_EQ(Bars("AAPL").out, before);
  // A key that is missing is named before anything is fetched.
  auto nokey = Fetch({"--provider", "finnhub", "--symbols", "AAPL"});
  EXPECT_EQ(nokey.exit_code, 1);
  EXPECT_NE(nokey.err.find("set FINNHUB_API_KEY"), std::string::npos) << nokey.err;
  // The environment variable overrides the base URL as --base-url does.
  setenv("QTRADER_YAHOO_BASE_URL", server.base_url().c_str(), 1);
  auto env = RunCli({"fetch", "--provider", "yahoo", "--symbols", "NVDA", "--start", "2021-02-01", "--end", "2021-02-05"}, home.path());
  unsetenv("QTRADER_YAHOO_BASE_URL");
  EXPECT_EQ(env.exit_code, 0) << env.out << env.err;
  EXPECT_NE(env.out.find("NVDA 1d yahoo: 5 bars"), std::string::npos) << env.out;
}

TEST_F(CliFetch, IntradayAndAnEmptyResult) {
  std::map<std::string, std::string> minute = {
      {"AAPL", YahooBody("chart-AAPL-2024-10-02-to-2024-10-03-includePrePost-false-interval-1m.json")}};
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, minute); });
  auto run = Fetch({"--provider", "yahoo", "--symbols", "AAPL", "--interval", "1m", "--start", "2024-10-02", "--end", "2024-10-02"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("AAPL 1m yahoo: 389 bars 2024-10-02T09:30:00-04:00 .. 2024-10-02T15:59:00-04:00"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("note: yahoo AAPL 1m: 1 row(s) with null prices left out"), std::string::npos) << run.out;
  EXPECT_EQ(server.requests().back().params["interval"], "1m");
  auto bars = RunCli({"bars", "--symbol", "AAPL", "--interval", "1m"}, home.path());
  ASSERT_EQ(bars.exit_code, 0) << bars.err;
  auto parsed = data::ParseBarsCsv(bars.out, "bars", {.interval = data::Interval::k1m});
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->series.size(), 389u);
  const std::string before = bars.out;

  // Yahoo's weekend answer (no timestamp array): an empty result, not an error, and the
  // stored minutes stay as they were.
  minute["AAPL"] = YahooBody("chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json");
  auto weekend = Fetch({"--provider", "yahoo", "--symbols", "AAPL", "--interval", "1m", "--start", "2024-10-02", "--end", "2025-02-02"});
  ASSERT_EQ(weekend.exit_code, 0) << weekend.out << weekend.err;
  EXPECT_NE(weekend.out.find("AAPL 1m yahoo: 0 bars (0 new"), std::string::npos) << weekend.out;
  EXPECT_EQ(RunCli({"bars", "--symbol", "AAPL", "--interval", "1m"}, home.path()).out, before);
  // With nothing stored, an empty answer cannot be told from an unknown symbol: it fails.
  auto empty = Fetch({"--provider", "yahoo", "--symbols", "MSFT2", "--interval", "1m", "--start", "2025-02-01", "--end", "2025-02-02"});
  EXPECT_EQ(empty.exit_code, 1);
  minute["MSFT2"] = minute["AAPL"];
  empty = Fetch({"--provider", "yahoo", "--symbols", "MSFT2", "--interval", "1m", "--start", "2025-02-01", "--end", "2025-02-02"});
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.out.find("no bars returned (unknown symbol, or nothing in"), std::string::npos) << empty.out;
}

}  // namespace
}  // namespace qat::testing
