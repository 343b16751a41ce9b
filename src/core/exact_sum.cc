#include "qat/core/exact_sum.h"

#include <cmath>
#include <vector>

namespace qat {

double ExactSum(std::span<const double> values) {
  // Non-overlapping partials in increasing magnitude; their exact sum is the sum so far.
  std::vector<double> partials;
  partials.reserve(32);
  std::size_t count = 0;
  for (double x : values) {
    std::size_t kept = 0;
    for (std::size_t j = 0; j < count; ++j) {
      double y = partials[j];
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      const double hi = x + y;
      const double lo = y - (hi - x);
      if (lo != 0.0) partials[kept++] = lo;
      x = hi;
    }
    partials.resize(kept + 1);
    partials[kept] = x;
    count = kept + 1;
  }
  if (count == 0) return 0.0;
  // Add from the top; stop at the first inexact step, then correct a half-way case by the
  // sign of the partial below it (what fsum does to round once).
  std::size_t n = count - 1;
  double hi = partials[n];
  double lo = 0.0;
  while (n > 0) {
    const double x = hi;
    const double y = partials[--n];
    hi = x + y;
    const double yr = hi - x;
    lo = y - yr;
    if (lo != 0.0) break;
  }
  if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
    const double y = lo * 2.0;
    const double x = hi + y;
    const double yr = x - hi;
    if (y == yr) hi = x;
  }
  return hi;
}

}  // namespace qat
