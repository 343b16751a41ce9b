// Nothing is overwritten or created that the user did not ask for (issue: trustworthy data,
// section 2), as a user runs the real binary.
#include <gtest/gtest.h>

#include <bit>
#include <sstream>

#include "qat/core/strings.h"
#include "qat/store/sqlite.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Every command that reads the store, with the arguments it needs.
std::vector<std::vector<std::string>> ReadingCommands() {
  return {{"bars", "--symbol", "SPY"},
          {"symbols"},
          {"check", "--symbol", "SPY"},
          {"check", "--store"},
          {"actions", "--symbol", "SPY"},
          {"adjusted", "--symbol", "SPY"},
          {"forecast", "--symbol", "SPY"},
          {"patterns", "top"},
          {"patterns", "edge", "CDLHAMMER"},
          {"patterns", "build", "--symbols", "SPY"},
          {"resample", "--symbol", "SPY", "--from", "5m", "--to", "1h"},
          {"train", "--symbols", "SPY"}};
}

TEST(StoreSafety, CommandsThatReadFailOnAMissingStoreAndCreateNothing) {
  TempDir home;
  const auto db = home.path() / "sub" / "dir" / "none.db";
  for (auto args : ReadingCommands()) {
    args.push_back("--db");
    args.push_back(db.string());
    auto run = RunCli(args, home.path());
    EXPECT_EQ(run.exit_code, 1) << args[0] << ": " << run.err;
    EXPECT_TRUE(Contains(run.err, db.string() + ": no store here")) << args[0] << ": " << run.err;
    EXPECT_FALSE(std::filesystem::exists(home.path() / "sub")) << args[0];
  }
  // Without --db: the default store under QTRADER_HOME is not created either.
  EXPECT_EQ(RunCli({"symbols"}, home.path()).exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(home.path() / "qtrader.db"));
}

TEST(StoreSafety, AnotherApplicationsSqliteFileIsNeverTouched) {
  TempDir home;
  const auto path = home.path() / "photos.db";
  {
    auto other = store::Database::Open(path);
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(other->Exec("CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT); "
                            "INSERT INTO albums (name) VALUES ('summer');").ok());
  }
  const std::string before = ReadFile(path);
  auto commands = ReadingCommands();
  commands.push_back({"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv").string()});
  commands.push_back({"fetch", "--symbols", "SPY", "--provider", "stooq", "--base-url", "http://127.0.0.1:9"});
  commands.push_back({"demo", "--import-into-db", "--quiet"});
  for (auto args : commands) {
    args.push_back("--db");
    args.push_back(path.string());
    auto run = RunCli(args, home.path());
    EXPECT_EQ(run.exit_code, 1) << args[0] << ": " << run.out << run.err;
    EXPECT_TRUE(Contains(run.err, path.string() + ": not a qtrader store")) << args[0] << ": " << run.err;
    EXPECT_EQ(ReadFile(path), before) << args[0] << " changed the file";
    EXPECT_FALSE(std::filesystem::exists(home.path() / "photos.db-wal")) << args[0];
  }
}

TEST(StoreSafety, ImportNeverOverwritesColumnsTheFileLacks) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv").string()}, home.path())
                .exit_code, 0);
  const std::string before = RunCli({"bars", "--symbol", "SPY", "--end", "1993-03-31"}, home.path()).out;
  // The same first quarter without adj_close and volume.
  std::string text = "date,open,high,low,close\n";
  std::istringstream rows(before);
  std::string line;
  std::getline(rows, line);  // header
  while (std::getline(rows, line)) {
    auto fields = qat::Split(line, ',');
    text += std::string(fields[0]) + ',' + std::string(fields[1]) + ',' + std::string(fields[2]) + ',' +
            std::string(fields[3]) + ',' + std::string(fields[4]) + '\n';
  }
  WriteFile(home.path() / "ohlc.csv", text);
  auto run = RunCli({"import", "--symbol", "SPY", "--input", (home.path() / "ohlc.csv").string(), "--source",
                     "csv:SPY.csv"}, home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "0 new, 0 updated, 43 unchanged")) << run.out;
  EXPECT_EQ(RunCli({"bars", "--symbol", "SPY", "--end", "1993-03-31"}, home.path()).out, before);
}

