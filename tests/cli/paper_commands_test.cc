// qtrader paper on real bundled bars: replaying the sessions one evening at a time gives the
// fills and equity of a backtest over the same sessions; a session is done once; a run killed
// with SIGKILL at random points leaves whole sessions only, and the account then equals one
// that was never interrupted; the status and the order export a user reads; bad inputs.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "providers/fixture_server.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

const std::vector<std::string> kSymbols = {"SPY", "QQQ", "AAPL", "MSFT"};

void RunOk(const std::vector<std::string>& args, const std::filesystem::path& home) {
  const auto run = RunCli(args, home);
  ASSERT_EQ(run.exit_code, 0) << args[0] << " " << args[1] << ": " << run.err << run.out;
}

void ImportFour(const std::filesystem::path& home) {
  for (const auto& s : kSymbols) RunOk({"import", "--symbol", s, "--input", RepoPath("data/daily/" + s + ".csv").string()}, home);
}

std::string Out(const std::vector<std::string>& args, const std::filesystem::path& home) {
  const auto run = RunCli(args, home);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.out;
}

// The first two columns (date,equity) of an equity CSV, without its header.
std::string DateAndEquity(const std::string& csv) {
  std::istringstream in(csv);
  std::string line, out;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto second = line.find(',', line.find(',') + 1);
    out += line.substr(0, second) + "\n";
  }
  return out;
}

