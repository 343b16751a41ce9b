// Hostile use of the real binary (issue 11, section 5): devices as input, typos in commands
// and options, negative seeds, bad symbols, an output that is the input. Each fails with a
// one-line message and exit code 1 (the work failed) or 2 (bad usage), never an abort.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

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

TEST(CliHostile, UnknownCommandNamesTheNearestOne) {
  TempDir home;
  auto typo = RunCli({"impor", "--symbol", "SPY"}, home.path());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err, "error: unknown command 'impor'; did you mean 'import'?\n");
  auto swapped = RunCli({"feautres"}, home.path());
  EXPECT_EQ(swapped.exit_code, 2);
  EXPECT_TRUE(Has(swapped.err, "did you mean 'features'?")) << swapped.err;
  auto nested = RunCli({"patterns", "bild", "--symbols", "SPY"}, home.path());
  EXPECT_EQ(nested.exit_code, 2);
  EXPECT_EQ(nested.err, "error: unknown command 'patterns bild'; did you mean 'patterns build'?\n");
  auto far = RunCli({"xyzzy"}, home.path());
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_EQ(far.err, "error: unknown command 'xyzzy' (run 'qtrader --help' for the commands)\n");
  auto binary = RunCli({std::string("imp\x1b[2Jort")}, home.path());
  EXPECT_EQ(binary.exit_code, 2);
  EXPECT_TRUE(Has(binary.err, "unknown command 'imp\\x1b[2Jort'")) << binary.err;
}

TEST(CliHostile, UnknownOptionNamesTheNearestOneOfThatCommand) {
  TempDir home;
  auto typo = RunCli({"import", "--symbl", "SPY", "--input", RepoPath("data/daily/SPY.csv")}, home.path());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err, "error: unknown option '--symbl' for 'import'; did you mean '--symbol'?\n");
  EXPECT_FALSE(std::filesystem::exists(home.path() / "qtrader.db"));
  auto with_value = RunCli({"bars", "--symbol", "SPY", "--intervall=5m"}, home.path());
  EXPECT_EQ(with_value.exit_code, 2);
  EXPECT_EQ(with_value.err, "error: unknown option '--intervall' for 'bars'; did you mean '--interval'?\n");
  auto nested = RunCli({"patterns", "top", "--horizn", "5"}, home.path());
  EXPECT_EQ(nested.exit_code, 2);
  EXPECT_EQ(nested.err, "error: unknown option '--horizn' for 'patterns top'; did you mean '--horizon'?\n");
  // Only the command's own options are suggested: --symbols belongs to train, not import.
  auto other = RunCli({"import", "--symbols", "SPY"}, home.path());
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_TRUE(Has(other.err, "unknown option '--symbols' for 'import'; did you mean '--symbol'?")) << other.err;
  auto far = RunCli({"ta", "--frobnicate"}, home.path());
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_EQ(far.err, "error: unknown option '--frobnicate' for 'ta' (see 'qtrader ta --help')\n");
  auto root = RunCli({"--verison"}, home.path());
  EXPECT_EQ(root.exit_code, 2);
  EXPECT_EQ(root.err, "error: unknown option '--verison' for 'qtrader'; did you mean '--version'?\n");
}

TEST(CliHostile, VersionCommandPrintsWhatVersionFlagPrints) {
  TempDir home;
  auto flag = RunCli({"--version"}, home.path());
  auto command = RunCli({"version"}, home.path());
  EXPECT_EQ(flag.exit_code, 0);
  EXPECT_EQ(command.exit_code, 0) << command.err;
  EXPECT_TRUE(Has(command.out, "qtrader ")) << command.out;
  EXPECT_EQ(command.out, flag.out);
  EXPECT_TRUE(Has(RunCli({"--help"}, home.path()).out, "version"));
}

