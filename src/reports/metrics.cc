#include "qat/reports/metrics.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace qat::reports {

EquityMetrics ComputeEquityMetrics(portfolio::Cents initial, std::span<const portfolio::Cents> equity) {
  EquityMetrics m;
  if (equity.empty() || initial <= 0) return m;
  std::vector<double> returns;
  returns.reserve(equity.size());
  double previous = static_cast<double>(initial), peak = previous;
  for (portfolio::Cents e : equity) {
    double value = static_cast<double>(e);
    returns.push_back(value / previous - 1.0);
    previous = value;
    peak = std::max(peak, value);
    m.max_drawdown = std::max(m.max_drawdown, 1.0 - value / peak);
  }
  m.total_return = static_cast<double>(equity.back()) / static_cast<double>(initial) - 1.0;
  const double years = static_cast<double>(equity.size()) / 252.0;
  m.cagr = m.total_return > -1 ? std::pow(1.0 + m.total_return, 1.0 / years) - 1.0 : -1.0;
  double mean = 0;
  for (double r : returns) mean += r;
  mean /= static_cast<double>(returns.size());
  double variance = 0;
  for (double r : returns) variance += (r - mean) * (r - mean);
  variance /= returns.size() > 1 ? static_cast<double>(returns.size() - 1) : 1.0;
  const double sd = std::sqrt(variance);
  m.volatility = sd * std::sqrt(252.0);
  m.sharpe = sd > 0 ? mean / sd * std::sqrt(252.0) : 0.0;
  return m;
}

}  // namespace qat::reports
