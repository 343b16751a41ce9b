#include "qat/data/csv.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <ostream>
#include <sstream>

#include "qat/core/strings.h"

namespace qat::data {
namespace {

constexpr double kOhlcTolerance = 1e-4;  // relative; see csv.h

enum Field { kTime, kOpen, kHigh, kLow, kClose, kAdjClose, kVolume, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "date", "open", "high", "low", "close", "adj_close", "volume"};

std::string NormalizeHeader(std::string_view name) {
  std::string out = ToLower(Trim(name));
  std::replace(out.begin(), out.end(), ' ', '_');
  if (out == "adjclose") out = "adj_close";
  return out;
}

// Slightly above `reference` within tolerance counts as equal.
bool Exceeds(double value, double reference) {
  return value > reference + kOhlcTolerance * std::fabs(reference);
}

class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // UTF-8 BOM
  }
  // Next line without its terminator; false at the end.
  bool Next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = end + 1;
    ++number_;
    return true;
  }
  int number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int number_ = 0;
};

}  // namespace

Result<CsvReadResult> ParseBarsCsv(std::string_view text, std::string_view source,
                                   const CsvReadOptions& options) {
  LineReader reader(text);
  std::string_view line;
  bool have_header = false;
  while (reader.Next(line)) {
    if (!Trim(line).empty()) {
      have_header = true;
      break;
    }
  }
  if (!have_header) return Fail("{}: empty file (expected a header line)", source);
  const int header_line = reader.number();

  // Map header columns to fields.
  std::array<int, kFieldCount> column{};
  column.fill(-1);
  auto headers = Split(line, ',');
  bool intraday_header = false;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    std::string name = NormalizeHeader(headers[i]);
    if (name == "timestamp" || name == "datetime") {
      name = "date";
      intraday_header = true;
    }
    for (int f = 0; f < kFieldCount; ++f) {
      if (name == kFieldNames[f]) {
        if (column[f] >= 0) {
          return Fail("{}:{}: column '{}' appears twice in the header", source, header_line, name);
        }
        column[f] = static_cast<int>(i);
      }
    }
  }
  for (int f : {kTime, kOpen, kHigh, kLow, kClose}) {
    if (column[f] < 0) {
      std::string_view wanted = f == kTime ? std::string_view("date (or timestamp)") : kFieldNames[f];
      return Fail("{}:{}: missing column '{}' (header is '{}')", source, header_line, wanted,
                  Trim(line));
    }
  }
  Interval interval = options.interval.value_or(intraday_header ? Interval::k5m : Interval::k1d);
  if (intraday_header && !options.interval) {
    return Fail("{}: intraday file (timestamp column): give its interval (e.g. --interval 5m)",
                source);
  }
  if (intraday_header != IsIntraday(interval)) {
    return Fail("{}:{}: a '{}' column does not fit interval {}", source, header_line,
                intraday_header ? "timestamp" : "date", IntervalName(interval));
  }

  CsvReadResult result;
  result.has_adj_close = column[kAdjClose] >= 0;
  result.has_volume = column[kVolume] >= 0;
  BarSeries& series = result.series;
  series.symbol = options.symbol;
  series.interval = interval;
  series.Reserve(text.size() / 48);
  int previous_line = 0;
  std::string_view previous_time;

  while (reader.Next(line)) {
    const int n = reader.number();
    if (Trim(line).empty()) continue;
    auto fields = Split(line, ',');
    if (fields.size() != headers.size()) {
      return Fail("{}:{}: {} fields, but the header has {}", source, n, fields.size(),
                  headers.size());
    }
    std::string_view time_text = Trim(fields[column[kTime]]);
    Bar bar;
    if (intraday_header) {
      auto t = ParseTimestamp(time_text);
      if (!t.ok()) return Fail("{}:{}: column 'timestamp': {}", source, n, t.error().message);
      bar.start = *t;
    } else {
      auto d = ParseDate(time_text);
      if (!d.ok()) return Fail("{}:{}: column 'date': {}", source, n, d.error().message);
      bar.start = Timestamp{*d} * kSecondsPerDay;
    }
    if (!series.empty() && bar.start <= series.start.back()) {
      return Fail("{}:{}: column '{}': {} {} line {} ({})", source, n, kFieldNames[kTime],
                  time_text, bar.start == series.start.back() ? "repeats" : "is before",
                  previous_line, previous_time);
    }
    double* targets[kFieldCount] = {nullptr,        &bar.open,      &bar.high,  &bar.low,
                                    &bar.close,     &bar.adj_close, &bar.volume};
    for (int f = kOpen; f < kFieldCount; ++f) {
      if (column[f] < 0) continue;
      std::string_view cell = Trim(fields[column[f]]);
      auto value = ParseFiniteDouble(cell);
      if (!value) {
        return Fail("{}:{}: column '{}': '{}' is not a finite number ({})", source, n,
                    kFieldNames[f], cell, time_text);
      }
      *targets[f] = *value;
    }
    if (column[kAdjClose] < 0) bar.adj_close = bar.close;
    if (column[kVolume] < 0) bar.volume = 0;
    for (int f : {kOpen, kHigh, kLow, kClose, kAdjClose}) {
      if (!(*targets[f] > 0)) {
        return Fail("{}:{}: column '{}': price {} must be positive ({})", source, n,
                    kFieldNames[f], FormatShortest(*targets[f]), time_text);
      }
    }
    if (bar.volume < 0) {
      return Fail("{}:{}: column 'volume': negative volume {} ({})", source, n,
                  FormatShortest(bar.volume), time_text);
    }
    if (Exceeds(bar.low, bar.high)) {
      return Fail("{}:{}: column 'high': high {} is below low {} ({})", source, n,
                  FormatShortest(bar.high), FormatShortest(bar.low), time_text);
    }
    const char* problem = nullptr;
    std::string_view column_name;
    if (Exceeds(bar.open, bar.high)) { problem = "high {} is below open {}"; column_name = "high"; }
    else if (Exceeds(bar.close, bar.high)) { problem = "high {} is below close {}"; column_name = "high"; }
    else if (Exceeds(bar.low, bar.open)) { problem = "low {} is above open {}"; column_name = "low"; }
    else if (Exceeds(bar.low, bar.close)) { problem = "low {} is above close {}"; column_name = "low"; }
    if (problem != nullptr) {
      bool high_side = column_name == "high";
      double other = high_side ? (Exceeds(bar.open, bar.high) ? bar.open : bar.close)
                               : (Exceeds(bar.low, bar.open) ? bar.open : bar.close);
      std::string what = fmt::format(fmt::runtime(problem),
                                     FormatShortest(high_side ? bar.high : bar.low),
                                     FormatShortest(other));
      if (!options.repair_ohlc) {
        return Fail("{}:{}: column '{}': {} ({}); --repair-ohlc widens high/low to contain "
                    "open and close",
                    source, n, column_name, what, time_text);
      }
      bar.high = std::max({bar.high, bar.open, bar.close});
      bar.low = std::min({bar.low, bar.open, bar.close});
      result.warnings.push_back(fmt::format("{}:{}: repaired: {} ({})", source, n, what, time_text));
    }
    bar.available = AvailableTime(interval, bar.start);
    series.Append(bar);
    previous_line = n;
    previous_time = time_text;
  }
  if (series.empty()) return Fail("{}: no data rows after the header", source);
  return result;
}

