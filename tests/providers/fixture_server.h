// A local HTTP server on 127.0.0.1 (cpp-httplib) that the provider tests start on a free
// port. One catch-all handler, replaced per test; every request is recorded.
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace qat::testing {

struct RecordedRequest {
  std::string path;                           // without the query
  std::map<std::string, std::string> params;  // query parameters, decoded
  std::string accept_encoding;
};

class FixtureServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  FixtureServer();
  ~FixtureServer();
  FixtureServer(const FixtureServer&) = delete;
  FixtureServer& operator=(const FixtureServer&) = delete;

  void SetHandler(Handler handler);
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::vector<RecordedRequest> requests();
  void ClearRequests();

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  Handler handler_;
  std::vector<RecordedRequest> requests_;
};

// A port on 127.0.0.1 that nothing listens on (bound, then released).
int UnusedPort();

// The raw API body of a recorded Yahoo fixture: response.bodyJson re-serialised, or the
// string response.body as recorded.
std::string YahooBody(const std::string& fixture_file);
// The recorded Yahoo body cut to what Yahoo answers for [period1, period2]: timestamps and
// their values inside the period, events inside it.
std::string YahooBodyForPeriod(const std::string& body, long long period1, long long period2);

// Yahoo's answer as it was before a split that the recording (made after it) includes: the
// bars up to `cutoff` (exclusive) at pre-split prices (prices and adjclose times `ratio`,
// volume divided by it) and no split event.
std::string YahooBodyBeforeSplit(const std::string& body, long long cutoff, double ratio);

// A FixtureServer handler body: Yahoo's chart route from recorded bodies by symbol, cut to
// the asked period as Yahoo does; unknown symbols get Yahoo's own 404 body.
void ServeYahoo(const httplib::Request& req, httplib::Response& res,
                const std::map<std::string, std::string>& bodies);

}  // namespace qat::testing
