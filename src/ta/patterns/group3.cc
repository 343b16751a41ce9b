#include "ta/patterns/groups.h"

namespace qat::ta {

void AddPatternGroup3(std::vector<PatternSpec>& out) {
  (void)out;
}

}  // namespace qat::ta
