// Candlestick patterns of group 2 (CDLEVENINGSTAR .. CDLMARUBOZU) on real daily bars
// (data/daily/SPY.csv, 7843 bars): one benchmark per pattern and one for all 20 together.
// items_per_second = bars per second.
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

namespace {

constexpr const char* kGroup2[] = {
    "CDLEVENINGSTAR",    "CDLGAPSIDESIDEWHITE", "CDLGRAVESTONEDOJI",  "CDLHAMMER",
    "CDLHANGINGMAN",     "CDLHARAMI",           "CDLHARAMICROSS",     "CDLHIGHWAVE",
    "CDLHIKKAKE",        "CDLHIKKAKEMOD",       "CDLHOMINGPIGEON",    "CDLIDENTICAL3CROWS",
    "CDLINNECK",         "CDLINVERTEDHAMMER",   "CDLKICKING",         "CDLKICKINGBYLENGTH",
    "CDLLADDERBOTTOM",   "CDLLONGLEGGEDDOJI",   "CDLLONGLINE",        "CDLMARUBOZU"};

struct Bars {
  std::vector<double> open, high, low, close;
};

const Bars& Spy() {
  static const Bars kBars = [] {
    const std::string path = std::string(QAT_SOURCE_DIR) + "/data/daily/SPY.csv";
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
    while (std::getline(in, line)) {
      if (line.empty()) continue;
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
  }();
  return kBars;
}

qat::ta::OhlcView View(const Bars& b) { return {b.open, b.high, b.low, b.close}; }

void BM_Pattern(benchmark::State& state, const qat::ta::PatternSpec* spec) {
  const qat::ta::OhlcView view = View(Spy());
  const qat::ta::CandleSettings& settings = qat::ta::DefaultCandleSettings();
  for (auto _ : state) benchmark::DoNotOptimize(spec->compute(view, settings));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(view.size()));
}

void BM_Group2All(benchmark::State& state) {
  const qat::ta::OhlcView view = View(Spy());
  const qat::ta::CandleSettings& settings = qat::ta::DefaultCandleSettings();
  std::vector<const qat::ta::PatternSpec*> specs;
  for (const char* name : kGroup2) specs.push_back(qat::ta::FindPattern(name));
  for (auto _ : state) {
    for (const auto* spec : specs) benchmark::DoNotOptimize(spec->compute(view, settings));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(view.size()));
}
BENCHMARK(BM_Group2All);

const bool kRegistered = [] {
  for (const char* name : kGroup2) {
    const qat::ta::PatternSpec* spec = qat::ta::FindPattern(name);
    if (spec == nullptr) {
      std::fprintf(stderr, "pattern %s is not registered\n", name);
      std::exit(1);
    }
    benchmark::RegisterBenchmark(name, BM_Pattern, spec);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
