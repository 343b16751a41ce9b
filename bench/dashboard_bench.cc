// The dashboard's symbol page API call (issue 16: under 50 ms for 20 years of daily bars):
// Api::Handle("/api/bars") on a store holding bundled real daily bars with their pattern
// statistics built, then the JSON text the server sends (dump). Each call opens the store
// read-only, loads the adjusted bars (content hash checked), derives the timeframe, reads the
// pattern events and the cells, and writes the arrays.
//   BM_SymbolPage/SPY   SPY, 1993-01-29 .. 2024-03-22: 7,843 bars (31 years), 1d, viewed again
//                       (cells and adjusted bars cached while the store files are unchanged)
//   BM_SymbolPage/AAPL  AAPL, 1984-09-07 .. 2026-07-21: 10,547 bars (41 years), 1d, again
//   BM_SymbolPageCold/* the same after the store changed (nothing cached)
//   BM_SymbolWeekly     SPY on the 1w timeframe (resampled on each call)
//   BM_Symbols          /api/symbols
// Times in milliseconds; run with --benchmark_repetitions=5 for the median (docs/dashboard.md).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <unistd.h>
#include <string>

#include "qat/app/patterns.h"
#include "qat/dashboard/api.h"
#include "qat/data/csv.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"

namespace {

namespace fs = std::filesystem;

void Die(const std::string& what) {
  std::fprintf(stderr, "dashboard_bench: %s\n", what.c_str());
  std::exit(1);
}

// A store with SPY and AAPL's bundled daily bars and their pattern statistics.
const fs::path& StorePath() {
  static const fs::path path = [] {
    const fs::path dir = fs::temp_directory_path() / ("qat-dashboard-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path db_path = dir / "store.db";
    auto db = qat::store::OpenStore(db_path);
    if (!db.ok()) Die(db.error().message);
    for (const char* symbol : {"SPY", "AAPL"}) {
      qat::data::CsvReadOptions o;
      o.symbol = symbol;
      auto bars = qat::data::ReadBarsCsv(std::string(QAT_SOURCE_DIR) + "/data/daily/" + symbol + ".csv", o);
      if (!bars.ok()) Die(bars.error().message);
      auto written = qat::store::UpsertBars(*db, *bars);
      if (!written.ok()) Die(written.error().message);
    }
    qat::app::BuildPatternStatsRequest request;
    request.symbols = {"SPY", "AAPL"};
    auto built = qat::app::BuildPatternStats(*db, request);
    if (!built.ok()) Die(built.error().message);
    return db_path;
  }();
  return path;
}

void Run(benchmark::State& state, const std::string& path, std::map<std::string, std::string> params) {
  qat::dashboard::ApiConfig config;
  config.db = StorePath();
  qat::dashboard::Api api(config);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto response = api.Handle({.method = "GET", .path = path, .params = params});
    if (response.status != 200) Die(path + ": " + response.body.dump());
    const std::string text = response.body.dump();
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
}

void BM_SymbolPage(benchmark::State& state, const char* symbol) {
  Run(state, "/api/bars", {{"symbol", symbol}, {"timeframe", "1d"}});
}
BENCHMARK_CAPTURE(BM_SymbolPage, SPY, "SPY")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_SymbolPage, AAPL, "AAPL")->Unit(benchmark::kMillisecond)->UseRealTime();

// The first view after the store changed: the cache of cells and bars (keyed by the store
// files' size and time) is missed, so the bars are loaded and adjusted and the cells read.
void BM_SymbolPageCold(benchmark::State& state, const char* symbol) {
  qat::dashboard::ApiConfig config;
  config.db = StorePath();
  qat::dashboard::Api api(config);
  for (auto _ : state) {
    state.PauseTiming();
    fs::last_write_time(config.db, fs::last_write_time(config.db) + std::chrono::seconds(1));
    state.ResumeTiming();
    const auto response = api.Handle({.method = "GET", .path = "/api/bars", .params = {{"symbol", symbol}}});
    if (response.status != 200) Die(response.body.dump());
    const std::string text = response.body.dump();
    benchmark::DoNotOptimize(text.data());
  }
}
BENCHMARK_CAPTURE(BM_SymbolPageCold, SPY, "SPY")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_SymbolPageCold, AAPL, "AAPL")->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SymbolWeekly(benchmark::State& state) { Run(state, "/api/bars", {{"symbol", "SPY"}, {"timeframe", "1w"}}); }
BENCHMARK(BM_SymbolWeekly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Symbols(benchmark::State& state) { Run(state, "/api/symbols", {}); }
BENCHMARK(BM_Symbols)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  StorePath();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fs::remove_all(StorePath().parent_path());
  return 0;
}
