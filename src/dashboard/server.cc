#include "qat/dashboard/server.h"

#include <httplib.h>

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "qat/core/strings.h"
#include "qat/dashboard/assets.h"

namespace qat::dashboard {
namespace {

constexpr const char* kSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// A token bucket per client address: `rate` tokens a second up to `burst`.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  bool Allow(const std::string& client) {
    const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    std::lock_guard<std::mutex> lock(mutex_);
    if (buckets_.size() > 10000) buckets_.clear();  // a flood of addresses cannot grow it without bound
    auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!fresh) {
      b.tokens = std::min(burst_, b.tokens + (now - b.last) * rate_);
      b.last = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

 private:
  struct Bucket {
    double tokens, last;
  };
  double rate_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// Sends `size` bytes at `data` (which `keep` keeps alive) as they are. A provider of known length
// is never compressed by httplib, whereas set_content's bodies are, with brotli at its default
// quality 11 when the browser accepts "br": measured 0.95 s for the 718 KB SPY bars answer that
// takes 13 ms uncompressed, the whole symbol page's load. Over the loopback compression buys
// nothing (Dashboard.AnswersAreSentUncompressedAndTheConnectionClosed).
void SendBytes(httplib::Response& res, const char* data, std::size_t size, std::shared_ptr<const void> keep,
               const std::string& content_type) {
  res.set_content_provider(size, content_type,
                           [data, size, keep = std::move(keep)](std::size_t offset, std::size_t length,
                                                                 httplib::DataSink& sink) {
                             return sink.write(data + offset, std::min(length, size - offset));
                           });
}

void SendText(httplib::Response& res, std::string text, const std::string& content_type) {
  auto body = std::make_shared<const std::string>(std::move(text));
  SendBytes(res, body->data(), body->size(), body, content_type);
}

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  SendText(res, body.dump(), "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  SendJson(res, status, ErrorResponse(status, code, message).body);
}

// The host part of a Host header: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:80" -> "::1".
std::string HostOf(const std::string& header) {
  if (!header.empty() && header[0] == '[') {
    const auto close = header.find(']');
    return close == std::string::npos ? header : header.substr(1, close - 1);
  }
  return header.substr(0, header.find(':'));
}

}  // namespace

bool IsLoopback(std::string_view address) {
  if (address == "localhost" || address == "::1") return true;
  in_addr v4{};
  const std::string text(address);
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return false;
}

struct Server::Impl {
  Impl(Api a, ServerOptions o) : api(std::move(a)), options(std::move(o)), limiter(options.rate_per_second, options.burst) {}
  Api api;
  ServerOptions options;
  RateLimiter limiter;
  httplib::Server http;
  bool bound = false;

  void Setup() {
    const int threads = std::max(1, options.threads);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    http.set_payload_max_length(options.max_request_bytes);
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    // One request per connection: a connection kept alive holds its worker thread until the
    // keep-alive timeout (5 s) even when idle, so 50 concurrent requests from one client took
    // 20 s on 8 threads (the browser test). A new loopback connection costs well under 1 ms.
    http.set_keep_alive_max_count(1);
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Content-Security-Policy", kSecurityPolicy},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});
    const bool loopback = IsLoopback(options.bind);
    http.set_pre_routing_handler([this, loopback](const httplib::Request& req, httplib::Response& res) {
      if (!limiter.Allow(req.remote_addr)) {
        SendError(res, 429, "rate_limited", "too many requests from this address; slow down");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (loopback) {
        const std::string host = HostOf(req.get_header_value("Host"));
        if (!host.empty() && !IsLoopback(host)) {
          SendError(res, 403, "forbidden_host",
                    "the dashboard listens on a loopback address and answers only requests for localhost (Host " +
                        Excerpt(host) + ")");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      if (req.method != "GET" && req.method != "HEAD") {
        SendError(res, 405, "method_not_allowed", "the dashboard is read-only; only GET is answered");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { Answer(req, res); });
    // Paths httplib itself refuses (a bad request line) still answer in JSON.
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      const int status = res.status;
      SendError(res, status, status == 404 ? "not_found" : status == 413 ? "payload_too_large" : "bad_request",
                status == 404 ? "not found" : status == 413 ? "request too large" : "malformed request");
    });
  }

  void Answer(const httplib::Request& req, httplib::Response& res) {
    const std::string& path = req.path;  // decoded by httplib
    if (path.rfind("/api/", 0) == 0 || path == "/api") {
      ApiRequest request;
      request.method = "GET";
      request.path = path;
      for (const auto& [name, value] : req.params) request.params[name] = value;
      const ApiResponse answer = api.Handle(request);
      if (!answer.content_type.empty() && answer.status == 200) {
        res.status = 200;
        res.set_header("Cache-Control", "no-store");
        SendText(res, answer.text, answer.content_type);
        return;
      }
      SendJson(res, answer.status, answer.body);
      return;
    }
    const EmbeddedAsset* asset = FindAsset(path);
    if (asset == nullptr) {
      SendError(res, 404, "not_found", "no such page or file: " + Excerpt(path));
      return;
    }
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    SendBytes(res, asset->data.data(), asset->data.size(), nullptr,
              std::string(asset->content_type));  // the embedded bytes live as long as the program
  }
};

Server::Server(Api api, ServerOptions options) : impl_(std::make_unique<Impl>(std::move(api), std::move(options))) {
  impl_->Setup();
}

Server::~Server() { Stop(); }

Result<int> Server::Bind() {
  const auto& o = impl_->options;
  int port = o.port;
  if (o.port == 0) {
    port = impl_->http.bind_to_any_port(o.bind);
    if (port <= 0) return Fail("cannot listen on {} (any port)", o.bind);
  } else if (!impl_->http.bind_to_port(o.bind, o.port)) {
    return Fail("cannot listen on {}:{} (in use, or not an address of this machine)", o.bind, o.port);
  }
  impl_->bound = true;
  return port;
}

Status Server::Run() {
  if (!impl_->bound) return Fail("Server::Run before Bind");
  if (!impl_->http.listen_after_bind()) return Fail("the server stopped with an error");
  return Ok();
}

void Server::Stop() { impl_->http.stop(); }

bool Server::IsRunning() const { return impl_->http.is_running(); }

}  // namespace qat::dashboard
