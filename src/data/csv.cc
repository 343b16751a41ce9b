#include "qat/data/csv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <ostream>

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

// "64 KiB", "2 GiB", "1000 bytes".
std::string ByteCount(std::uint64_t n) {
  if (n >= (1u << 30) && n % (1u << 30) == 0) return fmt::format("{} GiB", n >> 30);
  if (n >= (1u << 20) && n % (1u << 20) == 0) return fmt::format("{} MiB", n >> 20);
  if (n >= (1u << 10) && n % (1u << 10) == 0) return fmt::format("{} KiB", n >> 10);
  return fmt::format("{} bytes", n);
}

// "5 minutes", "1 hour", "90 seconds", "3 days".
std::string Duration(Timestamp seconds) {
  auto unit = [](Timestamp n, const char* name) {
    return fmt::format("{} {}{}", n, name, n == 1 ? "" : "s");
  };
  if (seconds % kSecondsPerDay == 0) return unit(seconds / kSecondsPerDay, "day");
  if (seconds % 3600 == 0) return unit(seconds / 3600, "hour");
  if (seconds % 60 == 0) return unit(seconds / 60, "minute");
  return unit(seconds, "second");
}

// ": is this a 5m file?" when `spacing` is the length of an intraday interval, else "".
std::string IntervalGuess(Timestamp spacing) {
  for (Interval i : {Interval::k1m, Interval::k5m, Interval::k15m, Interval::k30m, Interval::k1h,
                     Interval::k4h}) {
    if (IntervalSeconds(i) == spacing) return fmt::format(": is this a {} file?", IntervalName(i));
  }
  return "";
}

// The limits of csv.h checked on text as it arrives, chunk by chunk: a NUL byte, a line
// longer than the limit, more bytes than the limit.
class TextGuard {
 public:
  TextGuard(std::string_view source, const CsvReadOptions& options)
      : source_(source), max_line_(options.max_line_bytes), max_total_(options.max_file_bytes) {}

  Status Feed(std::string_view chunk) {
    const char* nul = static_cast<const char*>(std::memchr(chunk.data(), '\0', chunk.size()));
    const std::size_t clean = nul != nullptr ? static_cast<std::size_t>(nul - chunk.data()) : chunk.size();
    std::size_t pos = 0;
    while (pos < clean) {
      const char* newline = static_cast<const char*>(std::memchr(chunk.data() + pos, '\n', clean - pos));
      const std::size_t end = newline != nullptr ? static_cast<std::size_t>(newline - chunk.data()) : clean;
      line_bytes_ += end - pos;
      if (line_bytes_ > max_line_) {
        return Fail("{}:{}: line longer than {}: not a bars CSV file", source_, line_, ByteCount(max_line_));
      }
      if (newline == nullptr) break;
      ++line_;
      line_bytes_ = 0;
      pos = end + 1;
    }
    if (nul != nullptr) {
      return Fail("{}: binary data, not a CSV file (NUL byte at offset {})", source_, total_ + clean);
    }
    total_ += chunk.size();
    if (total_ > max_total_) {
      return Fail("{}: larger than {}, the limit for a CSV file", source_, ByteCount(max_total_));
    }
    return Ok();
  }

 private:
  std::string_view source_;
  std::size_t max_line_;
  std::uint64_t max_total_;
  std::uint64_t total_ = 0;
  std::size_t line_bytes_ = 0;
  long long line_ = 1;
};

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

