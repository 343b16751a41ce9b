// qtrader monitor as a user runs it, on the bundled daily files: a model set trained on the
// bars up to 2019-06-28 (the files cut there, --rounds 20), then the full files imported, as
// if the model had been left alone while new bars arrived. A stable period (the real bars of
// the following 58 sessions) must raise no RETRAIN; a planted degradation (the same model
// scored on bars whose every daily move after 2019-06-28 is reversed, so momentum and
// oscillator features move to their mirror and what the model learned points the wrong way)
// must raise RETRAIN with priority HIGH.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/cli.h"

namespace qat::testing {
namespace {

const char* const kSymbols[] = {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"};
constexpr const char* kCut = "2019-06-28";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The bundled file's header and rows up to kCut.
std::string Cut(const std::string& text) {
  std::string out;
  bool header = true;
  for (const auto& line : Lines(text)) {
    if (header || line.substr(0, 10) <= kCut) out += line + "\n";
    header = false;
  }
  return out;
}

// Every daily move after kCut reversed: close'[t] = close'[t-1] * close[t-1] / close[t], and
// open, high, low mirrored the same way around the previous close (high and low swap);
// adj_close keeps its ratio to close; volume unchanged.
std::string Mirror(const std::string& text) {
  std::string out;
  bool header = true;
  double prev_close = 0, prev_new = 0;
  for (const auto& line : Lines(text)) {
    if (header) {
      out += line + "\n";
      header = false;
      continue;
    }
    double o, h, l, c, a, v;
    char date[11] = {};
    if (std::sscanf(line.c_str(), "%10[^,],%lf,%lf,%lf,%lf,%lf,%lf", date, &o, &h, &l, &c, &a, &v) != 7) {
      ADD_FAILURE() << "unreadable row " << line;
      continue;
    }
    if (std::string(date) <= kCut) {
      prev_close = c;
      prev_new = c;
      out += line + "\n";
      continue;
    }
    auto mirror = [&](double x) { return prev_new * prev_close / x; };
    const double nc = mirror(c), no = mirror(o), nh = mirror(l), nl = mirror(h);
    out += fmt::format("{},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.0f}\n", date, no, std::max({nh, no, nc}),
                       std::min({nl, no, nc}), nc, nc * a / c, v);
    prev_close = c;
    prev_new = nc;
  }
  return out;
}

class MonitorCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new TempDir();
    planted_ = new TempDir();
    const auto cut = home_->path() / "cut";
    std::filesystem::create_directories(cut);
    for (const char* s : kSymbols) {
      WriteFile(cut / (std::string(s) + ".csv"), Cut(ReadFile(RepoPath(std::string("data/daily/") + s + ".csv"))));
      WriteFile(planted_->path() / (std::string(s) + ".csv"),
                Mirror(ReadFile(RepoPath(std::string("data/daily/") + s + ".csv"))));
    }
    WriteFile(cut / "VIX.csv", Cut(ReadFile(RepoPath("data/macro/VIX.csv"))));
    auto import = [](const std::filesystem::path& home, const std::string& symbol, const std::filesystem::path& file) {
      std::vector<std::string> args = {"import", "--symbol", symbol, "--input", file.string()};
      if (symbol == "^VIX") args.push_back("--repair-ohlc");
      auto run = RunCli(args, home);
      ASSERT_EQ(run.exit_code, 0) << symbol << ": " << run.err;
    };
    for (const char* s : kSymbols) import(home_->path(), s, cut / (std::string(s) + ".csv"));
    import(home_->path(), "^VIX", cut / "VIX.csv");
    train_ = RunCli({"train", "--symbols", "SPY,QQQ,AAPL,MSFT,GOOGL,TSLA", "--rounds", "20", "--seed", "7", "--quiet",
                     "--model-dir", Models().string()},
                    home_->path());
    ASSERT_EQ(train_.exit_code, 0) << train_.err;
    // The bars that arrived after training: the full files.
    for (const char* s : kSymbols) import(home_->path(), s, RepoPath(std::string("data/daily/") + s + ".csv"));
    import(home_->path(), "^VIX", RepoPath("data/macro/VIX.csv"));
    // The pattern records the DISABLE_PATTERN rule reads (every outcome; the monitor counts those
    // known by its evaluation day).
    const auto patterns = RunCli({"patterns", "build", "--symbols", "SPY,QQQ,AAPL,MSFT,GOOGL,TSLA", "--market", "SPY"},
                                 home_->path());
    ASSERT_EQ(patterns.exit_code, 0) << patterns.err;
    for (const char* s : kSymbols) import(planted_->path(), s, planted_->path() / (std::string(s) + ".csv"));
    import(planted_->path(), "^VIX", RepoPath("data/macro/VIX.csv"));
  }
  static void TearDownTestSuite() {
    delete home_;
    delete planted_;
    home_ = planted_ = nullptr;
  }
  static std::filesystem::path Models() { return home_->path() / "models"; }

