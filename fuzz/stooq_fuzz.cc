// libFuzzer harness: providers::ParseStooqCsv (docs/fuzzing.md). Passes when nothing crashes
// and no sanitizer reports: every body gives a Result, a bad one an error.
//
// The whole input is the response body to a fixed request: daily AAPL bars from 1970 to
// `now` (2026-12-03T21:00:00Z).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qat/providers/provider.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  constexpr qat::Timestamp kNow = 1796331600;
  const qat::providers::FetchRequest request{
      .symbol = "AAPL", .interval = qat::data::Interval::k1d, .from = 0, .to = kNow};
  (void)qat::providers::ParseStooqCsv(body, request, kNow);
  return 0;
}
