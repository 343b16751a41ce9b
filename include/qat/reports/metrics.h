// Performance metrics of an equity curve marked once per session.
#pragma once

#include <span>

#include "qat/portfolio/money.h"

namespace qat::reports {

struct EquityMetrics {
  double total_return = 0;   // final / initial - 1
  double cagr = 0;           // annualized with 252 sessions a year
  double sharpe = 0;         // mean / stdev of daily returns * sqrt(252), risk-free 0
  double max_drawdown = 0;   // largest peak-to-trough fall, as a positive fraction
  double volatility = 0;     // annualized stdev of daily returns
};

// `initial` is the equity before the first session; `equity` is marked at each close.
// An empty curve gives all zeros.
EquityMetrics ComputeEquityMetrics(portfolio::Cents initial, std::span<const portfolio::Cents> equity);

}  // namespace qat::reports