  static CliRun Monitor(const std::filesystem::path& home, std::vector<std::string> args) {
    std::vector<std::string> all = {"monitor", "--model-dir", Models().string()};
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all, home);
  }
  static nlohmann::json Json(const CliRun& run) {
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return nlohmann::json::parse(run.out, nullptr, false);
  }

  static TempDir* home_;
  static TempDir* planted_;
  static CliRun train_;
};

TempDir* MonitorCli::home_ = nullptr;
TempDir* MonitorCli::planted_ = nullptr;
CliRun MonitorCli::train_;

int Count(const nlohmann::json& report, const std::string& action, const std::string& priority = "") {
  int n = 0;
  for (const auto& r : report["recommendations"]) {
    if (r["action"] == action && (priority.empty() || r["priority"] == priority)) ++n;
  }
  return n;
}

TEST_F(MonitorCli, AStablePeriodRaisesNoRetrain) {
  const auto report = Json(Monitor(home_->path(), {"--as-of", "2019-09-13", "--json"}));
  ASSERT_FALSE(report.is_discarded());
  for (const char* key : {"horizon", "model_set", "evaluation_date", "model", "promise", "symbols", "predictions",
                          "window", "drift", "series", "notes", "recommendations"}) {
    EXPECT_TRUE(report.contains(key)) << key;
  }
  EXPECT_EQ(report["model"]["as_of"], "2019-06-21");
  // The promise is the training's out-of-sample figures: the temperature-scaled log loss.
  const auto results = nlohmann::json::parse(ReadFile(Models() / "5bar" / "training_results_5bar.json"));
  EXPECT_EQ(report["promise"]["accuracy"], results["oos"]["accuracy"]);
  EXPECT_EQ(report["promise"]["log_loss"], results["classifier_calibration"]["calibrated"]["log_loss"]);
  EXPECT_EQ(report["model"]["age_sessions"], 58);
  // The rules were applied, not skipped for want of outcomes: 53 sessions x 6 symbols resolved,
  // the last 5 sessions' labels pending.
  EXPECT_EQ(report["predictions"]["resolved"], 318);
  EXPECT_EQ(report["predictions"]["pending"], 30);
  EXPECT_EQ(report["window"]["resolved"], 318);
  EXPECT_TRUE(report["notes"].empty()) << report["notes"].dump();
  EXPECT_EQ(report["drift"]["features"].size(), 10u);
  EXPECT_EQ(report["drift"]["ranking"], "gain");
  EXPECT_EQ(Count(report, "RETRAIN"), 0) << report["recommendations"].dump(2);
  EXPECT_EQ(Count(report, "RECALIBRATE"), 0) << report["recommendations"].dump(2);
  // No rule cried: every series has fresh bars as of that day.
  EXPECT_TRUE(report["recommendations"].empty()) << report["recommendations"].dump(2);
}

TEST_F(MonitorCli, APlantedDegradationRaisesRetrainHigh) {
  const auto planted = Json(Monitor(planted_->path(), {"--as-of", "2019-12-31", "--json"}));
  ASSERT_FALSE(planted.is_discarded());
  EXPECT_GE(Count(planted, "RETRAIN", "HIGH"), 1) << planted["recommendations"].dump(2);
  // HIGH comes first, with its evidence in numbers.
  const auto& first = planted["recommendations"][0];
  EXPECT_EQ(first["action"], "RETRAIN");
  EXPECT_EQ(first["priority"], "HIGH");
  EXPECT_LT(first["evidence"]["recent"].get<double>(), first["evidence"]["promised"].get<double>() + 1) << first.dump();
  EXPECT_GT(first["evidence"]["resolved"].get<int>(), 300);
  // The features moved: the drift rule sees it as well.
  bool drift = false;
  for (const auto& r : planted["recommendations"]) drift |= r["evidence"]["measure"] == "psi";
  EXPECT_TRUE(drift) << planted["recommendations"].dump(2);
  // The same model on the real bars of the same window: no HIGH.
  const auto real = Json(Monitor(home_->path(), {"--as-of", "2019-12-31", "--json"}));
  EXPECT_EQ(Count(real, "RETRAIN", "HIGH"), 0) << real["recommendations"].dump(2);
  EXPECT_EQ(real["window"]["resolved"], planted["window"]["resolved"]);
  // The forecast's information coefficient is reported for both windows (a figure, not a rule:
  // measured -0.230 on the real bars and +0.255 on the reversed ones, docs/monitor.md).
  for (const auto* report : {&planted, &real}) {
    ASSERT_TRUE((*report)["window"]["ic"].is_number()) << (*report)["window"].dump();
    EXPECT_LE(std::abs((*report)["window"]["ic"].get<double>()), 1.0);
  }
}

