// The options shared by `backtest` and `paper init` that make a backtest::EngineConfig: cash,
// costs (a preset, each commission or slippage option replacing its part), position limits,
// shorts, the universe filter and the ambiguity rule.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "qat/backtest/engine.h"
#include "qat/core/result.h"

namespace qat::cli {

struct EngineOptions {
  double cash = 5000;
  std::string costs = "conservative";
  double commission_pct = -1, commission_per_order = -1, commission_per_share = -1, commission_min = -1;
  double slippage_bps = -1, half_spread_bps = -1;
  int max_positions = 3;
  double max_position_pct = 33, cash_buffer_pct = 0;
  bool allow_short = false;
  double borrow_bps = 300, min_price = 0, min_dollar_volume = 0;
  std::string ambiguity = "stop-first";
};

void AddEngineOptions(CLI::App* command, EngineOptions& options);
// Fails (kInvalidInput) naming the option for an unknown preset or ambiguity rule.
Result<backtest::EngineConfig> EngineConfigOf(const EngineOptions& options);

}  // namespace qat::cli
