#include "qat/core/clock.h"

#include <chrono>

namespace qat {

Timestamp SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace qat
