#include <algorithm>

#include "qat/core/strings.h"
#include "qat/ta/patterns.h"
#include "ta/patterns/groups.h"

namespace qat::ta {

const std::vector<PatternSpec>& AllPatterns() {
  static const std::vector<PatternSpec> kAll = [] {
    std::vector<PatternSpec> all;
    AddPatternGroup1(all);
    AddPatternGroup2(all);
    AddPatternGroup3(all);
    std::sort(all.begin(), all.end(),
              [](const PatternSpec& a, const PatternSpec& b) { return a.name < b.name; });
    return all;
  }();
  return kAll;
}

const PatternSpec* FindPattern(std::string_view name) {
  std::string upper = ToUpper(name);
  for (const PatternSpec& spec : AllPatterns()) {
    if (spec.name == upper) return &spec;
  }
  return nullptr;
}

}  // namespace qat::ta
