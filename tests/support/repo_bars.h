// Bundled CSV files of the repository read as the importer reads them, for tests.
#pragma once

#include <string>

#include "qat/data/bar_series.h"

namespace qat::testing {

// RepoPath(relative) through data::ReadBarsCsv with `symbol` and `repair_ohlc`; a failed read
// fails the calling test (naming the file and why) and gives an empty series.
data::BarSeries RepoBars(const std::string& relative, const std::string& symbol = "", bool repair_ohlc = false);

// SPY's bundled 5-minute bars (2025-05-19 .. 2025-07-14) resampled to the regular session's
// 1h and 1d bars; a failed read fails the calling test.
struct SpySessions {
  data::BarSeries hourly, daily;
};
SpySessions SpyRegularSessions();

}  // namespace qat::testing
