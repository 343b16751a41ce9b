#include "qat/providers/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <thread>

#include "providers/internal.h"
#include "qat/core/strings.h"

namespace qat::providers {
namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};
void EnsureCurlGlobal() { static CurlGlobal global; }

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlHeaders = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

std::size_t WriteBody(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t WriteHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) headers->clear();  // a new response (after a redirect)
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    (*headers)[ToLower(Trim(line.substr(0, colon)))] = std::string(Trim(line.substr(colon + 1)));
  }
  return size * count;
}

bool TransientCurlError(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_BAD_CONTENT_ENCODING:
      return true;
    default:
      return false;
  }
}

std::mutex& SecretsMutex() {
  static std::mutex m;
  return m;
}
std::vector<std::string>& Secrets() {
  static std::vector<std::string> s;
  return s;
}

Result<double> EnvNumber(const char* name, double fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  auto value = ParseFiniteDouble(text);
  if (!value || *value < 0) return Fail("{}={}: expected a number >= 0", name, Excerpt(text));
  return *value;
}

}  // namespace

void RealSleeper::Sleep(double seconds) {
  if (seconds > 0) std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

Result<HttpOptions> HttpOptionsFromEnv() {
  HttpOptions o;
  QAT_ASSIGN_OR_RETURN(o.timeout_s, EnvNumber("QTRADER_HTTP_TIMEOUT_S", o.timeout_s));
  QAT_ASSIGN_OR_RETURN(double retries, EnvNumber("QTRADER_HTTP_RETRIES", o.retry.max_attempts - 1));
  o.retry.max_attempts = 1 + static_cast<int>(retries);
  QAT_ASSIGN_OR_RETURN(o.retry.base_delay_s, EnvNumber("QTRADER_HTTP_BACKOFF_S", o.retry.base_delay_s));
  QAT_ASSIGN_OR_RETURN(o.retry.max_delay_s, EnvNumber("QTRADER_HTTP_BACKOFF_CAP_S", o.retry.max_delay_s));
  if (o.timeout_s <= 0) return Fail("QTRADER_HTTP_TIMEOUT_S must be > 0");
  if (const char* agent = std::getenv("QTRADER_HTTP_USER_AGENT"); agent != nullptr && *agent != '\0') {
    o.user_agent = agent;
  }
  o.connect_timeout_s = std::min(o.connect_timeout_s, o.timeout_s);
  return o;
}

// ---------------------------------------------------------------------------------------
RateLimiter::RateLimiter(std::string name, std::vector<RateWindow> windows, const Clock& clock,
                         Timestamp max_wait_s)
    : name_(std::move(name)), windows_(std::move(windows)), clock_(clock), max_wait_s_(max_wait_s) {}

Timestamp RateLimiter::WaitNeeded() const {
  const Timestamp now = clock_.Now();
  Timestamp wait = 0;
  for (const RateWindow& w : windows_) {
    // Requests inside (now - seconds, now]; if the window is full, wait until its oldest
    // request leaves it.
    auto first = std::upper_bound(sent_.begin(), sent_.end(), now - w.seconds);
    const auto in_window = sent_.end() - first;
    if (in_window >= w.max_requests) {
      Timestamp oldest_needed = *(sent_.end() - w.max_requests);
      wait = std::max(wait, oldest_needed + w.seconds - now);
    }
  }
  return wait;
}

Status RateLimiter::Acquire(Sleeper& sleeper) {
  Timestamp wait = WaitNeeded();
  if (wait > max_wait_s_) {
    std::string which;
    for (const RateWindow& w : windows_) {
      if (which.empty() || w.seconds > 60) {
        which = fmt::format("{} requests per {} s", w.max_requests, w.seconds);
      }
    }
    return Fail("{} rate limit reached ({}): the next request may go out in {} s; try later",
                name_, which, wait);
  }
  while (wait > 0) {
    sleeper.Sleep(static_cast<double>(wait));
    wait = WaitNeeded();
  }
  sent_.push_back(clock_.Now());
  // Forget requests older than the longest window.
  Timestamp longest = 0;
  for (const RateWindow& w : windows_) longest = std::max(longest, w.seconds);
  auto keep = std::upper_bound(sent_.begin(), sent_.end(), clock_.Now() - longest);
  sent_.erase(sent_.begin(), keep);
  return Ok();
}

std::vector<RateWindow> DefaultRateWindows(std::string_view provider) {
  if (provider == "alphavantage") return {{5, 60}, {25, 86400}};
  if (provider == "finnhub") return {{60, 60}};
  if (provider == "yahoo") return {{60, 60}};   // polite: one a second on average
  if (provider == "stooq") return {{30, 60}};
  return {};
}

// ---------------------------------------------------------------------------------------
HttpClient::HttpClient(HttpOptions options, Sleeper* sleeper, const Clock* clock)
    : options_(std::move(options)),
      sleeper_(sleeper != nullptr ? sleeper : &real_sleeper_),
      clock_(clock != nullptr ? clock : &system_clock_) {
  EnsureCurlGlobal();
}

Result<HttpResponse> HttpClient::Get(const std::string& url, RateLimiter* limiter) {
  const std::string shown = RedactUrl(url);
  const int attempts = std::max(1, options_.retry.max_attempts);
  std::string last_problem;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (limiter != nullptr) QAT_RETURN_IF_ERROR(limiter->Acquire(*sleeper_));
    CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return Fail("GET {}: curl_easy_init failed", shown);
    HttpResponse response;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    CurlHeaders request_headers(curl_slist_append(nullptr, "Accept: */*"), &curl_slist_free_all);
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl supports
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout_s * 1000));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_s * 1000));
    curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, request_headers.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &WriteBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &WriteHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
    const CURLcode code = curl_easy_perform(h);
    double wait = options_.retry.base_delay_s * std::pow(2.0, attempt - 1);
    if (code != CURLE_OK) {
      std::string what = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
      if (code == CURLE_PARTIAL_FILE) what = "truncated body (" + what + ")";
      last_problem = RedactSecrets(what);
      if (!TransientCurlError(code)) break;
    } else {
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
      response.attempts = attempt;
      const bool retryable = response.status == 429 || response.status >= 500;
      if (!retryable) return response;
      // The start of the body, escaped and cut (a retried 5xx page can be anything).
      const std::string body = RedactSecrets(std::string(Trim(response.body)));
      last_problem = fmt::format("HTTP {}{}{}", response.status, body.empty() ? "" : ": ",
                                 PrintableText(body, internal::kBodyExcerpt));
      auto retry_after = response.headers.find("retry-after");
      if (retry_after != response.headers.end()) {
        double asked = ParseRetryAfter(retry_after->second, clock_->Now());
        if (asked >= 0) wait = asked;
      }
    }
    if (attempt == attempts) break;
    wait = std::min(wait, options_.retry.max_delay_s);
    waits_.push_back(wait);
    sleeper_->Sleep(wait);
  }
  return Fail("GET {}: {} (after {} attempt{})", shown, last_problem, attempts,
              attempts == 1 ? "" : "s");
}

