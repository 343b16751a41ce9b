#include "qat/core/file_set.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "qat/core/files.h"
#include "qat/core/sha256.h"
#include "qat/core/strings.h"

namespace qat {
namespace fs = std::filesystem;
namespace {

std::string Unique() {
  static std::atomic<int> counter{0};
  return fmt::format("{}-{}", ::getpid(), counter++);
}

Status FsyncPath(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return Fail("{}: cannot open to sync: {}", path.string(), std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return Fail("{}: fsync failed: {}", path.string(), std::strerror(err));
  return Ok();
}

Result<std::string> HashFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail("{}: cannot read", path.string());
  Sha256 sha;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    sha.Update(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Fail("{}: read error", path.string());
  return sha.HexDigest();
}

bool ValidName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name != kFileSetManifest;
}

// Swaps two paths atomically; false when the file system or kernel cannot.
bool Exchange(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
#else
  (void)a;
  (void)b;
  errno = ENOSYS;
  return false;
#endif
}

// Leftovers of writers that died (SIGKILL, power loss): their temporary folders are removed;
// a previous set moved aside by the fallback path is moved back when the target is missing.
void CleanUpAfterDeadWriters(const fs::path& parent, const fs::path& target) {
  const std::string tmp = fmt::format(".{}.tmp-", target.filename().string());
  const std::string old = fmt::format(".{}.old-", target.filename().string());
  std::error_code ec;
  std::vector<fs::path> leftovers;
  for (const auto& entry : fs::directory_iterator(parent, ec)) leftovers.push_back(entry.path());
  for (const auto& path : leftovers) {
    const std::string name = path.filename().string();
    const bool is_tmp = name.rfind(tmp, 0) == 0, is_old = name.rfind(old, 0) == 0;
    if (!is_tmp && !is_old) continue;
    const std::string rest = name.substr((is_tmp ? tmp : old).size());
    const long pid = std::strtol(rest.c_str(), nullptr, 10);
    const bool writer_gone = pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    if (!writer_gone) continue;  // its writer may still be running
    if (is_old && !fs::exists(target, ec)) {
      fs::rename(path, target, ec);
    } else {
      fs::remove_all(path, ec);
    }
  }
}

}  // namespace

Result<FileSetWriter> FileSetWriter::Begin(const fs::path& target) {
  if (!target.has_filename()) return Fail("{}: not a folder name", target.string());
  std::error_code ec;
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) return Fail("{}: cannot create folder: {}", parent.string(), ec.message());
  if (fs::exists(target, ec) && !fs::is_directory(target, ec)) {
    return Fail("{}: exists and is not a folder", target.string());
  }
  CleanUpAfterDeadWriters(parent, target);
  const fs::path staging = parent / fmt::format(".{}.tmp-{}", target.filename().string(), Unique());
  if (!fs::create_directory(staging, ec) || ec) {
    return Fail("{}: cannot write here: {}", parent.string(), ec ? ec.message() : "folder exists");
  }
  // Prove the folder takes files before any long work starts.
  const fs::path probe = staging / ".probe";
  {
    std::ofstream out(probe, std::ios::binary);
    out << "x";
    if (!out) {
      fs::remove_all(staging, ec);
      return Fail("{}: cannot write files here", parent.string());
    }
  }
  fs::remove(probe, ec);
  return FileSetWriter(target, staging);
}

FileSetWriter::FileSetWriter(FileSetWriter&& other) noexcept
    : target_(std::move(other.target_)), staging_(std::move(other.staging_)), done_(other.done_) {
  other.done_ = true;
}

