#include "qat/backtest/orders.h"

#include <mutex>
#include <set>
#include <string>

namespace qat::backtest {

std::string_view InternReason(std::string_view reason) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> reasons;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = reasons.find(reason);
  if (it == reasons.end()) it = reasons.emplace(reason).first;
  return *it;
}

}  // namespace qat::backtest
