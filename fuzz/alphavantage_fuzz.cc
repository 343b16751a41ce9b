// libFuzzer harness: providers::ParseAlphaVantage (docs/fuzzing.md). Passes when nothing
// crashes and no sanitizer reports: every body gives a Result, a bad one an error.
//
// Byte 0 picks the request, the rest is the response body. Seeds start with '0' or '1':
//   bit 0: daily (1d) or intraday (1m, "1min") MSFT bars, from 1970 to `now` (2026-12-03T21:00:00Z);
//   bit 1: repair_ohlc.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qat/providers/provider.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  constexpr qat::Timestamp kNow = 1796331600;
  const qat::providers::FetchRequest request{
      .symbol = "MSFT",
      .interval = (mode & 1) != 0 ? qat::data::Interval::k1m : qat::data::Interval::k1d,
      .from = 0,
      .to = kNow};
  (void)qat::providers::ParseAlphaVantage(body, request, kNow, (mode & 2) != 0);
  return 0;
}
