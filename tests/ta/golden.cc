#include "ta/golden.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "qat/core/strings.h"

namespace qat::testing {
namespace {

const std::filesystem::path kRoot = std::filesystem::path(QAT_SOURCE_DIR) / "tests/testdata/ta";
const std::filesystem::path kBundledDaily = std::filesystem::path(QAT_SOURCE_DIR) / "data/daily";

std::filesystem::path InputPath(const std::string& name) {
  auto own = kRoot / "inputs" / (name + ".csv");
  return std::filesystem::exists(own) ? own : kBundledDaily / (name + ".csv");
}

// golden/<name>.csv and golden/<name>.<part>.csv, sorted.
std::vector<std::filesystem::path> GoldenParts(const std::string& name) {
  std::vector<std::filesystem::path> parts;
  for (const auto& entry : std::filesystem::directory_iterator(kRoot / "golden")) {
    std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".csv") continue;
    if (file == name + ".csv" || file.rfind(name + ".", 0) == 0) parts.push_back(entry.path());
  }
  std::sort(parts.begin(), parts.end());
  return parts;
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "golden: %s\n", message.c_str());
  std::abort();
}

std::vector<std::vector<std::string>> ReadCsv(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) Die("cannot open " + path.string());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> row;
    for (auto field : Split(line, ',')) row.emplace_back(Trim(field));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) Die(path.string() + " is empty");
  return rows;
}

}  // namespace

std::vector<std::string> GoldenCaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kRoot / "golden")) {
    if (entry.path().extension() != ".csv") continue;
    std::string file = entry.path().filename().string();
    std::string stem = file.substr(0, file.find('.'));
    if (std::filesystem::exists(InputPath(stem))) names.push_back(stem);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

GoldenCase LoadGoldenCase(const std::string& name) {
  GoldenCase c;
  c.name = name;
  auto input = ReadCsv(InputPath(name));
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < input[0].size(); ++i) col[ToLower(input[0][i])] = i;
  for (const char* required : {"date", "open", "high", "low", "close", "volume"}) {
    if (!col.count(required)) Die(name + ": input lacks column " + required);
  }
  auto number = [&](const std::string& text) {
    auto v = ParseFiniteDouble(text);
    if (!v) Die(name + ": bad number '" + text + "'");
    return *v;
  };
  for (std::size_t r = 1; r < input.size(); ++r) {
    const auto& row = input[r];
    c.dates.push_back(row[col["date"]]);
    c.open.push_back(number(row[col["open"]]));
    c.high.push_back(number(row[col["high"]]));
    c.low.push_back(number(row[col["low"]]));
    c.close.push_back(number(row[col["close"]]));
    c.volume.push_back(number(row[col["volume"]]));
  }
  for (const auto& part : GoldenParts(name)) {
    auto golden = ReadCsv(part);
  if (golden.size() != input.size()) Die(part.string() + ": golden and input row counts differ");
  for (std::size_t j = 1; j < golden[0].size(); ++j) {
    auto& values = c.columns[golden[0][j]];
    for (std::size_t r = 1; r < golden.size(); ++r) {
      if (golden[r][0] != c.dates[r - 1]) Die(name + ": golden dates differ from input");
      const std::string& cell = j < golden[r].size() ? golden[r][j] : std::string();
      if (cell.empty()) {
        values.push_back(std::nullopt);
      } else {
        values.push_back(number(cell));
      }
    }
  }
  }
  return c;
}

}  // namespace qat::testing
