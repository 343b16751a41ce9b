#include "app/backtest_signals.h"

#include <algorithm>
#include <map>

#include <fmt/ranges.h>

#include "qat/app/forecast.h"
#include "qat/features/regimes.h"
#include "qat/models/model_set.h"
#include "qat/pipeline/universe.h"
#include "qat/store/actions.h"

namespace qat::app {
namespace {

constexpr int kMaxTimeExit = 21;

struct Forecast {
  float p_buy = 0, p_hold = 0, p_sell = 0;
  double q10 = 0, q90 = 0;
};

class SignalsStrategy : public backtest::Strategy {
 public:
  using Forecasts = std::map<std::string, std::map<Days, Forecast>>;
  // forecasts: each symbol's out-of-sample rows by day; regime: the market's trend by day.
  SignalsStrategy(const Forecasts* forecasts,
                  const std::map<Days, features::TrendRegime>* regime, int horizon, bool allow_short)
      : forecasts_(forecasts), regime_(regime), horizon_(horizon), allow_short_(allow_short) {}
  std::string_view Name() const override { return "signals"; }

  Status OnClose(const backtest::MarketView& market, const backtest::Account& account,
                 backtest::Orders& orders) override {
    if (rows_of_.size() != market.symbols()) {
      // The feed's symbols (all of them, or one with --per-symbol) to their rows.
      static const std::map<Days, Forecast> kNone;
      rows_of_.clear();
      for (std::size_t i = 0; i < market.symbols(); ++i) {
        const auto it = forecasts_->find(market.Symbol(i));
        rows_of_.push_back(it == forecasts_->end() ? &kNone : &it->second);
      }
    }
    const features::TrendRegime trend = RegimeOn(market.today());
    for (std::size_t i = 0; i < market.symbols(); ++i) {
      if (!market.TradedToday(i)) continue;
      if (const backtest::Position* held = account.PositionIn(i)) {
        const bool flips = held->shares > 0 ? trend == features::TrendRegime::kBear
                                            : trend == features::TrendRegime::kBull;
        if (flips) orders.exits.push_back({i, "regime"});
        continue;
      }
      const auto& rows = *rows_of_[i];
      const auto it = rows.find(market.today());
      if (it == rows.end()) continue;
      const Forecast& f = it->second;
      const bool buy = f.p_buy >= f.p_hold && f.p_buy >= f.p_sell;
      const bool sell = !buy && f.p_sell >= f.p_hold;
      if (!buy && !(sell && allow_short_)) continue;
      if (!(f.q10 < 0 && f.q90 > 0)) continue;
      const double close = market.Closes(i).back();
      backtest::EntryOrder entry;
      entry.symbol = i;
      entry.side = buy ? backtest::PositionSide::kLong : backtest::PositionSide::kShort;
      entry.stop = close * (1 + (buy ? f.q10 : f.q90));
      entry.target = close * (1 + (buy ? f.q90 : f.q10));
      entry.max_bars = std::min(horizon_, kMaxTimeExit);
      entry.score = buy ? f.p_buy : f.p_sell;
      entry.reason = buy ? "signal-long" : "signal-short";
      orders.entries.push_back(entry);
    }
    return Ok();
  }

 private:
  features::TrendRegime RegimeOn(Days day) const {
    auto it = regime_->upper_bound(day);
    if (it == regime_->begin()) return features::TrendRegime::kUnknown;
    return std::prev(it)->second;  // the market's last bar on or before the decision
  }

