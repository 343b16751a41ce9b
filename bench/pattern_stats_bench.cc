// Pattern statistics engine on real daily bars: all 61 patterns x 5 horizons (1,3,5,10,21).
//   BM_ExtractBundled   events, regimes and outcomes of the 6 bundled files (data/daily,
//                       40,926 bars)
//   BM_CellsBundled     every cell (Wilson, t, p, BH, ic, shrinkage) from those records
//   BM_StatsBundled     both, end to end (the "stats for all patterns" number)
//   BM_StatsShared45    end to end on the 45 files of /work/shared/data/daily when present
// CSV parsing is done once, outside the timed loop. Times in milliseconds.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "qat/data/csv.h"
#include "qat/patterns/pattern_stats.h"

namespace {

std::vector<qat::data::BarSeries> LoadDir(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(dir)) {
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() == ".csv") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<qat::data::BarSeries> out;
  for (const auto& f : files) {
    qat::data::CsvReadOptions o;
    o.symbol = f.stem().string();
    auto s = qat::data::ReadBarsCsv(f, o);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      std::exit(1);
    }
    out.push_back(std::move(*s));
  }
  return out;
}

const std::vector<qat::data::BarSeries>& Bundled() {
  static const auto kBars = LoadDir(std::string(QAT_SOURCE_DIR) + "/data/daily");
  return kBars;
}

std::vector<qat::patterns::SeriesRecords> Extract(const std::vector<qat::data::BarSeries>& bars) {
  const auto horizons = qat::patterns::DefaultHorizons();
  std::vector<qat::patterns::SeriesRecords> records;
  for (const auto& b : bars) {
    auto r = qat::patterns::ExtractRecords(b, horizons);
    if (!r.ok()) std::exit(1);
    records.push_back(std::move(*r));
  }
  return records;
}

std::int64_t TotalBars(const std::vector<qat::data::BarSeries>& bars) {
  std::int64_t n = 0;
  for (const auto& b : bars) n += static_cast<std::int64_t>(b.size());
  return n;
}

void BM_ExtractBundled(benchmark::State& state) {
  const auto& bars = Bundled();
  for (auto _ : state) benchmark::DoNotOptimize(Extract(bars));
  state.counters["bars"] = static_cast<double>(TotalBars(bars));
}

void BM_CellsBundled(benchmark::State& state) {
  const auto records = Extract(Bundled());
  std::size_t cells = 0;
  for (auto _ : state) {
    auto c = qat::patterns::ComputeCells(records);
    cells = c->size();
    benchmark::DoNotOptimize(c);
  }
  state.counters["cells"] = static_cast<double>(cells);
}

void RunEndToEnd(benchmark::State& state, const std::vector<qat::data::BarSeries>& bars) {
  if (bars.empty()) {
    state.SkipWithError("no data");
    return;
  }
  std::size_t cells = 0;
  for (auto _ : state) {
    const auto records = Extract(bars);
    auto c = qat::patterns::ComputeCells(records);
    cells = c->size();
    benchmark::DoNotOptimize(c);
  }
  state.counters["bars"] = static_cast<double>(TotalBars(bars));
  state.counters["symbols"] = static_cast<double>(bars.size());
  state.counters["cells"] = static_cast<double>(cells);
}

void BM_StatsBundled(benchmark::State& state) { RunEndToEnd(state, Bundled()); }

void BM_StatsShared45(benchmark::State& state) {
  static const auto kBars = LoadDir("/work/shared/data/daily");
  RunEndToEnd(state, kBars);
}

BENCHMARK(BM_ExtractBundled)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CellsBundled)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StatsBundled)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StatsShared45)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
