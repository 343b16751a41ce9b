// Artifact sets written whole or not at all (trained models, run results, exports).
//
// A set is a folder of files plus SHA256SUMS (`sha256sum` format: "<hex>  <name>" per file,
// sorted by name). FileSetWriter builds the set in a temporary folder beside the target
// (`.<name>.tmp-<pid>-<n>`), fsyncs every file and the folder, then moves it into place: a
// target that exists is swapped with it in one step (renameat2 RENAME_EXCHANGE) and the old
// set removed; where the file system cannot swap, the old set is renamed aside first, so a
// crash leaves it beside the target as `.<name>.old-<pid>-<n>`, never a mixture. A writer
// destroyed before Commit removes its temporary folder and leaves the target as it was; the
// leftovers of a writer that was killed are cleaned up by the next Begin on the same target
// (an old set moved aside is moved back if the target is missing). Readers call
// VerifyFileSet, which fails on a missing, truncated, changed or unlisted file, naming it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"

namespace qat {

inline constexpr std::string_view kFileSetManifest = "SHA256SUMS";

class FileSetWriter {
 public:
  // Creates the temporary folder beside `target` (and the target's parent folders): fails
  // there, before any work, when the location is not writable.
  static Result<FileSetWriter> Begin(const std::filesystem::path& target);
  FileSetWriter(FileSetWriter&&) noexcept;
  FileSetWriter& operator=(FileSetWriter&&) = delete;
  ~FileSetWriter();

  // Where to write a member file of the set (a plain name, no folders).
  std::filesystem::path PathFor(std::string_view name) const;
  // Writes `bytes` as member `name`, checking every write.
  Status Write(std::string_view name, std::string_view bytes);
  // Hashes every file in the temporary folder into SHA256SUMS, fsyncs, and moves the set to
  // the target. Returns the member names.
  Result<std::vector<std::string>> Commit();

  const std::filesystem::path& target() const { return target_; }

 private:
  FileSetWriter(std::filesystem::path target, std::filesystem::path staging)
      : target_(std::move(target)), staging_(std::move(staging)) {}
  std::filesystem::path target_, staging_;
  bool done_ = false;
};

// One line of a SHA256SUMS file.
struct Sha256SumsEntry {
  std::string hash;  // 64 hex digits, as written
  std::string name;  // a member name: no folders, not SHA256SUMS itself
};

// Parses the text of a SHA256SUMS file: "<64 hex digits>  <name>" per line, empty lines
// skipped; the entries in the order listed (a name listed twice appears twice). Fails
// "SOURCE:LINE: not a '<sha256>  <name>' line", "SOURCE:LINE: 'NAME' is not a member name"
// or "SOURCE: lists no files". `source` names the file in messages. VerifyFileSet reads
// SHA256SUMS with it.
Result<std::vector<Sha256SumsEntry>> ParseSha256Sums(std::string_view text, std::string_view source);

struct VerifiedFileSet {
  std::filesystem::path dir;
  std::vector<std::string> names;  // as listed in SHA256SUMS
};

// Checks `dir` against its SHA256SUMS: every listed file present with its hash, no other file
// (but SHA256SUMS itself). Fails naming the folder and the first file that does not match.
Result<VerifiedFileSet> VerifyFileSet(const std::filesystem::path& dir);

}  // namespace qat
