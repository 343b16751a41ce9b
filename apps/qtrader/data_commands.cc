// import, bars, symbols: moving bars between CSV files and the store.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "paths.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct ImportOptions {
  std::string symbol, input, interval = "1d", db;
  bool repair_ohlc = false;
};

struct BarsOptions {
  std::string symbol, interval = "1d", start, end, db, output;
};

std::string RangeText(const data::BarSeries& s) {
  if (s.empty()) return "no bars";
  auto text = [&](std::size_t i) {
    return data::IsIntraday(s.interval) ? FormatTimestampNewYork(s.start[i]) : FormatDate(s.DayAt(i));
  };
  return text(0) + " .. " + text(s.size() - 1);
}

int Report(const Error& error) {
  std::fprintf(stderr, "error: %s\n", error.message.c_str());
  return kExitFailure;
}

int RunImport(const ImportOptions& o) {
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Report(interval.error());
  data::CsvReadOptions read_options;
  read_options.symbol = ToUpper(o.symbol);
  read_options.interval = *interval;
  read_options.repair_ohlc = o.repair_ohlc;
  std::fprintf(stderr, "reading %s\n", o.input.c_str());
  auto read = data::ReadBarsCsvFile(o.input, read_options);
  if (!read.ok()) return Report(read.error());
  for (const auto& warning : read->warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  const auto db_path = ResolveDbPath(o.db);
  auto db = store::OpenStore(db_path);
  if (!db.ok()) return Report(db.error());
  const data::BarSeries& series = read->series;
  std::fprintf(stderr, "writing %zu bars of %s %s into %s\n", series.size(), series.symbol.c_str(),
               std::string(data::IntervalName(series.interval)).c_str(), db_path.c_str());
  std::fflush(stderr);
  auto stats = store::UpsertBars(*db, series);
  if (!stats.ok()) return Report(stats.error());
  std::printf("imported %s %s: %zu bars (%s): %lld new, %lld updated, %lld unchanged\n",
              series.symbol.c_str(), std::string(data::IntervalName(series.interval)).c_str(),
              series.size(), RangeText(series).c_str(), static_cast<long long>(stats->inserted),
              static_cast<long long>(stats->updated), static_cast<long long>(stats->unchanged));
  std::fflush(stdout);
  PrintQualityWarnings(*db, series.symbol, series.interval);
  return kExitOk;
}

// A date bound covers the whole day: for intraday bars the New York calendar day.
Result<Timestamp> ParseBound(const std::string& text, bool end_of_day, data::Interval interval) {
  if (text.size() == 10) {
    QAT_ASSIGN_OR_RETURN(Days day, ParseDate(text));
    if (data::IsIntraday(interval)) {
      return end_of_day ? NewYorkTime(day + 1, 0) - 1 : NewYorkTime(day, 0);
    }
    return Timestamp{day} * kSecondsPerDay + (end_of_day ? kSecondsPerDay - 1 : 0);
  }
  return ParseTimestamp(text);
}

int RunBars(const BarsOptions& o) {
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Report(interval.error());
  store::BarQuery query{ToUpper(o.symbol), *interval, std::nullopt, std::nullopt};
  if (!o.start.empty()) {
    auto t = ParseBound(o.start, false, *interval);
    if (!t.ok()) return Report(Fail("--start: {}", t.error().message));
    query.from = *t;
  }
  if (!o.end.empty()) {
    auto t = ParseBound(o.end, true, *interval);
    if (!t.ok()) return Report(Fail("--end: {}", t.error().message));
    query.to = *t;
  }
  const auto db_path = ResolveDbPath(o.db);
  if (!std::filesystem::exists(db_path)) {
    return Report(Fail("{}: no store here yet (run 'qtrader import' or 'qtrader fetch' first)",
                       db_path.string()));
  }
  auto db = store::OpenStore(db_path);
  if (!db.ok()) return Report(db.error());
  auto bars = store::LoadBars(*db, query);
  if (!bars.ok()) return Report(bars.error());
  if (o.output.empty()) {
    data::WriteBarsCsv(*bars, std::cout);
    std::cout.flush();
  } else {
    std::ofstream out(o.output);
    if (!out) return Report(Fail("{}: cannot write", o.output));
    data::WriteBarsCsv(*bars, out);
    std::fprintf(stderr, "wrote %zu bars to %s\n", bars->size(), o.output.c_str());
  }
  return kExitOk;
}

int RunSymbols(const std::string& db_option) {
  const auto db_path = ResolveDbPath(db_option);
  auto db = store::OpenStore(db_path);
  if (!db.ok()) return Report(db.error());
  auto list = store::ListSeries(*db);
  if (!list.ok()) return Report(list.error());
  std::printf("%-10s %-8s %8s  %s\n", "symbol", "interval", "bars", "range");
  for (const auto& s : *list) {
    auto text = [&](Timestamp t) {
      return data::IsIntraday(s.interval) ? FormatTimestampNewYork(t)
                                          : FormatDate(static_cast<Days>(t / kSecondsPerDay));
    };
    std::printf("%-10s %-8s %8lld  %s .. %s\n", s.symbol.c_str(),
                std::string(data::IntervalName(s.interval)).c_str(),
                static_cast<long long>(s.bars), text(s.first).c_str(), text(s.last).c_str());
  }
  if (list->empty()) std::printf("(the store at %s holds no bars)\n", db_path.c_str());
  return kExitOk;
}

}  // namespace

