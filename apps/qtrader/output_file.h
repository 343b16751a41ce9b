// Guards for commands that write a file computed from input files (ta, features).
#pragma once

#include <string_view>

#include <string>
#include <utility>
#include <vector>

#include "qat/core/result.h"

namespace qat::cli {

// Fails when `output` is the same file as one of `inputs` ({option, path} pairs such as
// {"--input", "data/x.csv"}), judged by identity (std::filesystem::equivalent), so ./x.csv,
// a symlink or ../dir/x.csv are caught as well as the same spelling. Call it before writing
// anything. "-" (standard output) and an output that does not exist yet never match.
Status CheckOutputIsNotInput(const std::string& output,
                             const std::vector<std::pair<std::string, std::string>>& inputs);

// Writes `text` to `path` whole or not at all: into PATH.tmp, then renamed over PATH. "-" is
// standard output, and a path that is not a regular file (/dev/stdout, a FIFO) is written in
// place, never replaced. Fails naming the file when it cannot be written.
Status WriteOutputFile(const std::string& path, std::string_view text);

}  // namespace qat::cli
