// How much a Sharpe ratio can be trusted (Bailey & Lopez de Prado): the Probabilistic Sharpe
// Ratio and the Deflated Sharpe Ratio, for the backtester's measures (docs/backtest.md).
//
// All Sharpe ratios here are per period (mean / sd of the per-period returns, not annualized);
// n is the number of returns; skew is the third standardized moment and kurtosis the fourth
// (not excess: 3 for a normal distribution).
//
//   PSR(SR*) = Phi( (SR - SR*) sqrt(n - 1) / sqrt(1 - skew SR + (kurtosis - 1) / 4 SR^2) )
//     the probability that the true Sharpe ratio exceeds SR*, given the sample's.
//   E[max SR over N trials] = sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e)))
//     the largest Sharpe ratio N unskilled trials with Sharpe variance V are expected to show;
//     g = 0.5772156649 (Euler-Mascheroni).
//   DSR = PSR(E[max SR over N trials]): the PSR against what luck alone would give after N
//     configurations were tried on the same data.
#pragma once

#include <cstdint>
#include <span>

namespace qat::reports {

// The standard normal distribution function and its inverse (p in (0, 1); NaN outside),
// accurate to about 1e-15 (erfc, and Acklam's approximation refined by two Halley steps).
double NormalCdf(double x);
double NormalQuantile(double p);

struct ReturnMoments {
  std::int64_t n = 0;
  double mean = 0, sd = 0;     // sd with the n - 1 denominator
  double skew = 0, kurtosis = 3;  // standardized with the population moments; kurtosis not excess
  double sharpe = 0;              // mean / sd (per period); 0 when sd is 0
};
// The moments of `returns` (n < 2: sd, skew 0, kurtosis 3).
ReturnMoments MomentsOf(std::span<const double> returns);

// PSR as above; NaN when n < 2 or the variance term is not positive.
double ProbabilisticSharpeRatio(double sharpe, double benchmark_sharpe, std::int64_t n, double skew, double kurtosis);
// E[max SR] as above; 0 when trials <= 1 or the variance is not positive.
double ExpectedMaxSharpe(double sharpe_variance, std::int64_t trials);
// DSR as above.
double DeflatedSharpeRatio(double sharpe, std::int64_t n, double skew, double kurtosis, double sharpe_variance,
                           std::int64_t trials);

}  // namespace qat::reports