void AddDataCommands(CLI::App& app) {
  auto import_options = std::make_shared<ImportOptions>();
  auto* import = app.add_subcommand(
      "import", "Import bars from a CSV file into the store (one transaction; re-importing "
                "overlapping data updates it in place)");
  import->add_option("--symbol", import_options->symbol, "Symbol to store the bars under (e.g. SPY, ^VIX)")
      ->required();
  import->add_option("--input", import_options->input,
                     "CSV file: date,open,high,low,close[,adj_close][,volume] (daily) or "
                     "timestamp,open,high,low,close[,volume] (intraday, ISO 8601 with offset)")
      ->required();
  import->add_option("--interval", import_options->interval,
                     "Bar interval: 1m 5m 15m 30m 1h 4h 1d 1wk")
      ->capture_default_str();
  import->add_flag("--repair-ohlc", import_options->repair_ohlc,
                   "Widen high/low to contain open and close instead of rejecting the file "
                   "(each repaired row is listed)");
  AddDbOption(import, import_options->db);
  import->footer("Example: qtrader import --symbol SPY --input data/daily/SPY.csv\n"
                 "A bad row stops the import with FILE:LINE and nothing is written.");
  import->callback([import_options] { CommandExitCode() = RunImport(*import_options); });

  auto bars_options = std::make_shared<BarsOptions>();
  auto* bars = app.add_subcommand("bars", "Print stored bars as CSV (the import format)");
  bars->add_option("--symbol", bars_options->symbol, "Symbol")->required();
  bars->add_option("--interval", bars_options->interval, "Bar interval")->capture_default_str();
  bars->add_option("--start", bars_options->start, "First date (YYYY-MM-DD or ISO timestamp)");
  bars->add_option("--end", bars_options->end, "Last date, inclusive");
  bars->add_option("--output", bars_options->output, "Write to this file instead of stdout");
  AddDbOption(bars, bars_options->db);
  bars->footer("Example: qtrader bars --symbol SPY --start 2024-01-01");
  bars->callback([bars_options] { CommandExitCode() = RunBars(*bars_options); });

  auto symbols_db = std::make_shared<std::string>();
  auto* symbols = app.add_subcommand("symbols", "List the series in the store with their ranges");
  AddDbOption(symbols, *symbols_db);
  symbols->callback([symbols_db] { CommandExitCode() = RunSymbols(*symbols_db); });
}

}  // namespace qat::cli
