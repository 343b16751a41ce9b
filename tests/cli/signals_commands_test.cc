// Signals without look-ahead, proven on real bars: signals as of a date D computed in a store
// holding data to the end equal, byte for byte, those computed in a store truncated at D (the
// same model directory), for several dates and symbols, daily and hourly (SPY's bundled
// 5-minute bars give it 1h, 4h, 1d and 1w). A planted leak (weekly bars visible from their
// start instead of their close) makes the evidence differ.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/app/confluence.h"
#include "qat/app/signals.h"
#include "qat/store/actions.h"
#include "qat/store/store.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

// Sessions inside SPY's bundled 5-minute bars (2025-05-19 .. 2025-07-14): Wednesday,
// Tuesday, Friday, Wednesday, Monday.
const char* const kDates[] = {"2025-06-04", "2025-06-10", "2025-06-13", "2025-06-25", "2025-07-07"};

// Writes `source` keeping the header and the lines whose first 10 characters (the date) are <= day.
void WriteTruncated(const std::filesystem::path& source, const std::filesystem::path& out, const std::string& day) {
  std::istringstream in(ReadFile(source));
  std::string line, text;
  std::getline(in, line);
  text = line + "\n";
  while (std::getline(in, line)) {
    if (line.substr(0, 10) <= day) text += line + "\n";
  }
  WriteFile(out, text);
}

void RunOk(const std::vector<std::string>& args, const std::filesystem::path& home) {
  const auto run = RunCli(args, home);
  ASSERT_EQ(run.exit_code, 0) << args[0] << ": " << run.err << run.out;
}

// A signals store: AAPL and MSFT daily, ^VIX, and SPY from its 5-minute bars resampled to 1h
// and 1d; every file cut at `day` when given.
void BuildSignalStore(const std::filesystem::path& home, const std::string& day) {
  std::filesystem::create_directories(home);
  auto input = [&](const std::string& relative) {
    if (day.empty()) return RepoPath(relative);
    const auto out = home / std::filesystem::path(relative).filename();
    WriteTruncated(RepoPath(relative), out, day);
    return out;
  };
  for (const char* symbol : {"AAPL", "MSFT"}) {
    RunOk({"import", "--symbol", symbol, "--input", input(std::string("data/daily/") + symbol + ".csv").string()}, home);
  }
  RunOk({"import", "--symbol", "^VIX", "--input", input("data/macro/VIX.csv").string(), "--repair-ohlc"}, home);
  RunOk({"import", "--symbol", "SPY", "--interval", "5m", "--input", input("data/intraday/SPY_5m.csv").string()}, home);
  RunOk({"resample", "--symbol", "SPY", "--from", "5m", "--to", "1h"}, home);
  RunOk({"resample", "--symbol", "SPY", "--from", "5m", "--to", "1d"}, home);
}

class CliSignals : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new TempDir();
    const auto train = home_->path() / "train";
    std::filesystem::create_directories(train);
    for (const char* symbol : {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"}) {
      RunOk({"import", "--symbol", symbol, "--input", RepoPath(std::string("data/daily/") + symbol + ".csv").string()},
          train);
    }
    RunOk({"import", "--symbol", "^VIX", "--input", RepoPath("data/macro/VIX.csv").string(), "--repair-ohlc"}, train);
    RunOk({"import", "--symbol", "SPY", "--interval", "5m", "--input", RepoPath("data/intraday/SPY_5m.csv").string()},
        train);
    RunOk({"resample", "--symbol", "SPY", "--from", "5m", "--to", "1h"}, train);
    RunOk({"train", "--rounds", "5", "--quiet", "--model-dir", models().string()}, train);
    RunOk({"confluence", "fit", "--quiet", "--bootstrap", "10", "--symbols", "SPY,QQQ,AAPL,MSFT,GOOGL,TSLA",
         "--model-dir", models().string()},
        train);
    BuildSignalStore(full(), "");
    for (const char* day : kDates) BuildSignalStore(cut(day), day);
  }
  static void TearDownTestSuite() {
    delete home_;
    home_ = nullptr;
  }
  static std::filesystem::path models() { return home_->path() / "models"; }
  static std::filesystem::path full() { return home_->path() / "full"; }
  static std::filesystem::path cut(const std::string& day) { return home_->path() / ("cut-" + day); }

  static CliRun Signals(const std::filesystem::path& home, const std::string& day) {
    return RunCli({"signals", "--symbols", "SPY,AAPL,MSFT", "--as-of", day, "--json", "--model-dir", models().string()},
                  home);
  }

  static TempDir* home_;
};

TempDir* CliSignals::home_ = nullptr;

