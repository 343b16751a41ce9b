#include "output_file.h"

#include <cstdio>
#include <fstream>

#include <filesystem>
#include <system_error>

#include "qat/core/strings.h"

namespace qat::cli {

Status CheckOutputIsNotInput(const std::string& output,
                             const std::vector<std::pair<std::string, std::string>>& inputs) {
  if (output.empty() || output == "-") return Ok();
  std::error_code ec;
  if (!std::filesystem::exists(output, ec)) return Ok();  // a new file is no input
  for (const auto& [option, input] : inputs) {
    if (input.empty()) continue;
    std::error_code same_ec;
    if (std::filesystem::equivalent(output, input, same_ec)) {
      return Fail("--output {} is the same file as {} {}: refusing to overwrite an input (nothing written)",
                  Excerpt(output, 200), option, Excerpt(input, 200));
    }
  }
  return Ok();
}

Status WriteOutputFile(const std::string& path, std::string_view text) {
  if (path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::ferror(stdout) ? Fail(ErrorCode::kIo, "standard output: cannot write") : Ok();
  }
  std::error_code status_error;
  const auto status = std::filesystem::status(path, status_error);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    // A device or a pipe (/dev/stdout, a FIFO): written in place, never replaced.
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    return out ? Ok() : Fail(ErrorCode::kIo, "{}: cannot write", path);
  }
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return Fail(ErrorCode::kIo, "{}: cannot write the file", path);
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return Fail(ErrorCode::kIo, "{}: cannot write the file", path);
  }
  return Ok();
}

}  // namespace qat::cli
