#include "qat/pipeline/demo.h"

#include <algorithm>

#include <fmt/format.h>

#include "qat/core/parallel.h"
#include "qat/models/dataset.h"
#include "qat/pipeline/universe.h"
#include "qat/store/bars.h"

namespace qat::pipeline {
namespace {

StrategyResult Summarize(std::string name, backtest::BacktestResult run, portfolio::Cents initial) {
  StrategyResult s;
  s.name = std::move(name);
  s.metrics = reports::ComputeEquityMetrics(initial, run.equity);
  std::size_t wins = 0;
  for (const auto& t : run.trades) wins += t.pnl > 0;
  s.win_rate = run.trades.empty() ? 0.0 : double(wins) / double(run.trades.size());
  s.run = std::move(run);
  return s;
}

nlohmann::json StrategyJson(const StrategyResult& s) {
  return {{"name", s.name},
          {"total_return", s.metrics.total_return},
          {"cagr", s.metrics.cagr},
          {"sharpe", s.metrics.sharpe},
          {"max_drawdown", s.metrics.max_drawdown},
          {"volatility", s.metrics.volatility},
          {"trades", s.run.trades.size()},
          {"win_rate", s.win_rate},
          {"final_equity", portfolio::FormatCents(s.run.equity.empty() ? 0 : s.run.equity.back())}};
}

}  // namespace

nlohmann::json DemoConfig::ToJson() const {
  return {{"symbols", symbols},
          {"market", market},
          {"vix", vix},
          {"horizon", labels.horizon},
          {"label_vol_window", labels.vol_window},
          {"label_threshold_sigmas", labels.threshold_sigmas},
          {"folds", walk_forward.folds},
          {"test_fraction", walk_forward.test_fraction},
          {"embargo_sessions", walk_forward.embargo_sessions},
          {"classifier", models::ToJson(classifier)},
          {"backtest",
           {{"initial_cash", portfolio::FormatCents(backtest.initial_cash)},
            {"max_positions", backtest.max_positions},
            {"max_position_fraction", backtest.max_position_fraction},
            {"hold_bars", backtest.hold_bars},
            {"commission_per_order", portfolio::FormatCents(backtest.costs.commission_per_order)},
            {"slippage_bps", backtest.costs.slippage_bps}}},
          {"min_buy_probability", min_buy_probability}};
}

nlohmann::json DemoResult::ToJson() const {
  nlohmann::json folds_json = nlohmann::json::array();
  for (const auto& f : folds) {
    auto j = models::ToJson(f.report);
    j["train_start"] = FormatDate(f.fold.train_start);
    j["train_end"] = FormatDate(f.fold.train_end);
    j["test_start"] = FormatDate(f.fold.test_start);
    j["test_end"] = FormatDate(f.fold.test_end);
    j["n_train"] = f.fold.train.size();
    j["n_test"] = f.fold.test.size();
    folds_json.push_back(j);
  }
  return {{"rows", rows},
          {"features", feature_names},
          {"folds", folds_json},
          {"oos", models::ToJson(oos)},
          {"backtest",
           {{"start", strategy.run.days.empty() ? "" : FormatDate(strategy.run.days.front())},
            {"end", strategy.run.days.empty() ? "" : FormatDate(strategy.run.days.back())},
            {"strategy", StrategyJson(strategy)},
            {"buy_and_hold", StrategyJson(buy_and_hold)},
            {"spy_buy_and_hold", StrategyJson(spy_buy_and_hold)}}}};
}

Result<DemoResult> RunDemo(store::Database& db, const DemoConfig& c, const Progress& progress) {
  DemoResult result;
  // 1. Bars from the store.
  QAT_ASSIGN_OR_RETURN(auto loaded, LoadUniverse(db, c.symbols, c.market, c.vix));
  std::vector<data::BarSeries> universe = std::move(loaded.series);
  data::BarSeries market = std::move(loaded.market), vix = std::move(loaded.vix);
  const Days data_end = loaded.data_end;
  result.data_end = data_end;
  progress(fmt::format("loaded {} symbols; common data ends {}", universe.size(), FormatDate(data_end)));

  // 2. Features and labels, pooled; only bars up to the common end. Unlike `qtrader train`
  // (each symbol to its own last bar), the demo keeps the common end: its backtest trades
  // the equal-weight universe and compares it with buy-and-hold of every symbol over the
  // same sessions, which needs all symbols to have bars on every session it covers.
  models::DatasetOptions options;
  options.labels = c.labels;
  options.last_day = data_end;
  QAT_ASSIGN_OR_RETURN(auto ds, models::BuildDataset(universe, {&market, &vix}, options));
  result.rows = ds.rows();
  result.feature_names = ds.feature_names;
  progress(fmt::format("dataset: {} rows x {} features, label horizon {} bars", ds.rows(), ds.cols,
                       c.labels.horizon));

  // 3. Walk-forward training and out-of-sample predictions.
  QAT_ASSIGN_OR_RETURN(auto folds, models::MakeWalkForwardFolds(ds.day, ds.label_end_day, c.walk_forward));
  std::vector<float> oos_probabilities, oos_y;
  std::vector<double> oos_returns;
  std::vector<backtest::Signal> signals;
  // Folds train side by side (c.jobs threads); their results are taken in fold order.
  auto train_fold = [&](std::size_t k) {
    return models::TrainAndTestClassifier(ds, folds[k].train, folds[k].test, c.classifier);
  };
  auto take_fold = [&](std::size_t k, models::ClassifierFold trained) -> Status {
    const auto& fold = folds[k];
    const auto& probabilities = trained.probabilities;
    const auto& test_y = trained.test_y;
    const auto& test_returns = trained.test_returns;
    FoldResult fr{fold, trained.report};
    progress(fmt::format("fold {}/{}: train {}..{} ({} rows), test {}..{} ({} rows): accuracy {:.3f} "
                         "vs majority-class {:.3f}",
                         k + 1, folds.size(), FormatDate(fold.train_start), FormatDate(fold.train_end),
                         fold.train.size(), FormatDate(fold.test_start), FormatDate(fold.test_end),
                         fold.test.size(), fr.report.accuracy, fr.report.baseline_accuracy));
    result.folds.push_back(std::move(fr));
    for (std::size_t j = 0; j < fold.test.size(); ++j) {
      const float* p = &probabilities[j * labels::kNumActions];
      const int predicted = static_cast<int>(std::max_element(p, p + labels::kNumActions) - p);
      const float p_buy = p[static_cast<int>(labels::Action::kBuy)];
      if (predicted == static_cast<int>(labels::Action::kBuy) && p_buy >= c.min_buy_probability) {
        const std::size_t i = fold.test[j];
        signals.push_back({ds.symbol[i], ds.bar[i], p_buy});
      }
    }
    oos_probabilities.insert(oos_probabilities.end(), probabilities.begin(), probabilities.end());
    oos_y.insert(oos_y.end(), test_y.begin(), test_y.end());
    oos_returns.insert(oos_returns.end(), test_returns.begin(), test_returns.end());
    return Ok();
  };
  QAT_RETURN_IF_ERROR(ParallelForOrdered(folds.size(), c.jobs, train_fold, take_fold));
  std::vector<models::ClassificationReport> fold_reports;
  for (const auto& f : result.folds) fold_reports.push_back(f.report);
  result.oos = models::EvaluatePooled(oos_probabilities, oos_y, oos_returns, fold_reports);

  // 4. Backtest the out-of-sample BUY signals and the baselines over the same sessions.
  const Days start = folds.front().test_start, end = folds.back().test_end;
  backtest::BacktestConfig bt = c.backtest;
  bt.hold_bars = c.labels.horizon;
  QAT_ASSIGN_OR_RETURN(auto run, backtest::RunBacktest(universe, signals, start, end, bt));
  result.strategy = Summarize("classifier BUY signals", std::move(run), bt.initial_cash);
  QAT_ASSIGN_OR_RETURN(auto hold, backtest::RunBuyAndHold(universe, start, end, bt));
  result.buy_and_hold = Summarize("buy-and-hold, equal weight", std::move(hold), bt.initial_cash);
  std::vector<data::BarSeries> spy_only = {market};
  QAT_ASSIGN_OR_RETURN(auto spy_hold, backtest::RunBuyAndHold(spy_only, start, end, bt));
  result.spy_buy_and_hold = Summarize("buy-and-hold, SPY", std::move(spy_hold), bt.initial_cash);
  progress(fmt::format("backtest {}..{}: {} signals, {} trades", FormatDate(start), FormatDate(end),
                       signals.size(), result.strategy.run.trades.size()));
  result.inputs = std::move(universe);
  result.inputs.push_back(std::move(market));
  result.inputs.push_back(std::move(vix));
  return result;
}

}  // namespace qat::pipeline
