// The libcurl client against a local server: retries, Retry-After, timeouts, truncation,
// refused connections, redaction; the rate limiter on a FixedClock.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "providers/fixture_server.h"
#include "qat/providers/http.h"

namespace qat::providers {
namespace {

using qat::testing::FixtureServer;

// Records the waits asked for instead of sleeping; optionally advances a FixedClock.
class RecordingSleeper final : public Sleeper {
 public:
  explicit RecordingSleeper(FixedClock* clock = nullptr) : clock_(clock) {}
  void Sleep(double seconds) override {
    waits.push_back(seconds);
    if (clock_ != nullptr) clock_->Set(clock_->Now() + static_cast<Timestamp>(seconds));
  }
  std::vector<double> waits;

 private:
  FixedClock* clock_;
};

HttpOptions FastOptions() {
  HttpOptions o;
  o.timeout_s = 2;
  o.connect_timeout_s = 2;
  o.retry.max_attempts = 3;
  o.retry.base_delay_s = 0.01;
  o.retry.max_delay_s = 5;
  return o;
}

TEST(ProvidersHttp, OkBodyAndGzipAccepted) {
  FixtureServer server;
  server.SetHandler([](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  RecordingSleeper sleeper;
  HttpClient client(FastOptions(), &sleeper);
  auto r = client.Get(server.base_url() + "/x?a=1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello");
  EXPECT_EQ(r->attempts, 1);
  ASSERT_EQ(server.requests().size(), 1u);
  // CURLOPT_ACCEPT_ENCODING "": libcurl offers the encodings it can decode.
  EXPECT_NE(server.requests()[0].accept_encoding.find("gzip"), std::string::npos)
      << server.requests()[0].accept_encoding;
  EXPECT_TRUE(sleeper.waits.empty());
}

TEST(ProvidersHttp, NotFoundIsReturnedWithoutRetry) {
  FixtureServer server;
  server.SetHandler([](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content("{\"error\":\"nope\"}", "application/json");
  });
  RecordingSleeper sleeper;
  HttpClient client(FastOptions(), &sleeper);
  auto r = client.Get(server.base_url() + "/missing");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(ProvidersHttp, TooManyRequestsHonoursRetryAfterThenSucceeds) {
  FixtureServer server;
  int calls = 0;
  server.SetHandler([&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 429;
      res.set_header("Retry-After", "3");
      res.set_content("slow down", "text/plain");
    } else {
      res.set_content("ok", "text/plain");
    }
  });
  RecordingSleeper sleeper;
  HttpClient client(FastOptions(), &sleeper);
  auto r = client.Get(server.base_url() + "/q");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->body, "ok");
  EXPECT_EQ(r->attempts, 2);
  // The server's 3 s, not the 0.01 s backoff.
  ASSERT_EQ(sleeper.waits.size(), 1u);
  EXPECT_DOUBLE_EQ(sleeper.waits[0], 3.0);
}

TEST(ProvidersHttp, RetryAfterIsCapped) {
  FixtureServer server;
  server.SetHandler([&](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "3600");
  });
  RecordingSleeper sleeper;
  HttpOptions o = FastOptions();
  o.retry.max_delay_s = 0.5;
  HttpClient client(o, &sleeper);
  auto r = client.Get(server.base_url() + "/q");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("HTTP 429"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("after 3 attempts"), std::string::npos) << r.error().message;
  EXPECT_EQ(sleeper.waits, (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(ProvidersHttp, ServerErrorThenSuccessBacksOffExponentially) {
  FixtureServer server;
  int calls = 0;
  server.SetHandler([&](const httplib::Request&, httplib::Response& res) {
    if (++calls <= 2) {
      res.status = 500;
      res.set_content("internal", "text/plain");
    } else {
      res.set_content("fine", "text/plain");
    }
  });
  RecordingSleeper sleeper;
  HttpClient client(FastOptions(), &sleeper);
  auto r = client.Get(server.base_url() + "/q");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->body, "fine");
  EXPECT_EQ(r->attempts, 3);
  EXPECT_EQ(sleeper.waits, (std::vector<double>{0.01, 0.02}));
}

TEST(ProvidersHttp, TruncatedBodyFailsClearly) {
  FixtureServer server;
  server.SetHandler([](const httplib::Request&, httplib::Response& res) {
    // Announces 1000 bytes, sends 10, then gives up: the connection closes early.
    res.set_content_provider(1000, "application/json", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset == 0) {
        sink.write("{\"chart\":{", 10);
        return true;
      }
      return false;
    });
  });
  RecordingSleeper sleeper;
  HttpClient client(FastOptions(), &sleeper);
  auto r = client.Get(server.base_url() + "/q");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("truncated body"), std::string::npos) << r.error().message;
}

TEST(ProvidersHttp, ConnectionRefusedFailsClearly) {
  RecordingSleeper sleeper;
  HttpClient client(FastOptions(), &sleeper);
  const std::string url = "http://127.0.0.1:" + std::to_string(qat::testing::UnusedPort()) + "/q";
  auto r = client.Get(url);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("127.0.0.1"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("onnect"), std::string::npos) << r.error().message;
  EXPECT_EQ(sleeper.waits.size(), 2u);  // transient: retried
}

TEST(ProvidersHttp, TimeoutFailsClearly) {
  FixtureServer server;
  server.SetHandler([](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("late", "text/plain");
  });
  RecordingSleeper sleeper;
  HttpOptions o = FastOptions();
  o.timeout_s = 0.3;
  o.retry.max_attempts = 1;
  HttpClient client(o, &sleeper);
  const auto t0 = std::chrono::steady_clock::now();
  auto r = client.Get(server.base_url() + "/slow");
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("imed out"), std::string::npos) << r.error().message;
  EXPECT_LT(took, 1.4);
}