  const Forecasts* forecasts_;
  std::vector<const std::map<Days, Forecast>*> rows_of_;
  const std::map<Days, features::TrendRegime>* regime_;
  int horizon_;
  bool allow_short_;
};

// The market's trend regime on each of its sessions.
std::shared_ptr<std::map<Days, features::TrendRegime>> RegimeByDay(const data::BarSeries& market) {
  auto regime = std::make_shared<std::map<Days, features::TrendRegime>>();
  const auto trends = features::TrendRegimes(market.close);
  for (std::size_t k = 0; k < market.size(); ++k) (*regime)[market.DayAt(k)] = trends[k];
  return regime;
}

// What the forecasts say: {long_signals, short_signals, no_level_rows}.
nlohmann::json CountSignals(const SignalsStrategy::Forecasts& forecasts) {
  std::int64_t longs = 0, shorts = 0, no_levels = 0;
  for (const auto& [symbol, rows] : forecasts) {
    for (const auto& [day, f] : rows) {
      const bool buy = f.p_buy >= f.p_hold && f.p_buy >= f.p_sell;
      const bool sell = !buy && f.p_sell >= f.p_hold;
      if (!(f.q10 < 0 && f.q90 > 0)) {
        no_levels += buy || sell;
      } else {
        longs += buy;
        shorts += sell;
      }
    }
  }
  return {{"long_signals", longs}, {"short_signals", shorts}, {"no_level_rows", no_levels}};
}

std::function<std::unique_ptr<backtest::Strategy>()> Factory(
    std::shared_ptr<const SignalsStrategy::Forecasts> forecasts,
    std::shared_ptr<const std::map<Days, features::TrendRegime>> regime, int horizon, bool allow_short) {
  return [forecasts, regime, horizon, allow_short] {
    return std::make_unique<SignalsStrategy>(forecasts.get(), regime.get(), horizon, allow_short);
  };
}

}  // namespace

Result<SignalsSetup> PreparePublishedSignalsStrategy(store::Database& db, const std::vector<std::string>& symbols,
                                                     const std::filesystem::path& model_dir, int horizon,
                                                     bool allow_short, Days first, Days last) {
  QAT_ASSIGN_OR_RETURN(auto set, models::ReadModelSet(model_dir, horizon));
  QAT_RETURN_IF_ERROR(CheckFeatures(set));
  const models::ModelSchema& schema = set.schema;
  QAT_ASSIGN_OR_RETURN(auto universe, pipeline::LoadUniverse(db, symbols, schema.market, schema.vix));
  auto forecasts = std::make_shared<SignalsStrategy::Forecasts>();
  std::int64_t rows = 0, in_sample = 0;
  SignalsSetup setup;
  setup.first_day = last;
  setup.last_day = first;
  for (const data::BarSeries& bars : universe.series) {
    auto& by_day = (*forecasts)[bars.symbol];
    std::size_t k = 0;
    while (k < bars.size() && bars.DayAt(k) < first) ++k;
    if (k == bars.size() || bars.DayAt(k) > last) continue;
    QAT_ASSIGN_OR_RETURN(auto frame, features::ComputeFeatures(bars, {.market = &universe.market,
                                                                       .vix = &universe.vix,
                                                                       .max_age_days = schema.context_max_age_days}));
    for (; k < bars.size() && bars.DayAt(k) <= last; ++k) {
      QAT_ASSIGN_OR_RETURN(auto f, ForecastAt(set, bars, frame, k, universe.market, universe.vix));
      const auto& p = f.class_probabilities;
      by_day[f.price_day] = {static_cast<float>(p[static_cast<int>(labels::Action::kBuy)]),
                             static_cast<float>(p[static_cast<int>(labels::Action::kHold)]),
                             static_cast<float>(p[static_cast<int>(labels::Action::kSell)]),
                             f.return_quantiles.front(), f.return_quantiles.back()};
      setup.first_day = std::min(setup.first_day, f.price_day);
      setup.last_day = std::max(setup.last_day, f.price_day);
      ++rows;
      in_sample += f.price_day <= schema.as_of;
    }
  }
  if (rows == 0) {
    return Fail(ErrorCode::kInvalidInput, "signals: none of {} has a bar between {} and {}", fmt::join(symbols, ","),
                FormatDate(first), FormatDate(last));
  }
  setup.info = CountSignals(*forecasts);
  setup.info.update({{"source", fmt::format("the published model set {} (forecasts at each close)", set.dir.string())},
                     {"model_as_of", FormatDate(schema.as_of)},
                     {"rows", rows},
                     {"in_sample_rows", in_sample},
                     {"horizon", schema.horizon},
                     {"market", schema.market}});
  setup.make = Factory(forecasts, RegimeByDay(universe.market), schema.horizon, allow_short);
  return setup;
}

Result<SignalsSetup> PrepareSignalsStrategy(store::Database& db, const BacktestRequest& r,
                                            const BacktestProgress& progress) {
  pipeline::TrainConfig config = r.training;
  config.symbols = r.symbols;
  QAT_ASSIGN_OR_RETURN(auto trained, pipeline::RunTraining(db, config, progress ? progress : [](const std::string&) {}));
  if (trained.oos_predictions.empty()) return Fail("signals: the walk-forward gave no out-of-sample rows");

  // Shared by every strategy the factory makes (one per symbol with --per-symbol).
  auto forecasts = std::make_shared<SignalsStrategy::Forecasts>();
  SignalsSetup setup;
  setup.first_day = trained.oos_predictions.front().day;
  setup.last_day = setup.first_day;
  for (const auto& row : trained.oos_predictions) {
    (*forecasts)[row.symbol][row.day] = {row.p[static_cast<int>(labels::Action::kBuy)],
                                         row.p[static_cast<int>(labels::Action::kHold)],
                                         row.p[static_cast<int>(labels::Action::kSell)], row.q.front(), row.q.back()};
    setup.first_day = std::min(setup.first_day, row.day);
    setup.last_day = std::max(setup.last_day, row.day);
  }
  QAT_ASSIGN_OR_RETURN(auto market, store::LoadAdjustedDaily(db, config.market));

  nlohmann::json folds = nlohmann::json::array();
  for (std::size_t k = 0; k < trained.folds.size(); ++k) {
    const auto& f = trained.folds[k].fold;
    folds.push_back({{"fold", k + 1},
                     {"train_start", FormatDate(f.train_start)},
                     {"train_end", FormatDate(f.train_end)},
                     {"test_start", FormatDate(f.test_start)},
                     {"test_end", FormatDate(f.test_end)},
                     {"train_rows", f.train.size()},
                     {"test_rows", f.test.size()}});
  }
  setup.info = CountSignals(*forecasts);
  setup.info.update({{"source", "out-of-sample forecasts of the training walk-forward (pipeline::RunTraining)"},
                     {"folds", folds},
                     {"rows", trained.oos_predictions.size()},
                     {"horizon", config.labels.horizon},
                     {"market", config.market}});
  setup.make = Factory(forecasts, RegimeByDay(market), config.labels.horizon, r.engine.risk.allow_short);
  return setup;
}

}  // namespace qat::app
