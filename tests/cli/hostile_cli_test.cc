// Hostile use of the real binary (issue 11, section 5): devices as input, typos in commands
// and options, negative seeds, bad symbols, an output that is the input. Each fails with a
// one-line message and exit code 1 (the work failed) or 2 (bad usage), never an abort.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "support/cli.h"

namespace qat::testing {
namespace {

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CliHostile, ImportOfDevZeroFailsQuicklyAndLeavesTheStoreUntouched) {
  TempDir home;
  const auto started = std::chrono::steady_clock::now();
  auto fresh = RunCli({"import", "--symbol", "X", "--input", "/dev/zero"}, home.path());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(fresh.exit_code, 1) << fresh.err;
  EXPECT_TRUE(Has(fresh.err, "error: /dev/zero: binary data, not a CSV file (NUL byte at offset 0)")) << fresh.err;
  EXPECT_FALSE(std::filesystem::exists(home.path() / "qtrader.db"));  // no store created

  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv")}, home.path()).exit_code, 0);
  const std::string before = RunCli({"bars", "--symbol", "SPY"}, home.path()).out;
  ASSERT_FALSE(before.empty());
  auto over = RunCli({"import", "--symbol", "SPY", "--input", "/dev/zero"}, home.path());
  EXPECT_EQ(over.exit_code, 1) << over.err;
  EXPECT_TRUE(Has(over.err, "binary data, not a CSV file")) << over.err;
  EXPECT_EQ(RunCli({"bars", "--symbol", "SPY"}, home.path()).out, before);
}

TEST(CliHostile, ImportOfAFileWithAHugeLineFailsNamingTheLine) {
  TempDir home;
  const auto file = home.path() / "huge.csv";
  WriteFile(file, "date,open,high,low,close,adj_close,volume\n2024-01-02," + std::string(5 << 20, '1') +
                      ",11,9,10,10,1\n");
  auto run = RunCli({"import", "--symbol", "X", "--input", file.string()}, home.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Has(run.err, "error: " + file.string() + ":2: line longer than 64 KiB: not a bars CSV file\n"))
      << run.err.substr(0, 400);
  EXPECT_LT(run.err.size(), 2 * file.string().size() + 120);  // nothing of the line is echoed
}

}  // namespace
}  // namespace qat::testing
