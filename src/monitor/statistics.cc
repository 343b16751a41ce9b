// The monitor's statistics: exact binomial tails, the population stability index, drawdown,
// sessions by the exchange calendar.
#include <algorithm>
#include <cmath>
#include <limits>

#include "qat/data/calendar.h"
#include "qat/monitor/monitor.h"

namespace qat::monitor {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double LogPmf(long k, long n, double p) {
  if (p <= 0) return k == 0 ? 0 : -std::numeric_limits<double>::infinity();
  if (p >= 1) return k == n ? 0 : -std::numeric_limits<double>::infinity();
  const double dn = static_cast<double>(n), dk = static_cast<double>(k);
  return std::lgamma(dn + 1) - std::lgamma(dk + 1) - std::lgamma(dn - dk + 1) + dk * std::log(p) +
         (dn - dk) * std::log1p(-p);
}

}  // namespace

double BinomialCdf(long k, long n, double p) {
  if (k < 0) return 0;
  if (k >= n) return 1;
  double sum = 0;
  for (long i = 0; i <= k; ++i) sum += std::exp(LogPmf(i, n, p));
  return std::min(1.0, sum);
}

long BinomialLowerCritical(long n, double p, double alpha) {
  long k = -1;
  double cdf = 0;
  for (long i = 0; i <= n; ++i) {
    cdf += std::exp(LogPmf(i, n, p));
    if (cdf > alpha * (1 + 1e-12)) break;
    k = i;
  }
  return k;
}

CountInterval BinomialAcceptance(long n, double p, double alpha) {
  const double tail = alpha / 2 * (1 + 1e-12);
  CountInterval out{0, n};
  double cdf = 0;
  long lo = 0;
  for (; lo <= n; ++lo) {
    cdf += std::exp(LogPmf(lo, n, p));
    if (cdf > tail) break;
  }
  out.lo = lo;
  double upper = 0;  // P(X >= hi)
  long hi = n;
  for (; hi >= 0; --hi) {
    upper += std::exp(LogPmf(hi, n, p));
    if (upper > tail) break;
  }
  out.hi = hi;
  return out;
}

double PopulationStabilityIndex(std::span<const double> expected, std::span<const double> actual) {
  if (expected.size() != actual.size() || expected.empty()) return kNaN;
  double te = 0, ta = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    te += expected[i];
    ta += actual[i];
  }
  if (!(te > 0) || !(ta > 0)) return kNaN;
  constexpr double kEmptyShare = 1e-4;
  double psi = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double e = std::max(expected[i] / te, kEmptyShare), a = std::max(actual[i] / ta, kEmptyShare);
    if (expected[i] == 0 && actual[i] == 0) continue;
    psi += (a - e) * std::log(a / e);
  }
  return psi;
}

double PopulationStabilityIndexOf(std::span<const double> expected, std::span<const double> actual, int bins) {
  if (bins < 2 || expected.empty() || actual.empty()) return kNaN;
  std::vector<double> sorted;
  for (double v : expected) {
    if (!std::isnan(v)) sorted.push_back(v);
  }
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> edges;  // bin b holds values with exactly b edges <= them
  for (int i = 1; i < bins && !sorted.empty(); ++i) {
    const double edge = sorted[static_cast<std::size_t>(i) * sorted.size() / static_cast<std::size_t>(bins)];
    if (edges.empty() || edge > edges.back()) edges.push_back(edge);
  }
  const std::size_t nan_bin = edges.size() + 1;
  auto histogram = [&](std::span<const double> values) {
    std::vector<double> counts(nan_bin + 1, 0.0);
    for (double v : values) {
      if (std::isnan(v)) {
        counts[nan_bin] += 1;
      } else {
        counts[static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), v) - edges.begin())] += 1;
      }
    }
    return counts;
  };
  const auto e = histogram(expected), a = histogram(actual);
  return PopulationStabilityIndex(e, a);
}

Result<Drawdown> MaxDrawdown(std::span<const double> equity) {
  if (equity.empty()) return Fail(ErrorCode::kInvalidInput, "equity curve: no values");
  Drawdown d;
  double peak = 0;
  std::size_t peak_at = 0;
  for (std::size_t i = 0; i < equity.size(); ++i) {
    const double v = equity[i];
    if (!std::isfinite(v) || v <= 0) {
      return Fail(ErrorCode::kInvalidInput, "equity curve: value {} at index {} is not a finite number > 0", v, i);
    }
    if (v > peak) {
      peak = v;
      peak_at = i;
    }
    const double fall = (peak - v) / peak;
    if (fall > d.depth) {
      d.depth = fall;
      d.peak = peak_at;
      d.trough = i;
    }
    d.from_peak_now = fall;
  }
  return d;
}

int SessionsAfter(Days from, Days to) {
  int n = 0;
  for (Days d = from + 1; d <= to; ++d) n += data::IsSession(d) ? 1 : 0;
  return n;
}

}  // namespace qat::monitor