// A std::exception that escapes a command (here std::filesystem's, from a path component
// longer than the system allows) ends as "error: ..." and exit 1, not an abort (134).
// No home to find (HOME, QTRADER_HOME and XDG_DATA_HOME unset) from a working directory that
// no longer exists: std::filesystem::current_path throws inside the command. main turns any
// exception into one error line and exit code 1.
TEST(CliHostile, ExceptionInACommandIsAnErrorNotAnAbort) {
  TempDir home;
  const auto gone = home.path() / "gone";
  std::filesystem::create_directories(gone);
  int err_pipe[2];
  ASSERT_EQ(pipe(err_pipe), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(err_pipe[1], 2);
    close(err_pipe[0]);
    if (chdir(gone.c_str()) != 0 || rmdir(gone.c_str()) != 0) _exit(126);
    unsetenv("HOME");
    unsetenv("QTRADER_HOME");
    unsetenv("XDG_DATA_HOME");
    execl(QAT_CLI_PATH, QAT_CLI_PATH, "symbols", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(err_pipe[1]);
  std::string err;
  char buffer[4096];
  for (ssize_t n; (n = read(err_pipe[0], buffer, sizeof buffer)) > 0;) err.append(buffer, static_cast<std::size_t>(n));
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status) << ": " << err;
  EXPECT_EQ(WEXITSTATUS(status), 1) << err;
  EXPECT_TRUE(err.starts_with("error: ")) << err;
  EXPECT_TRUE(Has(err, "current path")) << err;
  EXPECT_EQ(err.find("terminate called"), std::string::npos) << err;
}

TEST(CliHostile, NegativeSeedIsAUsageErrorNamingTheOption) {
  TempDir home;
  for (const char* command : {"train", "demo"}) {
    auto run = RunCli({command, "--seed", "-1"}, home.path());
    EXPECT_EQ(run.exit_code, 2) << command << ": " << run.out << run.err;
    EXPECT_TRUE(Has(run.err, "--seed: must be a whole number >= 0 (got '-1')")) << command << ": " << run.err;
    EXPECT_FALSE(Has(run.out, "18446744073709551615")) << command;
    EXPECT_EQ(RunCli({command, "--seed", "1.5"}, home.path()).exit_code, 2) << command;
  }
  EXPECT_FALSE(std::filesystem::exists(home.path() / "qtrader.db"));
}

TEST(CliHostile, SymbolListsAreValidated) {
  TempDir home;
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"train", "--symbols", "SPY,SPY"}, "error: --symbols: SPY appears twice in the symbol list"},
      {{"train", "--symbols", "SPY,,QQQ"}, "symbol 2 of 3 is empty"},
      {{"train", "--symbols", "SPY,A B"}, "symbol 'A B': whitespace inside a symbol is not allowed"},
      {{"train", "--symbols", " "}, "error: --symbols: no symbol given"},
      {{"forecast", "--symbol", "A;B"}, "error: --symbol: symbol 'A;B': ';' is not allowed"},
      {{"forecast", "--symbol", ""}, "error: --symbol: empty symbol"},
      {{"patterns", "build", "--symbols", "spy,SPY"}, "error: --symbols: SPY appears twice"},
      {{"patterns", "build", "--symbols", "SPY", "--market", "S|P"}, "error: --market: symbol 'S|P'"},
      {{"patterns", "stats", "--input", RepoPath("data/daily/SPY.csv"), "--output",
        (home.path() / "o.csv").string(), "--symbol", "../SPY"},
       "error: --symbol: symbol '../SPY': '/' (a path separator) is not allowed"},
  };
  for (const auto& c : cases) {
    auto run = RunCli(c.args, home.path());
    EXPECT_EQ(run.exit_code, 2) << c.expected << ": " << run.err;
    EXPECT_TRUE(Has(run.err, c.expected)) << run.err;
  }
  EXPECT_FALSE(std::filesystem::exists(home.path() / "o.csv"));
  EXPECT_FALSE(std::filesystem::exists(home.path() / "qtrader.db"));
}

