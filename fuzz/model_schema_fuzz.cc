// libFuzzer harness: models::ParseModelSchema, the feature_schema_<h>bar.json reader of
// `qtrader forecast` (docs/fuzzing.md). XGBoost's own model loader is not fuzzed here.
// Passes when nothing crashes and no sanitizer reports.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qat/models/model_set.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)qat::models::ParseModelSchema(text, "models/5bar/feature_schema_5bar.json");
  return 0;
}