TEST_F(CliSignals, SignalsAsOfADateAreByteIdenticalInAStoreTruncatedAtThatDate) {
  for (const char* day : kDates) {
    const CliRun whole = Signals(full(), day);
    const CliRun truncated = Signals(cut(day), day);
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    ASSERT_EQ(truncated.exit_code, 0) << truncated.err;
    EXPECT_EQ(whole.out, truncated.out) << "as of " << day;
    // The signal covers the three symbols, and SPY's hourly timeframes were read.
    const auto j = nlohmann::json::parse(whole.out);
    ASSERT_EQ(j.at("signals").size(), 3u) << whole.out;
    for (const auto& s : j.at("signals")) {
      EXPECT_EQ(s.at("as_of"), day);
      for (const char* key : {"direction", "final_score", "probability", "confidence", "timeframes_used",
                              "per_timeframe", "context", "forecast", "gates", "action", "plan"}) {
        EXPECT_TRUE(s.contains(key)) << key;
      }
      // The bundled six give the combiner no evidence over the base rate (docs/signals.md): it
      // abstains, so every signal is the base rate and NEUTRAL, and the plan says why.
      EXPECT_TRUE(s.at("abstained").get<bool>()) << s.dump();
      EXPECT_EQ(s.at("probability"), s.at("base_rate"));
      EXPECT_EQ(s.at("direction"), "NEUTRAL");
      EXPECT_EQ(s.at("action"), "NONE");
      EXPECT_NE(s.at("plan").at("reason").get<std::string>().find("abstains"), std::string::npos);
      if (s.at("symbol") == "SPY") {
        EXPECT_EQ(s.at("timeframes_used"), nlohmann::json({"1h", "4h", "1d", "1w"})) << s.dump();
      } else {
        EXPECT_EQ(s.at("timeframes_used"), nlohmann::json({"1d", "1w"})) << s.dump();
      }
    }
  }
}

// The evidence of every timeframe as of day D's close, from all bars stored in `home`
// (no date cut: only the as-of rule separates the past from the future), optionally with
// weekly bars planted as visible from their start.
std::vector<std::string> EvidenceAt(const std::filesystem::path& home, const signals::ConfluenceModel& model,
                                    Days day, bool plant_leak) {
  auto db = store::OpenStore(home / "qtrader.db", store::OpenMode::kExisting);
  EXPECT_TRUE(db.ok());
  auto market = store::LoadAdjustedDaily(*db, "SPY");
  EXPECT_TRUE(market.ok());
  const signals::ConfluenceScorer scorer(model);
  std::vector<std::string> out;
  for (const char* symbol : {"SPY", "AAPL"}) {
    auto inputs = app::LoadSymbolInputs(*db, symbol, std::nullopt);
    EXPECT_TRUE(inputs.ok()) << inputs.error().message;
    auto frames = signals::BuildFrames(inputs->data, &*market, model.timeframes, model.horizon);
    EXPECT_TRUE(frames.ok());
    if (plant_leak) {
      auto& weekly = frames->records[static_cast<std::size_t>(signals::Timeframe::k1w)];
      if (weekly) weekly->available = weekly->start;
    }
    const auto& daily = inputs->data.daily;
    std::size_t t = 0;
    while (t + 1 < daily.size() && daily.DayAt(t + 1) <= day) ++t;
    EXPECT_EQ(daily.DayAt(t), day) << symbol;
    const auto c = scorer.Score(*frames, t);
    nlohmann::json j = nlohmann::json::array();
    for (const auto& tf : c.timeframes) j.push_back(tf.ToJson());
    out.push_back(j.dump() + " p=" + std::to_string(c.probability));
  }
  return out;
}

TEST_F(CliSignals, TheAsOfRuleAloneKeepsFutureBarsOutAndAPlantedWeeklyLeakIsCaught) {
  auto model = app::ReadConfluence(models(), 5);
  ASSERT_TRUE(model.ok()) << model.error().message;
  int leaks_seen = 0;
  for (const char* text : kDates) {
    const Days day = *ParseDate(text);
    EXPECT_EQ(EvidenceAt(full(), *model, day, false), EvidenceAt(cut(text), *model, day, false)) << text;
    if (EvidenceAt(full(), *model, day, true) != EvidenceAt(cut(text), *model, day, true)) ++leaks_seen;
  }
  // A weekly bar used before its close shows days after D in the full store: caught on each
  // of the four dates that are not a Friday (a Friday's week is complete in both stores).
  EXPECT_EQ(leaks_seen, 4);
}

}  // namespace
}  // namespace qat::testing

