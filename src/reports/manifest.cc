#include "qat/reports/manifest.h"

#include <curl/curl.h>
#include <sqlite3.h>

#include "qat/core/build_info.h"
#include "qat/core/sha256.h"
#include "qat/core/strings.h"
#include "qat/models/xgboost.h"

namespace qat::reports {

std::string HashBars(std::span<const data::BarSeries> series) {
  Sha256 hash;
  std::string line;
  for (const auto& s : series) {
    hash.Update(s.symbol + "|" + std::string(data::IntervalName(s.interval)) + "\n");
    for (std::size_t i = 0; i < s.size(); ++i) {
      line = std::to_string(s.start[i]);
      for (double v : {s.open[i], s.high[i], s.low[i], s.close[i], s.adj_close[i], s.volume[i]}) {
        line += ',';
        line += FormatShortest(v);
      }
      line += '\n';
      hash.Update(line);
    }
  }
  return hash.HexDigest();
}

nlohmann::json LibraryVersions() {
  return {{"qtrader", BuildVersion()},
          {"xgboost", models::XGBoostVersionString()},
          {"sqlite", sqlite3_libversion()},
          {"libcurl", curl_version_info(CURLVERSION_NOW)->version},
          {"fmt", FMT_VERSION},
          {"compiler", __VERSION__}};
}

nlohmann::json MakeManifest(std::span<const data::BarSeries> inputs, const nlohmann::json& config,
                            std::uint64_t seed, Timestamp created_at) {
  nlohmann::json symbols = nlohmann::json::array();
  for (const auto& s : inputs) {
    symbols.push_back({{"symbol", s.symbol},
                       {"interval", data::IntervalName(s.interval)},
                       {"bars", s.size()},
                       {"first", s.empty() ? "" : FormatDate(s.DayAt(0))},
                       {"last", s.empty() ? "" : FormatDate(s.DayAt(s.size() - 1))}});
  }
  return {{"data_sha256", HashBars(inputs)},
          {"inputs", symbols},
          {"config", config},
          {"seed", seed},
          {"versions", LibraryVersions()},
          {"git_commit", BuildGitCommit()},
          {"created_at", FormatTimestampUtc(created_at)}};
}

}  // namespace qat::reports
