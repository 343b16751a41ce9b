// libFuzzer harness: data::ParseActionsCsv, the `date,type,value` file of `qtrader actions
// import` (docs/fuzzing.md). Passes when nothing crashes and no sanitizer reports.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qat/data/corporate_action.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)qat::data::ParseActionsCsv(text, "fuzz.csv", "FUZZ");
  return 0;
}
