// Running the real qtrader binary from tests, with its own QTRADER_HOME.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace qat::testing {

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs QAT_CLI_PATH with `args`; `home` becomes QTRADER_HOME. Blocks until it exits.
CliRun RunCli(const std::vector<std::string>& args, const std::filesystem::path& home);

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Path of a file in the repository (QAT_SOURCE_DIR).
std::filesystem::path RepoPath(const std::string& relative);
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& text);

}  // namespace qat::testing
