#include "providers/fixture_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "support/cli.h"

namespace qat::testing {

FixtureServer::FixtureServer() {
  server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      RecordedRequest r;
      r.path = req.path;
      for (const auto& [k, v] : req.params) r.params[k] = v;
      r.accept_encoding = req.get_header_value("Accept-Encoding");
      requests_.push_back(std::move(r));
      handler = handler_;
    }
    if (handler) {
      handler(req, res);
    } else {
      res.status = 500;
      res.set_content("no handler", "text/plain");
    }
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("FixtureServer: cannot bind 127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  for (int i = 0; i < 500 && !server_.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!server_.is_running()) throw std::runtime_error("FixtureServer: did not start");
}

FixtureServer::~FixtureServer() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

void FixtureServer::SetHandler(Handler handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

std::vector<RecordedRequest> FixtureServer::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

void FixtureServer::ClearRequests() {
  std::lock_guard lock(mutex_);
  requests_.clear();
}

int UnusedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string YahooBody(const std::string& fixture_file) {
  auto envelope = nlohmann::json::parse(ReadFile(RepoPath("data/fixtures/yahoo/" + fixture_file)));
  const auto& response = envelope.at("response");
  if (response.contains("bodyJson")) return response["bodyJson"].dump();
  return response.at("body").get<std::string>();
}

std::string YahooBodyForPeriod(const std::string& body, long long period1, long long period2) {
  auto doc = nlohmann::json::parse(body);
  auto& result = doc["chart"]["result"][0];
  if (!result.contains("timestamp")) return body;
  auto& ts = result["timestamp"];
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    long long t = ts[i].get<long long>();
    if (t >= period1 && t <= period2) keep.push_back(i);
  }
  auto pick = [&](nlohmann::json& array) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i : keep) out.push_back(array[i]);
    array = out;
  };
  pick(ts);
  for (auto& [k, v] : result["indicators"]["quote"][0].items()) pick(v);
  if (result["indicators"].contains("adjclose")) pick(result["indicators"]["adjclose"][0]["adjclose"]);
  if (result.contains("events")) {
    for (auto& [kind, events] : result["events"].items()) {
      nlohmann::json kept = nlohmann::json::object();
      for (auto& [key, e] : events.items()) {
        long long d = e["date"].get<long long>();
        if (d >= period1 && d <= period2) kept[key] = e;
      }
      events = kept;
    }
  }
  if (keep.empty()) {
    result.erase("timestamp");
    result["indicators"]["quote"] = nlohmann::json::array({nlohmann::json::object()});
  }
  return doc.dump();
}

std::string YahooBodyBeforeSplit(const std::string& body, long long cutoff, double ratio) {
  auto doc = nlohmann::json::parse(YahooBodyForPeriod(body, 0, cutoff - 1));
  auto& result = doc["chart"]["result"][0];
  auto& quote = result["indicators"]["quote"][0];
  for (const char* k : {"open", "high", "low", "close"}) {
    for (auto& v : quote[k]) v = v.get<double>() * ratio;
  }
  for (auto& v : quote["volume"]) v = v.get<double>() / ratio;
  for (auto& v : result["indicators"]["adjclose"][0]["adjclose"]) v = v.get<double>() * ratio;
  return doc.dump();
}

void ServeYahoo(const httplib::Request& req, httplib::Response& res,
                const std::map<std::string, std::string>& bodies) {
  const std::string prefix = "/v8/finance/chart/";
  if (req.path.rfind(prefix, 0) != 0) {
    res.status = 404;
    return;
  }
  const std::string symbol = req.path.substr(prefix.size());
  auto it = bodies.find(symbol);
  if (it == bodies.end()) {
    res.status = 404;
    res.set_content(R"json({"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}})json",
                    "application/json");
    return;
  }
  res.set_content(YahooBodyForPeriod(it->second, std::stoll(req.get_param_value("period1")),
                                     std::stoll(req.get_param_value("period2"))),
                  "application/json");
}

}  // namespace qat::testing
