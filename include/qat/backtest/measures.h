// The measures of a backtest run (docs/backtest.md), each computed from the run's equity
// curve (marked at every session's close) and its trades:
//
//   total_return, cagr          final / initial - 1; annualized with 252 sessions a year
//   volatility, sharpe, sortino annualized from daily returns, risk-free 0; Sortino's
//                               downside deviation is sqrt(mean(min(r, 0)^2))
//   max_drawdown, its duration  largest peak-to-trough fall (a positive fraction) and the
//                               longest run of sessions below a previous peak
//   calmar                      cagr / max_drawdown
//   trade measures              closed trades only: win rate, average win and loss (dollars),
//                               profit factor (gross wins / gross losses), expectancy (mean
//                               P&L per trade, dollars)
//   exposure                    mean of invested / equity over the sessions
//   turnover                    traded value (both sides) / mean equity / years
//   alpha, beta                 OLS of daily returns on the benchmark's over the sessions both
//                               have; alpha annualized (x 252)
//   psr, dsr                    the Probabilistic Sharpe Ratio against 0 and the Deflated
//                               Sharpe Ratio given the trials recorded on the same data
//                               (reports/sharpe_inference.h; per-session Sharpe ratios)
// A measure that is undefined (no trades, no losses, flat equity, a single trial) is NaN and
// is reported as such, never as 0.
#pragma once

#include <cstdint>
#include <span>

#include "qat/backtest/engine.h"

namespace qat::backtest {

// The configurations tried on the same data, for the Deflated Sharpe Ratio: how many, and the
// variance of their per-session Sharpe ratios.
struct TrialStats {
  std::int64_t count = 1;
  double sharpe_variance = 0;
};

struct Measures {
  std::int64_t sessions = 0;
  double years = 0;
  double total_return = 0, cagr = 0, volatility = 0, sharpe = 0, sortino = 0;
  double max_drawdown = 0;
  std::int64_t max_drawdown_sessions = 0;
  double calmar = 0;
  std::int64_t trades = 0;  // closed
  double win_rate = 0, average_win = 0, average_loss = 0, profit_factor = 0, expectancy = 0;
  double exposure = 0, turnover = 0;
  double fees = 0;  // dollars
  std::int64_t ambiguous_bars = 0;
  double alpha = 0, beta = 0;  // NaN without a benchmark
  double sharpe_per_session = 0, skew = 0, kurtosis = 3;
  double psr = 0, dsr = 0;
  std::int64_t trials = 1;
};

// The session returns of the run's equity (the first against the initial cash).
std::vector<double> SessionReturns(const RunResult& run);

// `benchmark_returns` is aligned with run.sessions (NaN where the benchmark has no return);
// empty: alpha and beta are NaN.
Measures ComputeMeasures(const RunResult& run, std::span<const double> benchmark_returns, const TrialStats& trials);
// Sets the trial count and the Deflated Sharpe Ratio of measures computed already (the count is
// known only once the run is recorded).
void ApplyTrials(Measures& measures, const TrialStats& trials);

}  // namespace qat::backtest
