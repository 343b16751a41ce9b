// The README's tour runs as written: every command in order on a fresh QTRADER_HOME, each
// with exit code 0. The block is read from README.md itself, so the test and the README
// cannot drift apart. Its `fetch` is answered by a local server replaying Yahoo's recorded
// NVDA response (QTRADER_YAHOO_BASE_URL); nothing else needs the network.
#include <gtest/gtest.h>

#include <cstdlib>

#include "providers/fixture_server.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

// The ```bash block under "## A short tour".
std::string TourBlock() {
  const std::string readme = ReadFile(RepoPath("README.md"));
  const auto section = readme.find("## A short tour");
  if (section == std::string::npos) return "";
  const auto begin = readme.find("```bash\n", section);
  const auto end = readme.find("```", begin + 8);
  if (begin == std::string::npos || end == std::string::npos) return "";
  return readme.substr(begin + 8, end - begin - 8);
}

TEST(ReadmeTour, EveryCommandRunsInOrderOnAFreshHome) {
  std::string tour = TourBlock();
  ASSERT_NE(tour.find("$Q demo"), std::string::npos) << tour;
  // The binary under test, wherever this build put it.
  const std::string q_line = "Q=build/release/bin/qtrader\n";
  ASSERT_EQ(tour.rfind(q_line, 0), 0u) << tour;
  tour = "Q='" + std::string(QAT_CLI_PATH) + "'\n" + tour.substr(q_line.size());
  TempDir home;
  FixtureServer server;
  const std::map<std::string, std::string> bodies = {
      {"NVDA", YahooBody("historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json")}};
  server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, bodies); });
  WriteFile(home.path() / "tour.sh", "set -euo pipefail\n" + tour);
  const std::string command = "cd '" + RepoPath("").string() + "' && QTRADER_HOME='" + home.path().string() +
                              "' QTRADER_YAHOO_BASE_URL='" + server.base_url() +
                              "' QTRADER_HTTP_RETRIES=0 bash -x '" + (home.path() / "tour.sh").string() + "' > '" +
                              (home.path() / "out.txt").string() + "' 2> '" + (home.path() / "err.txt").string() + "'";
  const int status = std::system(command.c_str());
  const std::string out = ReadFile(home.path() / "out.txt"), err = ReadFile(home.path() / "err.txt");
  ASSERT_EQ(status, 0) << "the tour stopped; the last traced command failed:\n" << err.substr(err.size() > 4000 ? err.size() - 4000 : 0);
  // A few things each step must have shown.
  for (const char* expected : {"imported SPY 1d: 7843 bars", "csv:AAPL.csv (split-dividend)", "clean: no issues",
                               "sound: no problems", "resampled SPY 5m -> 1h", "cells over 3 stored series",
                               "[q10, q90] coverage", "prob_up", "NVDA 1d yahoo: 252 bars 2021-02-01 .. 2022-01-28", "2021-07-20,split,4",
                               "classifier BUY signals", "--basis"}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected;
  }
}

}  // namespace
}  // namespace qat::testing
