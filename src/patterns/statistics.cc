#include "qat/patterns/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace qat::patterns {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction for I_x(a, b) (without its prefactor), modified Lentz evaluation.
// Converges quickly for x < (a + 1) / (a + b + 2).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEps = 1e-15;
  constexpr int kMaxTerms = 1000;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxTerms; ++m) {
    const double m2 = 2.0 * m;
    // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
    double coef = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + coef * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + coef / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    coef = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + coef * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + coef / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEps) break;
  }
  return h;
}

// log B(a, b). lgamma(a + b) - lgamma(a) cancels badly when a is large (a t test with
// n - 1 = 10^6 degrees of freedom has a = 5 * 10^5), so for max(a, b) >= 100 the difference
// is taken from Stirling's series, whose truncation error there is below 1e-17:
//   lgamma(x) = (x - 1/2) ln x - x + ln(2 pi) / 2 + 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) ...
double LogBeta(double a, double b) {
  const double big = std::max(a, b), small = std::min(a, b);
  if (big < 100.0) return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  auto series = [](double x) {
    const double x2 = x * x;
    return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * x2)) / x2) / x2) / x;
  };
  // lgamma(big + small) - lgamma(big), without subtracting two large numbers.
  const double diff = (big - 0.5) * std::log1p(small / big) + small * std::log(big + small) - small +
                      series(big + small) - series(big);
  return std::lgamma(small) - diff;
}

// I_x(a, b) given x, y = 1 - x and their logarithms (callers that know y or log x more
// precisely than 1 - x or log(x) pass them).
double IncompleteBetaParts(double a, double b, double x, double y, double log_x, double log_y) {
  if (x <= 0.0) return 0.0;
  if (y <= 0.0) return 1.0;
  // x^a y^b / B(a, b) is the prefactor of the continued fraction.
  const double front = std::exp(a * log_x + b * log_y - LogBeta(a, b));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1.0 - front * BetaContinuedFraction(b, a, y) / b;
}

}  // namespace

ProportionInterval WilsonInterval(std::int64_t successes, std::int64_t n, double z) {
  if (n <= 0) return {kNaN, kNaN};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double center = (p + z2 / (2.0 * nn)) / denom;
  const double half = z * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

double IncompleteBeta(double a, double b, double x) {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) return kNaN;
  return IncompleteBetaParts(a, b, x, 1.0 - x, std::log(x), std::log1p(-x));
}

double StudentTwoSidedP(double t, double df) {
  if (std::isnan(t) || !(df > 0)) return kNaN;
  if (std::isinf(t)) return 0.0;
  // x = df / (df + t^2) and 1 - x, with their logarithms, from r = t^2 / df without
  // rounding x first (x is within 1e-7 of 1 for large df and small t).
  const double r = t * t / df;
  return IncompleteBetaParts(df / 2.0, 0.5, 1.0 / (1.0 + r), r / (1.0 + r), -std::log1p(r),
                             std::log(r) - std::log1p(r));
}

std::vector<double> BenjaminiHochberg(std::span<const double> p) {
  std::vector<double> q(p.size(), kNaN);
  std::vector<std::size_t> order;
  order.reserve(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!std::isnan(p[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  const double m = static_cast<double>(order.size());
  double running = 1.0;
  for (std::size_t k = order.size(); k-- > 0;) {
    // m / rank >= 1, so q >= p; the max keeps that true after rounding (p * m / m != p).
    const double value = std::max(p[order[k]], p[order[k]] * m / static_cast<double>(k + 1));
    running = std::min(running, value);
    q[order[k]] = running;
  }
  return q;
}

std::vector<double> AverageRanks(std::span<const double> x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> rank(x.size());
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double average = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
    for (std::size_t k = i; k <= j; ++k) rank[order[k]] = average;
    i = j + 1;
  }
  return rank;
}

double Spearman(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.size() < 2) return kNaN;
  const auto rx = AverageRanks(x), ry = AverageRanks(y);
  const double mean = (static_cast<double>(x.size()) + 1.0) / 2.0;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx == 0 || syy == 0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace qat::patterns