FileSetWriter::~FileSetWriter() {
  if (done_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

fs::path FileSetWriter::PathFor(std::string_view name) const { return staging_ / std::string(name); }

Status FileSetWriter::Write(std::string_view name, std::string_view bytes) {
  if (!ValidName(name)) return Fail("{}: '{}' is not a plain file name", target_.string(), name);
  const fs::path path = PathFor(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Fail("{}: cannot write", path.string());
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Fail("{}: write failed (disk full?)", path.string());
  return Ok();
}

Result<std::vector<std::string>> FileSetWriter::Commit() {
  if (done_) return Fail("{}: set already committed", target_.string());
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(staging_, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file()) return Fail("{}: '{}' is not a plain file", target_.string(), name);
    if (!ValidName(name)) return Fail("{}: '{}' is not a member name", target_.string(), name);
    names.push_back(name);
  }
  if (ec) return Fail("{}: cannot list: {}", staging_.string(), ec.message());
  std::sort(names.begin(), names.end());
  std::string sums;
  for (const auto& name : names) {
    QAT_ASSIGN_OR_RETURN(std::string hash, HashFile(staging_ / name));
    sums += hash + "  " + name + "\n";
    QAT_RETURN_IF_ERROR(FsyncPath(staging_ / name, false));
  }
  {
    const fs::path manifest = staging_ / std::string(kFileSetManifest);
    std::ofstream out(manifest, std::ios::binary | std::ios::trunc);
    out << sums;
    out.close();
    if (!out) return Fail("{}: write failed", manifest.string());
    QAT_RETURN_IF_ERROR(FsyncPath(manifest, false));
  }
  QAT_RETURN_IF_ERROR(FsyncPath(staging_, true));
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  if (!fs::exists(target_, ec)) {
    fs::rename(staging_, target_, ec);
    if (ec) return Fail("{}: cannot move the new set into place: {}", target_.string(), ec.message());
  } else if (Exchange(staging_, target_)) {
    fs::remove_all(staging_, ec);  // now the old set
  } else {
    const fs::path old = parent / fmt::format(".{}.old-{}", target_.filename().string(), Unique());
    fs::rename(target_, old, ec);
    if (ec) return Fail("{}: cannot move the old set aside: {}", target_.string(), ec.message());
    fs::rename(staging_, target_, ec);
    if (ec) {
      std::error_code back;
      fs::rename(old, target_, back);
      return Fail("{}: cannot move the new set into place: {}", target_.string(), ec.message());
    }
    fs::remove_all(old, ec);
  }
  done_ = true;
  QAT_RETURN_IF_ERROR(FsyncPath(parent, true));
  return names;
}

Result<std::vector<Sha256SumsEntry>> ParseSha256Sums(std::string_view text, std::string_view source) {
  std::vector<Sha256SumsEntry> entries;
  int number = 0;
  const auto lines = Split(text, '\n');
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (i + 1 == lines.size() && line.empty()) break;  // after the last line break: not a line
    ++number;
    if (line.empty()) continue;
    if (line.size() < 67 || line[64] != ' ' || line[65] != ' ' ||
        !std::all_of(line.begin(), line.begin() + 64, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
      return Fail("{}:{}: not a '<sha256>  <name>' line", source, number);
    }
    const std::string_view name = line.substr(66);
    if (!ValidName(name)) return Fail("{}:{}: {} is not a member name", source, number, Excerpt(name));
    entries.push_back({std::string(line.substr(0, 64)), std::string(name)});
  }
  if (entries.empty()) return Fail("{}: lists no files", source);
  return entries;
}

Result<VerifiedFileSet> VerifyFileSet(const fs::path& dir) {
  const fs::path manifest = dir / std::string(kFileSetManifest);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Fail("{}: no such folder", dir.string());
  auto text = ReadWholeFile(manifest);
  if (!text.ok()) return Fail("{}: no {} (not a complete set: written by an older qtrader, or interrupted)", dir.string(), kFileSetManifest);
  QAT_ASSIGN_OR_RETURN(auto entries, ParseSha256Sums(*text, manifest.string()));
  std::map<std::string, std::string> listed;  // a name listed twice: the last line counts
  for (auto& entry : entries) listed[std::move(entry.name)] = std::move(entry.hash);
  VerifiedFileSet out{dir, {}};
  for (const auto& [name, hash] : listed) {
    const fs::path path = dir / name;
    if (!fs::is_regular_file(path, ec)) {
      return Fail(ErrorCode::kCorrupt, "{}: '{}' is missing: the set is incomplete", dir.string(), name);
    }
    QAT_ASSIGN_OR_RETURN(std::string actual, HashFile(path));
    if (actual != hash) {
      return Fail(ErrorCode::kCorrupt, "{}: '{}' does not match {} (sha256 {}, listed {}): the set is damaged or mixed with "
                  "another run's files",
                  dir.string(), name, kFileSetManifest, actual.substr(0, 12), hash.substr(0, 12));
    }
    out.names.push_back(name);
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == kFileSetManifest || listed.count(name)) continue;
    return Fail(ErrorCode::kCorrupt, "{}: '{}' is not listed in {}: the set is mixed with other files", dir.string(), name, kFileSetManifest);
  }
  return out;
}

}  // namespace qat