TEST_F(MonitorCli, TextOutputShowsTheTableThePromiseAndPendingLabels) {
  auto run = Monitor(planted_->path(), {"--as-of", "2019-12-31"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* text : {"promised", "recent", "30 pending", "priority action", "HIGH     RETRAIN", "drift",
                           "training max", "   drifted\n", "effective outcomes", "information coeff."}) {
    EXPECT_NE(run.out.find(text), std::string::npos) << text << "\n" << run.out;
  }
  auto stable = Monitor(home_->path(), {"--as-of", "2019-09-13"});
  ASSERT_EQ(stable.exit_code, 0) << stable.err;
  EXPECT_NE(stable.out.find("no recommendation: every rule holds"), std::string::npos) << stable.out;
}

TEST_F(MonitorCli, StaleSeriesAndAnEquityDrawdown) {
  // As of 2024-06-28: SPY's and QQQ's files end 2024-03-22, GOOGL's 2023-12-29, TSLA's
  // 2023-08-11; AAPL, MSFT and ^VIX are fresh.
  const auto equity = home_->path() / "equity.csv";
  WriteFile(equity, "date,equity,invested,buy_and_hold\n2024-06-03,10000,0,\n2024-06-04,12000,0,\n"
                    "2024-06-05,9000,0,\n");
  const auto report = Json(Monitor(home_->path(), {"--as-of", "2024-06-28", "--equity", equity.string(), "--json"}));
  ASSERT_FALSE(report.is_discarded());
  std::map<std::string, std::string> stale;
  for (const auto& r : report["recommendations"]) {
    if (r["action"] == "REFRESH_DATA") stale[r["evidence"]["symbol"].get<std::string>() + (r["evidence"]["context"].get<bool>() ? " (context)" : "")] = r["priority"];
  }
  EXPECT_EQ(stale["QQQ"], "HIGH");
  EXPECT_EQ(stale["TSLA"], "HIGH");
  EXPECT_EQ(stale["GOOGL"], "HIGH");
  EXPECT_EQ(stale["SPY"], "HIGH");             // a model symbol
  EXPECT_EQ(stale["SPY (context)"], "LOW");    // and the market context
  EXPECT_EQ(stale.size(), 5u);                 // not AAPL, MSFT or ^VIX
  EXPECT_EQ(report["recommendations"][0]["action"], "HALT");
  EXPECT_NEAR(report["recommendations"][0]["evidence"]["drawdown_now"].get<double>(), 0.25, 1e-12);
  EXPECT_EQ(Count(report, "RETRAIN", "MEDIUM") >= 1, true);  // five years old
}

TEST_F(MonitorCli, TooSoonAfterTrainingNothingIsJudgedAndTheNotesSayWhy) {
  // Two sessions after the training window: 12 predictions, 6 of them resolved (the
  // training window ends 5 sessions before the last bar it had, 2019-06-21).
  const auto report = Json(Monitor(home_->path(), {"--as-of", "2019-06-25", "--json"}));
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["predictions"]["total"], 12);
  EXPECT_EQ(report["predictions"]["pending"].get<int>() + report["predictions"]["resolved"].get<int>(), 12);
  EXPECT_TRUE(report["drift"]["features"].empty());
  ASSERT_EQ(report["notes"].size(), 2u) << report["notes"].dump();
  EXPECT_NE(report["notes"][0].get<std::string>().find("drift: 12 predictions"), std::string::npos);
  EXPECT_NE(report["notes"][1].get<std::string>().find("not judged"), std::string::npos);
  EXPECT_EQ(Count(report, "RETRAIN"), 0) << report["recommendations"].dump(2);
}

