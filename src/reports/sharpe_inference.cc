#include "qat/reports/sharpe_inference.h"

#include <cmath>
#include <limits>

namespace qat::reports {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEulerGamma = 0.57721566490153286;

// Acklam's rational approximation of the normal quantile (relative error < 1.2e-9).
double AcklamQuantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  constexpr double low = 0.02425, high = 1 - low;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > high) {
    const double q = std::sqrt(-2 * std::log1p(-p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

}  // namespace

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double NormalQuantile(double p) {
  if (!(p > 0 && p < 1)) return kNaN;
  double x = AcklamQuantile(p);
  for (int step = 0; step < 2; ++step) {  // Halley's method on NormalCdf(x) - p
    const double e = NormalCdf(x) - p;
    const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
    x = x - u / (1 + x * u / 2);
  }
  return x;
}

ReturnMoments MomentsOf(std::span<const double> r) {
  ReturnMoments m;
  m.n = static_cast<std::int64_t>(r.size());
  if (r.empty()) return m;
  double sum = 0;
  for (double v : r) sum += v;
  m.mean = sum / static_cast<double>(r.size());
  if (r.size() < 2) return m;
  double m2 = 0, m3 = 0, m4 = 0;
  for (double v : r) {
    const double d = v - m.mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const double n = static_cast<double>(r.size());
  m.sd = std::sqrt(m2 / (n - 1));
  const double pop_var = m2 / n;
  if (pop_var > 0) {
    m.skew = (m3 / n) / std::pow(pop_var, 1.5);
    m.kurtosis = (m4 / n) / (pop_var * pop_var);
  }
  m.sharpe = m.sd > 0 ? m.mean / m.sd : 0;
  return m;
}

double ProbabilisticSharpeRatio(double sharpe, double benchmark, std::int64_t n, double skew, double kurtosis) {
  if (n < 2) return kNaN;
  const double denominator = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
  if (!(denominator > 0)) return kNaN;
  return NormalCdf((sharpe - benchmark) * std::sqrt(static_cast<double>(n - 1)) / std::sqrt(denominator));
}

double ExpectedMaxSharpe(double variance, std::int64_t trials) {
  if (trials <= 1 || !(variance > 0)) return 0;
  const double t = static_cast<double>(trials);
  return std::sqrt(variance) *
         ((1 - kEulerGamma) * NormalQuantile(1 - 1 / t) + kEulerGamma * NormalQuantile(1 - 1 / (t * M_E)));
}

double DeflatedSharpeRatio(double sharpe, std::int64_t n, double skew, double kurtosis, double variance,
                           std::int64_t trials) {
  return ProbabilisticSharpeRatio(sharpe, ExpectedMaxSharpe(variance, trials), n, skew, kurtosis);
}

}  // namespace qat::reports