Result<CsvReadResult> ReadBarsCsvFile(const std::filesystem::path& path,
                                      const CsvReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail("{}: cannot open file", path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Fail("{}: read error", path.string());
  return ParseBarsCsv(buffer.str(), path.string(), options);
}

Result<BarSeries> ReadBarsCsv(const std::filesystem::path& path, const CsvReadOptions& options) {
  QAT_ASSIGN_OR_RETURN(auto read, ReadBarsCsvFile(path, options));
  return std::move(read.series);
}

void WriteBarsCsv(const BarSeries& s, std::ostream& out) {
  const bool intraday = IsIntraday(s.interval);
  out << (intraday ? "timestamp,open,high,low,close,volume\n"
                   : "date,open,high,low,close,adj_close,volume\n");
  std::string line;
  for (std::size_t i = 0; i < s.size(); ++i) {
    line.clear();
    line += intraday ? FormatTimestampNewYork(s.start[i])
                     : FormatDate(static_cast<Days>(s.start[i] / kSecondsPerDay));
    for (double v : {s.open[i], s.high[i], s.low[i], s.close[i]}) {
      line += ',';
      line += FormatShortest(v);
    }
    if (!intraday) {
      line += ',';
      line += FormatShortest(s.adj_close[i]);
    }
    line += ',';
    line += FormatShortest(s.volume[i]);
    line += '\n';
    out << line;
  }
}

}  // namespace qat::data
