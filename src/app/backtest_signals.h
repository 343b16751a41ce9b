// The `signals` strategy of `qtrader backtest` (docs/backtest.md): it trades the out-of-sample
// forecasts of the training pipeline's purged, embargoed walk-forward (pipeline::RunTraining,
// the same folds `qtrader train` reports), so every decision uses models trained only on rows
// whose labels ended before its fold's test block, less the embargo.
//
// At the close of a session, for each symbol with an out-of-sample row that day:
//   - direction: the classifier's most probable action (BUY: long; SELL: short, only with
//     shorts enabled; HOLD: nothing); temperature scaling does not change it;
//   - levels: stop at the close x (1 + q10), target at the close x (1 + q90) of the quantile
//     forecast at the horizon (a short mirrors them); a forecast whose q10 is not below 0 or
//     whose q90 is not above 0 gives no trade (the stop or target would be on the wrong side);
//   - entry at the next open (market-on-open), time exit after the horizon (at most 21
//     sessions), score P(BUY) (P(SELL) for a short) when slots are short;
//   - regime exit: a long is closed at the next open once the market's trend regime
//     (features::TrendRegimes of the market's closes) is BEAR, a short once it is BULL.
// Sizing and the position limits are the engine's risk limits.
//
// The same strategy also trades a published model set (`--model-dir`, and the paper accounts'
// `signals` strategy): the forecasts are then app::ForecastAt at each close, the numbers
// `qtrader forecast` prints for that bar. Sessions up to the set's training end are in-sample
// for it; the setup's info says how many.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/app/backtest.h"

namespace qat::app {

struct SignalsSetup {
  std::function<std::unique_ptr<backtest::Strategy>()> make;
  Days first_day = 0, last_day = 0;  // the out-of-sample span
  // {folds: [{fold, train_start, train_end, test_start, test_end, train_rows, test_rows}],
  //  rows, horizon, long_signals, short_signals, no_level_rows}
  nlohmann::json info;
};

// Runs the walk-forward on request.symbols with request.training (its market and VIX) and
// builds the strategy over its out-of-sample rows. Fails as pipeline::RunTraining does.
Result<SignalsSetup> PrepareSignalsStrategy(store::Database& db, const BacktestRequest& request,
                                            const BacktestProgress& progress);

// The strategy over the model set MODEL_DIR/<h>bar (models::ReadModelSet, its features checked
// against this build): the forecast of every symbol at every close from `first` to `last`
// (first_day and last_day: the span of sessions it has forecasts for). Fails as app::Forecast
// does (no set, a changed set, a series that is not stored).
Result<SignalsSetup> PreparePublishedSignalsStrategy(store::Database& db, const std::vector<std::string>& symbols,
                                                     const std::filesystem::path& model_dir, int horizon,
                                                     bool allow_short, Days first, Days last);

}  // namespace qat::app
