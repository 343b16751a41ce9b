#include "qat/pipeline/demo.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "qat/backtest/strategies.h"
#include "qat/core/parallel.h"
#include "qat/models/dataset.h"
#include "qat/pipeline/universe.h"
#include "qat/store/bars.h"
#include "qat/core/json.h"

namespace qat::pipeline {
namespace {

StrategyResult Summarize(std::string name, backtest::RunResult run) {
  StrategyResult s;
  s.name = std::move(name);
  s.measures = backtest::ComputeMeasures(run, {}, {});
  s.run = std::move(run);
  return s;
}

nlohmann::json StrategyJson(const StrategyResult& s) {
  const auto& m = s.measures;
  return {{"name", s.name},
          {"total_return", JsonNumber(m.total_return)},
          {"cagr", JsonNumber(m.cagr)},
          {"sharpe", JsonNumber(m.sharpe)},
          {"max_drawdown", JsonNumber(m.max_drawdown)},
          {"volatility", JsonNumber(m.volatility)},
          {"trades", s.run.trades.size()},  // closed and still open at the end
          {"closed_trades", m.trades},
          {"win_rate", JsonNumber(m.win_rate)},
          {"final_equity", portfolio::FormatMicros(s.run.equity.empty() ? 0 : s.run.equity.back())}};
}

// The out-of-sample BUY predictions as orders: at the close of a signal's bar, an entry at
// the next open held `hold_bars` sessions, higher P(BUY) first when slots are short.
class BuySignals : public backtest::Strategy {
 public:
  // by_symbol[i]: bar index -> P(BUY) of symbol i's signals.
  BuySignals(std::vector<std::map<std::size_t, double>> by_symbol, int hold_bars)
      : by_symbol_(std::move(by_symbol)), hold_bars_(hold_bars) {}
  std::string_view Name() const override { return "classifier BUY signals"; }
  Status OnClose(const backtest::MarketView& market, const backtest::Account&, backtest::Orders& orders) override {
    for (std::size_t i = 0; i < market.symbols(); ++i) {
      if (!market.TradedToday(i)) continue;
      const auto it = by_symbol_[i].find(market.Count(i) - 1);
      if (it == by_symbol_[i].end()) continue;
      backtest::EntryOrder entry;
      entry.symbol = i;
      entry.max_bars = hold_bars_;
      entry.score = it->second;
      entry.reason = "buy-signal";
      orders.entries.push_back(entry);
    }
    return Ok();
  }

 private:
  std::vector<std::map<std::size_t, double>> by_symbol_;
  int hold_bars_;
};

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
           {{"initial_cash", portfolio::FormatMicros(backtest.initial_cash)},
            {"max_positions", backtest.risk.max_positions},
            {"max_position_fraction", backtest.risk.max_position_fraction},
            {"hold_bars", labels.horizon},
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
           {{"start", strategy.run.sessions.empty() ? "" : FormatDate(strategy.run.sessions.front())},
            {"end", strategy.run.sessions.empty() ? "" : FormatDate(strategy.run.sessions.back())},
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
  std::vector<std::map<std::size_t, double>> signals(universe.size());
  std::size_t signal_count = 0;
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
        signals[ds.symbol[i]][ds.bar[i]] = p_buy;
        ++signal_count;
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
  BuySignals strategy(std::move(signals), c.labels.horizon);
  QAT_ASSIGN_OR_RETURN(auto run, backtest::RunEngine({universe, {}, start, end}, strategy, c.backtest));
  result.strategy = Summarize("classifier BUY signals", std::move(run));
  QAT_ASSIGN_OR_RETURN(auto hold, backtest::RunBuyAndHold({universe, {}, start, end}, false, c.backtest));
  result.buy_and_hold = Summarize("buy-and-hold, equal weight", std::move(hold));
  QAT_ASSIGN_OR_RETURN(auto spy_hold, backtest::RunBuyAndHold({std::span(&market, 1), {}, start, end}, false, c.backtest));
  result.spy_buy_and_hold = Summarize("buy-and-hold, SPY", std::move(spy_hold));
  progress(fmt::format("backtest {}..{}: {} signals, {} trades", FormatDate(start), FormatDate(end), signal_count,
                       result.strategy.run.trades.size()));
  result.inputs = std::move(universe);
  result.inputs.push_back(std::move(market));
  result.inputs.push_back(std::move(vix));
  return result;
}

}  // namespace qat::pipeline