double ParseRetryAfter(std::string_view value, Timestamp now) {
  value = Trim(value);
  if (value.empty()) return -1;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    auto seconds = ParseFiniteDouble(value);
    return seconds ? *seconds : -1;
  }
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) return -1;
  return std::max<double>(0, static_cast<double>(when - now));
}

void RegisterSecret(const std::string& secret) {
  if (secret.empty()) return;
  std::lock_guard lock(SecretsMutex());
  if (std::find(Secrets().begin(), Secrets().end(), secret) == Secrets().end()) {
    Secrets().push_back(secret);
  }
}

std::string RedactSecrets(std::string text) {
  std::lock_guard lock(SecretsMutex());
  for (const std::string& secret : Secrets()) {
    for (std::size_t pos = text.find(secret); pos != std::string::npos;
         pos = text.find(secret, pos)) {
      text.replace(pos, secret.size(), "REDACTED");
    }
  }
  return text;
}

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  const auto query = out.find('?');
  if (query != std::string::npos) {
    std::size_t pos = query + 1;
    while (pos < out.size()) {
      std::size_t end = out.find('&', pos);
      if (end == std::string::npos) end = out.size();
      const std::size_t eq = out.find('=', pos);
      if (eq != std::string::npos && eq < end) {
        const std::string name = ToLower(std::string_view(out).substr(pos, eq - pos));
        if (name == "apikey" || name == "api_key" || name == "token") {
          out.replace(eq + 1, end - eq - 1, "REDACTED");
          end = eq + 1 + 8;
        }
      }
      pos = end + 1;
    }
  }
  return RedactSecrets(std::move(out));
}

Result<std::string> ReplaceBase(std::string_view url, std::string_view base) {
  auto split = [](std::string_view text) -> std::pair<std::string_view, std::string_view> {
    auto scheme = text.find("://");
    if (scheme == std::string_view::npos) return {{}, {}};
    auto rest = text.find_first_of("/?#", scheme + 3);
    if (rest == std::string_view::npos) return {text, {}};
    return {text.substr(0, rest), text.substr(rest)};
  };
  auto [base_origin, base_rest] = split(base);
  if (base_origin.empty() || base_origin.size() == base_origin.find("://") + 3) {
    return Fail("base URL '{}': expected scheme://host[:port]", base);
  }
  if (!base_rest.empty() && base_rest != "/") {
    return Fail("base URL '{}': only scheme://host[:port] may be replaced; the path and query "
                "stay the provider's own", base);
  }
  auto [url_origin, url_rest] = split(url);
  if (url_origin.empty()) return Fail("URL '{}' has no scheme", RedactUrl(url));
  return std::string(base_origin) + std::string(url_rest);
}

}  // namespace qat::providers
