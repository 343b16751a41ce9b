// The import/bars commands as a user runs them: real binary, fresh QTRADER_HOME.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

TEST(CliData, ImportThenBarsGivesTheSameValues) {
  TempDir home;
  auto import = RunCli({"import", "--symbol", "AAPL", "--input", RepoPath("data/daily/AAPL.csv")}, home.path());
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_NE(import.out.find("10547 new"), std::string::npos) << import.out;
  auto bars = RunCli({"bars", "--symbol", "AAPL"}, home.path());
  ASSERT_EQ(bars.exit_code, 0) << bars.err;
  auto original = data::ReadBarsCsv(RepoPath("data/daily/AAPL.csv"));
  auto printed = data::ParseBarsCsv(bars.out, "stdout");
  ASSERT_TRUE(original.ok() && printed.ok());
  EXPECT_EQ(printed->series.start, original->start);
  EXPECT_EQ(printed->series.close, original->close);
  EXPECT_EQ(printed->series.adj_close, original->adj_close);
  EXPECT_EQ(printed->series.volume, original->volume);
  EXPECT_TRUE(std::filesystem::exists(home.path() / "qtrader.db"));
}

TEST(CliData, DbOptionOverridesQtraderHome) {
  TempDir home, elsewhere;
  const std::string db = (elsewhere.path() / "custom.db").string();
  auto import = RunCli({"import", "--symbol", "QQQ", "--input", RepoPath("data/daily/QQQ.csv"), "--db", db},
                       home.path());
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_TRUE(std::filesystem::exists(db));
  EXPECT_FALSE(std::filesystem::exists(home.path() / "qtrader.db"));
  EXPECT_EQ(RunCli({"bars", "--symbol", "QQQ", "--db", db}, home.path()).exit_code, 0);
  // Without --db the command looks in QTRADER_HOME, which holds nothing yet.
  auto missing = RunCli({"bars", "--symbol", "QQQ"}, home.path());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("qtrader.db"), std::string::npos) << missing.err;
}

TEST(CliData, DateRangeAndIntradayRoundTrip) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--interval", "5m", "--input",
                    RepoPath("data/intraday/SPY_5m.csv")}, home.path()).exit_code, 0);
  auto day = RunCli({"bars", "--symbol", "SPY", "--interval", "5m", "--start", "2025-05-20",
                     "--end", "2025-05-20"}, home.path());
  ASSERT_EQ(day.exit_code, 0) << day.err;
  auto parsed = data::ParseBarsCsv(day.out, "stdout", {.interval = data::Interval::k5m});
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  // The file has 189 five-minute bars on that New York day, 04:00 to 19:55.
  ASSERT_EQ(parsed->series.size(), 189u);
  EXPECT_EQ(FormatTimestampNewYork(parsed->series.start.front()), "2025-05-20T04:00:00-04:00");
  EXPECT_EQ(FormatTimestampNewYork(parsed->series.start.back()), "2025-05-20T19:55:00-04:00");
}

