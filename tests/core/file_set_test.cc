// Artifact sets (qat/core/file_set.h): written whole or not at all, verified on read.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "qat/core/file_set.h"
#include "support/cli.h"

namespace qat {
namespace {

using qat::testing::ReadFile;
using qat::testing::TempDir;
using qat::testing::WriteFile;

Status WriteGeneration(const std::filesystem::path& target, int generation, int files) {
  QAT_ASSIGN_OR_RETURN(auto set, FileSetWriter::Begin(target));
  for (int i = 0; i < files; ++i) {
    QAT_RETURN_IF_ERROR(set.Write(fmt::format("part{:02}.txt", i),
                                  fmt::format("generation {} part {}\n{}", generation, i, std::string(4096, 'x'))));
  }
  QAT_RETURN_IF_ERROR(set.Commit());
  return Ok();
}

TEST(FileSet, CommitReplacesTheSetAndReadersVerifyIt) {
  TempDir dir;
  const auto target = dir.path() / "models" / "5bar";
  ASSERT_TRUE(WriteGeneration(target, 1, 3).ok());
  auto v = VerifyFileSet(target);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->names, (std::vector<std::string>{"part00.txt", "part01.txt", "part02.txt"}));
  EXPECT_EQ(ReadFile(target / "SHA256SUMS").substr(64, 12), "  part00.txt");
  ASSERT_TRUE(WriteGeneration(target, 2, 2).ok());
  ASSERT_TRUE(VerifyFileSet(target).ok());
  EXPECT_FALSE(std::filesystem::exists(target / "part02.txt"));  // the old set is gone, not merged
  EXPECT_EQ(ReadFile(target / "part00.txt").substr(0, 12), "generation 2");
  // Nothing is left beside the target.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(target.parent_path())) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST(FileSet, AWriterThatDoesNotCommitLeavesTheTargetAsItWas) {
  TempDir dir;
  const auto target = dir.path() / "run";
  ASSERT_TRUE(WriteGeneration(target, 1, 2).ok());
  {
    auto set = FileSetWriter::Begin(target);
    ASSERT_TRUE(set.ok());
    ASSERT_TRUE(set->Write("part00.txt", "half-written").ok());
  }
  ASSERT_TRUE(VerifyFileSet(target).ok());
  EXPECT_EQ(ReadFile(target / "part00.txt").substr(0, 12), "generation 1");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST(FileSet, VerifyNamesTheFileThatIsChangedMissingOrExtra) {
  TempDir dir;
  const auto target = dir.path() / "set";
  ASSERT_TRUE(WriteGeneration(target, 1, 3).ok());
  const std::string good = ReadFile(target / "part01.txt");
  WriteFile(target / "part01.txt", good.substr(0, good.size() / 2));  // truncated
  auto truncated = VerifyFileSet(target);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().message.find("'part01.txt' does not match SHA256SUMS"), std::string::npos)
      << truncated.error().message;
  WriteFile(target / "part01.txt", good);
  std::filesystem::remove(target / "part02.txt");
  auto missing = VerifyFileSet(target);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("'part02.txt' is missing"), std::string::npos);
  ASSERT_TRUE(WriteGeneration(target, 1, 3).ok());
  WriteFile(target / "stray.json", "{}");
  auto extra = VerifyFileSet(target);
  ASSERT_FALSE(extra.ok());
  EXPECT_NE(extra.error().message.find("'stray.json' is not listed"), std::string::npos);
  std::filesystem::remove(target / "SHA256SUMS");
  EXPECT_NE(VerifyFileSet(target).error().message.find("no SHA256SUMS"), std::string::npos);
}

// The text parser VerifyFileSet reads SHA256SUMS with (fuzzed: fuzz/manifest_fuzz.cc).
TEST(FileSet, Sha256SumsTextIsParsedLineByLine) {
  const std::string a(64, 'a'), b(64, 'B');
  auto ok = ParseSha256Sums(a + "  x.json\n\n" + b + "  y z.json", "S");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].hash, a);
  EXPECT_EQ((*ok)[0].name, "x.json");
  EXPECT_EQ((*ok)[1].hash, b);
  EXPECT_EQ((*ok)[1].name, "y z.json");
  auto message = [](const std::string& text) {
    auto r = ParseSha256Sums(text, "S");
    return r.ok() ? std::string("(parsed)") : r.error().message;
  };
  EXPECT_EQ(message(a + "  x.json\n\n" + a + " x.json\n"), "S:3: not a '<sha256>  <name>' line");
  EXPECT_EQ(message(std::string(63, 'a') + "g  x.json"), "S:1: not a '<sha256>  <name>' line");
  EXPECT_EQ(message(a + "  "), "S:1: not a '<sha256>  <name>' line");
  EXPECT_EQ(message(a + "  ../x.json"), "S:1: '../x.json' is not a member name");
  EXPECT_EQ(message(a + "  SHA256SUMS"), "S:1: 'SHA256SUMS' is not a member name");
  // A hostile name is quoted as a short escaped excerpt, never raw.
  EXPECT_EQ(message(a + "  ../\x1b[31m" + std::string(100, 'x')),
            "S:1: '../\\x1b[31mxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u2026' (108 bytes) is not a member name");
  EXPECT_EQ(message(""), "S: lists no files");
  EXPECT_EQ(message("\n\n"), "S: lists no files");
}

TEST(FileSet, BeginFailsWhereNothingCanBeWritten) {
  TempDir dir;
  WriteFile(dir.path() / "file", "x");
  auto set = FileSetWriter::Begin(dir.path() / "file" / "models" / "5bar");
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("cannot create folder"), std::string::npos) << set.error().message;
}

// A writer killed at random points (SIGKILL) never leaves a mixed or truncated set: the
// target verifies after every kill and all its files are of one generation.
TEST(FileSet, KilledWritersNeverLeaveAMixedSet) {
  TempDir dir;
  const auto target = dir.path() / "set";
  ASSERT_TRUE(WriteGeneration(target, 0, 20).ok());
  std::mt19937 rng(7);
  int killed = 0;
  for (int attempt = 0; attempt < 20; ++attempt) {
    const pid_t pid = fork();
    if (pid == 0) {
      for (int g = 1;; ++g) {
        if (!WriteGeneration(target, g, 20).ok()) _exit(3);
      }
    }
    std::this_thread::sleep_for(std::chrono::microseconds(2000 + rng() % 20000));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    killed += WIFSIGNALED(status);
    auto v = VerifyFileSet(target);
    ASSERT_TRUE(v.ok()) << "attempt " << attempt << ": " << v.error().message;
    ASSERT_EQ(v->names.size(), 20u);
    const std::string generation = ReadFile(target / "part00.txt").substr(0, ReadFile(target / "part00.txt").find(' ', 11));
    for (const auto& name : v->names) {
      EXPECT_EQ(ReadFile(target / name).rfind(generation + " ", 0), 0u) << name << " attempt " << attempt;
    }
  }
  EXPECT_EQ(killed, 20);
  // The next writer cleans up what the killed ones left beside the target.
  ASSERT_TRUE(WriteGeneration(target, 99, 2).ok());
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);
}

}  // namespace
}  // namespace qat
