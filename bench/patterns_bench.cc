// All 61 candlestick patterns on real daily bars (data/daily/SPY.csv, 7843 bars, and
// data/daily/AAPL.csv): one benchmark per pattern, one for all 61 called one by one through
// the registry, and one for ComputePatterns (all 61 in one call). The counter ns_per_bar is
// CPU time per input bar (the machine is shared, so CPU time is the figure to compare).
// TA-Lib C's own figure comes from the oracle's bench (see docs/ta_patterns.md).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "qat/core/strings.h"
#include "qat/ta/candle.h"
#include "qat/ta/patterns.h"
#include "ta/patterns/candle_frame.h"

namespace {

struct Bars {
  std::vector<double> open, high, low, close;
};

Bars Load(const std::string& symbol) {
  const std::string path = std::string(QAT_SOURCE_DIR) + "/data/daily/" + symbol + ".csv";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::exit(1);
  }
  Bars b;
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::size_t> col;
  auto header = qat::Split(line, ',');
  for (std::size_t i = 0; i < header.size(); ++i) col[qat::ToLower(qat::Trim(header[i]))] = i;
  for (const char* name : {"open", "high", "low", "close"}) {
    if (!col.count(name)) {
      std::fprintf(stderr, "%s has no %s column\n", path.c_str(), name);
      std::exit(1);
    }
  }
  while (std::getline(in, line)) {
    if (qat::Trim(line).empty()) continue;
    auto f = qat::Split(line, ',');
    auto num = [&](const char* name) {
      auto v = qat::ParseFiniteDouble(qat::Trim(f.at(col.at(name))));
      if (!v) {
        std::fprintf(stderr, "bad number in %s\n", path.c_str());
        std::exit(1);
      }
      return *v;
    };
    b.open.push_back(num("open"));
    b.high.push_back(num("high"));
    b.low.push_back(num("low"));
    b.close.push_back(num("close"));
  }
  return b;
}

const Bars& Data(const std::string& symbol) {
  static std::map<std::string, Bars> cache;
  auto it = cache.find(symbol);
  if (it == cache.end()) it = cache.emplace(symbol, Load(symbol)).first;
  return it->second;
}

qat::ta::OhlcView View(const Bars& b) { return {b.open, b.high, b.low, b.close}; }

void SetPerBar(benchmark::State& state, std::size_t bars) {
  state.counters["ns_per_bar"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(bars),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(bars));
}

void BM_Pattern(benchmark::State& state, std::string symbol, const qat::ta::PatternSpec* spec) {
  const qat::ta::OhlcView view = View(Data(symbol));
  const qat::ta::CandleSettings& settings = qat::ta::DefaultCandleSettings();
  for (auto _ : state) benchmark::DoNotOptimize(spec->compute(view, settings));
  SetPerBar(state, view.size());
}

// One pattern's kernel alone on a frame whose geometry and averages are already computed:
// the per-pattern share of ComputePatterns.
void BM_Kernel(benchmark::State& state, std::string symbol, const qat::ta::PatternSpec* spec) {
  const qat::ta::OhlcView view = View(Data(symbol));
  qat::ta::patterns_detail::CandleFrame frame(view, qat::ta::DefaultCandleSettings());
  std::vector<int> out(view.size(), 0);
  spec->kernel(frame, out);  // computes the averages it needs
  for (auto _ : state) {
    spec->kernel(frame, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  SetPerBar(state, view.size());
}

// Building a frame (the geometry columns; the averages are computed on first use).
void BM_Frame(benchmark::State& state, std::string symbol) {
  const qat::ta::OhlcView view = View(Data(symbol));
  for (auto _ : state) {
    qat::ta::patterns_detail::CandleFrame frame(view, qat::ta::DefaultCandleSettings());
    benchmark::DoNotOptimize(frame.body());
  }
  SetPerBar(state, view.size());
}

// The 61 patterns one by one, as a caller of the registry would.
void BM_AllPatterns(benchmark::State& state, std::string symbol) {
  const qat::ta::OhlcView view = View(Data(symbol));
  const qat::ta::CandleSettings& settings = qat::ta::DefaultCandleSettings();
  for (auto _ : state) {
    for (const qat::ta::PatternSpec& spec : qat::ta::AllPatterns()) {
      benchmark::DoNotOptimize(spec.compute(view, settings));
    }
  }
  SetPerBar(state, view.size());
}

// The 61 patterns in one ComputePatterns call.
void BM_ComputePatterns(benchmark::State& state, std::string symbol) {
  const qat::ta::OhlcView view = View(Data(symbol));
  const qat::ta::CandleSettings& settings = qat::ta::DefaultCandleSettings();
  for (auto _ : state) {
    auto columns = qat::ta::ComputePatterns(view, settings);
    if (!columns) {
      state.SkipWithError(columns.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(columns);
  }
  SetPerBar(state, view.size());
}

const bool kRegistered = [] {
  if (qat::ta::AllPatterns().size() != 61) {
    std::fprintf(stderr, "expected 61 patterns, registry has %zu\n", qat::ta::AllPatterns().size());
    std::exit(1);
  }
  for (const char* symbol : {"SPY", "AAPL"}) {
    benchmark::RegisterBenchmark((std::string("AllPatterns/") + symbol).c_str(), BM_AllPatterns,
                                 std::string(symbol));
    benchmark::RegisterBenchmark((std::string("ComputePatterns/") + symbol).c_str(),
                                 BM_ComputePatterns, std::string(symbol));
  }
  benchmark::RegisterBenchmark("Frame/SPY", BM_Frame, std::string("SPY"));
  for (const qat::ta::PatternSpec& spec : qat::ta::AllPatterns()) {
    benchmark::RegisterBenchmark((std::string(spec.name) + "/SPY").c_str(), BM_Pattern,
                                 std::string("SPY"), &spec);
    if (spec.kernel != nullptr) {
      benchmark::RegisterBenchmark(("Kernel/" + std::string(spec.name) + "/SPY").c_str(),
                                   BM_Kernel, std::string("SPY"), &spec);
    }
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
