// Paper trading (docs/paper.md): an account in the store traded one session at a time by the
// backtest engine (backtest::OpenAccount, backtest::ResumeEngine): the same strategy, fill and
// cost rules, sizing and ledger as `qtrader backtest`, so replaying the sessions D1..D2 gives
// the fills and equity of a backtest over D1..D2 with the same configuration.
//
// Each session is written with its fills in one transaction (store/paper.h): a session is done
// once; running it again changes nothing and says so; a run killed at any point leaves the
// account as it was before the session it was doing, and the next run does it. Sessions are
// never skipped: a run catches up every missed session in order.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/backtest/engine.h"
#include "qat/core/result.h"
#include "qat/store/sqlite.h"

namespace qat::app {

struct PaperConfig {
  std::string strategy = "sma-cross";  // sma-cross | buy-and-hold | signals
  std::vector<std::string> symbols;
  backtest::EngineConfig engine;
  int fast = 10, slow = 30;  // sma-cross
  // signals: the published model set MODEL_DIR/<horizon>bar whose forecast at each close the
  // account trades (app/backtest_signals.h); read again every evening, so a set retrained in
  // place is traded from the next session on.
  std::filesystem::path model_dir;
  int horizon = 5;

  nlohmann::json ToJson() const;
  // Fails (kCorrupt) on a missing or mistyped field.
  static Result<PaperConfig> FromJson(const nlohmann::json& json);
};

// An order waiting for the next open, or a standing order of an open position, as a user
// types it into a broker: type MOO (market on open), LMT or STP; time in force OPG (the
// opening only), DAY or GTC. An entry's quantity is estimated at the last close (the engine
// sizes it at the open); `note` says so.
struct BrokerOrder {
  std::string symbol, side, type, time_in_force, note;
  std::int64_t quantity = 0;
  double limit = 0, stop = 0;  // 0: none
};

struct PaperPosition {
  std::string symbol;
  std::int64_t shares = 0;
  double entry_price = 0, stop = 0, target = 0, last_close = 0;  // stop, target: NaN when none
  Days entry_day = 0;
  std::int64_t sessions_held = 0;
  portfolio::Micros unrealised = 0;  // at the last close, less the entry commission
};

struct PaperStatus {
  std::string name;
  PaperConfig config;
  Days inception = 0, last_done = 0;  // last_done: inception when no session is done yet
  std::int64_t sessions = 0;
  portfolio::Micros cash = 0, equity = 0, fees = 0;
  portfolio::Micros buy_and_hold_equity = 0;  // the same cash in buy-and-hold since inception
  std::vector<PaperPosition> positions;
  std::vector<BrokerOrder> orders;  // tomorrow's, then the standing brackets

  nlohmann::json ToJson() const;
};

struct PaperInitRequest {
  std::string name;
  PaperConfig config;
  std::optional<Days> as_of;  // the close it opens at; default: the symbols' last bar
  Timestamp now = 0;
};
// Opens the account at a close with the strategy's first decision (orders for the next open).
// Fails (kInvalidInput) on a taken name, an unknown strategy, an invalid configuration, a
// signals account without a model directory; (kNotFound) naming a symbol with no bars or a
// model set that is not there.
Result<PaperStatus> InitPaperAccount(store::Database& db, const PaperInitRequest& request);

// A session's metrics, stored with it (paper_sessions.metrics, migration 8) and read by
// `qtrader monitor --account` (app/monitor.h).
struct PaperSessionMetrics {
  portfolio::Micros equity = 0;
  portfolio::Micros peak = 0;         // the highest close equity since inception (the initial cash counts)
  double drawdown = 0;                // 1 - equity / peak
  std::int64_t fills = 0;             // this session's
  std::int64_t closed_trades = 0;     // to date
  std::int64_t wins = 0;              // closed trades with pnl > 0 after both commissions, to date
  portfolio::Micros fees = 0;         // commissions to date
  // The slippage and half-spread the cost model charged, to date: each fill's traded value x
  // (slippage_bps + half_spread_bps) / 1e4. Paper fills are simulated, so this is what was
  // assumed, not measured; a broker's fills are what would measure it.
  portfolio::Micros slippage = 0;
  std::int64_t entries_pending = 0;   // entry orders waiting for the next open

  nlohmann::json ToJson() const;
  // Fails (kCorrupt) on a mistyped field; {} (sessions before migration 8) gives zeros.
  static Result<PaperSessionMetrics> FromJson(const nlohmann::json& json);
};

struct PaperSessionDone {
  Days day = 0;
  std::vector<std::string> fills;  // "BUY 25 SPY at 471.2300 (cross-up)"
  portfolio::Micros equity = 0;
};

struct PaperRunRequest {
  std::string name;
  std::optional<Days> as_of;  // do the sessions up to this one; default: the last stored bar
  Timestamp now = 0;
};
struct PaperRunReport {
  std::vector<PaperSessionDone> done;  // empty: nothing to do (already done through last_done)
  PaperStatus status;                  // after them
};
// Does every session after the last one done up to as_of, in order, each in its own
// transaction. Fails (kNotFound) for an unknown account; a session that fails stops the run
// with the sessions before it kept.
Result<PaperRunReport> RunPaperAccount(store::Database& db, const PaperRunRequest& request,
                                       const std::function<void(const PaperSessionDone&)>& progress = {});

// The account's configuration. Fails (kNotFound) for an unknown account.
Result<PaperConfig> PaperAccountConfig(store::Database& db, const std::string& name);

// The account's status after its last session. Fails (kNotFound) for an unknown account.
Result<PaperStatus> PaperAccountStatus(store::Database& db, const std::string& name);

// Every fill, `date,symbol,side,quantity,price,commission,reason` (backtest --fills' format),
// and the daily equity `date,equity,cash,invested`.
Result<std::string> PaperFillsCsv(store::Database& db, const std::string& name);
Result<std::string> PaperEquityCsv(store::Database& db, const std::string& name);
// The backtest tearsheet (app::TearsheetHtml) of the account's live period: its sessions, fills
// and trades since inception beside buy-and-hold of the same symbols over the same sessions.
// Fails (kNotFound) for an unknown account, (kInvalidInput) before its first session.
Result<std::string> PaperReportHtml(store::Database& db, const std::string& name);

// Tomorrow's orders: `symbol,side,quantity,type,limit,stop,time_in_force,note`.
std::string BrokerOrdersCsv(const std::vector<BrokerOrder>& orders);

}  // namespace qat::app