TEST(CliPaper, ReplayingEveryEveningEqualsTheBacktestOfTheSameSessions) {
  // Sma-cross on four symbols, $5,000, at most 3 positions, $1 an order and 5 bps: opened at
  // the close of 2023-09-29, then the 43 sessions of October and November 2023 (seven fills:
  // cross-ups, cross-downs, slots), the first ten one evening at a time, the rest caught up.
  TempDir home;
  ImportFour(home.path());
  RunOk({"paper", "init", "--account", "main", "--symbols", "SPY,QQQ,AAPL,MSFT", "--as-of", "2023-09-29"}, home.path());
  for (const char* day : {"2023-10-02", "2023-10-03", "2023-10-04", "2023-10-05", "2023-10-06", "2023-10-09",
                          "2023-10-10", "2023-10-11", "2023-10-12", "2023-10-13"}) {
    const auto run = RunCli({"paper", "run", "--account", "main", "--as-of", day}, home.path());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out.rfind(std::string(day) + ": ", 0), 0u) << run.out;  // exactly that session
  }
  RunOk({"paper", "run", "--account", "main", "--as-of", "2023-11-30"}, home.path());
  const std::string fills = Out({"paper", "history", "--account", "main", "--format", "csv"}, home.path());
  const std::string equity = Out({"paper", "history", "--account", "main", "--format", "csv", "--equity"}, home.path());

  const auto backtest_fills = home.path() / "fills.csv";
  const auto backtest_equity = home.path() / "equity.csv";
  RunOk({"backtest", "--symbols", "SPY,QQQ,AAPL,MSFT", "--start", "2023-10-02", "--end", "2023-11-30", "--fills",
         backtest_fills.string(), "--equity", backtest_equity.string(), "--no-record"},
        home.path());
  EXPECT_EQ(fills, ReadFile(backtest_fills));
  EXPECT_GE(std::count(fills.begin(), fills.end(), '\n'), 8);  // the header and seven fills
  EXPECT_EQ(DateAndEquity(equity), DateAndEquity(ReadFile(backtest_equity)));
  EXPECT_EQ(std::count(equity.begin(), equity.end(), '\n'), 44);  // the header and 43 sessions

  // Done once: running again changes nothing and says so.
  const auto again = RunCli({"paper", "run", "--account", "main", "--as-of", "2023-11-30"}, home.path());
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("nothing to do: paper account main is done through 2023-11-30"), std::string::npos) << again.out;
  EXPECT_EQ(Out({"paper", "history", "--account", "main", "--format", "csv"}, home.path()), fills);

  // What a user reads: the status beside buy-and-hold, the positions, and the order export.
  const auto status = nlohmann::json::parse(Out({"paper", "status", "--account", "main", "--json"}, home.path()));
  EXPECT_EQ(status["sessions"], 43);
  EXPECT_EQ(status["last_done"], "2023-11-30");
  EXPECT_EQ(status["positions"].size(), 3u);  // MSFT, SPY and QQQ still held
  EXPECT_GT(status["buy_and_hold_equity"].get<double>(), 0);
  const std::string text = Out({"paper", "status", "--account", "main"}, home.path());
  EXPECT_NE(text.find("buy-and-hold of the same symbols"), std::string::npos) << text;
  EXPECT_NE(text.find("MSFT"), std::string::npos) << text;
  EXPECT_EQ(Out({"paper", "orders", "--account", "main", "--format", "csv"}, home.path()).rfind(
                "symbol,side,quantity,type,limit,stop,time_in_force,note\n", 0),
            0u);
  // The tearsheet of the live period: the same page as a backtest's, offline.
  const auto page = home.path() / "paper.html";
  RunOk({"paper", "report", "--account", "main", "--html", page.string()}, home.path());
  const std::string html = ReadFile(page);
  EXPECT_NE(html.find("sma-cross (paper) on SPY, QQQ, AAPL, MSFT"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
}

TEST(CliPaper, ARunKilledAtRandomPointsLeavesWholeSessionsAndThenCatchesUp) {
  // Two identical accounts over 2016-2023 (about 2,000 sessions): "calm" runs once; "killed"
  // is run 20 times and killed
  // with SIGKILL at random points while it works through the sessions, then run to the end.
  TempDir home;
  ImportFour(home.path());
  for (const char* name : {"calm", "killed"}) {
    RunOk({"paper", "init", "--account", name, "--symbols", "SPY,QQQ,AAPL,MSFT", "--as-of", "2015-12-31"}, home.path());
  }
  RunOk({"paper", "run", "--account", "calm", "--as-of", "2023-12-29"}, home.path());
  const std::string calm_fills = Out({"paper", "history", "--account", "calm", "--format", "csv"}, home.path());
  const std::string calm_equity =
      Out({"paper", "history", "--account", "calm", "--format", "csv", "--equity"}, home.path());

  std::mt19937 random(20261203);
  int killed = 0;
  for (int attempt = 0; attempt < 20; ++attempt) {
    int out_pipe[2];
    ASSERT_EQ(pipe(out_pipe), 0);
    const pid_t pid = fork();
    if (pid == 0) {
      dup2(out_pipe[1], 1);
      close(out_pipe[0]);
      setenv("QTRADER_HOME", home.path().c_str(), 1);
      execl(QAT_CLI_PATH, QAT_CLI_PATH, "paper", "run", "--account", "killed", "--as-of", "2023-12-29",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out_pipe[1]);
    // Once it has begun (its first line), kill it 0-30 ms later: inside a session's work,
    // between sessions or inside a transaction's commit.
    std::string out;
    char c;
    while (out.find('\n') == std::string::npos && read(out_pipe[0], &c, 1) == 1) out += c;
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 30000)(random)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(out_pipe[0]);
    killed += WIFSIGNALED(status) ? 1 : 0;
    // Whatever was done is a prefix of the calm account's sessions, session for session.
    const std::string equity = Out({"paper", "history", "--account", "killed", "--format", "csv", "--equity"}, home.path());
    ASSERT_EQ(calm_equity.compare(0, equity.size(), equity), 0) << "attempt " << attempt;
  }
  EXPECT_GE(killed, 10);
  RunOk({"paper", "run", "--account", "killed", "--as-of", "2023-12-29"}, home.path());
  EXPECT_EQ(Out({"paper", "history", "--account", "killed", "--format", "csv", "--equity"}, home.path()), calm_equity);
  EXPECT_EQ(Out({"paper", "history", "--account", "killed", "--format", "csv"}, home.path()), calm_fills);
}

TEST(CliPaper, RunWithFetchStoresTheNewBarsFirstAndSaysWhenItCannot) {
  // NVDA from Yahoo's recorded answer through a local server: stored to 2021-06-30, the
  // account opened there; `paper run --fetch` brings the bars to 2022-01-28 and does those
  // sessions. With the server gone, the fetch fails, is named, and the run exits 1.
  setenv("QTRADER_HTTP_RETRIES", "0", 1);
  FixtureServer server;
  const std::map<std::string, std::string> bodies = {
      {"NVDA", YahooBody("historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json")}};
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, bodies); });
  TempDir home;
  RunOk({"fetch", "--provider", "yahoo", "--symbols", "NVDA", "--start", "2021-02-01", "--end", "2021-06-30",
         "--base-url", server.base_url()},
        home.path());
  RunOk({"paper", "init", "--account", "n", "--strategy", "buy-and-hold", "--symbols", "NVDA"}, home.path());
  const auto run = RunCli({"paper", "run", "--account", "n", "--fetch", "--provider", "yahoo", "--base-url",
                           server.base_url(), "--json"},
                          home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_EQ(run.out.rfind("fetch NVDA 1d yahoo: ", 0), 0u) << run.out;
  const auto status = nlohmann::json::parse(run.out.substr(run.out.find('{')));
  EXPECT_EQ(status["inception"], "2021-06-30");
  EXPECT_EQ(status["last_done"], "2022-01-28");  // the recording's last session
  EXPECT_EQ(status["positions"].size(), 1u);

  const auto offline = RunCli({"paper", "run", "--account", "n", "--fetch", "--provider", "yahoo", "--base-url",
                               "http://127.0.0.1:" + std::to_string(UnusedPort())},
                              home.path());
  EXPECT_EQ(offline.exit_code, 1);
  EXPECT_NE(offline.err.find("1 symbol(s) could not be fetched"), std::string::npos) << offline.err;
  EXPECT_NE(offline.out.find("NVDA"), std::string::npos) << offline.out;
  EXPECT_NE(offline.out.find("nothing to do"), std::string::npos) << offline.out;
  unsetenv("QTRADER_HTTP_RETRIES");
}

