// The end-to-end demo: stored bars -> features -> labels -> XGBoost classifier in purged
// walk-forward validation -> a long-only backtest of its out-of-sample BUY signals, beside
// buy-and-hold baselines. Every reported figure is out of sample.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/backtest/engine.h"
#include "qat/backtest/measures.h"
#include "qat/core/result.h"
#include "qat/labels/labels.h"
#include "qat/models/classifier.h"
#include "qat/models/evaluation.h"
#include "qat/models/walk_forward.h"
#include "qat/pipeline/training.h"
#include "qat/store/sqlite.h"

namespace qat::pipeline {

struct DemoConfig {
  std::vector<std::string> symbols = {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"};
  std::string market = "SPY";
  std::string vix = "^VIX";
  labels::ClassLabelConfig labels;  // horizon 5 bars
  models::WalkForwardConfig walk_forward{.folds = 5, .test_fraction = 0.4, .embargo_sessions = 5};
  models::ClassifierParams classifier{.threads = 1};  // see docs/models.md: OpenMP spin-waiting
  // The backtest: $5,000, at most 3 positions of 33% each, $1.00 an order and 5 bps slippage;
  // each entry held `horizon` sessions (a time exit at the open).
  backtest::EngineConfig backtest;
  // Minimum P(BUY) for a BUY prediction to become an entry signal.
  double min_buy_probability = 0.0;
  // Walk-forward folds trained at once, each on its own thread (one XGBoost thread each).
  // The results do not depend on it, so ToJson leaves it out.
  int jobs = 1;

  nlohmann::json ToJson() const;
};

struct FoldResult {
  models::Fold fold;
  models::ClassificationReport report;
};

struct StrategyResult {
  std::string name;
  backtest::RunResult run;
  backtest::Measures measures;
};

struct DemoResult {
  std::size_t rows = 0;
  std::vector<std::string> feature_names;
  std::vector<FoldResult> folds;
  models::ClassificationReport oos;  // all test folds together
  Days data_end = 0;                 // last day all symbols share
  StrategyResult strategy, buy_and_hold, spy_buy_and_hold;
  std::vector<data::BarSeries> inputs;  // for the manifest

  nlohmann::json ToJson() const;
};

// Runs the demo on the bars in `db`. Fails, naming the symbol, if one is missing.
Result<DemoResult> RunDemo(store::Database& db, const DemoConfig& config, const Progress& progress);

}  // namespace qat::pipeline
