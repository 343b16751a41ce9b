// What the vectorized kernels of src/ta (indicators and candlestick patterns) share.
//
// QAT_VECTOR_KERNEL: on x86-64 with GCC the function is compiled twice, for AVX2 and for the
// baseline, and the loader picks the one the CPU runs (an ifunc). src/ta is compiled with
// -ffp-contract=off (CMakeLists.txt), so no multiply-add is fused in either version and both
// give the same bits.
#pragma once

#include <bit>
#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define QAT_VECTOR_KERNEL __attribute__((target_clones("avx2", "default")))
#else
#define QAT_VECTOR_KERNEL
#endif

namespace qat::ta::internal {

// c ? a : b without a branch: a bit mask, so the result is exactly a or b, NaN included. For
// coin-flip conditions (a mispredicted branch costs more than the work) and in loops GCC
// should vectorize (with plain ternaries it sometimes made branches and left them scalar).
__attribute__((always_inline)) inline double Pick(bool c, double a, double b) {
  const std::uint64_t m = std::uint64_t{0} - static_cast<std::uint64_t>(c);
  return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & m) | (std::bit_cast<std::uint64_t>(b) & ~m));
}

}  // namespace qat::ta::internal
