// ta module: each indicator over real daily bars, and the whole 85-column output table.
//
//   build/release/bin/bench_ta_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// Every benchmark reports `ns_per_bar` (wall time of the timed loop / (iterations * bars))
// and `cpu_ns_per_bar` (the same with the process CPU clock).
// Per-function benchmarks use AAPL (10547 bars, data/daily/AAPL.csv); the table benchmarks
// run on SPY (7843 bars) to sit beside TA-Lib C's own bench (../shared/tools/oracle/bench),
// and on AAPL; `_fresh` variants allocate their outputs anew each call (ComputeOutputs), the
// others reuse them (ComputeOutputsInto). bench/ta_vs_talib.sh alternates the table
// benchmarks with TA-Lib C's bench and prints the medians.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "qat/data/csv.h"
#include "qat/ta/indicators.h"
#include "qat/ta/outputs.h"
#include "qat/ta/patterns.h"

namespace {

using namespace qat::ta;  // NOLINT

const qat::data::BarSeries& Load(const char* symbol) {
  static std::vector<std::pair<std::string, qat::data::BarSeries>> cache;
  for (auto& [name, series] : cache) {
    if (name == symbol) return series;
  }
  auto r = qat::data::ReadBarsCsv(std::string(QAT_SOURCE_DIR) + "/data/daily/" + symbol + ".csv");
  if (!r.ok()) {
    std::fprintf(stderr, "bench_ta: %s\n", r.error().message.c_str());
    std::exit(1);
  }
  cache.emplace_back(symbol, std::move(r).value());
  return cache.back().second;
}

double ProcessCpuNs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// Times the loop itself and reports ns per bar: `ns_per_bar` from the wall clock (what
// TA-Lib's bench reports), `cpu_ns_per_bar` from the process CPU clock (less sensitive to
// other load on a shared machine).
template <typename F>
void TimeBars(benchmark::State& state, std::size_t bars, F&& f) {
  const double cpu0 = ProcessCpuNs();
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) f();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const double cpu = ProcessCpuNs() - cpu0;
  const double ns = std::chrono::duration<double, std::nano>(elapsed).count();
  const double per = static_cast<double>(state.iterations()) * static_cast<double>(bars);
  state.counters["ns_per_bar"] = ns / per;
  state.counters["cpu_ns_per_bar"] = cpu / per;
  state.counters["bars"] = static_cast<double>(bars);
}

