// Statistics used by the pattern statistics engine, written out here so that each one can
// be tested against known values.
//
//   WilsonInterval      95% (z = 1.959963984540054) Wilson score interval of a proportion.
//   IncompleteBeta      regularized incomplete beta I_x(a, b), by the continued fraction of
//                       the beta function evaluated with the modified Lentz method (relative
//                       accuracy about 1e-14), using the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
//                       where the fraction converges slowly; log B(a, b) from Stirling's
//                       series when max(a, b) >= 100, where lgamma differences cancel.
//   StudentTwoSidedP    two-sided p-value of a t statistic with `df` degrees of freedom:
//                       P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2).
//   BenjaminiHochberg   BH (1995) q-values: q_(i) = min over j >= i of p_(j) * m / j, capped at
//                       1, where p_(1) <= ... <= p_(m); NaN p-values are left out of m and get
//                       NaN q-values.
//   AverageRanks        1-based ranks, ties sharing the mean of the ranks they span.
//   Spearman            Pearson correlation of the average ranks; NaN if either side is
//                       constant or fewer than 2 values are given.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace qat::patterns {

inline constexpr double kZ95 = 1.959963984540054;

struct ProportionInterval {
  double lo, hi;
};
// Wilson interval of `successes` out of `n` (NaN, NaN for n == 0).
ProportionInterval WilsonInterval(std::int64_t successes, std::int64_t n, double z = kZ95);

// I_x(a, b) for a, b > 0 and x in [0, 1]; NaN outside that domain.
double IncompleteBeta(double a, double b, double x);
// Two-sided p-value of Student's t with df > 0 degrees of freedom (NaN if t or df is NaN).
double StudentTwoSidedP(double t, double df);

std::vector<double> BenjaminiHochberg(std::span<const double> p_values);

std::vector<double> AverageRanks(std::span<const double> x);
double Spearman(std::span<const double> x, std::span<const double> y);

}  // namespace qat::patterns