TEST(ProvidersHttp, KeysNeverAppearInMessages) {
  FixtureServer server;
  server.SetHandler([](const httplib::Request& req, httplib::Response& res) {
    res.status = 503;
    res.set_content("bad key " + req.get_param_value("apikey"), "text/plain");  // an echoing server
  });
  RegisterSecret("s3cr3tKEY42");
  RecordingSleeper sleeper;
  HttpClient client(FastOptions(), &sleeper);
  auto r = client.Get(server.base_url() + "/query?function=X&apikey=s3cr3tKEY42&symbol=MSFT");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find("s3cr3tKEY42"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("apikey=REDACTED"), std::string::npos) << r.error().message;
  EXPECT_EQ(RedactUrl("https://h/p?token=abc&symbol=X&api_key=zz"),
            "https://h/p?token=REDACTED&symbol=X&api_key=REDACTED");
  EXPECT_EQ(RedactUrl("https://h/p?symbol=X"), "https://h/p?symbol=X");
}

TEST(ProvidersHttp, RetryAfterParsing) {
  EXPECT_DOUBLE_EQ(ParseRetryAfter("120", 0), 120);
  // An HTTP date, 90 s after `now`.
  const Timestamp now = 1445412480;  // 2015-10-21T07:28:00Z
  EXPECT_DOUBLE_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:29:30 GMT", now), 90);
  EXPECT_LT(ParseRetryAfter("soon", now), 0);
}

TEST(ProvidersHttp, BaseUrlReplacesSchemeHostPortOnly) {
  auto u = ReplaceBase("https://query2.finance.yahoo.com/v8/finance/chart/SPY?period1=1&interval=1d",
                       "http://127.0.0.1:8081/");
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(*u, "http://127.0.0.1:8081/v8/finance/chart/SPY?period1=1&interval=1d");
  EXPECT_FALSE(ReplaceBase("https://stooq.com/q/d/l/?s=spy.us", "http://127.0.0.1:1/other").ok());
  EXPECT_FALSE(ReplaceBase("https://stooq.com/q/d/l/?s=spy.us", "127.0.0.1:1").ok());
}

TEST(ProvidersHttp, OptionsFromEnvironment) {
  setenv("QTRADER_HTTP_TIMEOUT_S", "abc", 1);
  auto bad = HttpOptionsFromEnv();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("QTRADER_HTTP_TIMEOUT_S='abc'"), std::string::npos);
  setenv("QTRADER_HTTP_TIMEOUT_S", "2.5", 1);
  setenv("QTRADER_HTTP_RETRIES", "0", 1);
  auto good = HttpOptionsFromEnv();
  unsetenv("QTRADER_HTTP_TIMEOUT_S");
  unsetenv("QTRADER_HTTP_RETRIES");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->timeout_s, 2.5);
  EXPECT_EQ(good->retry.max_attempts, 1);
}

TEST(ProvidersRateLimiter, AlphaVantageFreeTierFivePerMinuteAndTwentyFivePerDay) {
  FixedClock clock(1'700'000'000);
  RecordingSleeper sleeper(&clock);
  RateLimiter limiter("alphavantage", DefaultRateWindows("alphavantage"), clock, 120);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.Acquire(sleeper).ok());
  EXPECT_TRUE(sleeper.waits.empty());
  EXPECT_EQ(limiter.WaitNeeded(), 60);
  ASSERT_TRUE(limiter.Acquire(sleeper).ok());  // the sixth waits a minute
  ASSERT_EQ(sleeper.waits.size(), 1u);
  EXPECT_DOUBLE_EQ(sleeper.waits[0], 60);
  for (int i = 6; i < 25; ++i) ASSERT_TRUE(limiter.Acquire(sleeper).ok()) << i;
  // 25 used today: the 26th would wait most of a day, so it fails instead.
  auto over = limiter.Acquire(sleeper);
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.error().message.find("25 requests per 86400 s"), std::string::npos) << over.error().message;
  clock.Set(clock.Now() + 86400);
  EXPECT_TRUE(limiter.Acquire(sleeper).ok());
}

TEST(ProvidersRateLimiter, FinnhubSixtyPerMinute) {
  FixedClock clock(1'700'000'000);
  RecordingSleeper sleeper(&clock);
  RateLimiter limiter("finnhub", DefaultRateWindows("finnhub"), clock);
  for (int i = 0; i < 60; ++i) ASSERT_TRUE(limiter.Acquire(sleeper).ok());
  EXPECT_TRUE(sleeper.waits.empty());
  clock.Set(clock.Now() + 20);
  EXPECT_EQ(limiter.WaitNeeded(), 40);
  ASSERT_TRUE(limiter.Acquire(sleeper).ok());
  EXPECT_EQ(sleeper.waits, (std::vector<double>{40}));
}

}  // namespace
}  // namespace qat::providers