#define QAT_TA_BENCH(NAME, EXPR)                                   \
  void BM_##NAME(benchmark::State& state) {                        \
    const auto& b = Load("AAPL");                                  \
    TimeBars(state, b.size(), [&] {                                \
      auto r = (EXPR);                                             \
      benchmark::DoNotOptimize(r);                                 \
    });                                                            \
  }                                                                \
  BENCHMARK(BM_##NAME)

QAT_TA_BENCH(SMA, SMA(b.close, 20));
QAT_TA_BENCH(EMA, EMA(b.close, 20));
QAT_TA_BENCH(WMA, WMA(b.close, 30));
QAT_TA_BENCH(DEMA, DEMA(b.close, 30));
QAT_TA_BENCH(TEMA, TEMA(b.close, 30));
QAT_TA_BENCH(RSI, RSI(b.close, 14));
QAT_TA_BENCH(ATR, ATR(b.high, b.low, b.close, 14));
QAT_TA_BENCH(NATR, NATR(b.high, b.low, b.close, 14));
QAT_TA_BENCH(TRANGE, TRANGE(b.high, b.low, b.close));
QAT_TA_BENCH(MACD, MACD(b.close, 12, 26, 9));
QAT_TA_BENCH(BBANDS, BBANDS(b.close, 20, 2.0, 2.0, MaType::kSma));
QAT_TA_BENCH(ADX, ADX(b.high, b.low, b.close, 14));
QAT_TA_BENCH(ADXR, ADXR(b.high, b.low, b.close, 14));
QAT_TA_BENCH(PLUS_DI, PLUS_DI(b.high, b.low, b.close, 14));
QAT_TA_BENCH(MINUS_DI, MINUS_DI(b.high, b.low, b.close, 14));
QAT_TA_BENCH(CCI, CCI(b.high, b.low, b.close, 14));
QAT_TA_BENCH(MFI, MFI(b.high, b.low, b.close, b.volume, 14));
QAT_TA_BENCH(OBV, OBV(b.close, b.volume));
QAT_TA_BENCH(AD, AD(b.high, b.low, b.close, b.volume));
QAT_TA_BENCH(ADOSC, ADOSC(b.high, b.low, b.close, b.volume, 3, 10));
QAT_TA_BENCH(STOCH, STOCH(b.high, b.low, b.close, 5, 3, MaType::kSma, 3, MaType::kSma));
QAT_TA_BENCH(STOCHF, STOCHF(b.high, b.low, b.close, 5, 3, MaType::kSma));
QAT_TA_BENCH(STOCHRSI, STOCHRSI(b.close, 14, 5, 3, MaType::kSma));
QAT_TA_BENCH(WILLR, WILLR(b.high, b.low, b.close, 14));
QAT_TA_BENCH(ROC, ROC(b.close, 10));
QAT_TA_BENCH(MOM, MOM(b.close, 10));
QAT_TA_BENCH(AROON, AROON(b.high, b.low, 14));
QAT_TA_BENCH(AROONOSC, AROONOSC(b.high, b.low, 14));
QAT_TA_BENCH(PPO, PPO(b.close, 12, 26, MaType::kSma));
QAT_TA_BENCH(ULTOSC, ULTOSC(b.high, b.low, b.close, 7, 14, 28));
QAT_TA_BENCH(BOP, BOP(b.open, b.high, b.low, b.close));
QAT_TA_BENCH(STDDEV, STDDEV(b.close, 5, 1.0));

// Columns of the output table: which = 0 all 85, 1 the 24 indicator columns, 2 the 61
// pattern columns.
std::vector<std::size_t> TableColumns(int which) {
  std::vector<std::size_t> cols;
  const auto table = OutputColumns();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const bool pattern = table[i].kind == OutputKind::kPattern;
    if ((which == 1 && pattern) || (which == 2 && !pattern)) continue;
    cols.push_back(i);
  }
  return cols;
}

// reuse: ComputeOutputsInto with the same output vector every iteration (steady state, like
// TA-Lib's bench, which writes into preallocated buffers); otherwise ComputeOutputs, which
// returns fresh vectors each call.
void BM_Table(benchmark::State& state, const char* symbol, int which, bool reuse) {
  const auto& b = Load(symbol);
  const OhlcvView bars{b.open, b.high, b.low, b.close, b.volume};
  const auto cols = TableColumns(which);
  std::vector<ComputedOutput> out;
  TimeBars(state, b.size(), [&] {
    if (reuse) {
      auto status = ComputeOutputsInto(bars, cols, out);
      if (!status.ok()) state.SkipWithError(status.error().message.c_str());
      benchmark::DoNotOptimize(out.data());
    } else {
      auto r = ComputeOutputs(bars, cols);
      if (!r.ok()) state.SkipWithError(r.error().message.c_str());
      benchmark::DoNotOptimize(r);
    }
  });
  state.counters["columns"] = static_cast<double>(cols.size());
  state.SetLabel(symbol);
}
BENCHMARK_CAPTURE(BM_Table, all_SPY, "SPY", 0, true);
BENCHMARK_CAPTURE(BM_Table, all_SPY_fresh, "SPY", 0, false);
BENCHMARK_CAPTURE(BM_Table, indicators24_SPY, "SPY", 1, true);
BENCHMARK_CAPTURE(BM_Table, indicators24_SPY_fresh, "SPY", 1, false);
BENCHMARK_CAPTURE(BM_Table, patterns_SPY, "SPY", 2, true);
BENCHMARK_CAPTURE(BM_Table, all_AAPL, "AAPL", 0, true);

}  // namespace

BENCHMARK_MAIN();