// ParseBarsCsv on text that passed TextGuard.
Result<CsvReadResult> ParseChecked(std::string_view text, std::string_view source,
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
          return Fail("{}:{}: column {} appears twice in the header", source, header_line, Excerpt(name));
        }
        column[f] = static_cast<int>(i);
      }
    }
  }
  for (int f : {kTime, kOpen, kHigh, kLow, kClose}) {
    if (column[f] < 0) {
      std::string_view wanted = f == kTime ? std::string_view("date (or timestamp)") : kFieldNames[f];
      return Fail("{}:{}: missing column '{}' (header is {})", source, header_line, wanted,
                  Excerpt(Trim(line), 80));
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
  series.Reserve(std::min<std::size_t>(text.size() / 48, std::size_t{1} << 20));
  int previous_line = 0;
  std::string_view previous_time;
  const Timestamp interval_seconds = IntervalSeconds(interval);
  // Spacing of consecutive intraday bars on the same New York day -> how many pairs.
  std::map<Timestamp, long long> spacings;
  long long same_day_pairs = 0;
  std::optional<Days> last_day;
  if (options.not_after && !intraday_header) last_day = NewYorkDay(*options.not_after);

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
    const std::string_view time_column = intraday_header ? "timestamp" : "date";
    if (last_day && bar.start / kSecondsPerDay > *last_day) {
      return Fail("{}:{}: column 'date': {} is after today ({})", source, n, time_text,
                  FormatDate(*last_day));
    }
    if (intraday_header && options.not_after && bar.start > *options.not_after) {
      return Fail("{}:{}: column 'timestamp': {} is after now ({})", source, n, time_text,
                  FormatTimestampNewYork(*options.not_after));
    }
    if (!series.empty() && bar.start <= series.start.back()) {
      return Fail("{}:{}: column '{}': {} {} line {} ({})", source, n, kFieldNames[kTime],
                  time_text, bar.start == series.start.back() ? "repeats" : "is before",
                  previous_line, previous_time);
    }
    if (!series.empty()) {
      const Timestamp gap = bar.start - series.start.back();
      // Gaps over 25 hours cannot join two bars of one day; the rest are checked exactly.
      if (intraday_header && gap <= 25 * 3600 && NewYorkDay(bar.start) == NewYorkDay(series.start.back())) {
        if (gap < interval_seconds) {
          return Fail("{}:{}: column '{}': {} is {} after line {} ({}), shorter than the {} interval{}",
                      source, n, time_column, time_text, Duration(gap), previous_line, previous_time,
                      IntervalName(interval), IntervalGuess(gap));
        }
        ++spacings[gap];
        ++same_day_pairs;
      }
      if (interval == Interval::k1wk && gap < 5 * kSecondsPerDay) {
        return Fail("{}:{}: column 'date': {} is {} after line {} ({}), but weekly (1wk) bars are at "
                    "least 5 days apart: is this a daily file?",
                    source, n, time_text, Duration(gap), previous_line, previous_time);
      }
    }
    double* targets[kFieldCount] = {nullptr,        &bar.open,      &bar.high,  &bar.low,
                                    &bar.close,     &bar.adj_close, &bar.volume};
    for (int f = kOpen; f < kFieldCount; ++f) {
      if (column[f] < 0) continue;
      std::string_view cell = Trim(fields[column[f]]);
      auto value = ParseFiniteDouble(cell);
      if (!value) {
        return Fail("{}:{}: column '{}': {} is not a finite number ({})", source, n,
                    kFieldNames[f], Excerpt(cell), time_text);
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
        return Fail("{}:{}: column '{}': {} ({}); the repair option (import --repair-ohlc) widens "
                    "high/low to contain open and close",
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
  if (same_day_pairs >= kMinSpacingPairs) {
    auto most = std::max_element(spacings.begin(), spacings.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    auto at_interval = spacings.find(interval_seconds);
    const long long matching = at_interval == spacings.end() ? 0 : at_interval->second;
    if (matching < most->second) {
      return Fail("{}: consecutive bars of one day are most often {} apart ({} of {} pairs), not the {} "
                  "interval{}",
                  source, Duration(most->first), most->second, same_day_pairs, IntervalName(interval),
                  IntervalGuess(most->first));
    }
  }
  return result;
}

struct FileCloser {
  int fd;
  ~FileCloser() { ::close(fd); }
};

}  // namespace

Result<CsvReadResult> ParseBarsCsv(std::string_view text, std::string_view source,
                                   const CsvReadOptions& options) {
  TextGuard guard(source, options);
  QAT_RETURN_IF_ERROR(guard.Feed(text));
  return ParseChecked(text, source, options);
}

Result<CsvReadResult> ReadBarsCsvFile(const std::filesystem::path& path,
                                      const CsvReadOptions& options) {
  const std::string name = path.string();
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail("{}: cannot open file: {}", name, std::strerror(errno));
  FileCloser closer{fd};
  struct stat info {};
  std::string text;
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) return Fail("{}: a directory, not a CSV file", name);
    if (S_ISREG(info.st_mode)) {
      // A regular file says its size: refuse a large one before reading it.
      const auto size = static_cast<std::uint64_t>(info.st_size);
      if (size > options.max_file_bytes) {
        return Fail("{}: larger than {}, the limit for a CSV file", name, ByteCount(options.max_file_bytes));
      }
      text.reserve(static_cast<std::size_t>(size));
    }
  }
  // Devices and pipes have no size: read in chunks, checking each as it arrives.
  TextGuard guard(name, options);
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  auto chunk = std::make_unique<char[]>(kChunk);
  while (true) {
    const ssize_t got = ::read(fd, chunk.get(), kChunk);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Fail("{}: read error: {}", name, std::strerror(errno));
    }
    if (got == 0) break;
    const std::string_view piece(chunk.get(), static_cast<std::size_t>(got));
    QAT_RETURN_IF_ERROR(guard.Feed(piece));
    text.append(piece);
  }
  return ParseChecked(text, name, options);
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
