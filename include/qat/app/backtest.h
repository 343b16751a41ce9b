// The backtest use case behind `qtrader backtest` (docs/backtest.md): stored daily bars
// (split-adjusted, store::LoadAdjustedDaily: price returns, dividends not credited, for the
// strategy and its benchmark alike) -> the engine running a strategy -> its measures beside
// buy-and-hold of the same symbols over the same sessions with the same costs, the trial
// recorded in the store and the Deflated Sharpe Ratio computed over every configuration run
// on the same data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/backtest/engine.h"
#include "qat/backtest/measures.h"
#include "qat/core/result.h"
#include "qat/pipeline/training.h"
#include "qat/store/sqlite.h"

namespace qat::app {

struct BacktestRequest {
  std::string strategy = "sma-cross";  // sma-cross | buy-and-hold | signals
  std::vector<std::string> symbols;     // stored, validated
  std::optional<Days> start, end;       // default: the symbols' first and last bar (signals: the out-of-sample span)
  bool per_symbol = false;              // one account of `engine.initial_cash` per symbol
  backtest::EngineConfig engine;
  int fast = 10, slow = 30;             // sma-cross
  std::string benchmark = "SPY";        // alpha and beta against it, when stored ("" = none)
  bool record_trial = true;             // log the run in backtest_runs (the DSR's trials)
  // signals: the walk-forward that produces the out-of-sample forecasts it trades, or, when
  // model_dir is set, the published model set MODEL_DIR/<training.labels.horizon>bar whose
  // forecasts at each close it trades (what a paper account's `signals` strategy does).
  pipeline::TrainConfig training;
  std::filesystem::path model_dir;
  Timestamp now = 0;                    // created_at of the record
};

struct StrategyRun {
  std::string name;
  backtest::RunResult run;
  backtest::Measures measures;
};

struct BacktestReport {
  std::string strategy;
  std::vector<std::string> symbols;
  Days start = 0, end = 0;
  StrategyRun result, buy_and_hold;
  // With ambiguous bars: the final equity of the same run with the other order (target first
  // when the run used stop first).
  std::optional<portfolio::Micros> other_order_final_equity;
  backtest::TrialStats trials;
  std::int64_t run_id = 0;  // in backtest_runs; 0 when not recorded
  std::string data_sha256, config_sha256, order_hash;
  nlohmann::json config;    // canonical
  nlohmann::json strategy_info;  // signals: the folds and what the strategy traded on
  // {config, data_sha256, config_sha256, git_commit, versions, created_at, run_id}: what
  // reproduces the run.
  nlohmann::json manifest;

  // {strategy, symbols, start, end, config, measures, buy_and_hold, counts, ambiguity,
  // trials, run_id, data_sha256, config_sha256, order_hash, strategy_info, manifest}.
  nlohmann::json ToJson() const;
};

using BacktestProgress = std::function<void(const std::string&)>;

// The bars a backtest of `symbols` reads: each one's split-adjusted daily bars, and its 1h (else
// 5m) bars where stored to resolve ambiguous bars (`finer` empty when no symbol has any). Fails
// (kNotFound) naming a symbol with no daily bars.
struct BacktestBars {
  std::vector<data::BarSeries> daily, finer;
};
Result<BacktestBars> LoadBacktestBars(store::Database& db, const std::vector<std::string>& symbols);

// The engine's configuration as JSON ({initial_cash, risk{...}, costs{...}, ambiguity}, money in
// dollars) and back; FromJson fails (kCorrupt) on a missing or mistyped field.
nlohmann::json EngineConfigToJson(const backtest::EngineConfig& config);
Result<backtest::EngineConfig> EngineConfigFromJson(const nlohmann::json& json);

// The strategies that need nothing but bars: "sma-cross" (fast, slow) and "buy-and-hold";
// nullptr for another name.
std::unique_ptr<backtest::Strategy> MakeBarStrategy(const std::string& name, int fast, int slow);

// Validates and runs. Fails (kInvalidInput) on an unknown strategy, an empty or inverted
// range, invalid limits or costs; (kNotFound) naming a symbol with no stored daily bars.
Result<BacktestReport> RunBacktest(store::Database& db, const BacktestRequest& request,
                                   const BacktestProgress& progress = {});

// The run's files: every fill `date,symbol,side,quantity,price,commission,reason` (the format
// of `paper history`), every trade `symbol,entry_date,entry_price,size,exit_date,exit_price,
// exit_reason` (empty exit: still open), the equity `date,equity,invested,buy_and_hold`.
// Prices in shortest exact form; money in dollars (commissions to the micro-dollar, trimmed).
std::string FillsCsv(const backtest::RunResult& run);
std::string TradesCsv(const backtest::RunResult& run);
std::string EquityCsv(const BacktestReport& report);

// The run as one self-contained HTML page (backtest/tearsheet.h): measures beside
// buy-and-hold, charts, monthly returns, trades, counts, costs and fill rules, the manifest.
std::string TearsheetHtml(const BacktestReport& report);

}  // namespace qat::app
