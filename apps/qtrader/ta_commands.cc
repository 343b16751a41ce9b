// ta: TA-Lib-compatible candlestick patterns and indicators for an OHLCV CSV file.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "output_file.h"
#include "qat/core/strings.h"
#include "qat/core/time.h"
#include "qat/data/csv.h"
#include "qat/ta/outputs.h"

namespace qat::cli {
namespace {

struct TaOptions {
  std::string input, output, only, interval;
  bool list = false;
};

int ListColumns() {
  for (const auto& col : ta::OutputColumns()) {
    std::printf("%-20s %s\n", std::string(col.name).c_str(), std::string(col.function).c_str());
  }
  return kExitOk;
}

int RunTa(const TaOptions& o) {
  if (o.list) return ListColumns();
  if (o.input.empty() || o.output.empty()) {
    std::fprintf(stderr, "error: ta needs --input FILE.csv and --output OUT.csv (see 'qtrader ta --help')\n");
    return kExitUsage;
  }
  std::vector<std::size_t> selected;
  if (o.only.empty()) {
    for (std::size_t i = 0; i < ta::OutputColumns().size(); ++i) selected.push_back(i);
  } else {
    auto picked = ta::SelectOutputs(o.only);
    if (!picked.ok()) return Report(picked.error().WithContext("--only"));
    selected = std::move(picked).value();
  }
  data::CsvReadOptions read;
  if (!o.interval.empty()) {
    auto interval = data::ParseInterval(o.interval);
    if (!interval.ok()) {
      std::fprintf(stderr, "error: --interval: %s\n", interval.error().message.c_str());
      return kExitUsage;
    }
    read.interval = *interval;
  }
  if (auto same = CheckOutputIsNotInput(o.output, {{"--input", o.input}}); !same.ok()) {
    std::fprintf(stderr, "error: %s\n", same.error().message.c_str());
    return kExitUsage;
  }
  auto series = data::ReadBarsCsv(o.input, read);
  if (!series.ok()) return Report(series.error());
  const data::BarSeries& s = *series;
  const ta::OhlcvView bars{s.open, s.high, s.low, s.close, s.volume};
  auto computed = ta::ComputeOutputs(bars, selected);
  if (!computed.ok()) return Report(computed.error());

  std::FILE* out = o.output == "-" ? stdout : std::fopen(o.output.c_str(), "wb");
  if (out == nullptr) return Report(Fail("{}: cannot open for writing", o.output));
  const bool intraday = data::IsIntraday(s.interval);
  std::string buffer;
  buffer.reserve(1 << 20);
  buffer += intraday ? "timestamp" : "date";
  for (const auto& c : *computed) {
    buffer += ',';
    buffer += c.column->name;
  }
  buffer += '\n';
  char number[32];
  bool write_failed = false;
  for (std::size_t r = 0; r < s.size(); ++r) {
    buffer += intraday ? FormatTimestampNewYork(s.start[r]) : FormatDate(s.DayAt(r));
    for (const auto& c : *computed) {
      buffer += ',';
      if (r < c.first_defined) continue;
      if (c.column->kind == ta::OutputKind::kPattern) {
        const int len = std::snprintf(number, sizeof number, "%d", c.pattern[r]);
        buffer.append(number, static_cast<std::size_t>(len));
      } else if (!std::isnan(c.real[r])) {
        buffer += Format17(c.real[r]);
      }
    }
    buffer += '\n';
    if (buffer.size() > (1 << 20) - 4096) {
      write_failed |= std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size();
      buffer.clear();
    }
  }
  write_failed |= std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size();
  if (out != stdout) write_failed |= std::fclose(out) != 0;
  if (write_failed) return Report(Fail("{}: write failed", o.output));
  std::fprintf(stderr, "ta: %zu rows x %zu columns -> %s\n", s.size(), computed->size(), o.output.c_str());
  return kExitOk;
}

}  // namespace

void AddTaCommands(CLI::App& app) {
  auto options = std::make_shared<TaOptions>();
  auto* ta = app.add_subcommand(
      "ta", "Compute TA-Lib-compatible candlestick patterns and indicators for a CSV of bars");
  ta->add_option("--input", options->input,
                 "Bars CSV: date,open,high,low,close[,adj_close],volume (daily) or "
                 "timestamp,open,high,low,close,volume (intraday); validated like 'import'");
  ta->add_option("--output", options->output, "Output CSV ('-' for stdout); never one of the inputs");
  ta->add_option("--interval", options->interval,
                 "Bar interval of the input: 1m 5m 15m 30m 1h 4h (required for a `timestamp` file), "
                 "1d (the default for a `date` file) or 1wk; the timestamps must match it");
  ta->add_option("--only", options->only,
                 "Comma-separated functions or columns to write (default: all 85). A function "
                 "selects all its columns (MACD -> MACD_macd,MACD_signal,MACD_hist); names are "
                 "case-insensitive");
  ta->add_flag("--list", options->list, "Print the 85 output columns and their functions, then exit");
  ta->footer(
      "Output: one row per input bar: `date` (or `timestamp`) and one column per output, named\n"
      "and parameterized as TA-Lib's functions (docs/ta.md):\n"
      "  CDL2CROWS .. CDLXSIDEGAP3METHODS  61 candlestick patterns: -200/-100/-80/0/80/100/200\n"
      "  SMA, EMA (20)  RSI (14)  ATR, NATR (14)  MACD_macd/_signal/_hist (12,26,9)\n"
      "  BBANDS_upper/_middle/_lower (20, 2, 2, SMA)  ADX, PLUS_DI, MINUS_DI, CCI, MFI (14)  OBV\n"
      "  STOCH_slowk/_slowd (5, 3 SMA, 3 SMA)  WILLR (14)  ROC, MOM (10)  AROONOSC (14)  TRANGE\n"
      "A cell is empty where TA-Lib defines no value (the warm-up of each function). Reals are\n"
      "written with 17 significant digits (exact round trip), patterns as integers.\n"
      "Examples:\n"
      "  qtrader ta --input data/daily/SPY.csv --output /tmp/SPY.ta.csv\n"
      "  qtrader ta --input data/daily/SPY.csv --output - --only RSI,MACD,CDLHAMMER\n"
      "  qtrader ta --input data/intraday/SPY_5m.csv --interval 5m --output /tmp/SPY_5m.ta.csv\n"
      "  qtrader ta --list");
  ta->callback([options] { CommandExitCode() = RunTa(*options); });
}

}  // namespace qat::cli
