// The engine's speed on the sma-cross regression: all 45 bundled daily files (149,612 bars),
// one account per symbol, as `qtrader backtest --strategy sma-cross --per-symbol` runs them.
// Reports bar-steps per second (bars processed through the whole engine: feed, strategy,
// broker, ledger, mark to market). bench/backtest_vs_python.sh times the plain-Python
// reference loop on the same files in the same session.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "qat/backtest/engine.h"
#include "qat/backtest/strategies.h"
#include "qat/data/csv.h"

namespace {

std::vector<qat::data::BarSeries> LoadAll() {
  std::vector<qat::data::BarSeries> all;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(QAT_SOURCE_DIR "/data/daily")) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto s = qat::data::ReadBarsCsv(f, {.symbol = f.stem().string()});
    if (s.ok()) all.push_back(std::move(*s));
  }
  return all;
}

void BM_SmaCrossPerSymbol45(benchmark::State& state) {
  static const std::vector<qat::data::BarSeries> all = LoadAll();
  qat::backtest::EngineConfig config;
  config.initial_cash = 10'000 * qat::portfolio::kMicrosPerDollar;
  config.risk.max_positions = 1;
  config.risk.max_position_fraction = 1.0;
  config.costs = qat::backtest::FillCosts{0, 0, 0, 0.1, 0, 0};
  std::int64_t bars = 0, trades = 0;
  for (auto _ : state) {
    for (const auto& series : all) {
      qat::backtest::SmaCross strategy;
      const qat::backtest::Feed feed{std::span(&series, 1), {}, series.DayAt(0), series.DayAt(series.size() - 1)};
      auto run = qat::backtest::RunEngine(feed, strategy, config);
      if (!run.ok()) {
        state.SkipWithError(run.error().message.c_str());
        return;
      }
      bars += static_cast<std::int64_t>(series.size());
      trades += static_cast<std::int64_t>(run->trades.size());
      benchmark::DoNotOptimize(run->equity.back());
    }
  }
  state.SetItemsProcessed(bars);
  state.counters["bar_steps_per_s"] = benchmark::Counter(static_cast<double>(bars), benchmark::Counter::kIsRate);
  state.counters["symbols"] = static_cast<double>(all.size());
  state.counters["trades_per_run"] = static_cast<double>(trades) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_SmaCrossPerSymbol45)->Unit(benchmark::kMillisecond);

// The same 45 files as one portfolio (one account, at most 3 positions of 33%): every
// session steps every symbol that trades in it.
void BM_SmaCrossPortfolio45(benchmark::State& state) {
  static const std::vector<qat::data::BarSeries> all = LoadAll();
  qat::backtest::EngineConfig config;
  config.costs = qat::backtest::FillCosts{0, 0, 0, 0.1, 0, 0};
  qat::Days first = all[0].DayAt(0), last = all[0].DayAt(all[0].size() - 1);
  std::int64_t bars = 0;
  for (const auto& s : all) {
    first = std::min(first, s.DayAt(0));
    last = std::max(last, s.DayAt(s.size() - 1));
    bars += static_cast<std::int64_t>(s.size());
  }
  for (auto _ : state) {
    qat::backtest::SmaCross strategy;
    auto run = qat::backtest::RunEngine({all, {}, first, last}, strategy, config);
    if (!run.ok()) {
      state.SkipWithError(run.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(run->equity.back());
  }
  state.SetItemsProcessed(bars * state.iterations());
  state.counters["bar_steps_per_s"] =
      benchmark::Counter(static_cast<double>(bars * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SmaCrossPortfolio45)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
