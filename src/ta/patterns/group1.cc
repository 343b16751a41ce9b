#include "ta/patterns/groups.h"

namespace qat::ta {

void AddPatternGroup1(std::vector<PatternSpec>& out) {
  (void)out;
}

}  // namespace qat::ta
