#include "support/repo_bars.h"

#include <gtest/gtest.h>

#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::testing {

data::BarSeries RepoBars(const std::string& relative, const std::string& symbol, bool repair_ohlc) {
  data::CsvReadOptions options;
  options.symbol = symbol;
  options.repair_ohlc = repair_ohlc;
  auto read = data::ReadBarsCsv(RepoPath(relative), options);
  EXPECT_TRUE(read.ok()) << relative << ": " << (read.ok() ? "" : read.error().message);
  return read.ok() ? std::move(read).value() : data::BarSeries{};
}

}  // namespace qat::testing
