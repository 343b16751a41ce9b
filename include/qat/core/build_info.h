// Version and git commit of this build (generated at build time by cmake/build_info.cmake).
#pragma once

namespace qat {

const char* BuildVersion();
// The commit hash, with "-dirty" when tracked files had changes; "unknown" outside git.
const char* BuildGitCommit();

}  // namespace qat