namespace qat::testing {
namespace {

TEST_F(CliSignals, TheSignalsDoNotDependOnTheNumberOfThreads) {
  auto db = store::OpenStore(full() / "qtrader.db", store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok());
  app::SignalsRequest request;
  request.symbols = {"SPY", "AAPL", "MSFT"};
  request.as_of = *ParseDate("2025-06-25");
  request.model_dir = models();
  request.account.cash = 500'000;
  std::vector<std::string> outputs;
  for (int jobs : {1, 2, 3}) {
    request.jobs = jobs;
    auto report = app::ComputeSignals(*db, request);
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_EQ(report->signals.size(), 3u);
    outputs.push_back(report->ToJson().dump());
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  EXPECT_EQ(outputs[0], outputs[2]);
}

TEST_F(CliSignals, BadInputsFailWithAClearMessageAndTheRightExitCode) {
  const std::string m = models().string();
  auto run = [&](std::vector<std::string> args) { return RunCli(args, full()); };
  // Usage errors: exit 2, naming the option.
  auto bad_date = run({"signals", "--symbols", "SPY", "--as-of", "2025-13-01", "--model-dir", m});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("--as-of"), std::string::npos) << bad_date.err;
  auto bad_tf = run({"signals", "--symbols", "SPY", "--timeframes", "1d,2h", "--model-dir", m});
  EXPECT_EQ(bad_tf.exit_code, 2);
  EXPECT_NE(bad_tf.err.find("--timeframes: unknown timeframe '2h'"), std::string::npos) << bad_tf.err;
  auto bad_cash = run({"signals", "--symbols", "SPY", "--account-cash", "-5", "--model-dir", m});
  EXPECT_EQ(bad_cash.exit_code, 2);
  EXPECT_NE(bad_cash.err.find("--account-cash must be >= 0"), std::string::npos) << bad_cash.err;
  // No models, no confluence model: exit 1, naming the folder and what to run.
  const auto empty = home_->path() / "no-models";
  auto no_set = run({"signals", "--symbols", "SPY", "--model-dir", empty.string()});
  EXPECT_EQ(no_set.exit_code, 1);
  EXPECT_NE(no_set.err.find("run 'qtrader train --horizon 5' first"), std::string::npos) << no_set.err;
  const auto only_set = home_->path() / "only-set";
  std::filesystem::create_directories(only_set);
  std::filesystem::copy(models() / "5bar", only_set / "5bar");
  auto no_confluence = run({"signals", "--symbols", "SPY", "--model-dir", only_set.string()});
  EXPECT_EQ(no_confluence.exit_code, 1);
  EXPECT_NE(no_confluence.err.find("no confluence model for horizon 5 (run 'qtrader confluence fit' first)"),
            std::string::npos)
      << no_confluence.err;
  // A confluence model changed after it was written is refused, naming the file.
  const auto changed = home_->path() / "changed";
  std::filesystem::copy(models(), changed, std::filesystem::copy_options::recursive);
  const auto file = changed / "confluence_5bar" / "confluence_5bar.json";
  std::string text = ReadFile(file);
  text[text.find("\"base_rate\":") + 12] = '9';
  WriteFile(file, text);
  auto tampered = run({"signals", "--symbols", "SPY", "--model-dir", changed.string()});
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_NE(tampered.err.find("confluence_5bar.json"), std::string::npos) << tampered.err;
  // A symbol with no bars by the date is skipped with the reason, the others still signal.
  auto skipped = run({"signals", "--symbols", "SPY,NOPE", "--as-of", "2025-06-13", "--json", "--model-dir", m});
  ASSERT_EQ(skipped.exit_code, 0) << skipped.err;
  const auto j = nlohmann::json::parse(skipped.out);
  EXPECT_EQ(j.at("signals").size(), 1u);
  EXPECT_EQ(j.at("skipped"), nlohmann::json({"no 1d bars stored for symbol 'NOPE' (import or fetch them first)"}));
  // confluence: an unknown symbol names it; too little history names the count.
  auto unknown = run({"confluence", "evaluate", "--quiet", "--symbols", "NOPE"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no 1d bars stored for symbol 'NOPE'"), std::string::npos) << unknown.err;
  auto short_history = run({"confluence", "evaluate", "--quiet", "--symbols", "SPY"});  // 40 sessions of SPY
  EXPECT_EQ(short_history.exit_code, 2);
  EXPECT_NE(short_history.err.find("33 sessions with a known outcome are too few for a warm-up of 30% and 10 folds (at least 42 are needed"), std::string::npos)
      << short_history.err;
}

}  // namespace
}  // namespace qat::testing
