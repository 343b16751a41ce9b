// The C++ side of bench/python_ta_bench.py: the computations the Python benchmark times through
// `qtrader.ta`, here called directly, over the 45 bundled daily files (data/daily/*.csv, read
// before timing). One iteration is one pass over all 45 files.
//
//   build/release/bin/bench_ta45_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
//   rsi_macd_bbands  RSI(14), MACD(12, 26, 9), BBANDS(20, 2, 2) of each close (new vectors each call)
//   table85          the 85-column `qtrader ta` table of each file (ComputeOutputs, new vectors)
//   rsi_short        RSI(14) of the first 16 closes of AAPL, one call: the work behind the
//                    Python per-call overhead figure
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "qat/data/csv.h"
#include "qat/ta/indicators.h"
#include "qat/ta/outputs.h"

namespace {

const std::vector<qat::data::BarSeries>& All() {
  static const std::vector<qat::data::BarSeries> all = [] {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(std::string(QAT_SOURCE_DIR) + "/data/daily")) {
      if (e.path().extension() == ".csv") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<qat::data::BarSeries> out;
    for (const auto& f : files) {
      auto r = qat::data::ReadBarsCsv(f);
      if (!r.ok()) {
        std::fprintf(stderr, "bench_ta45: %s\n", r.error().message.c_str());
        std::exit(1);
      }
      out.push_back(std::move(r).value());
    }
    return out;
  }();
  return all;
}

void Counters(benchmark::State& state) {
  std::size_t bars = 0;
  for (const auto& s : All()) bars += s.size();
  state.counters["files"] = static_cast<double>(All().size());
  state.counters["bars"] = static_cast<double>(bars);
}

void BM_rsi_macd_bbands(benchmark::State& state) {
  const auto& all = All();
  for (auto _ : state) {
    for (const auto& s : all) {
      auto rsi = qat::ta::RSI(s.close, 14);
      auto macd = qat::ta::MACD(s.close, 12, 26, 9);
      auto bb = qat::ta::BBANDS(s.close, 20, 2.0, 2.0);
      benchmark::DoNotOptimize(rsi);
      benchmark::DoNotOptimize(macd);
      benchmark::DoNotOptimize(bb);
    }
  }
  Counters(state);
}
BENCHMARK(BM_rsi_macd_bbands)->Unit(benchmark::kMillisecond);

void BM_table85(benchmark::State& state) {
  const auto& all = All();
  std::vector<std::size_t> columns(qat::ta::OutputColumns().size());
  for (std::size_t i = 0; i < columns.size(); ++i) columns[i] = i;
  for (auto _ : state) {
    for (const auto& s : all) {
      auto out = qat::ta::ComputeOutputs({s.open, s.high, s.low, s.close, s.volume}, columns);
      benchmark::DoNotOptimize(out);
    }
  }
  Counters(state);
}
BENCHMARK(BM_table85)->Unit(benchmark::kMillisecond);

void BM_rsi_short(benchmark::State& state) {
  const auto& first = All().front();  // AAPL, the first file by name
  std::vector<double> close(first.close.begin(), first.close.begin() + 16);
  for (auto _ : state) {
    auto rsi = qat::ta::RSI(close, 14);
    benchmark::DoNotOptimize(rsi);
  }
}
BENCHMARK(BM_rsi_short)->Unit(benchmark::kNanosecond);

}  // namespace

BENCHMARK_MAIN();
