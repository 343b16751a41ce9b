// The store's log of backtests (table backtest_runs, migration 6): one row per configuration
// run, so that the Deflated Sharpe Ratio counts the trials honestly (docs/backtest.md): every
// configuration ever run on the same data set is a trial.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/store/sqlite.h"

namespace qat::store {

struct BacktestRunRecord {
  std::int64_t created_at = 0;  // unix seconds
  std::string strategy;
  std::string config_json;      // canonical (sorted keys): equal configurations, equal text
  std::string config_sha256;
  std::string data_sha256;      // DataFingerprint
  std::int64_t sessions = 0;
  double sharpe_per_session = 0;  // NaN: undefined (stored as NULL)
  std::string metrics_json;
  std::string git_commit;
};

// Appends the record; returns its id.
Result<std::int64_t> LogBacktestRun(Database& db, const BacktestRunRecord& record);

// The configurations run on a data set: how many distinct ones (a configuration run again is
// one trial, with its latest Sharpe ratio) and the sample variance of their per-session
// Sharpe ratios (0 with fewer than two defined).
struct BacktestTrials {
  std::int64_t configurations = 0;
  double sharpe_variance = 0;
};
Result<BacktestTrials> TrialsOn(Database& db, const std::string& data_sha256);

// A fingerprint of the data a backtest reads: SHA-256 over the sessions [start, end] and, for
// each symbol in order, the stored content hash of its daily bars and of its corporate
// actions. Fails (kNotFound) for a symbol without stored daily bars.
Result<std::string> DataFingerprint(Database& db, const std::vector<std::string>& symbols, Days start, Days end);

}  // namespace qat::store
