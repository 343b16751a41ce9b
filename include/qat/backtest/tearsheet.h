// The backtest's tearsheet: one self-contained HTML page of a run beside its benchmark (issue
// 14's `qtrader backtest --report`). It opens without a network: styles inline, charts drawn
// here as inline SVG, no scripts, fonts or images from anywhere.
#pragma once

#include <string>

#include "qat/backtest/engine.h"
#include "qat/backtest/measures.h"

namespace qat::backtest {

struct TearsheetInput {
  std::string title;                   // e.g. "sma-cross on SPY, QQQ"
  std::string strategy_name;           // "sma-cross"
  const RunResult* strategy = nullptr;
  const RunResult* benchmark = nullptr;  // buy-and-hold over the same sessions; may be nullptr
  Measures strategy_measures;
  Measures benchmark_measures;         // read only when benchmark != nullptr
  std::string costs_text;              // one line: "commission 0.1% of value; slippage 0 bps"
  std::string fill_rules_text;         // a short paragraph on the fill rules used
  std::string manifest_json;           // shown verbatim in a <pre>
  std::string order_hash;              // sha256 hex of the fills CSV
};

// The most trades the page lists (the last ones); the page says when it cut the list.
inline constexpr std::size_t kTearsheetMaxTrades = 500;

// Returns the whole HTML page: the title and a one-line summary; the measures of the strategy
// beside buy-and-hold (NaN shown as "n/a"); the Deflated Sharpe Ratio and its trial count;
// equity and drawdown charts (inline SVG); the monthly returns by year, coloured by sign and
// size, with each year's total; the last kTearsheetMaxTrades trades; the engine's counts; the
// costs, fill rules, order-list hash and manifest. Every text from the input is HTML-escaped.
// `input.strategy` must not be null.
std::string RenderTearsheet(const TearsheetInput& input);

}  // namespace qat::backtest
