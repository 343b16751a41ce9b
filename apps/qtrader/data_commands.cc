// import, bars, symbols: moving bars between CSV files and the store.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "paths.h"
#include "qat/app/ingest.h"
#include "qat/core/clock.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "qat/data/symbol.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct ImportOptions {
  std::string symbol, input, interval = "1d", db, basis = "split", source, adjusted_through, actions;
  bool repair_ohlc = false, replace = false;
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

// Lines of one kind of quality finding shown after an import (qtrader check lists them all).
constexpr std::size_t kImportLinesPerKind = 5;

int RunImport(const ImportOptions& o) {
  if (o.input.empty() && o.actions.empty()) return Usage(Fail("import: give --input FILE, --actions FILE or both"));
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Usage(Fail("--interval: {}", interval.error().message));
  auto basis = data::ParsePriceBasis(o.basis);
  if (!basis.ok()) return Usage(Fail("--basis: {}", basis.error().message));
  auto symbol = data::ValidateSymbol(o.symbol);
  if (!symbol.ok()) return Usage(Fail("--symbol: {}", symbol.error().message));
  SystemClock clock;
  app::ImportRequest request{*symbol, *interval, o.input, o.actions, *basis, std::nullopt, o.source,
                             o.repair_ohlc, o.replace, clock.Now()};
  if (!o.adjusted_through.empty()) {
    auto day = ParseDate(o.adjusted_through);
    if (!day.ok()) return Usage(Fail("--adjusted-through: {}", day.error().message));
    if (*basis == data::PriceBasis::kRaw) return Usage(Fail("--adjusted-through goes with --basis split or split-dividend"));
    request.adjusted_through = *day;
  }
  auto imported = app::ImportCsv(ResolveDbPath(o.db), request, [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  });
  if (!imported.ok()) return Report(imported.error());
  for (const auto& warning : imported->warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  const auto& write = imported->write;
  const auto& report = imported->written;
  const data::BarSeries& series = write.bars;
  if (!series.empty()) {
    std::printf("imported %s %s: %zu bars (%s) from %s, %s-adjusted%s: %lld new, %lld updated, %lld unchanged\n",
                series.symbol.c_str(), std::string(data::IntervalName(series.interval)).c_str(), series.size(),
                RangeText(series).c_str(), write.origin.source.c_str(),
                std::string(data::PriceBasisName(*basis)).c_str(),
                *basis == data::PriceBasis::kRaw ? " (raw: as traded)" :
                    fmt::format(" through {}", FormatDate(write.origin.adjusted_through)).c_str(),
                static_cast<long long>(report.bars.inserted), static_cast<long long>(report.bars.updated),
                static_cast<long long>(report.bars.unchanged));
  }
  if (report.replaced > 0) {
    std::printf("  replaced the %lld bars stored before\n", static_cast<long long>(report.replaced));
  }
  if (report.overlap_sessions > 0) {
    std::printf("  join checked on %zu shared sessions with the stored bars: median close ratio %.4f\n",
                report.overlap_sessions, report.overlap_ratio);
  }
  if (!write.actions.empty()) {
    std::printf("imported %zu corporate actions of %s: %lld new, %lld updated, %lld unchanged\n",
                write.actions.size(), symbol->c_str(), static_cast<long long>(report.actions.inserted),
                static_cast<long long>(report.actions.updated), static_cast<long long>(report.actions.unchanged));
  }
  std::fflush(stdout);
  if (series.empty()) return kExitOk;
  const auto& quality = imported->quality;
  for (const auto& line : data::FormatIssues(quality, kImportLinesPerKind)) {
    std::fprintf(stderr, "warning: quality: %s\n", line.c_str());
  }
  if (!quality.clean()) {
    const std::string interval_name(data::IntervalName(series.interval));
    std::fprintf(stderr, "warning: quality: %zu issues in the stored %s %s series (details: qtrader check --symbol %s "
                 "--interval %s)\n",
                 quality.issues.size(), series.symbol.c_str(), interval_name.c_str(), series.symbol.c_str(),
                 interval_name.c_str());
  }
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
  auto symbol = data::ValidateSymbol(o.symbol);
  if (!symbol.ok()) return Usage(Fail("--symbol: {}", symbol.error().message));
  store::BarQuery query{*symbol, *interval, std::nullopt, std::nullopt};
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
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto bars = store::LoadBars(*db, query);
  if (!bars.ok()) return Report(bars.error());
  if (o.output.empty()) {
    data::WriteBarsCsv(*bars, std::cout);
    std::cout.flush();
    if (!std::cout) return Report(Fail(ErrorCode::kIo, "writing to standard output failed"));
  } else {
    std::ofstream out(o.output);
    if (!out) return Report(Fail(ErrorCode::kIo, "{}: cannot write", o.output));
    data::WriteBarsCsv(*bars, out);
    out.close();
    if (!out) return Report(Fail(ErrorCode::kIo, "{}: write failed (disk full?)", o.output));
    std::fprintf(stderr, "wrote %zu bars to %s\n", bars->size(), o.output.c_str());
  }
  return kExitOk;
}

int RunSymbols(const std::string& db_option) {
  const auto db_path = ResolveDbPath(db_option);
  auto db = store::OpenStore(db_path, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto list = store::ListSeries(*db);
  if (!list.ok()) return Report(list.error());
  std::printf("%-10s %-8s %8s  %-25s %s\n", "symbol", "interval", "bars", "range", "sources (basis)");
  for (const auto& s : *list) {
    auto text = [&](Timestamp t) {
      return data::IsIntraday(s.interval) ? FormatTimestampNewYork(t)
                                          : FormatDate(static_cast<Days>(t / kSecondsPerDay));
    };
    std::string sources;
    for (const auto& source : s.sources) sources += (sources.empty() ? "" : ", ") + source;
    std::printf("%-10s %-8s %8lld  %-25s %s\n", s.symbol.c_str(), std::string(data::IntervalName(s.interval)).c_str(),
                static_cast<long long>(s.bars), (text(s.first) + " .. " + text(s.last)).c_str(), sources.c_str());
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
                     "timestamp,open,high,low,close[,volume] (intraday, ISO 8601 with offset)");
  import->add_option("--basis", import_options->basis,
                     "What the file's prices are: raw (as traded), split (split-adjusted; adj_close, if "
                     "present, also for dividends: a Yahoo CSV download) or split-dividend (every price "
                     "adjusted for splits and dividends: Stooq)")
      ->capture_default_str();
  import->add_option("--adjusted-through", import_options->adjusted_through,
                     "With a split basis: the file holds every split up to this date (default: today; give "
                     "the download date of an old file)");
  import->add_option("--source", import_options->source,
                     "Name of the data's source (default csv:FILE_NAME). Bars of another source or basis "
                     "must share sessions with the stored ones, where they are checked to agree");
  import->add_option("--actions", import_options->actions,
                     "Corporate actions CSV (date,type,value as 'qtrader actions' prints: split ratio new "
                     "per old share, dividend per share), stored with the bars");
  import->add_flag("--replace", import_options->replace,
                   "Replace the stored bars of this symbol and interval instead of joining to them");
  import->add_option("--interval", import_options->interval,
                     "Bar interval: 1m 5m 15m 30m 1h 4h 1d 1wk")
      ->capture_default_str();
  import->add_flag("--repair-ohlc", import_options->repair_ohlc,
                   "Widen high/low to contain open and close instead of rejecting the file "
                   "(each repaired row is listed)");
  AddDbOption(import, import_options->db);
  import->footer("Example: qtrader import --symbol SPY --input data/daily/SPY.csv\n"
                 "A bad row stops the import with FILE:LINE and nothing is written. So does a file that\n"
                 "contradicts a stored split (a raw file declared split-adjusted, or the reverse) or\n"
                 "disagrees with stored bars of another source on the sessions both hold.\n"
                 "Columns the file lacks (adj_close, volume) never overwrite stored values.");
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
