// The dashboard's JSON API (docs/dashboard.md): every GET /api/... is one plain function from a
// request (decoded path and query parameters) to a status and a JSON body, over the
// application layer (qat/app) and a store opened read-only. No sockets here: the HTTP server
// (server.h) and the tests call Api::Handle alike.
//
// Errors are {"error": {"code": "...", "message": "..."}} with 400 (a malformed parameter),
// 404 (an unknown path, symbol, account or model set), 405 (a method other than GET) or 500.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/store/sqlite.h"

namespace qat::dashboard {

struct ApiRequest {
  std::string method = "GET";
  std::string path;                           // decoded, without the query: "/api/bars"
  std::map<std::string, std::string> params;  // decoded query parameters (the last of a repeated name)
};

struct ApiResponse {
  int status = 200;
  nlohmann::json body;
  // Set for a CSV download (/api/paper/orders.csv): sent as is with this content type.
  std::string text, content_type;
};

// {"error": {"code": code, "message": message}} with `status`.
ApiResponse ErrorResponse(int status, std::string code, std::string message);

struct ApiConfig {
  std::filesystem::path db;         // the store, opened read-only for each request
  std::filesystem::path model_dir;  // MODEL_DIR/<h>bar: forecasts, signals, models, monitor
  // "Today" for staleness and the monitor (a test fixes it); unset: the system clock.
  std::function<Timestamp()> now;
};

class Api {
 public:
  explicit Api(ApiConfig config);
  // Checks the store opens read-only (kNotFound for a missing file, the store's message else).
  Status Check() const;
  // Routes and answers one request; safe to call from many threads at once (each call opens
  // its own read-only connection).
  ApiResponse Handle(const ApiRequest& request) const;
  const ApiConfig& config() const { return config_; }

 private:
  ApiConfig config_;
};

// The API's paths, for docs and the tests: "/api/symbols", ...
const std::vector<std::string>& ApiPaths();

}  // namespace qat::dashboard
