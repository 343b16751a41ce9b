// features: compute every registered feature of a daily CSV, or list the registry.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <tuple>

#include "commands.h"
#include "output_file.h"
#include "paths.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "qat/data/symbol.h"
#include "qat/features/features.h"
#include "qat/app/features.h"

namespace qat::cli {
namespace {

struct FeatureOptions {
  std::string input, market, vix, output, interval = "1d", symbol, db;
  bool list = false;
};

// Reads a daily CSV; the symbol is the file name's stem. `repair` widens high/low to contain
// open/close (the VIX source has known bad opens) and reports each repaired row.
Result<data::BarSeries> ReadDaily(const std::string& path, bool repair, bool quiet_repairs) {
  data::CsvReadOptions options;
  options.symbol = ToUpper(std::filesystem::path(path).stem().string());
  options.interval = data::Interval::k1d;  // an intraday file fails: its `timestamp` column is not daily
  options.repair_ohlc = repair;
  QAT_ASSIGN_OR_RETURN(auto read, data::ReadBarsCsvFile(path, options));
  if (read.series.interval != data::Interval::k1d) {
    return Fail("{}: features need daily bars (a `date` column), got {} bars", path,
                std::string(data::IntervalName(read.series.interval)));
  }
  if (quiet_repairs && !read.warnings.empty()) {
    std::fprintf(stderr, "%s: repaired %zu rows whose open or close was outside [low, high]\n", path.c_str(),
                 read.warnings.size());
  } else {
    for (const auto& warning : read.warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  }
  return std::move(read.series);
}

int RunList() {
  std::printf("%-28s %8s  %s\n", "name", "lookback", "description");
  for (const auto& spec : features::FeatureRegistry()) {
    std::printf("%-28s %8d  %s\n", spec.name.c_str(), spec.lookback, spec.description.c_str());
  }
  return kExitOk;
}

void WriteFrame(const data::BarSeries& bars, const features::FeatureFrame& frame, std::ostream& out) {
  out << "date";
  for (const auto& name : frame.names) out << ',' << name;
  out << '\n';
  for (std::size_t t = 0; t < frame.rows; ++t) {
    out << FormatDate(bars.DayAt(t));
    for (const auto& column : frame.columns) {
      out << ',';
      if (!std::isnan(column[t])) out << Format17(column[t]);
    }
    out << '\n';
  }
}

// Writes the frame to --output (or standard output), checking every write.
int WriteFeatures(const FeatureOptions& o, const data::BarSeries& bars, const features::FeatureFrame& frame) {
  if (o.output.empty() || o.output == "-") {
    WriteFrame(bars, frame, std::cout);
    std::cout.flush();
    if (!std::cout) return Report(Fail(ErrorCode::kIo, "writing to standard output failed"));
    return kExitOk;
  }
  std::ofstream out(o.output);
  if (!out) return Report(Fail(ErrorCode::kIo, "{}: cannot write", o.output));
  WriteFrame(bars, frame, out);
  out.close();
  if (!out) return Report(Fail(ErrorCode::kIo, "{}: write failed", o.output));
  std::fprintf(stderr, "wrote %zu rows x %zu features of %s to %s\n", frame.rows, frame.names.size(),
               bars.symbol.c_str(), o.output.c_str());
  return kExitOk;
}

int RunFeatures(const FeatureOptions& o) {
  if (o.list) return RunList();
  if (o.input.empty() == o.symbol.empty()) {
    return Usage(Fail("features: give --input FILE.csv (a file) or --symbol SYMBOL (from the store), or --list"));
  }
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Usage(Fail("--interval: {}", interval.error().message));
  if (*interval != data::Interval::k1d) {
    return Usage(Fail("--interval {}: features are computed from daily bars only (1d); resample "
                      "intraday bars to 1d first ('qtrader resample')",
                      data::IntervalName(*interval)));
  }
  std::optional<data::BarSeries> bars, market, vix;
  if (!o.symbol.empty()) {
    // The symbol, and the context symbols when given ("" keeps the defaults).
    app::StoredFeaturesRequest request;
    for (auto [option, value, out] : {std::tuple{"--symbol", &o.symbol, &request.symbol},
                                      std::tuple{"--market", &o.market, &request.market},
                                      std::tuple{"--vix", &o.vix, &request.vix}}) {
      if (value->empty()) continue;
      auto valid = data::ValidateSymbol(*value);
      if (!valid.ok()) return Usage(valid.error().WithContext(option));
      *out = *valid;
    }
    auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
    if (!db.ok()) return Report(db.error());
    auto stored = app::ComputeStoredFeatures(*db, request);
    if (!stored.ok()) return Report(stored.error());
    for (const auto& name : stored->missing_context) {
      std::fprintf(stderr, "note: %s is not stored: its context features are left empty\n", name.c_str());
    }
    return WriteFeatures(o, stored->bars, stored->frame);
  } else if (auto same = CheckOutputIsNotInput(o.output, {{"--input", o.input}, {"--market", o.market}, {"--vix", o.vix}});
             !same.ok()) {
    return Usage(same.error());
  } else {
    auto read = ReadDaily(o.input, false, false);
    if (!read.ok()) return Report(read.error());
    bars = std::move(*read);
  }
  if (!o.market.empty()) {
    auto read = ReadDaily(o.market, false, false);
    if (!read.ok()) return Report(read.error());
    market = std::move(read).value();
  }
  if (!o.vix.empty()) {
    auto read = ReadDaily(o.vix, true, true);
    if (!read.ok()) return Report(read.error());
    vix = std::move(read).value();
  }
  auto frame = features::ComputeFeatures(*bars, {market ? &*market : nullptr, vix ? &*vix : nullptr});
  if (!frame.ok()) return Report(frame.error());
  return WriteFeatures(o, *bars, *frame);
}

}  // namespace

void AddFeatureCommands(CLI::App& app) {
  auto options = std::make_shared<FeatureOptions>();
  auto* cmd = app.add_subcommand(
      "features",
      "Compute every registered feature of a daily CSV (date,open,high,low,close[,adj_close,volume]) "
      "and write `date` plus one column per feature (empty where undefined), or --list the registry.");
  cmd->add_option("--input", options->input, "daily bars CSV of the symbol");
  cmd->add_option("--symbol", options->symbol,
                  "instead of --input: the symbol's daily bars from the store, adjusted as every analytic "
                  "reads them (then --market and --vix name stored symbols, default SPY and ^VIX)");
  cmd->add_option("--market", options->market, "daily bars CSV of the market (SPY) for cross-asset features");
  cmd->add_option("--vix", options->vix, "daily ^VIX CSV (open/high/low repaired where inconsistent)");
  AddDbOption(cmd, options->db);
  cmd->add_option("--output", options->output, "output CSV (default: standard output); never one of the inputs");
  cmd->add_option("--interval", options->interval,
                  "bar interval of the inputs: features are daily, so only 1d is accepted (an intraday "
                  "file is refused; resample it to 1d first)")
      ->capture_default_str();
  cmd->add_flag("--list", options->list, "print each feature's name, lookback and description");
  cmd->callback([options] { CommandExitCode() = RunFeatures(*options); });
}

}  // namespace qat::cli
