// libFuzzer harness: data::ParseBarsCsv (docs/fuzzing.md). Passes when nothing crashes and no
// sanitizer reports: every input gives a Result, a bad one an error.
//
// Byte 0 picks the options, the rest is the CSV text. Seeds start with a digit:
//   bits 0-1: interval 1d, 1wk, 5m, 1m (a file whose header does not fit fails, as it should);
//   bit 2:    small limits (lines of at most 256 bytes, text of at most 16 KiB), so the limit
//             paths are reached by short inputs;
//   bit 3:    repair_ohlc;
//   bit 6:    no not_after (digits '0'..'9' have it clear: rows after 2026-12-03 fail).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qat/data/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  using qat::data::Interval;
  constexpr Interval kIntervals[] = {Interval::k1d, Interval::k1wk, Interval::k5m, Interval::k1m};
  qat::data::CsvReadOptions options;
  options.symbol = "FUZZ";
  options.interval = kIntervals[mode & 3];
  if (mode & 4) {
    options.max_line_bytes = 256;
    options.max_file_bytes = 16 << 10;
  }
  options.repair_ohlc = (mode & 8) != 0;
  if ((mode & 0x40) == 0) options.not_after = 1796331600;  // 2026-12-03T21:00:00Z
  (void)qat::data::ParseBarsCsv(text, "fuzz.csv", options);
  return 0;
}