TEST(CliData, BadCsvLeavesStoreExactlyAsBefore) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv")}, home.path()).exit_code, 0);
  const std::string before = RunCli({"bars", "--symbol", "SPY"}, home.path()).out;
  // The real file with one row broken at a time; each import must fail and change nothing.
  std::string real = ReadFile(RepoPath("data/daily/SPY.csv"));
  std::size_t line3 = real.find('\n', real.find('\n') + 1) + 1;  // start of file line 3
  std::size_t line3_end = real.find('\n', line3);
  const std::string row = real.substr(line3, line3_end - line3);  // 1993-02-01,...
  struct Case { std::string replacement; std::string expected; };
  std::vector<Case> cases = {
      {"1993-02-01,43.96875,44.25,43.96875,abc,24.9,480500", ":3: column 'close': 'abc'"},
      {"1993-02-01,43.96875,44.25,43.96875,nan,24.9,480500", ":3: column 'close': 'nan'"},
      {"1993-02-01,43.96875,40,43.96875,44.25,24.9,480500", ":3: column 'high': high 40 is below low"},
      {"1993-02-01,43.96875,44.25,43.96875,44.25,24.9,-1", ":3: column 'volume': negative volume"},
      {"1993-01-29,43.96875,44.25,43.96875,44.25,24.9,480500", ":3: column 'date': 1993-01-29 repeats line 2"},
      {"1993-01-28,43.96875,44.25,43.96875,44.25,24.9,480500", ":3: column 'date': 1993-01-28 is before line 2"},
      {"1993-02-01,45,44.25,43.96875,44.25,24.9,480500", ":3: column 'high': high 44.25 is below open 45"},
      {"1993-02-01,43.9,44.25,43.96875,44.25,24.9,480500", ":3: column 'low': low 43.96875 is above open 43.9"},
  };
  int i = 0;
  for (const auto& c : cases) {
    std::string broken = real;
    broken.replace(line3, row.size(), c.replacement);
    // Change every other row so that a partial write would show.
    std::string file = (home.path() / ("bad" + std::to_string(i++) + ".csv")).string();
    WriteFile(file, broken);
    auto run = RunCli({"import", "--symbol", "SPY", "--input", file}, home.path());
    EXPECT_EQ(run.exit_code, 1) << c.expected;
    EXPECT_NE(run.err.find("error: " + file + c.expected), std::string::npos) << run.err;
    EXPECT_EQ(RunCli({"bars", "--symbol", "SPY"}, home.path()).out, before) << c.expected;
  }
  // Empty file and a missing column.
  WriteFile(home.path() / "empty.csv", "");
  auto empty = RunCli({"import", "--symbol", "SPY", "--input", (home.path() / "empty.csv").string()}, home.path());
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.err.find("empty.csv: empty file"), std::string::npos) << empty.err;
  WriteFile(home.path() / "cols.csv", "date,open,high,close\n2024-01-02,1,2,1.5\n");
  auto cols = RunCli({"import", "--symbol", "SPY", "--input", (home.path() / "cols.csv").string()}, home.path());
  EXPECT_EQ(cols.exit_code, 1);
  EXPECT_NE(cols.err.find("cols.csv:1: missing column 'low'"), std::string::npos) << cols.err;
  EXPECT_EQ(RunCli({"bars", "--symbol", "SPY"}, home.path()).out, before);
}

TEST(CliData, UsageErrorsAndHelp) {
  TempDir home;
  auto missing = RunCli({"import", "--symbol", "SPY"}, home.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("give --input FILE, --actions FILE or both"), std::string::npos) << missing.err;
  for (const char* command : {"import", "bars", "symbols"}) {
    auto help = RunCli({command, "--help"}, home.path());
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("--db"), std::string::npos) << command;
  }
  auto version = RunCli({"--version"}, home.path());
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("qtrader "), std::string::npos);
  auto unknown = RunCli({"bars", "--symbol", "NOPE"}, home.path());
  EXPECT_EQ(unknown.exit_code, 1);
}

// An import killed with SIGKILL while it writes leaves the store as it was before.
TEST(CliData, ImportKilledHalfWayLeavesStoreAsBefore) {
  TempDir home;
  ASSERT_EQ(RunCli({"import", "--symbol", "MSFT", "--input", RepoPath("data/daily/MSFT.csv")}, home.path()).exit_code, 0);
  const std::string before = RunCli({"bars", "--symbol", "MSFT"}, home.path()).out;
  // A large real file whose every price differs from what is stored: MSFT's bars put
  // under the same symbol with AAPL's values would be a mixed store if the write tore.
  const std::string input = RepoPath("data/daily/AAPL.csv").string();
  int killed_while_writing = 0;
  for (int attempt = 0; attempt < 6; ++attempt) {
    int err_pipe[2];
    ASSERT_EQ(pipe(err_pipe), 0);
    pid_t pid = fork();
    if (pid == 0) {
      dup2(err_pipe[1], 2);
      close(err_pipe[0]);
      setenv("QTRADER_HOME", home.path().c_str(), 1);
      execl(QAT_CLI_PATH, QAT_CLI_PATH, "import", "--symbol", "MSFT", "--input", input.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(err_pipe[1]);
    // Wait for "writing N bars", printed just before the transaction starts, then kill after
    // a delay that grows with each attempt, so kills land at different points of the write.
    std::string err;
    char c;
    while (err.find("writing") == std::string::npos && read(err_pipe[0], &c, 1) == 1) err += c;
    std::this_thread::sleep_for(std::chrono::microseconds(500 * attempt));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(err_pipe[0]);
    if (WIFSIGNALED(status)) ++killed_while_writing;
    const std::string after = RunCli({"bars", "--symbol", "MSFT"}, home.path()).out;
    // Either untouched, or (had it finished before the kill) fully replaced — never mixed.
    if (WIFSIGNALED(status)) {
      ASSERT_EQ(after, before) << "attempt " << attempt << ": store changed by a killed import";
    }
  }
  EXPECT_GE(killed_while_writing, 1);
}

}  // namespace
}  // namespace qat::testing