// A row dated after today was accepted, and `fetch` then answered "up to date" for ever.
TEST(StoreSafety, ARowDatedAfterTodayIsRefusedAndNothingStored) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv").string()}, home.path())
                .exit_code, 0);
  const std::string before = RunCli({"bars", "--symbol", "SPY"}, home.path()).out;
  WriteFile(home.path() / "future.csv", "date,open,high,low,close,adj_close,volume\n"
                                        "2024-03-25,521,522,519,520,520,1000\n9999-12-31,521,522,519,520,520,1000\n");
  auto run = RunCli({"import", "--symbol", "SPY", "--input", (home.path() / "future.csv").string()}, home.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.err, "future.csv:3: column 'date': 9999-12-31 is after today")) << run.err;
  EXPECT_LT(run.err.size(), 1000u);  // one line, not two million warnings
  EXPECT_EQ(RunCli({"bars", "--symbol", "SPY"}, home.path()).out, before);
  // Symbols the CLI could not address are refused before anything is read.
  auto bad = RunCli({"import", "--symbol", "A,B", "--input", RepoPath("data/daily/SPY.csv").string()}, home.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Contains(bad.err, "--symbol: symbol 'A,B'")) << bad.err;
  for (const char* real : {"BRK-B", "BRK.B", "EURUSD=X"}) {
    EXPECT_EQ(RunCli({"import", "--symbol", real, "--input", (home.path() / "future.csv").string()}, home.path())
                  .exit_code, 1) << real;  // the symbol passes; the future row fails
  }
}

TEST(StoreSafety, ResampledBarsDoNotMergeIntoASeriesFromAnotherSource) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv").string()}, home.path())
                .exit_code, 0);
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--interval", "5m", "--input",
                    RepoPath("data/intraday/SPY_5m.csv").string()}, home.path()).exit_code, 0);
  const std::string daily = RunCli({"bars", "--symbol", "SPY"}, home.path()).out;
  auto merged = RunCli({"resample", "--symbol", "SPY", "--from", "5m", "--to", "1d"}, home.path());
  EXPECT_EQ(merged.exit_code, 1);
  EXPECT_TRUE(Contains(merged.err, "SPY 1d: the new bars from resample:5m (split, 2025-05-19 .. 2025-07-14) share "
                                   "no session with the stored bars from csv:SPY.csv (split)"))
      << merged.err;
  EXPECT_EQ(RunCli({"bars", "--symbol", "SPY"}, home.path()).out, daily);
  auto replaced = RunCli({"resample", "--symbol", "SPY", "--from", "5m", "--to", "1d", "--replace"}, home.path());
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_TRUE(Contains(RunCli({"symbols"}, home.path()).out, "SPY        1d             38")) << RunCli({"symbols"}, home.path()).out;
}

TEST(StoreSafety, AFlippedByteIsAnErrorNamingTheSeries) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv").string()}, home.path())
                .exit_code, 0);
  const auto path = home.path() / "qtrader.db";
  std::string bytes = ReadFile(path);
  // SPY's close of 2024-03-22, 521.210022, stored as a big-endian double.
  const auto bits = std::bit_cast<std::uint64_t>(521.210022);
  std::string pattern(8, '\0');
  for (int i = 0; i < 8; ++i) pattern[i] = static_cast<char>(bits >> (8 * (7 - i)));
  const auto at = bytes.find(pattern);
  ASSERT_NE(at, std::string::npos);
  bytes[at + 3] = static_cast<char>(bytes[at + 3] ^ 0x10);
  WriteFile(path, bytes);
  auto bars = RunCli({"bars", "--symbol", "SPY"}, home.path());
  EXPECT_EQ(bars.exit_code, 1);
  EXPECT_TRUE(Contains(bars.err, "the SPY 1d bars fail their content check")) << bars.err;
  EXPECT_TRUE(bars.out.empty());
  auto check = RunCli({"check", "--store"}, home.path());
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_TRUE(Contains(check.out, "problem: SPY 1d: content hash differs")) << check.out;
}

}  // namespace
}  // namespace qat::testing

namespace qat::testing {
namespace {

// Every write is checked: a full disk (/dev/full) is an error, never "wrote".
TEST(StoreSafety, AFullDiskIsAnErrorForEveryCommandThatWritesAFile) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv").string()}, home.path())
                .exit_code, 0);
  const std::string spy = RepoPath("data/daily/SPY.csv").string();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"bars", "--symbol", "SPY", "--output", "/dev/full"},
           {"ta", "--input", spy, "--output", "/dev/full"},
           {"features", "--input", spy, "--output", "/dev/full"},
           {"patterns", "stats", "--input", spy, "--output", "/dev/full"}}) {
    auto run = RunCli(args, home.path());
    EXPECT_EQ(run.exit_code, 1) << args[0] << ": " << run.err;
    EXPECT_TRUE(Contains(run.err, "/dev/full")) << args[0] << ": " << run.err;
    EXPECT_FALSE(Contains(run.err, "wrote")) << args[0] << ": " << run.err;
  }
}

}  // namespace
}  // namespace qat::testing
