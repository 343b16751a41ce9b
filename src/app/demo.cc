#include "qat/app/demo.h"

#include <algorithm>

#include "qat/app/confluence.h"
#include "qat/app/training.h"
#include "qat/core/file_set.h"
#include "qat/data/csv.h"
#include "qat/reports/manifest.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"

namespace qat::app {
namespace {

struct BundledFile {
  const char* symbol;
  const char* path;
  bool repair_ohlc;
  data::PriceBasis basis;
};

// The bundled files the demo needs, with the basis data/PROVENANCE.md gives each source
// (Yahoo downloads split-adjusted, Stooq split- and dividend-adjusted); ^VIX's source has
// known bad opens.
constexpr BundledFile kBundled[] = {
    {"SPY", "daily/SPY.csv", false, data::PriceBasis::kSplit},
    {"QQQ", "daily/QQQ.csv", false, data::PriceBasis::kSplit},
    {"AAPL", "daily/AAPL.csv", false, data::PriceBasis::kSplitDividend},
    {"MSFT", "daily/MSFT.csv", false, data::PriceBasis::kSplitDividend},
    {"GOOGL", "daily/GOOGL.csv", false, data::PriceBasis::kSplit},
    {"TSLA", "daily/TSLA.csv", false, data::PriceBasis::kSplit},
    {"^VIX", "macro/VIX.csv", true, data::PriceBasis::kSplit},
};

Status ImportBundled(store::Database& db, const std::filesystem::path& data_dir) {
  for (const auto& file : kBundled) {
    data::CsvReadOptions options;
    options.symbol = file.symbol;
    options.repair_ohlc = file.repair_ohlc;
    QAT_ASSIGN_OR_RETURN(auto read, data::ReadBarsCsvFile(data_dir / file.path, options));
    store::SeriesWrite write;
    write.bars = std::move(read.series);
    write.origin.basis = file.basis;
    write.origin.source = "csv:" + std::filesystem::path(file.path).filename().string();
    write.has_adj_close = read.has_adj_close;
    write.has_volume = read.has_volume;
    QAT_RETURN_IF_ERROR(store::WriteSeries(db, write));
  }
  return Ok();
}

// The models of tomorrow's signals, trained into `models` (a temporary folder).
Result<SignalsReport> DemoSignals(store::Database& db, const DemoRequest& r, const std::filesystem::path& models,
                                  signals::ConfluenceEvaluation& evaluation, pipeline::ProbUpCalibration& prob_up,
                                  const pipeline::Progress& progress) {
  const pipeline::DemoConfig& c = r.config;
  TrainRequest train;
  train.config.symbols = c.symbols;
  train.config.market = c.market;
  train.config.vix = c.vix;
  train.config.labels.horizon = c.labels.horizon;
  train.config.walk_forward.embargo_sessions = std::max(train.config.walk_forward.embargo_sessions, c.labels.horizon);
  train.config.classifier.seed = c.classifier.seed;
  train.config.quantiles.seed = c.classifier.seed;
  train.config.jobs = c.jobs;
  train.model_dir = models;
  train.now = r.now;
  if (progress) progress("signals: training the model set for tomorrow's forecasts");
  QAT_ASSIGN_OR_RETURN(auto trained, TrainAndPublish(db, train, [](const std::string&) {}));
  prob_up = std::move(trained.result.prob_up_calibration);
  ConfluenceRequest confluence;
  confluence.symbols = c.symbols;
  confluence.market = c.market;
  confluence.model_dir = models;
  confluence.config.horizon = c.labels.horizon;
  confluence.config.embargo_sessions = c.labels.horizon;
  confluence.config.timeframes = {signals::Timeframe::k1d, signals::Timeframe::k1w};
  if (progress) progress("signals: fitting the confluence combiner (1d, 1w) in walk-forward");
  QAT_ASSIGN_OR_RETURN(auto fit, RunConfluence(db, confluence, {}));
  QAT_RETURN_IF_ERROR(PublishConfluence(fit, models));
  evaluation = std::move(fit.evaluation);
  SignalsRequest request;
  request.symbols = c.symbols;
  request.model_dir = models;
  request.horizon = c.labels.horizon;
  request.account.cash = portfolio::MicrosToCents(c.backtest.initial_cash);
  return ComputeSignals(db, request);
}

// A folder removed with everything in it when this goes out of scope.
struct ScratchFolder {
  std::filesystem::path path;
  ~ScratchFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

std::filesystem::path DemoRunDir(const std::filesystem::path& runs_dir, Timestamp now) {
  std::string stamp = FormatTimestampUtc(now);
  stamp.erase(std::remove_if(stamp.begin(), stamp.end(), [](char c) { return c == '-' || c == ':'; }), stamp.end());
  return runs_dir / ("demo-" + stamp);
}

std::filesystem::path DemoStorePath(const DemoRequest& r) {
  return r.user_store ? *r.user_store : DemoRunDir(r.runs_dir, r.now) / "store.db";
}

Result<DemoReport> RunDemoInFolder(const DemoRequest& r, const pipeline::Progress& progress) {
  // The run folder is built beside its final name and moved there whole at the end.
  QAT_ASSIGN_OR_RETURN(auto run, FileSetWriter::Begin(DemoRunDir(r.runs_dir, r.now)));
  const auto db_path = r.user_store ? *r.user_store : run.PathFor("store.db");
  DemoReport report;
  {
    QAT_ASSIGN_OR_RETURN(auto db, store::OpenStore(db_path, store::OpenMode::kCreate));
    if (auto imported = ImportBundled(db, r.data_dir); !imported.ok()) {
      return imported.error().WithContext(fmt::format("importing bundled data from {}", r.data_dir.string()));
    }
    QAT_ASSIGN_OR_RETURN(report.result, pipeline::RunDemo(db, r.config, progress));
    const ScratchFolder models{r.runs_dir / (".models-" + DemoRunDir(r.runs_dir, r.now).filename().string())};
    QAT_ASSIGN_OR_RETURN(report.signals, DemoSignals(db, r, models.path, report.confluence, report.prob_up_calibration,
                                                      progress));
  }  // the store is closed: its WAL is checkpointed into the one file
  QAT_RETURN_IF_ERROR(run.Write("result.json", report.result.ToJson().dump(2) + "\n"));
  QAT_RETURN_IF_ERROR(run.Write("signals.json", report.signals.ToJson().dump(2) + "\n"));
  QAT_RETURN_IF_ERROR(run.Write("confluence_evaluation.json", report.confluence.ToJson().dump(2) + "\n"));
  QAT_RETURN_IF_ERROR(run.Write(
      "manifest.json",
      reports::MakeManifest(report.result.inputs, r.config.ToJson(), r.config.classifier.seed, r.now).dump(2) + "\n"));
  QAT_ASSIGN_OR_RETURN(report.files, run.Commit());
  report.run_dir = run.target();
  return report;
}

}  // namespace qat::app
