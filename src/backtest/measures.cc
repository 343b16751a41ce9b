#include "qat/backtest/measures.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "qat/reports/sharpe_inference.h"

namespace qat::backtest {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSessionsPerYear = 252;

void DrawdownMeasures(const RunResult& run, Measures& m) {
  double peak = portfolio::MicrosToDollars(run.initial_cash);
  std::int64_t below = 0;
  for (Micros e : run.equity) {
    const double equity = portfolio::MicrosToDollars(e);
    if (equity >= peak) {
      peak = equity;
      below = 0;
      continue;
    }
    ++below;
    m.max_drawdown_sessions = std::max(m.max_drawdown_sessions, below);
    if (peak > 0) m.max_drawdown = std::max(m.max_drawdown, 1 - equity / peak);
  }
}

void TradeMeasures(const RunResult& run, Measures& m) {
  double wins = 0, losses = 0, total = 0;
  std::int64_t won = 0, lost = 0;
  for (const Trade& t : run.trades) {
    if (!t.exit_day) continue;
    ++m.trades;
    const double pnl = portfolio::MicrosToDollars(t.pnl);
    total += pnl;
    if (pnl > 0) {
      wins += pnl;
      ++won;
    } else if (pnl < 0) {
      losses += pnl;
      ++lost;
    }
  }
  if (m.trades == 0) {
    m.win_rate = m.average_win = m.average_loss = m.profit_factor = m.expectancy = kNaN;
    return;
  }
  const auto trades = static_cast<double>(m.trades);
  m.win_rate = static_cast<double>(won) / trades;
  m.average_win = won > 0 ? wins / static_cast<double>(won) : kNaN;
  m.average_loss = lost > 0 ? losses / static_cast<double>(lost) : kNaN;
  m.profit_factor = lost > 0 ? wins / -losses : kNaN;
  m.expectancy = total / trades;
}

void ExposureAndTurnover(const RunResult& run, Measures& m) {
  double exposure = 0, equity_sum = 0;
  for (std::size_t k = 0; k < run.equity.size(); ++k) {
    const double equity = portfolio::MicrosToDollars(run.equity[k]);
    equity_sum += equity;
    if (equity > 0) exposure += portfolio::MicrosToDollars(run.invested[k]) / equity;
  }
  const auto n = static_cast<double>(run.equity.size());
  m.exposure = exposure / n;
  double traded = 0;
  for (const Fill& f : run.fills) traded += static_cast<double>(f.quantity) * f.price;
  const double mean_equity = equity_sum / n;
  m.turnover = mean_equity > 0 && m.years > 0 ? traded / mean_equity / m.years : kNaN;
}

void AlphaBeta(std::span<const double> returns, std::span<const double> benchmark, Measures& m) {
  m.alpha = m.beta = kNaN;
  if (benchmark.size() != returns.size()) return;
  double sx = 0, sy = 0, n = 0;
  for (std::size_t k = 0; k < returns.size(); ++k) {
    if (std::isnan(benchmark[k])) continue;
    sx += benchmark[k];
    sy += returns[k];
    ++n;
  }
  if (n < 2) return;
  const double mx = sx / n, my = sy / n;
  double sxx = 0, sxy = 0;
  for (std::size_t k = 0; k < returns.size(); ++k) {
    if (std::isnan(benchmark[k])) continue;
    sxx += (benchmark[k] - mx) * (benchmark[k] - mx);
    sxy += (benchmark[k] - mx) * (returns[k] - my);
  }
  if (!(sxx > 0)) return;
  m.beta = sxy / sxx;
  m.alpha = (my - m.beta * mx) * kSessionsPerYear;
}

}  // namespace

std::vector<double> SessionReturns(const RunResult& run) {
  std::vector<double> returns;
  returns.reserve(run.equity.size());
  double previous = portfolio::MicrosToDollars(run.initial_cash);
  for (Micros e : run.equity) {
    const double equity = portfolio::MicrosToDollars(e);
    returns.push_back(previous > 0 ? equity / previous - 1 : kNaN);
    previous = equity;
  }
  return returns;
}

Measures ComputeMeasures(const RunResult& run, std::span<const double> benchmark_returns, const TrialStats& trials) {
  Measures m;
  m.sessions = static_cast<std::int64_t>(run.equity.size());
  m.ambiguous_bars = run.counts.ambiguous_bars;
  m.fees = portfolio::MicrosToDollars(run.fees);
  if (run.equity.empty()) return m;
  m.years = static_cast<double>(m.sessions) / kSessionsPerYear;
  const double initial = portfolio::MicrosToDollars(run.initial_cash);
  const double final_equity = portfolio::MicrosToDollars(run.equity.back());
  m.total_return = final_equity / initial - 1;
  m.cagr = final_equity > 0 ? std::pow(final_equity / initial, 1 / m.years) - 1 : -1;

  const std::vector<double> returns = SessionReturns(run);
  const reports::ReturnMoments moments = reports::MomentsOf(returns);
  m.sharpe_per_session = moments.sd > 0 ? moments.sharpe : kNaN;
  m.skew = moments.skew;
  m.kurtosis = moments.kurtosis;
  m.volatility = moments.sd * std::sqrt(kSessionsPerYear);
  m.sharpe = m.sharpe_per_session * std::sqrt(kSessionsPerYear);
  double downside = 0;
  for (double r : returns) downside += r < 0 ? r * r : 0;
  downside = std::sqrt(downside / static_cast<double>(returns.size()));
  m.sortino = downside > 0 ? moments.mean / downside * std::sqrt(kSessionsPerYear) : kNaN;

  DrawdownMeasures(run, m);
  m.calmar = m.max_drawdown > 0 ? m.cagr / m.max_drawdown : kNaN;
  TradeMeasures(run, m);
  ExposureAndTurnover(run, m);
  AlphaBeta(returns, benchmark_returns, m);
  m.psr = std::isnan(m.sharpe_per_session)
              ? kNaN
              : reports::ProbabilisticSharpeRatio(m.sharpe_per_session, 0, m.sessions, m.skew, m.kurtosis);
  ApplyTrials(m, trials);
  return m;
}

void ApplyTrials(Measures& m, const TrialStats& trials) {
  m.trials = trials.count;
  m.dsr = std::isnan(m.sharpe_per_session)
              ? kNaN
              : reports::DeflatedSharpeRatio(m.sharpe_per_session, m.sessions, m.skew, m.kurtosis,
                                             trials.sharpe_variance, trials.count);
}

}  // namespace qat::backtest
