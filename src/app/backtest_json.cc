// BacktestReport::ToJson: the one JSON form of a backtest (qtrader backtest --json, the
// dashboard, Python). Undefined measures are null.
#include <cmath>

#include "qat/app/backtest.h"
#include "qat/core/json.h"

namespace qat::app {
namespace {

nlohmann::json MeasuresJson(const backtest::Measures& m) {
  return {{"sessions", m.sessions},
          {"years", JsonNumber(m.years)},
          {"total_return", JsonNumber(m.total_return)},
          {"cagr", JsonNumber(m.cagr)},
          {"volatility", JsonNumber(m.volatility)},
          {"sharpe", JsonNumber(m.sharpe)},
          {"sortino", JsonNumber(m.sortino)},
          {"max_drawdown", JsonNumber(m.max_drawdown)},
          {"max_drawdown_sessions", m.max_drawdown_sessions},
          {"calmar", JsonNumber(m.calmar)},
          {"trades", m.trades},
          {"win_rate", JsonNumber(m.win_rate)},
          {"average_win", JsonNumber(m.average_win)},
          {"average_loss", JsonNumber(m.average_loss)},
          {"profit_factor", JsonNumber(m.profit_factor)},
          {"expectancy", JsonNumber(m.expectancy)},
          {"exposure", JsonNumber(m.exposure)},
          {"turnover", JsonNumber(m.turnover)},
          {"fees", JsonNumber(m.fees)},
          {"ambiguous_bars", m.ambiguous_bars},
          {"alpha", JsonNumber(m.alpha)},
          {"beta", JsonNumber(m.beta)},
          {"sharpe_per_session", JsonNumber(m.sharpe_per_session)},
          {"skew", JsonNumber(m.skew)},
          {"kurtosis", JsonNumber(m.kurtosis)},
          {"psr", JsonNumber(m.psr)},
          {"dsr", JsonNumber(m.dsr)},
          {"trials", m.trials}};
}

nlohmann::json CountsJson(const backtest::RunCounts& c) {
  return {{"ambiguous_bars", c.ambiguous_bars},         {"resolved_by_finer_bars", c.resolved_by_finer_bars},
          {"zero_share_skips", c.zero_share_skips},     {"refused_slots", c.refused_slots},
          {"refused_filter", c.refused_filter},         {"refused_held", c.refused_held},
          {"entries_past_level", c.entries_past_level}, {"expired_entries", c.expired_entries}};
}

}  // namespace

nlohmann::json BacktestReport::ToJson() const {
  const auto& run = result.run;
  nlohmann::json ambiguity = {{"ambiguous_bars", run.counts.ambiguous_bars},
                              {"resolved_by_finer_bars", run.counts.resolved_by_finer_bars},
                              {"final_equity", portfolio::MicrosToDollars(run.equity.back())}};
  ambiguity["final_equity_other_order"] =
      other_order_final_equity ? nlohmann::json(portfolio::MicrosToDollars(*other_order_final_equity)) : nlohmann::json(nullptr);
  return {{"strategy", strategy},
          {"symbols", symbols},
          {"start", FormatDate(start)},
          {"end", FormatDate(end)},
          {"config", config},
          {"initial_cash", portfolio::MicrosToDollars(run.initial_cash)},
          {"final_equity", portfolio::MicrosToDollars(run.equity.back())},
          {"measures", MeasuresJson(result.measures)},
          {"buy_and_hold", {{"name", buy_and_hold.name},
                            {"final_equity", portfolio::MicrosToDollars(buy_and_hold.run.equity.back())},
                            {"measures", MeasuresJson(buy_and_hold.measures)}}},
          {"counts", CountsJson(run.counts)},
          {"ambiguity", ambiguity},
          {"fills", run.fills.size()},
          {"trials", {{"configurations", trials.count}, {"sharpe_variance", trials.sharpe_variance}}},
          {"run_id", run_id},
          {"data_sha256", data_sha256},
          {"config_sha256", config_sha256},
          {"order_hash", order_hash},
          {"strategy_info", strategy_info},
          {"manifest", manifest}};
}

}  // namespace qat::app