TEST(CliPaper, BadInputsNameTheProblem) {
  TempDir home;
  ImportFour(home.path());
  RunOk({"paper", "init", "--account", "main", "--symbols", "SPY"}, home.path());
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"paper", "run", "--account", "nope"}, 1, "no paper account 'nope' (create it with 'qtrader paper init')"},
      {{"paper", "init", "--account", "main", "--symbols", "SPY"}, 2, "paper account 'main' exists already"},
      {{"paper", "init", "--account", "x", "--symbols", "SPY", "--strategy", "magic"}, 2, "strategy 'magic' is not available"},
      {{"paper", "init", "--account", "y", "--symbols", "NOPE"}, 1, "NOPE"},
      {{"paper", "run", "--account", "main", "--as-of", "2023-02-30"}, 2, "--as-of"},
      {{"paper", "history", "--account", "main", "--format", "xml"}, 2, "--format"},
      {{"paper", "report", "--account", "main", "--html", "-"}, 2, "has no session yet"},
      {{"paper", "init", "--account", "s", "--symbols", "SPY", "--strategy", "signals"}, 2, "give its --model-dir"},
      {{"paper", "init", "--account", "s", "--symbols", "SPY", "--strategy", "signals", "--model-dir",
        (home.path() / "no-models").string()},
       1, "qtrader train"},
      {{"paper", "init", "--account", "s", "--symbols", "SPY", "--model-dir", "models"}, 2,
       "--model-dir is for --strategy signals"},
  };
  for (const auto& c : cases) {
    const auto r = RunCli(c.args, home.path());
    EXPECT_EQ(r.exit_code, c.code) << c.message << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace qat::testing