TEST(CliHostile, TaTakesTheIntervalOfAnIntradayFile) {
  TempDir home;
  const auto out = home.path() / "ta5m.csv";
  const std::string input = RepoPath("data/intraday/SPY_5m.csv").string();
  auto without = RunCli({"ta", "--input", input, "--output", out.string(), "--only", "RSI"}, home.path());
  EXPECT_EQ(without.exit_code, 1);
  EXPECT_TRUE(Has(without.err, "give its interval (e.g. --interval 5m)")) << without.err;
  EXPECT_TRUE(Has(RunCli({"ta", "--help"}, home.path()).out, "--interval"));  // the hint is true
  auto with = RunCli({"ta", "--input", input, "--interval", "5m", "--output", out.string(), "--only", "RSI"},
                     home.path());
  ASSERT_EQ(with.exit_code, 0) << with.err;
  const std::string text = ReadFile(out);
  EXPECT_TRUE(text.starts_with("timestamp,RSI\n2025-05-19T04:00:00-04:00,\n")) << text.substr(0, 200);
  EXPECT_TRUE(Has(with.err, "ta: 7143 rows x 1 columns")) << with.err;
  auto wrong = RunCli({"ta", "--input", input, "--interval", "1h", "--output", out.string()}, home.path());
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_TRUE(Has(wrong.err, "shorter than the 1h interval: is this a 5m file?")) << wrong.err;
  auto bad = RunCli({"ta", "--input", input, "--interval", "7m", "--output", out.string()}, home.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Has(bad.err, "--interval: unknown interval '7m'")) << bad.err;
}

TEST(CliHostile, FeaturesAcceptIntervalButOnlyDaily) {
  TempDir home;
  const std::string intraday = RepoPath("data/intraday/SPY_5m.csv").string();
  auto five = RunCli({"features", "--input", intraday, "--interval", "5m"}, home.path());
  EXPECT_EQ(five.exit_code, 2);
  EXPECT_TRUE(Has(five.err, "--interval 5m: features are computed from daily bars only (1d)")) << five.err;
  auto unlabelled = RunCli({"features", "--input", intraday}, home.path());
  EXPECT_EQ(unlabelled.exit_code, 1);
  EXPECT_TRUE(Has(unlabelled.err, "SPY_5m.csv:1: a 'timestamp' column does not fit interval 1d")) << unlabelled.err;
  EXPECT_FALSE(Has(unlabelled.err, "--interval 5m")) << unlabelled.err;  // no hint that leads nowhere
  const auto out = home.path() / "f.csv";
  auto daily = RunCli({"features", "--input", RepoPath("data/daily/SPY.csv").string(), "--interval", "1d", "--output",
                       out.string()},
                      home.path());
  ASSERT_EQ(daily.exit_code, 0) << daily.err;
  EXPECT_TRUE(ReadFile(out).starts_with("date,"));
}

TEST(CliHostile, OutputThatIsAnInputIsRefusedBeforeWriting) {
  TempDir home;
  const auto dir = home.path() / "d";
  std::filesystem::create_directories(dir);
  const auto input = dir / "x.csv";
  const std::string original = ReadFile(RepoPath("data/daily/SPY.csv"));
  WriteFile(input, original);
  std::filesystem::create_symlink(input, home.path() / "link.csv");
  const std::vector<std::string> spellings = {input.string(), (dir / "." / "x.csv").string(),
                                              (dir / ".." / "d" / "x.csv").string(),
                                              (home.path() / "link.csv").string()};
  for (const auto& output : spellings) {
    auto ta = RunCli({"ta", "--input", input.string(), "--output", output}, home.path());
    EXPECT_EQ(ta.exit_code, 2) << output << ": " << ta.err;
    EXPECT_TRUE(Has(ta.err, "is the same file as --input")) << ta.err;
    auto features = RunCli({"features", "--input", input.string(), "--output", output}, home.path());
    EXPECT_EQ(features.exit_code, 2) << output << ": " << features.err;
    EXPECT_TRUE(Has(features.err, "is the same file as --input")) << features.err;
    EXPECT_TRUE(ReadFile(input) == original) << output << ": the input was changed";
  }
  const auto market = home.path() / "spy.csv";
  WriteFile(market, original);
  auto over_market = RunCli({"features", "--input", RepoPath("data/daily/AAPL.csv").string(), "--market",
                             market.string(), "--output", market.string()},
                            home.path());
  EXPECT_EQ(over_market.exit_code, 2);
  EXPECT_TRUE(Has(over_market.err, "is the same file as --market")) << over_market.err;
  EXPECT_TRUE(ReadFile(market) == original) << "the --market file was changed";
  // A different file (even a copy with the same content) is written as before.
  auto copy = RunCli({"ta", "--input", input.string(), "--output", market.string(), "--only", "RSI"}, home.path());
  EXPECT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_TRUE(ReadFile(market).starts_with("date,RSI\n"));
}

}  // namespace
}  // namespace qat::testing
