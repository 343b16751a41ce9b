// Reading a whole (small) file: a SHA256SUMS, a feature schema, an actions CSV.
#pragma once

#include <filesystem>
#include <string>

#include "qat/core/result.h"

namespace qat {

// The bytes of `path`. Fails (kIo) with "PATH: cannot open file" or "PATH: read error".
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

}  // namespace qat
