// Four-lane double vectors for the indicator kernels (GCC/Clang vector extensions).
//
// Every lane operation is the IEEE operation on that lane (src/ta is compiled with
// -ffp-contract=off, so no multiply-add is fused), so a kernel that runs independent
// computations side by side in lanes gives the same bits as running them one at a time.
// Kernels marked QAT_VECTOR_KERNEL (ta/vector_kernel.h) are compiled twice on x86-64 GCC, for
// AVX2 (one 256-bit instruction per vector operation) and for the baseline (two 128-bit ones).
#pragma once

#include <cstddef>
#include <cstring>

#include "ta/vector_kernel.h"

#if defined(__GNUC__) && !defined(__clang__)
// Passing these vectors by value without AVX enabled changes the ABI; the helpers below are
// always inlined, so no vector ever crosses a call.
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace qat::ta::internal {

typedef double V4d __attribute__((vector_size(32)));

__attribute__((always_inline)) inline V4d Load4(const double* p) {
  V4d v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
__attribute__((always_inline)) inline void Store4(double* p, V4d v) { std::memcpy(p, &v, sizeof v); }
__attribute__((always_inline)) inline V4d Splat4(double x) { return V4d{x, x, x, x}; }

// Windows up to this many bars use a direct scan of the window, four bars at a time;
// longer ones use the O(1)-per-bar algorithms.
inline constexpr std::size_t kSmallWindow = 32;

// The highest high and lowest low of the w >= 1 bars starting at hp / lp, scanned in order
// (a later bar wins only when strictly more extreme, so the result is one of the window's
// values, as TA-Lib's for inputs without NaN). HighLow4: four windows side by side, lane k
// the window starting k bars later.
struct HighLow {
  double hi, lo;
};
inline HighLow WindowHighLow(const double* hp, const double* lp, std::size_t w) {
  double hi = hp[0], lo = lp[0];
  for (std::size_t j = 1; j < w; ++j) {
    hi = hp[j] > hi ? hp[j] : hi;
    lo = lp[j] < lo ? lp[j] : lo;
  }
  return {hi, lo};
}
struct HighLow4 {
  V4d hi, lo;
};
__attribute__((always_inline)) inline HighLow4 WindowHighLow4(const double* hp, const double* lp,
                                                             std::size_t w) {
  V4d hi = Load4(hp), lo = Load4(lp);
  for (std::size_t j = 1; j < w; ++j) {
    const V4d hv = Load4(hp + j);
    const V4d lv = Load4(lp + j);
    hi = hv > hi ? hv : hi;
    lo = lv < lo ? lv : lo;
  }
  return {hi, lo};
}

}  // namespace qat::ta::internal
