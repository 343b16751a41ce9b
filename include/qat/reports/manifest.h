// Run manifests: what a result was computed from, so that it can be reproduced.
#pragma once

#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "qat/core/time.h"
#include "qat/data/bar_series.h"

namespace qat::reports {

// SHA-256 over every bar of every series (symbol, interval, start, OHLC, adj_close, volume
// in shortest exact text), in the given order.
std::string HashBars(std::span<const data::BarSeries> series);

// {"qtrader": ..., "xgboost": ..., "sqlite": ..., "libcurl": ..., "fmt": ..., "compiler": ...}
nlohmann::json LibraryVersions();

// {"data_sha256", "config", "seed", "versions", "git_commit", "created_at"}.
nlohmann::json MakeManifest(std::span<const data::BarSeries> inputs, const nlohmann::json& config,
                            std::uint64_t seed, Timestamp created_at);

}  // namespace qat::reports
