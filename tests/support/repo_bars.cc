#include "support/repo_bars.h"

#include <gtest/gtest.h>

#include "qat/data/csv.h"
#include "qat/data/resample.h"
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

SpySessions SpyRegularSessions() {
  data::CsvReadOptions options;
  options.symbol = "SPY";
  options.interval = data::Interval::k5m;
  auto m5 = data::ReadBarsCsvFile(RepoPath("data/intraday/SPY_5m.csv"), options);
  EXPECT_TRUE(m5.ok());
  if (!m5.ok()) return {};
  auto hourly = data::Resample(m5->series, data::Interval::k1h);
  auto daily = data::Resample(m5->series, data::Interval::k1d);
  EXPECT_TRUE(hourly.ok() && daily.ok());
  if (!hourly.ok() || !daily.ok()) return {};
  return {hourly->series, daily->series};
}

}  // namespace qat::testing
