// The correctly rounded sum of doubles (Shewchuk's partials, the algorithm of Python's
// math.fsum): the exact sum of the inputs, rounded once to the nearest double (ties to even).
// A running sum drifts by a few ulps, enough to flip the sign of a near-tie such as
// SMA(10) - SMA(30) on a quiet day; where the sign matters, this decides it.
#pragma once

#include <span>

namespace qat {

// Inputs must be finite (an infinity or NaN makes the result NaN or infinite, unspecified).
double ExactSum(std::span<const double> values);

}  // namespace qat
