// Golden cases for the ta module: an OHLCV input and TA-Lib's output for it, made with the
// oracle (../shared/tools/oracle) and committed under tests/testdata/ta/:
//   inputs/<case>.csv   date,open,high,low,close,volume (other columns ignored); for a
//                       bundled real file the input is data/daily/<case>.csv instead
//   golden/<case>.csv and/or golden/<case>.<part>.csv
//                       date + TA-Lib output columns; an empty cell = undefined (lookback).
//                       A case may be split into parts (by columns) to keep files small;
//                       the loader joins them.
// tests/testdata/ta/README.md says which TA-Lib made them and with which command.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qat::testing {

struct GoldenCase {
  std::string name;
  std::vector<std::string> dates;
  std::vector<double> open, high, low, close, volume;
  // column name -> one value per row; nullopt where TA-Lib leaves it undefined.
  std::map<std::string, std::vector<std::optional<double>>> columns;
};

// Names (file stems) of every case that has both an input and a golden file, sorted.
std::vector<std::string> GoldenCaseNames();
// Loads one case; aborts the test binary with a message if the files are malformed.
GoldenCase LoadGoldenCase(const std::string& name);

}  // namespace qat::testing
