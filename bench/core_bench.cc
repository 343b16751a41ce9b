// Core utilities: CSV number parsing dominates import time.
#include <benchmark/benchmark.h>

#include "qat/core/strings.h"

static void BM_ParseFiniteDouble(benchmark::State& state) {
  const char* fields[] = {"43.968750", "585.787427959006", "1003200", "0.0991725"};
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(qat::ParseFiniteDouble(fields[i++ & 3]));
  }
}
BENCHMARK(BM_ParseFiniteDouble);

BENCHMARK_MAIN();
