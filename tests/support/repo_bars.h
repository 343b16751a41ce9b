// Bundled CSV files of the repository read as the importer reads them, for tests.
#pragma once

#include <string>

#include "qat/data/bar_series.h"

namespace qat::testing {

// RepoPath(relative) through data::ReadBarsCsv with `symbol` and `repair_ohlc`; a failed read
// fails the calling test (naming the file and why) and gives an empty series.
data::BarSeries RepoBars(const std::string& relative, const std::string& symbol = "", bool repair_ohlc = false);

}  // namespace qat::testing
