#include "ta/patterns/groups.h"

namespace qat::ta {

void AddPatternGroup2(std::vector<PatternSpec>& out) {
  (void)out;
}

}  // namespace qat::ta
