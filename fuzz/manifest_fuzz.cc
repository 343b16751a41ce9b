// libFuzzer harness: ParseSha256Sums, the SHA256SUMS reader of every artifact set
// (VerifyFileSet; docs/fuzzing.md). Passes when nothing crashes and no sanitizer reports.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qat/core/file_set.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)qat::ParseSha256Sums(text, "models/5bar/SHA256SUMS");
  return 0;
}
