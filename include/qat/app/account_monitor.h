// Use case behind `qtrader monitor --account NAME` (docs/monitor.md): a paper account's live
// record read from its stored sessions (app::PaperSessionMetrics), its equity curve through the
// HALT rule, and, for a `signals` account, the monitor of the model set it trades
// (monitor::RunMonitor on the account's model directory and horizon).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/app/paper.h"
#include "qat/core/result.h"
#include "qat/monitor/monitor.h"
#include "qat/store/sqlite.h"

namespace qat::app {

struct AccountRecord {
  std::string name, strategy;
  Days inception = 0, last_done = 0;
  std::int64_t sessions = 0;
  PaperSessionMetrics last;        // the last session's metrics (zeros before the first)
  double hit_rate = 0;             // wins / closed trades (NaN with none)
  double hit_low = 0, hit_high = 0;  // its 95% Wilson interval (NaN with none)
  monitor::EquityCurve equity;     // the inception cash at the inception close, then each session's close

  // {account, strategy, inception, last_done, sessions, metrics{...}, hit_rate, hit_interval[lo, hi]}
  nlohmann::json ToJson() const;
};

// The account's record from the store as of the close of `through` (its sessions after it are
// left out). Fails (kNotFound) for an unknown account, (kCorrupt) on stored metrics that do not
// parse.
Result<AccountRecord> PaperAccountRecordOf(store::Database& db, const std::string& name, Days through);

struct AccountMonitorReport {
  AccountRecord account;
  std::optional<monitor::MonitorReport> models;   // signals accounts: the monitor of their model set
  std::vector<monitor::Recommendation> recommendations;  // HALT and the models' rules, HIGH first
  std::vector<std::string> notes;

  // {account{...}, models (monitor::MonitorReport::ToJson, or null), notes[], recommendations[]}
  nlohmann::json ToJson() const;
};

// `request` gives the evaluation day and the rules' thresholds; the model directory and horizon
// are the account's (a signals account), and its equity curve up to the evaluation day replaces
// request.equity. An account trading sma-cross or buy-and-hold has no model to judge: only HALT.
// Fails as PaperAccountRecordOf and monitor::RunMonitor do.
Result<AccountMonitorReport> MonitorPaperAccount(store::Database& db, const std::string& name,
                                                 monitor::MonitorRequest request);

}  // namespace qat::app
