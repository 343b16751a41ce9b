// Small column helpers (returns, ratios, rolling windows) shared by the feature families.
#pragma once

#include "qat/labels/labels.h"

#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace qat::features {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// x[t] / x[t-k] - 1 (NaN for t < k).
std::vector<double> PctChange(std::span<const double> x, int k);
// log(x[t] / x[t-1]) (NaN at t = 0).
using labels::LogReturns;  // the one log-return series (qat/labels/labels.h)
// Sample standard deviation over the `window` values ending at t (NaN until defined or if any is NaN).
std::vector<double> RollingStd(std::span<const double> x, int window);
// a[t] / b[t] - 1, NaN where either is NaN or b is 0.
std::vector<double> RatioMinusOne(std::span<const double> a, std::span<const double> b);
// a[t] / b[t], NaN where either is NaN or b is 0.
std::vector<double> Ratio(std::span<const double> a, std::span<const double> b);
// x[t] - x[t-k] (NaN for t < k or where either is NaN).
std::vector<double> Diff(std::span<const double> x, int k);
// Highest / lowest of the `window` values ending at t (NaN until defined or if any is NaN).
std::vector<double> RollingMax(std::span<const double> x, int window);
std::vector<double> RollingMin(std::span<const double> x, int window);
// Over the `window` pairs ending at t (NaN until defined, if any value is NaN, or where a
// variance is 0): Pearson correlation of a and b, and the regression slope of a on b
// (cov(a, b) / var(b)).
std::vector<double> RollingCorrelation(std::span<const double> a, std::span<const double> b, int window);
std::vector<double> RollingBeta(std::span<const double> a, std::span<const double> b, int window);
// Sum of the `window` values ending at t (NaN until defined or if any is NaN).
std::vector<double> RollingSum(std::span<const double> x, int window);
// a[t] - b[t] (NaN propagates).
std::vector<double> Minus(std::span<const double> a, std::span<const double> b);
// a[t] * b[t] (NaN propagates).
std::vector<double> Product(std::span<const double> a, std::span<const double> b);

}  // namespace qat::features
