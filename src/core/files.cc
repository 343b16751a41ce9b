#include "qat/core/files.h"

#include <fstream>
#include <sstream>

namespace qat {

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "{}: cannot open file", path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Fail(ErrorCode::kIo, "{}: read error", path.string());
  return text.str();
}

}  // namespace qat
