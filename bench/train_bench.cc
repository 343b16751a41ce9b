// Training cost on the real feature matrix of `qtrader train`'s final model: the bundled six
// symbols (SPY, ^VIX context), horizon 5, the last 730 days of labelled rows, with the
// parameters of pipeline::TrainConfig (one thread, 64 bins; quantiles without early stopping).
//
// The matrix is exported (QAT_TRAIN_MATRIX, default /tmp/qat_train_matrix) so that
// bench/xgboost_python.py trains the same data with the same parameters in Python xgboost:
//   <path>.json  {rows, cols, features, classifier{...}, quantiles{...}}
//   <path>.x     rows x cols float32, row-major (NaN = missing)
//   <path>.y     rows float32 class ids (SELL 0, HOLD 1, BUY 2)
//   <path>.r     rows float64 5-bar forward returns
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "qat/data/csv.h"
#include "qat/models/classifier.h"
#include "qat/models/dataset.h"
#include "qat/models/quantile.h"
#include "qat/pipeline/training.h"

namespace {

using namespace qat;

struct Matrix {
  std::size_t rows = 0, cols = 0;
  std::vector<float> x, y;
  std::vector<double> r;
  std::vector<std::string> names;
};

data::BarSeries Load(const char* symbol, const char* file, bool repair) {
  data::CsvReadOptions options;
  options.symbol = symbol;
  options.repair_ohlc = repair;
  auto bars = data::ReadBarsCsv(std::filesystem::path(QAT_SOURCE_DIR) / "data" / file, options);
  if (!bars.ok()) {
    std::fprintf(stderr, "%s\n", bars.error().message.c_str());
    std::exit(1);
  }
  return *bars;
}

void Export(const Matrix& m, const std::string& path) {
  const pipeline::TrainConfig config;  // the parameters `qtrader train` uses
  const models::ClassifierParams& c = config.classifier;
  const models::QuantileParams& q = config.quantiles;
  nlohmann::json header = {
      {"rows", m.rows}, {"cols", m.cols}, {"features", m.names},
      {"classifier",
       {{"rounds", c.rounds}, {"max_depth", c.max_depth}, {"max_bin", c.max_bin}, {"eta", c.eta}, {"subsample", c.subsample},
        {"colsample_bytree", c.colsample_bytree}, {"min_child_weight", c.min_child_weight},
        {"threads", c.threads}, {"seed", c.seed}}},
      {"quantiles",
       {{"rounds", q.rounds}, {"max_depth", q.max_depth}, {"max_bin", q.max_bin}, {"eta", q.eta}, {"subsample", q.subsample},
        {"colsample_bytree", q.colsample_bytree}, {"min_child_weight", q.min_child_weight},
        {"lambda", q.lambda}, {"threads", q.threads}, {"seed", q.seed}, {"levels", models::kQuantileLevels}}}};
  std::ofstream(path + ".json") << header.dump(2) << "\n";
  std::ofstream(path + ".x", std::ios::binary)
      .write(reinterpret_cast<const char*>(m.x.data()), static_cast<std::streamsize>(m.x.size() * sizeof(float)));
  std::ofstream(path + ".y", std::ios::binary)
      .write(reinterpret_cast<const char*>(m.y.data()), static_cast<std::streamsize>(m.y.size() * sizeof(float)));
  std::ofstream(path + ".r", std::ios::binary)
      .write(reinterpret_cast<const char*>(m.r.data()), static_cast<std::streamsize>(m.r.size() * sizeof(double)));
}

const Matrix& TrainingMatrix() {
  static Matrix m = [] {
    std::vector<data::BarSeries> series;
    for (const char* s : {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"}) {
      series.push_back(Load(s, (std::string("daily/") + s + ".csv").c_str(), false));
    }
    const data::BarSeries spy = series[0], vix = Load("^VIX", "macro/VIX.csv", true);
    Days end = INT32_MAX;
    for (const auto& s : series) end = std::min(end, s.DayAt(s.size() - 1));
    models::DatasetOptions options;
    options.last_day = end;
    auto ds = models::BuildDataset(series, {&spy, &vix}, options);
    if (!ds.ok()) {
      std::fprintf(stderr, "%s\n", ds.error().message.c_str());
      std::exit(1);
    }
    Days last = INT32_MIN;
    for (Days d : ds->day) last = std::max(last, d);
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < ds->rows(); ++i) {
      if (ds->day[i] > last - 730) rows.push_back(i);
    }
    Matrix out;
    out.rows = rows.size();
    out.cols = ds->cols;
    out.names = ds->feature_names;
    out.x = ds->Rows(rows);
    for (std::size_t i : rows) {
      out.y.push_back(ds->y[i]);
      out.r.push_back(ds->forward_return[i]);
    }
    const char* env = std::getenv("QAT_TRAIN_MATRIX");
    Export(out, env ? env : "/tmp/qat_train_matrix");
    return out;
  }();
  return m;
}

void BM_TrainClassifier(benchmark::State& state) {
  const Matrix& m = TrainingMatrix();
  for (auto _ : state) {
    auto booster = models::TrainClassifier(m.x, m.cols, m.y, 3, pipeline::TrainConfig{}.classifier);
    if (!booster.ok()) state.SkipWithError(booster.error().message.c_str());
    benchmark::DoNotOptimize(booster);
  }
  state.counters["rows"] = double(m.rows);
  state.counters["cols"] = double(m.cols);
}
BENCHMARK(BM_TrainClassifier)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_TrainQuantiles(benchmark::State& state) {
  const Matrix& m = TrainingMatrix();
  for (auto _ : state) {
    auto model = models::TrainQuantileModel(m.x, m.cols, m.r, pipeline::TrainConfig{}.quantiles);
    if (!model.ok()) state.SkipWithError(model.error().message.c_str());
    benchmark::DoNotOptimize(model);
  }
  state.counters["rows"] = double(m.rows);
}
BENCHMARK(BM_TrainQuantiles)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
