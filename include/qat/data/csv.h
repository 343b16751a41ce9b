// CSV bars: daily `date,open,high,low,close,adj_close,volume` and intraday
// `timestamp,open,high,low,close,volume` (ISO 8601 with a UTC offset).
//
// Reading validates every row and fails on the first problem with a one-line message
// "FILE:LINE: column 'NAME': what is wrong (DATE)", lines counted as an editor counts them
// (the header is line 1). Rejected: empty file, header without data rows, missing
// columns, wrong field count, non-numeric/NaN/infinite fields, prices <= 0, high < low,
// high below open or close, low above open or close, negative volume, duplicate or
// unsorted dates. OHLC consistency allows a relative tolerance of 1e-4 (0.01%), so float
// noise in a source (4.8499999 against 4.85) is not an error.
//
// Columns are found by name (case-insensitive, any order; `Adj Close` = `adj_close`); other
// columns are ignored. `adj_close` and `volume` may be absent (index series such as ^VIX):
// adj_close then equals close and volume is 0.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"

namespace qat::data {

struct CsvReadOptions {
  std::string symbol;                  // copied into the series
  std::optional<Interval> interval;    // default: 1d for a `date` file; required for intraday
  // Instead of failing on an OHLC inconsistency (open or close outside [low, high]), widen
  // high and low to contain open and close, and list each repaired row in `warnings`.
  bool repair_ohlc = false;
};

struct CsvReadResult {
  BarSeries series;
  std::vector<std::string> warnings;  // one line each: "FILE:LINE: ..."
  bool has_adj_close = false, has_volume = false;  // the header had these columns
};

// Parses CSV text; `source_name` is the name used in messages (usually the file path).
Result<CsvReadResult> ParseBarsCsv(std::string_view text, std::string_view source_name,
                                   const CsvReadOptions& options = {});
// Reads and parses a file; fails with the path in the message if it cannot be read.
Result<CsvReadResult> ReadBarsCsvFile(const std::filesystem::path& path,
                                      const CsvReadOptions& options = {});
// Convenience: the series alone.
Result<BarSeries> ReadBarsCsv(const std::filesystem::path& path, const CsvReadOptions& options = {});

// Writes the series in the input format of its interval (daily/weekly: date columns;
// intraday: New York timestamps). Numbers are written in their shortest exact form, so a
// file read and written back holds the same values.
void WriteBarsCsv(const BarSeries& series, std::ostream& out);

}  // namespace qat::data
