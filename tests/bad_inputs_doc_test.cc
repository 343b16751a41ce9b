// docs/bad_inputs.md lists hostile inputs and the test that keeps each outcome true: every
// row must name at least one test, and every test it names must exist in this binary.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "support/cli.h"

namespace qat::testing {
namespace {

TEST(BadInputsDoc, EveryRowNamesTestsThatExist) {
  std::set<std::string> registered;
  const auto* unit = ::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit->total_test_suite_count(); ++i) {
    const auto* suite = unit->GetTestSuite(i);
    for (int j = 0; j < suite->total_test_count(); ++j) {
      registered.insert(std::string(suite->name()) + "." + suite->GetTestInfo(j)->name());
    }
  }
  std::istringstream doc(ReadFile(RepoPath("docs/bad_inputs.md")));
  const std::regex test_name("`([A-Za-z0-9_]+\\.[A-Za-z0-9_]+)`");
  std::string line;
  int rows = 0;
  while (std::getline(doc, line)) {
    if (!line.starts_with("| ") || line.starts_with("| input ")) continue;
    const std::string last_cell = line.substr(line.rfind('|', line.size() - 2));
    int named = 0;
    for (std::sregex_iterator it(last_cell.begin(), last_cell.end(), test_name), end; it != end; ++it) {
      ++named;
      EXPECT_TRUE(registered.count((*it)[1].str())) << "docs/bad_inputs.md names a test that does not exist: "
                                                     << (*it)[1].str();
    }
    EXPECT_GT(named, 0) << "a row of docs/bad_inputs.md names no test: " << line.substr(0, 120);
    ++rows;
  }
  EXPECT_GE(rows, 30);
}

}  // namespace
}  // namespace qat::testing