TEST_F(MonitorCli, BadInputsAreRefusedWithTheirExitCodes) {
  auto none = RunCli({"monitor", "--model-dir", (home_->path() / "nothing").string(), "--as-of", "2019-09-13"},
                     home_->path());
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("qtrader train"), std::string::npos) << none.err;
  auto date = Monitor(home_->path(), {"--as-of", "2019-13-01"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.err.find("--as-of"), std::string::npos) << date.err;
  auto horizon = Monitor(home_->path(), {"--horizon", "0"});
  EXPECT_EQ(horizon.exit_code, 2);
  auto wrong_horizon = Monitor(home_->path(), {"--horizon", "10", "--as-of", "2019-09-13"});
  EXPECT_EQ(wrong_horizon.exit_code, 1);
  EXPECT_NE(wrong_horizon.err.find("qtrader train --horizon 10"), std::string::npos) << wrong_horizon.err;
  const auto equity = home_->path() / "bad_equity.csv";
  WriteFile(equity, "date,equity\n2024-06-03,abc\n");
  auto bad = Monitor(home_->path(), {"--as-of", "2019-09-13", "--equity", equity.string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad_equity.csv:2: equity 'abc' is not a number > 0"), std::string::npos) << bad.err;
  auto missing = Monitor(home_->path(), {"--as-of", "2019-09-13", "--equity", (home_->path() / "no.csv").string()});
  EXPECT_EQ(missing.exit_code, 1);
  auto no_store = RunCli({"monitor", "--db", (home_->path() / "none.db").string(), "--model-dir", Models().string()},
                         home_->path());
  EXPECT_EQ(no_store.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(home_->path() / "none.db"));
  // A tampered results file: the set's checksum names it.
  auto planted_models = planted_->path() / "models";
  std::filesystem::copy(Models(), planted_models, std::filesystem::copy_options::recursive);
  const auto results = planted_models / "5bar" / "training_results_5bar.json";
  WriteFile(results, "{}");
  auto tampered = RunCli({"monitor", "--model-dir", planted_models.string(), "--as-of", "2019-09-13"}, home_->path());
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_NE(tampered.err.find("training_results_5bar.json"), std::string::npos) << tampered.err;
}


// The paper account's `signals` strategy trades the published models (trained to 2019-06-21):
// opened at the close of 2019-07-31 on the six symbols, ten evenings one at a time, then caught
// up to 2019-10-31. Its fills and daily equity are those of `qtrader backtest --strategy signals
// --model-dir` over the same sessions.
TEST_F(MonitorCli, ASignalsPaperAccountReplaysTheBacktestOfThePublishedModels) {
  const auto home = home_->path();
  auto ok = [&](const std::vector<std::string>& args) {
    const auto run = RunCli(args, home);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  };
  ok({"paper", "init", "--account", "live", "--strategy", "signals", "--model-dir", Models().string(), "--symbols",
      "SPY,QQQ,AAPL,MSFT,GOOGL,TSLA", "--as-of", "2019-07-31"});
  for (const char* day : {"2019-08-01", "2019-08-02", "2019-08-05", "2019-08-06", "2019-08-07", "2019-08-08",
                          "2019-08-09", "2019-08-12", "2019-08-13", "2019-08-14"}) {
    const std::string out = ok({"paper", "run", "--account", "live", "--as-of", day});
    EXPECT_EQ(out.rfind(std::string(day) + ": ", 0), 0u) << out;
  }
  ok({"paper", "run", "--account", "live", "--as-of", "2019-10-31"});
  const std::string fills = ok({"paper", "history", "--account", "live", "--format", "csv"});
  const std::string equity = ok({"paper", "history", "--account", "live", "--format", "csv", "--equity"});
  const auto backtest_fills = home / "signals_fills.csv";
  const auto backtest_equity = home / "signals_equity.csv";
  const std::string out = ok({"backtest", "--strategy", "signals", "--model-dir", Models().string(), "--symbols",
                              "SPY,QQQ,AAPL,MSFT,GOOGL,TSLA", "--start", "2019-08-01", "--end", "2019-10-31", "--fills",
                              backtest_fills.string(), "--equity", backtest_equity.string(), "--no-record"});
  EXPECT_NE(out.find("0 of them in-sample"), std::string::npos) << out;
  EXPECT_EQ(fills, ReadFile(backtest_fills));
  EXPECT_GE(std::count(fills.begin(), fills.end(), '\n'), 11) << fills;  // the header and at least ten fills
  EXPECT_NE(fills.find("signal-long"), std::string::npos) << fills;
  std::vector<std::string> paper_days, backtest_days;
  for (const auto& line : Lines(equity)) paper_days.push_back(line.substr(0, line.find(',', line.find(',') + 1)));
  for (const auto& line : Lines(ReadFile(backtest_equity))) {
    backtest_days.push_back(line.substr(0, line.find(',', line.find(',') + 1)));
  }
  EXPECT_EQ(paper_days, backtest_days);
  EXPECT_EQ(paper_days.size(), 66u);  // the header and the 65 sessions of August to October 2019

  // The monitor of the account: its live record, and the monitor of the models it trades.
  const auto report = nlohmann::json::parse(
      ok({"monitor", "--account", "live", "--as-of", "2019-10-31", "--json"}), nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["account"]["sessions"], 65);
  EXPECT_EQ(report["account"]["strategy"], "signals");
  const auto& m = report["account"]["metrics"];
  EXPECT_GT(m["closed_trades"].get<int>(), 0) << m.dump();
  EXPECT_LE(m["wins"].get<int>(), m["closed_trades"].get<int>());
  EXPECT_GT(m["fees"].get<double>(), 0);
  EXPECT_GT(m["slippage"].get<double>(), 0);
  EXPECT_NEAR(m["equity"].get<double>(), std::stod(Lines(equity).back().substr(11)), 0.005);
  ASSERT_TRUE(report["models"].is_object());
  EXPECT_EQ(report["models"]["model"]["as_of"], "2019-06-21");
  EXPECT_EQ(Count(report["models"], "RETRAIN", "HIGH"), 0) << report["recommendations"].dump(2);
  const std::string text = ok({"monitor", "--account", "live", "--as-of", "2019-10-31"});
  for (const char* part : {"paper account live (signals): 65 sessions done", "hit rate", "promised"}) {
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  }
}

// An account without a model (sma-cross) is judged on its drawdown only, as it stood on the
// evaluation day: on 2019-10-02 the account (AAPL, MSFT from 2019-07-31) was 1.76% below its
// peak, so --max-drawdown 1 raises HALT and 2 does not.
TEST_F(MonitorCli, AnAccountsOwnEquityDrivesHalt) {
  const auto home = home_->path();
  ASSERT_EQ(RunCli({"paper", "init", "--account", "sma", "--symbols", "AAPL,MSFT", "--as-of", "2019-07-31"}, home).exit_code, 0);
  ASSERT_EQ(RunCli({"paper", "run", "--account", "sma", "--as-of", "2019-12-31"}, home).exit_code, 0);
  auto tight = RunCli({"monitor", "--account", "sma", "--as-of", "2019-10-02", "--max-drawdown", "1", "--json"}, home);
  ASSERT_EQ(tight.exit_code, 0) << tight.err;
  const auto report = nlohmann::json::parse(tight.out);
  EXPECT_TRUE(report["models"].is_null());
  EXPECT_EQ(report["account"]["sessions"], 44);  // 22 in August, 20 in September 2019, October 1 and 2
  EXPECT_EQ(report["account"]["last_done"], "2019-10-02");
  const double drawdown = report["account"]["metrics"]["drawdown"].get<double>();
  EXPECT_NEAR(drawdown, 0.0176, 0.0001);
  ASSERT_EQ(report["recommendations"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["recommendations"][0]["action"], "HALT");
  EXPECT_EQ(report["recommendations"][0]["priority"], "HIGH");
  EXPECT_NEAR(report["recommendations"][0]["evidence"]["drawdown_now"].get<double>(), drawdown, 1e-6);
  auto loose = RunCli({"monitor", "--account", "sma", "--as-of", "2019-10-02", "--max-drawdown", "2", "--json"}, home);
  EXPECT_TRUE(nlohmann::json::parse(loose.out)["recommendations"].empty()) << loose.out;
  auto both = RunCli({"monitor", "--account", "sma", "--equity", "x.csv"}, home);
  EXPECT_EQ(both.exit_code, 2);
  auto unknown = RunCli({"monitor", "--account", "nobody", "--as-of", "2019-12-31"}, home);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no paper account 'nobody'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace qat::testing
