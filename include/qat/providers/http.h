// HTTP GET over libcurl for the data providers: timeouts, retries with exponential backoff
// on 429/5xx and transient transport errors (honouring Retry-After, capped), gzip/deflate,
// and a per-provider rate limiter driven by a qat::Clock.
//
// Proxies: libcurl reads http_proxy / https_proxy / HTTPS_PROXY / ALL_PROXY / no_proxy from
// the environment by itself; this client neither sets nor clears them.
//
// Secrets: URLs and messages produced here never contain an API key. RedactUrl() blanks
// the values of the query parameters apikey, token and api_key, and RedactSecrets() removes
// every value registered with RegisterSecret() (the providers register the keys they read
// from ALPHAVANTAGE_API_KEY / FINNHUB_API_KEY).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/clock.h"
#include "qat/core/result.h"

namespace qat::providers {

// Waits; the real one sleeps, tests substitute one that records or advances a FixedClock.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void Sleep(double seconds) = 0;
};
class RealSleeper final : public Sleeper {
 public:
  void Sleep(double seconds) override;
};

struct RetryPolicy {
  int max_attempts = 4;         // first try included
  double base_delay_s = 1.0;    // backoff before retry k (1-based): base * 2^(k-1)
  double max_delay_s = 60.0;    // cap on any single wait, Retry-After included
};

struct HttpOptions {
  double connect_timeout_s = 10;
  double timeout_s = 60;        // whole transfer
  RetryPolicy retry;
  // Yahoo answers 429 to many non-browser agents, hence the Mozilla prefix.
  std::string user_agent = "Mozilla/5.0 (X11; Linux x86_64) qtrader/0.1";
};

// Options from the environment (for the CLI; tests use them to keep runs fast):
// QTRADER_HTTP_TIMEOUT_S, QTRADER_HTTP_RETRIES, QTRADER_HTTP_BACKOFF_S,
// QTRADER_HTTP_BACKOFF_CAP_S, QTRADER_HTTP_USER_AGENT. Fails on a number that is negative
// or not a number.
Result<HttpOptions> HttpOptionsFromEnv();

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased; last value wins
  int attempts = 0;
};

// Requests allowed per sliding window. AlphaVantage free tier: {5, 60} and {25, 86400};
// Finnhub: {60, 60}; Yahoo and Stooq: polite pacing.
struct RateWindow {
  int max_requests;
  Timestamp seconds;
};

class RateLimiter {
 public:
  // `max_wait_s`: a wait longer than this fails instead of sleeping (a daily cap).
  RateLimiter(std::string name, std::vector<RateWindow> windows, const Clock& clock,
              Timestamp max_wait_s = 120);
  // Seconds to wait before the next request may go out (0 if none).
  Timestamp WaitNeeded() const;
  // Waits as needed (through `sleeper`) and records the request; fails if the wait would
  // exceed max_wait_s, naming the limit that binds.
  Status Acquire(Sleeper& sleeper);
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::vector<RateWindow> windows_;
  const Clock& clock_;
  Timestamp max_wait_s_;
  std::vector<Timestamp> sent_;  // request times, ascending
};

// The limits used for each provider ("yahoo", "stooq", "alphavantage", "finnhub").
std::vector<RateWindow> DefaultRateWindows(std::string_view provider);

class HttpClient {
 public:
  // `sleeper` and `clock` default to real ones; the clock dates HTTP-date Retry-After values.
  explicit HttpClient(HttpOptions options, Sleeper* sleeper = nullptr,
                      const Clock* clock = nullptr);
  // GET `url`. Retries 429, 5xx and transient transport failures (connection refused,
  // timeout, truncated body, reset) up to max_attempts; any other status is returned as is
  // (the caller decides what a 404 means). Fails with a message that names the redacted
  // URL, the HTTP status or curl's own error text, and the attempts made. `limiter`, if
  // given, is acquired before every attempt.
  Result<HttpResponse> Get(const std::string& url, RateLimiter* limiter = nullptr);
  const HttpOptions& options() const { return options_; }
  // The waits requested between attempts, in seconds (for tests and the progress line).
  const std::vector<double>& waits() const { return waits_; }

 private:
  HttpOptions options_;
  Sleeper* sleeper_;
  RealSleeper real_sleeper_;
  SystemClock system_clock_;
  const Clock* clock_;
  std::vector<double> waits_;
};

// Seconds from a Retry-After value (delta-seconds or an HTTP date relative to `now`);
// negative if it cannot be parsed.
double ParseRetryAfter(std::string_view value, Timestamp now);

void RegisterSecret(const std::string& secret);
std::string RedactSecrets(std::string text);
// `url` with the values of apikey / api_key / token replaced by "REDACTED", then
// RedactSecrets applied.
std::string RedactUrl(std::string_view url);

// Replaces the scheme, host and port of `url` with those of `base` ("http://127.0.0.1:8080",
// a trailing "/" allowed); the path and query stay. Fails if `base` has a path, a query or
// no scheme.
Result<std::string> ReplaceBase(std::string_view url, std::string_view base);

}  // namespace qat::providers
