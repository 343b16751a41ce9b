// CSV bars: daily `date,open,high,low,close,adj_close,volume` and intraday
// `timestamp,open,high,low,close,volume` (ISO 8601 with a UTC offset).
//
// Reading validates every row and fails on the first problem with a one-line message
// "FILE:LINE: column 'NAME': what is wrong (DATE)", lines counted as an editor counts them
// (the header is line 1). Rejected: empty file, header without data rows, missing
// columns, wrong field count, non-numeric/NaN/infinite fields, prices <= 0, high < low,
// high below open or close, low above open or close, negative volume, duplicate or
// unsorted dates. OHLC consistency allows a relative tolerance of 1e-4 (0.01%), so float
// noise in a source (4.8499999 against 4.85) is not an error. A message quotes input text
// only as a short escaped excerpt (qat::Excerpt): at most 40 characters, control and
// non-ASCII bytes as \xNN.
//
// Hostile input (the same limits for files and for text given to ParseBarsCsv):
//   - a NUL byte anywhere: "binary data, not a CSV file (NUL byte at offset N)";
//   - a line longer than kMaxCsvLineBytes (64 KiB, without its line break): fails naming
//     the line;
//   - a file (or text) larger than kMaxCsvFileBytes (2 GiB).
// ReadBarsCsvFile reads in chunks and checks each as it arrives, so a device or a pipe
// without end (/dev/zero, /dev/urandom) fails after its first chunk; the size of a regular
// file is checked before reading it.
//
// The interval must match the timestamps:
//   - intraday: two consecutive bars on the same New York day closer together than the
//     interval are an error naming the line and both times ("... is 5 minutes after line 2
//     (...), shorter than the 1h interval: is this a 5m file?"); and when there are at least
//     kMinSpacingPairs (10) consecutive pairs on the same day, the interval must be their most
//     common spacing (a 1h file read as 5m fails, stating the most common spacing). Gaps
//     across days (nights, weekends) are not judged.
//   - weekly (1wk): consecutive bars at least 5 days apart.
//   - daily: no spacing rule (holidays and missing sessions make any gap possible).
//
// Future rows: with `not_after` set (the caller's clock), a daily or weekly bar dated after
// the New York date of `not_after`, or an intraday bar starting after `not_after`, fails:
// "FILE:LINE: column 'date': 9999-12-31 is after today (2026-12-03)".
//
// Columns are found by name (case-insensitive, any order; `Adj Close` = `adj_close`); other
// columns are ignored. `adj_close` and `volume` may be absent (index series such as ^VIX):
// adj_close then equals close and volume is 0, and CsvReadResult says which were present.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"

namespace qat::data {

inline constexpr std::size_t kMaxCsvLineBytes = std::size_t{64} << 10;      // 64 KiB
inline constexpr std::uint64_t kMaxCsvFileBytes = std::uint64_t{2} << 30;  // 2 GiB
inline constexpr int kMinSpacingPairs = 10;  // same-day pairs before the spacing must be the interval

struct CsvReadOptions {
  std::string symbol;                  // copied into the series
  std::optional<Interval> interval;    // default: 1d for a `date` file; required for intraday
  // Instead of failing on an OHLC inconsistency (open or close outside [low, high]), widen
  // high and low to contain open and close, and list each repaired row in `warnings`.
  bool repair_ohlc = false;
  // The latest time a bar may have (usually the clock's now); unset: no limit. See above.
  std::optional<Timestamp> not_after;
  // The limits above; smaller values are for tests.
  std::size_t max_line_bytes = kMaxCsvLineBytes;
  std::uint64_t max_file_bytes = kMaxCsvFileBytes;
};

struct CsvReadResult {
  BarSeries series;
  std::vector<std::string> warnings;  // one line each: "FILE:LINE: ..."
  // Whether the header had the column. A column the file lacks is filled in (adj_close =
  // close, volume = 0) but is not data: an import must not overwrite stored values with it.
  bool has_adj_close = false;
  bool has_volume = false;
};

// Parses CSV text; `source_name` is the name used in messages (usually the file path).
Result<CsvReadResult> ParseBarsCsv(std::string_view text, std::string_view source_name,
                                   const CsvReadOptions& options = {});
// Reads and parses a file (or a pipe or device: the size is not taken from the file
// system); fails with the path in the message if it cannot be read or breaks a limit above.
Result<CsvReadResult> ReadBarsCsvFile(const std::filesystem::path& path,
                                      const CsvReadOptions& options = {});
// Convenience: the series alone.
Result<BarSeries> ReadBarsCsv(const std::filesystem::path& path, const CsvReadOptions& options = {});

// Writes the series in the input format of its interval (daily/weekly: date columns;
// intraday: New York timestamps). Numbers are written in their shortest exact form, so a
// file read and written back holds the same values.
void WriteBarsCsv(const BarSeries& series, std::ostream& out);

}  // namespace qat::data
