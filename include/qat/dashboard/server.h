// The dashboard's HTTP server (cpp-httplib): GET /api/... answered by Api::Handle, every other
// GET by an embedded asset (assets.h) or 404. Read-only, bounded and polite by construction:
//   - a thread pool answers requests, so a slow client holds one worker, not the server;
//   - a request body over max_request_bytes is refused (413) and a client sending more than
//     its rate (a token bucket per address) gets 429;
//   - bound to a loopback address, a request whose Host header names another host is refused
//     (403: a web page elsewhere cannot reach the dashboard by DNS rebinding);
//   - methods other than GET and HEAD get 405; responses carry a Content-Security-Policy that
//     allows only the dashboard's own scripts.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "qat/core/result.h"
#include "qat/dashboard/api.h"

namespace qat::dashboard {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;                             // 0: a free port, chosen by the system
  int threads = 8;                             // worker threads
  std::size_t max_request_bytes = 64 * 1024;   // request bodies (a GET needs none)
  double rate_per_second = 200;                // per client address, sustained
  double burst = 400;                          // per client address, at once
};

// Whether `address` is a loopback address (127.0.0.0/8, ::1, "localhost").
bool IsLoopback(std::string_view address);

class Server {
 public:
  Server(Api api, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port (the chosen one when options.port is 0).
  // Fails naming the address when it cannot bind.
  Result<int> Bind();
  // Answers requests until Stop() (blocking). Bind() first.
  Status Run();
  // Stops Run() from another thread; harmless when not running.
  void Stop();
  bool IsRunning() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qat::dashboard
