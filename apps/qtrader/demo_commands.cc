// demo: the whole pipeline on the bundled real data, with a readable summary.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "commands.h"
#include "paths.h"
#include "qat/core/clock.h"
#include "qat/core/file_set.h"
#include "qat/data/csv.h"
#include "qat/pipeline/demo.h"
#include "qat/reports/manifest.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"

#ifndef QAT_DEFAULT_DATA_DIR
#define QAT_DEFAULT_DATA_DIR "data"
#endif

namespace qat::cli {
namespace {

struct DemoOptions {
  std::string db, data_dir = QAT_DEFAULT_DATA_DIR;
  std::uint64_t seed = 42;
  int horizon = 5;
  int jobs = 0;  // 0 = DefaultJobs(1)
  bool quiet = false, import_into_db = false;
};

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

void PrintStrategy(const pipeline::StrategyResult& s) {
  std::printf("  %-28s %+8.1f%%  %6.2f  %7.1f%%  %6zu  %8s\n", s.name.c_str(),
              100 * s.metrics.total_return, s.metrics.sharpe, 100 * s.metrics.max_drawdown,
              s.run.trades.size(), s.run.trades.empty() ? "-" : fmt::format("{:.0f}%", 100 * s.win_rate).c_str());
}

int RunDemoCommand(const DemoOptions& o) {
  if (!o.db.empty() && !o.import_into_db) {
    std::fprintf(stderr, "error: demo --db %s: the demo imports the bundled files into the store it uses, "
                 "updating the bars it holds for the same sessions; add --import-into-db to do that to this store (without --db the "
                 "demo uses a store of its own in its run folder)\n", o.db.c_str());
    return kExitUsage;
  }
  const auto home = DataHome();
  SystemClock clock;
  const Timestamp now = clock.Now();
  std::string stamp = FormatTimestampUtc(now);
  stamp.erase(std::remove_if(stamp.begin(), stamp.end(), [](char c) { return c == '-' || c == ':'; }), stamp.end());
  // The run folder is built beside its final name and moved there whole at the end.
  auto run = FileSetWriter::Begin(home / "runs" / ("demo-" + stamp));
  if (!run.ok()) return std::fprintf(stderr, "error: %s\n", run.error().message.c_str()), kExitFailure;
  const auto db_path = o.import_into_db ? ResolveDbPath(o.db) : run->PathFor("store.db");
  std::printf("qtrader demo: bundled real data -> features -> XGBoost walk-forward -> backtest\n");
  std::printf("store: %s\n", o.import_into_db ? db_path.c_str() : (run->target() / "store.db").c_str());
  auto db = store::OpenStore(db_path, store::OpenMode::kCreate);
  if (!db.ok()) return std::fprintf(stderr, "error: %s\n", db.error().message.c_str()), kExitFailure;
  if (auto imported = ImportBundled(*db, o.data_dir); !imported.ok()) {
    std::fprintf(stderr, "error: importing bundled data from %s: %s\n", o.data_dir.c_str(),
                 imported.error().message.c_str());
    return kExitFailure;
  }
  pipeline::DemoConfig config;
  config.labels.horizon = o.horizon;
  config.walk_forward.embargo_sessions = std::max(config.walk_forward.embargo_sessions, o.horizon);
  config.classifier.seed = o.seed;
  config.jobs = o.jobs > 0 ? o.jobs : DefaultJobs(config.classifier.threads);
  auto progress = [&](const std::string& line) {
    if (!o.quiet) std::printf("  %s\n", line.c_str());
    std::fflush(stdout);
  };
  auto result = pipeline::RunDemo(*db, config, progress);
  if (!result.ok()) return std::fprintf(stderr, "error: %s\n", result.error().message.c_str()), kExitFailure;
  const auto& r = *result;

  std::printf("\nClassifier (BUY/SELL/HOLD at %d bars), out of sample, per fold:\n", o.horizon);
  std::printf("  %-4s %-23s %7s %9s %9s %10s\n", "fold", "test period", "rows", "accuracy",
              "majority", "direction");
  for (std::size_t k = 0; k < r.folds.size(); ++k) {
    const auto& f = r.folds[k];
    std::printf("  %-4zu %s..%s %7zu %9.3f %9.3f %10.3f\n", k + 1, FormatDate(f.fold.test_start).c_str(),
                FormatDate(f.fold.test_end).c_str(), f.report.n, f.report.accuracy,
                f.report.baseline_accuracy, f.report.directional_accuracy);
  }
  std::printf("  %-4s %-23s %7zu %9.3f %9.3f %10.3f\n", "all", "", r.oos.n, r.oos.accuracy,
              r.oos.baseline_accuracy, r.oos.directional_accuracy);
  std::printf("  (majority = always predicting the training period's most common class;\n"
              "   direction = on rows predicted BUY or SELL, share with the right sign)\n");

  std::printf("\nBacktest of out-of-sample BUY signals, %s..%s, $%s start, costs $%s/order + %.0f bps:\n",
              FormatDate(r.strategy.run.days.front()).c_str(), FormatDate(r.strategy.run.days.back()).c_str(),
              portfolio::FormatCents(config.backtest.initial_cash).c_str(),
              portfolio::FormatCents(config.backtest.costs.commission_per_order).c_str(),
              config.backtest.costs.slippage_bps);
  std::printf("  %-28s %9s  %6s  %8s  %6s  %8s\n", "", "return", "Sharpe", "max DD", "trades", "win rate");
  PrintStrategy(r.strategy);
  PrintStrategy(r.buy_and_hold);
  PrintStrategy(r.spy_buy_and_hold);
  std::printf("  (price returns, dividends not credited to any line; past results do not predict future ones)\n");

  // Result and manifest, with the store (closed first, so that it is one file) when it is the run's own.
  nlohmann::json config_json = config.ToJson();
  auto wrote = run->Write("result.json", r.ToJson().dump(2) + "\n");
  if (wrote.ok()) {
    wrote = run->Write("manifest.json", reports::MakeManifest(r.inputs, config_json, o.seed, now).dump(2) + "\n");
  }
  if (!wrote.ok()) return std::fprintf(stderr, "error: %s\n", wrote.error().message.c_str()), kExitFailure;
  { store::Database closing = std::move(*db); }  // closed: the WAL is checkpointed into the file
  auto committed = run->Commit();
  if (!committed.ok()) return std::fprintf(stderr, "error: %s\n", committed.error().message.c_str()), kExitFailure;
  std::string names;
  for (const auto& name : *committed) names += (names.empty() ? "" : ",") + name;
  std::printf("\nwrote %s/{%s,SHA256SUMS}\n", run->target().c_str(), names.c_str());
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  auto* demo = app.add_subcommand(
      "demo", "Run the whole pipeline on the bundled real data (SPY QQQ AAPL MSFT GOOGL TSLA, VIX)");
  AddDbOption(demo, o->db);
  demo->add_option("--data-dir", o->data_dir, "Folder with the bundled CSV files")->capture_default_str();
  demo->add_option("--seed", o->seed, "XGBoost seed")->capture_default_str()->check(WholeNumber());
  demo->add_option("--horizon", o->horizon, "Label horizon and holding period in bars")
      ->capture_default_str()
      ->check(CLI::Range(1, 21));
  demo->add_option("--jobs", o->jobs,
                   "Walk-forward folds trained at once, each on its own thread (default: hardware threads, "
                   "here " + std::to_string(DefaultJobs(1)) + "). Only the time depends on it: the results are "
                   "the same for any value")
      ->check(CLI::Range(1, 256));
  demo->add_flag("--quiet", o->quiet, "Print only the summary");
  demo->add_flag("--import-into-db", o->import_into_db,
                 "With --db: import the bundled files into that store (bars it holds for the same sessions are updated where they agree, refused where they do not) and run "
                 "there, instead of in a store of the run's own");
  demo->footer(
      "Imports the bundled files into a store of its own, builds features and 5-bar\n"
      "BUY/SELL/HOLD labels, trains XGBoost in an expanding walk-forward with purge and\n"
      "embargo, backtests the out-of-sample BUY signals and writes the run folder\n"
      "$QTRADER_HOME/runs/demo-<UTC time>/ (result.json, manifest.json, store.db, SHA256SUMS),\n"
      "built beside it and moved into place whole. Your own store is not touched.");
  demo->callback([o] { CommandExitCode() = RunDemoCommand(*o); });
}

}  // namespace qat::cli
