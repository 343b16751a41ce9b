// train and forecast as a user runs them: the real binary on the bundled data in a fresh
// QTRADER_HOME. Training runs with fewer rounds (--rounds 20) to keep the test short. The two
// identical trainings differ only in --jobs (1 and 3 windows at once): their files must be
// the same byte for byte.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "qat/core/sha256.h"
#include "qat/pipeline/training.h"
#include "qat/store/sqlite.h"
#include "qat/store/store.h"
#include "support/cli.h"
#include "support/golden_json.h"

namespace qat::testing {
namespace {

const char* const kFiles[] = {"SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"};

class CliModels : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new TempDir();
    for (const char* symbol : kFiles) {
      auto run = RunCli({"import", "--symbol", symbol, "--input", RepoPath(std::string("data/daily/") + symbol + ".csv")},
                        home_->path());
      ASSERT_EQ(run.exit_code, 0) << run.err;
    }
    auto vix = RunCli({"import", "--symbol", "^VIX", "--input", RepoPath("data/macro/VIX.csv"), "--repair-ohlc"},
                      home_->path());
    ASSERT_EQ(vix.exit_code, 0) << vix.err;
    for (const auto& [dir, jobs] : {std::pair{"a", "1"}, std::pair{"b", "3"}}) {
      runs_.push_back(RunCli({"train", "--symbols", "SPY,QQQ,AAPL,MSFT,GOOGL,TSLA", "--rounds", "20", "--seed", "7",
                              "--jobs", jobs, "--model-dir", (home_->path() / dir).string()},
                             home_->path()));
    }
  }
  static void TearDownTestSuite() {
    delete home_;
    home_ = nullptr;
    runs_.clear();
  }
  static std::filesystem::path Dir(const char* name) { return home_->path() / name; }
  // The 5-bar model set trained with --model-dir Dir(name).
  static std::filesystem::path Set(const char* name) { return Dir(name) / "5bar"; }

  static TempDir* home_;
  static std::vector<CliRun> runs_;
};

TempDir* CliModels::home_ = nullptr;
std::vector<CliRun> CliModels::runs_;

TEST_F(CliModels, TrainWritesEveryArtifactWithItsFieldsAndTheRecordedFigures) {
  ASSERT_EQ(runs_.size(), 2u);
  ASSERT_EQ(runs_[0].exit_code, 0) << runs_[0].out << runs_[0].err;
  EXPECT_NE(runs_[0].out.find("fold 1/12"), std::string::npos) << runs_[0].out;  // progress
  for (const char* name : {"swing_model_5bar.json", "quantile_5bar_q10.json", "quantile_5bar_q25.json",
                           "quantile_5bar_q50.json", "quantile_5bar_q75.json", "quantile_5bar_q90.json",
                           "feature_schema_5bar.json", "training_results_5bar.json"}) {
    EXPECT_TRUE(std::filesystem::exists(Set("a") / name)) << name;
  }
  auto results = nlohmann::json::parse(ReadFile(Set("a") / "training_results_5bar.json"));
  for (const char* key : {"horizon", "symbols", "rows", "features", "folds", "oos", "manifest"}) {
    EXPECT_TRUE(results.contains(key)) << key;
  }
  EXPECT_EQ(results["horizon"], 5);
  ASSERT_EQ(results["folds"].size(), 12u);
  const auto& fold = results["folds"][0];
  for (const char* key : {"train_start", "train_end", "test_start", "test_end", "n_train", "n_test", "accuracy",
                          "directional_accuracy", "balanced_accuracy", "log_loss", "baseline_log_loss", "brier",
                          "baseline_brier", "baseline_accuracy",
                          "quantile_coverage", "interval_coverage_80", "pinball_loss", "baseline_pinball_loss"}) {
    EXPECT_TRUE(fold.contains(key)) << key;
    EXPECT_TRUE(results["oos"].contains(key) || std::string(key).find("train") == 0 ||
                std::string(key).find("n_") == 0) << key;
  }
  for (const char* q : {"q10", "q25", "q50", "q75", "q90"}) {
    EXPECT_TRUE(fold["quantile_coverage"].contains(q));
    EXPECT_TRUE(fold["baseline_pinball_loss"].contains(q));
  }
  // Folds follow each other; training ends before testing starts.
  for (const auto& f : results["folds"]) EXPECT_LT(f["train_end"].get<std::string>(), f["test_start"].get<std::string>());
  // Each symbol runs to its own last labelled day (5 bars before its last bar), not to the
  // earliest one of all (TSLA's): the last fold tests AAPL and MSFT up to 2026-07-14.
  ASSERT_EQ(results["symbols_used"].size(), 6u);
  std::map<std::string, std::string> last_day;
  for (const auto& s : results["symbols_used"]) last_day[s["symbol"]] = s["last_day"];
  EXPECT_EQ(last_day["SPY"], "2024-03-15");
  EXPECT_EQ(last_day["TSLA"], "2023-08-04");
  EXPECT_EQ(last_day["AAPL"], "2026-07-14");
  EXPECT_EQ(last_day["MSFT"], "2026-07-14");
  EXPECT_EQ(results["last_day"], "2026-07-14");
  EXPECT_EQ(results["folds"].back()["test_end"], "2026-07-14");
  EXPECT_EQ(results["skipped_symbols"].size(), 0u);
  // SPY, the market, ends 2024-03-22: AAPL's and MSFT's later rows have no market context.
  EXPECT_GT(results["rows_missing_market"].get<std::size_t>(), 2 * 550u);
  EXPECT_GE(results["rows_missing_context"].get<std::size_t>(), results["rows_missing_market"].get<std::size_t>());
  EXPECT_EQ(results["manifest"]["config"]["context_max_age_days"], 5);
  // Only AAPL and MSFT have rows in the last 730 days (2024-07-15 .. 2026-07-14), and the
  // results say so.
  EXPECT_EQ(results["final_model"]["symbols"], nlohmann::json::array({"AAPL", "MSFT"}));
  EXPECT_NE(runs_[0].err.find("warning: the final models train on 2 of 6 symbols (AAPL,MSFT)"), std::string::npos)
      << runs_[0].err;
  EXPECT_NE(runs_[0].out.find("of 2 of 6 symbols: AAPL,MSFT;"), std::string::npos) << runs_[0].out;
  // The probabilities beside the class prior, as the golden file records them.
  EXPECT_NE(runs_[0].out.find("probabilities: log loss 1.0792 (class prior 1.0834), Brier 0.6534 (class prior 0.6569)\n"),
            std::string::npos)
      << runs_[0].out;
  // prob_up beside the base rate, raw and Platt-scaled, on folds 2..12.
  EXPECT_NE(runs_[0].out.find("  prob_up, folds 2..12 (" +
                              std::to_string(results["prob_up_calibration"]["n"].get<std::size_t>()) +
                              " rows): log loss "),
            std::string::npos)
      << runs_[0].out;
  EXPECT_NE(runs_[0].out.find("  Platt-scaled: log loss "), std::string::npos) << runs_[0].out;
  // The out-of-sample figures, per fold and pooled, and the final models, as recorded.
  ExpectMatchesGolden(results, nlohmann::json::parse(ReadFile(RepoPath("tests/testdata/golden/train_rounds20_seed7.json"))));
  for (const char* key : {"data_sha256", "config", "seed", "versions", "git_commit"}) {
    EXPECT_TRUE(results["manifest"].contains(key)) << key;
  }
  EXPECT_EQ(results["manifest"]["seed"], 7);
  // The schema records the registry's feature names in column order.
  auto schema = nlohmann::json::parse(ReadFile(Set("a") / "feature_schema_5bar.json"));
  EXPECT_EQ(schema["features"], results["features"]);
  EXPECT_EQ(schema["n_features"], results["features"].size());
  // q50 carries no conformal shift (docs/models.md); a quantile that kept 0 rounds is the
  // window's unconditional quantile: scale 0, no shift.
  EXPECT_EQ(results["manifest"]["config"]["median_conformal_shift"], false);
  EXPECT_EQ(schema["quantiles"][2]["conformal_shift"].get<double>(), 0.0);
  for (const auto& q : schema["quantiles"]) {
    if (q["rounds"].get<int>() == 0) {
      EXPECT_EQ(q["scale"].get<double>(), 0.0) << q["name"];
      EXPECT_EQ(q["conformal_shift"].get<double>(), 0.0) << q["name"];
    } else {
      EXPECT_GT(q["scale"].get<double>(), 0.0) << q["name"];
    }
  }
  // Both runs are logged in the store.
  auto db = store::OpenStore(home_->path() / "qtrader.db");
  ASSERT_TRUE(db.ok());
  auto count = db->Prepare("SELECT COUNT(*), MIN(data_sha256), MAX(data_sha256) FROM training_runs");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(*count->Step());
  EXPECT_EQ(count->ColumnInt(0), 2);
  EXPECT_EQ(count->ColumnText(1), results["manifest"]["data_sha256"].get<std::string>());
  EXPECT_EQ(count->ColumnText(1), count->ColumnText(2));
}

TEST_F(CliModels, SameSeedAndDataGiveIdenticalFiles) {
  ASSERT_EQ(runs_[1].exit_code, 0) << runs_[1].err;
  for (const char* name : {"swing_model_5bar.json", "quantile_5bar_q10.json", "quantile_5bar_q25.json",
                           "quantile_5bar_q50.json", "quantile_5bar_q75.json", "quantile_5bar_q90.json",
                           "feature_schema_5bar.json"}) {
    const std::string a = ReadFile(Set("a") / name), b = ReadFile(Set("b") / name);
    EXPECT_GT(a.size(), 100u) << name;
    EXPECT_TRUE(a == b) << name << " differs between two runs (--jobs 1 and --jobs 3)";
  }
  auto a = nlohmann::json::parse(ReadFile(Set("a") / "training_results_5bar.json"));
  auto b = nlohmann::json::parse(ReadFile(Set("b") / "training_results_5bar.json"));
  a["manifest"].erase("created_at");
  b["manifest"].erase("created_at");
  EXPECT_EQ(a.dump(), b.dump());
  // A different seed gives a different model (subsampling depends on it).
  auto other = RunCli({"train", "--symbols", "SPY,AAPL", "--rounds", "5", "--seed", "8", "--quiet", "--model-dir",
                       Dir("c").string()}, home_->path());
  auto again = RunCli({"train", "--symbols", "SPY,AAPL", "--rounds", "5", "--seed", "9", "--quiet", "--model-dir",
                       Dir("d").string()}, home_->path());
  ASSERT_EQ(other.exit_code, 0) << other.err;
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(ReadFile(Set("c") / "swing_model_5bar.json"), ReadFile(Set("d") / "swing_model_5bar.json"));
}

// The progress lines (folds, out of sample, final models) come in fold order whatever
// --jobs is, with the same numbers; only the header says how many windows ran at once.
TEST_F(CliModels, JobsChangeNeitherProgressNorForecast) {
  ASSERT_EQ(runs_.size(), 2u);
  ASSERT_EQ(runs_[0].exit_code, 0) << runs_[0].err;
  ASSERT_EQ(runs_[1].exit_code, 0) << runs_[1].err;
  EXPECT_NE(runs_[0].out.find("seed 7, 1 window at once\n"), std::string::npos) << runs_[0].out;
  EXPECT_NE(runs_[1].out.find("seed 7, 3 windows at once\n"), std::string::npos) << runs_[1].out;
  auto progress = [](const std::string& out) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < out.size()) {
      std::size_t end = out.find('\n', start);
      if (end == std::string::npos) end = out.size();
      const std::string line = out.substr(start, end - start);
      if (line.rfind("  ", 0) == 0) lines.push_back(line);  // progress and the summary table
      start = end + 1;
    }
    return lines;
  };
  const auto one = progress(runs_[0].out), three = progress(runs_[1].out);
  ASSERT_GT(one.size(), 16u) << runs_[0].out;
  EXPECT_EQ(one, three);
  // Fold order, then the pooled measures, then the final models.
  std::vector<std::string> expected;
  for (int k = 1; k <= 12; ++k) expected.push_back("fold " + std::to_string(k) + "/12:");
  expected.push_back("out of sample (");
  expected.push_back("final models:");
  std::vector<std::ptrdiff_t> at;
  for (const auto& text : expected) {
    const auto it = std::find_if(three.begin(), three.end(), [&](const std::string& l) { return l.find(text) == 2; });
    EXPECT_NE(it, three.end()) << text;
    at.push_back(it - three.begin());
  }
  EXPECT_TRUE(std::adjacent_find(at.begin(), at.end(), std::greater_equal<>()) == at.end());
  for (const char* symbol : {"SPY", "TSLA"}) {
    auto a = RunCli({"forecast", "--symbol", symbol, "--model-dir", Dir("a").string(), "--json"}, home_->path());
    auto b = RunCli({"forecast", "--symbol", symbol, "--model-dir", Dir("b").string(), "--json"}, home_->path());
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_GT(a.out.size(), 100u);
    EXPECT_EQ(a.out, b.out) << symbol;
  }
  auto zero = RunCli({"train", "--symbols", "SPY", "--jobs", "0", "--model-dir", Dir("z").string()}, home_->path());
  EXPECT_EQ(zero.exit_code, 2) << zero.err;
  EXPECT_NE(zero.err.find("--jobs"), std::string::npos) << zero.err;
  // The library refuses it too, before any work.
  auto db = store::OpenStore(home_->path() / "qtrader.db");
  ASSERT_TRUE(db.ok());
  pipeline::TrainConfig config;
  config.jobs = 0;
  int lines = 0;
  auto refused = pipeline::RunTraining(*db, config, [&](const std::string&) { ++lines; });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "jobs must be at least 1 (got 0)");
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(lines, 0);
}

TEST_F(CliModels, ForecastPrintsLevelsAndProbabilities) {
  auto run = RunCli({"forecast", "--symbol", "AAPL", "--model-dir", Dir("a").string(), "--json"}, home_->path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto f = nlohmann::json::parse(run.out);
  EXPECT_EQ(f["symbol"], "AAPL");
  EXPECT_EQ(f["horizon"], 5);
  ASSERT_EQ(f["levels"].size(), 5u);
  auto schema = nlohmann::json::parse(ReadFile(Set("a") / "feature_schema_5bar.json"));
  EXPECT_EQ(f["model_as_of"], schema["as_of"]);
  const double price = f["price"];
  EXPECT_GT(price, 0);
  for (const auto& step : f["levels"]) {
    const double q10 = step["q10"], q25 = step["q25"], q50 = step["q50"], q75 = step["q75"], q90 = step["q90"];
    EXPECT_TRUE(q10 <= q25 && q25 <= q50 && q50 <= q75 && q75 <= q90) << step.dump();
  }
  // Step h is the price times the horizon's return quantiles.
  EXPECT_NEAR(f["levels"][4]["q90"].get<double>(), price * (1 + f["return_quantiles"]["q90"].get<double>()), 1e-9);
  const double up = f["prob_up"], up_raw = f["prob_up_raw"];
  EXPECT_TRUE(up > 0 && up < 1);
  EXPECT_TRUE(up_raw >= 0 && up_raw <= 1);
  // prob_up is prob_up_raw scaled by the set's Platt a, b: sigmoid(a logit(raw) + b).
  EXPECT_EQ(f["prob_up_platt"], schema["prob_up_platt"]);
  const double a = f["prob_up_platt"]["a"], b = f["prob_up_platt"]["b"];
  const double clamped = std::clamp(up_raw, 1e-6, 1 - 1e-6);
  EXPECT_NEAR(up, 1 / (1 + std::exp(-(a * std::log(clamped / (1 - clamped)) + b))), 1e-12);
  const auto& p = f["class_probabilities"];
  EXPECT_NEAR(p["SELL"].get<double>() + p["HOLD"].get<double>() + p["BUY"].get<double>(), 1.0, 1e-5);
  // AAPL's last bar (2026-07-21) is long after SPY's (2024-03-22): the forecast says its
  // market features are missing rather than using SPY's last values.
  EXPECT_EQ(f["context_missing"], nlohmann::json::array({"SPY"}));
  EXPECT_EQ(f["context_max_age_days"], 5);
  auto text = RunCli({"forecast", "--symbol", "AAPL", "--model-dir", Dir("a").string()}, home_->path());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find(fmt::format("prob_up {:.3f} (uncalibrated {:.3f})", up, up_raw)), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("note: no SPY bar within 5 days of 2026-07-21"), std::string::npos) << text.out;
  auto spy = RunCli({"forecast", "--symbol", "SPY", "--model-dir", Dir("a").string(), "--json"}, home_->path());
  ASSERT_EQ(spy.exit_code, 0) << spy.err;
  EXPECT_EQ(nlohmann::json::parse(spy.out)["context_missing"], nlohmann::json::array());
  EXPECT_NE(text.out.find("model trained through " + schema["as_of"].get<std::string>()), std::string::npos);
}

TEST_F(CliModels, ClearErrors) {
  auto missing = RunCli({"train", "--symbols", "SPY,NOPE", "--rounds", "2", "--model-dir", Dir("e").string()},
                        home_->path());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("'NOPE'"), std::string::npos) << missing.err;
  auto no_symbol = RunCli({"forecast", "--symbol", "NOPE", "--model-dir", Dir("a").string()}, home_->path());
  EXPECT_EQ(no_symbol.exit_code, 1);
  EXPECT_NE(no_symbol.err.find("'NOPE'"), std::string::npos) << no_symbol.err;
  auto no_models = RunCli({"forecast", "--symbol", "AAPL", "--model-dir", Dir("none").string()}, home_->path());
  EXPECT_EQ(no_models.exit_code, 1);
  EXPECT_NE(no_models.err.find("qtrader train"), std::string::npos) << no_models.err;
  // A schema whose features differ from the registry is refused (a whole set, with its sums).
  std::filesystem::create_directories(Set("f"));
  std::string sums;
  for (const auto& entry : std::filesystem::directory_iterator(Set("a"))) {
    const std::string name = entry.path().filename().string();
    if (name == "SHA256SUMS") continue;
    std::string bytes = ReadFile(entry.path());
    if (name == "feature_schema_5bar.json") {
      auto schema = nlohmann::json::parse(bytes);
      schema["features"][1] = "not_a_feature";
      bytes = schema.dump();
    }
    WriteFile(Set("f") / name, bytes);
    sums += Sha256Hex(bytes) + "  " + name + "\n";
  }
  WriteFile(Set("f") / "SHA256SUMS", sums);
  auto refused = RunCli({"forecast", "--symbol", "AAPL", "--model-dir", Dir("f").string()}, home_->path());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("not_a_feature"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("column 2"), std::string::npos) << refused.err;
  // Training runs on the CPU (Debian's XGBoost has no CUDA); there is no device to choose.
  auto device = RunCli({"train", "--device", "cuda"}, home_->path());
  EXPECT_EQ(device.exit_code, 2);
  EXPECT_NE(device.err.find("unknown option '--device'"), std::string::npos) << device.err;
}

// The model set of a horizon is written whole or not at all (issue: trustworthy data, section 3).
TEST_F(CliModels, AMixedOrTruncatedModelSetIsRefusedNamingTheFile) {
  ASSERT_EQ(runs_[0].exit_code, 0);
  // Set a with one quantile model from another run: the reproduced failure was a forecast from
  // such a mix without a word.
  ASSERT_EQ(RunCli({"train", "--symbols", "SPY,AAPL", "--rounds", "5", "--seed", "8", "--quiet", "--model-dir",
                    Dir("other").string()}, home_->path()).exit_code, 0);
  std::filesystem::create_directories(Set("mix"));
  for (const auto& entry : std::filesystem::directory_iterator(Set("a"))) {
    std::filesystem::copy_file(entry.path(), Set("mix") / entry.path().filename());
  }
  std::filesystem::copy_file(Set("other") / "quantile_5bar_q10.json", Set("mix") / "quantile_5bar_q10.json",
                             std::filesystem::copy_options::overwrite_existing);
  auto mixed = RunCli({"forecast", "--symbol", "AAPL", "--model-dir", Dir("mix").string()}, home_->path());
  EXPECT_EQ(mixed.exit_code, 1);
  EXPECT_NE(mixed.err.find("'quantile_5bar_q10.json' does not match SHA256SUMS"), std::string::npos) << mixed.err;
  EXPECT_TRUE(mixed.out.empty());
  const std::string model = ReadFile(Set("a") / "swing_model_5bar.json");
  WriteFile(Set("mix") / "quantile_5bar_q10.json", ReadFile(Set("a") / "quantile_5bar_q10.json"));
  WriteFile(Set("mix") / "swing_model_5bar.json", model.substr(0, model.size() / 2));
  auto truncated = RunCli({"forecast", "--symbol", "AAPL", "--model-dir", Dir("mix").string()}, home_->path());
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_NE(truncated.err.find("'swing_model_5bar.json' does not match"), std::string::npos) << truncated.err;
}

TEST_F(CliModels, AKilledTrainingLeavesThePreviousModelSet) {
  ASSERT_EQ(runs_[0].exit_code, 0);
  const auto dir = Dir("k");
  ASSERT_EQ(RunCli({"train", "--symbols", "SPY,AAPL", "--rounds", "5", "--seed", "1", "--quiet", "--model-dir",
                    dir.string()}, home_->path()).exit_code, 0);
  const std::string forecast =
      RunCli({"forecast", "--symbol", "AAPL", "--model-dir", dir.string(), "--json"}, home_->path()).out;
  ASSERT_GT(forecast.size(), 100u);
  // Kill a second training (another seed) at three points: early, after the folds, and as it
  // writes its files.
  for (const char* after : {"dataset:", "out of sample", "final models"}) {
    int out_pipe[2];
    ASSERT_EQ(pipe(out_pipe), 0);
    const pid_t pid = fork();
    if (pid == 0) {
      dup2(out_pipe[1], 1);
      close(out_pipe[0]);
      setenv("QTRADER_HOME", home_->path().c_str(), 1);
      execl(QAT_CLI_PATH, QAT_CLI_PATH, "train", "--symbols", "SPY,AAPL", "--rounds", "5", "--seed", "2",
            "--model-dir", dir.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out_pipe[1]);
    std::string out;
    char c;
    while (out.find(after) == std::string::npos && read(out_pipe[0], &c, 1) == 1) out += c;
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(out_pipe[0]);
    EXPECT_TRUE(WIFSIGNALED(status)) << after;
    auto now = RunCli({"forecast", "--symbol", "AAPL", "--model-dir", dir.string(), "--json"}, home_->path());
    ASSERT_EQ(now.exit_code, 0) << after << ": " << now.err;
    EXPECT_EQ(now.out, forecast) << after;
  }
}

TEST_F(CliModels, AnUnwritableModelFolderFailsBeforeTraining) {
  WriteFile(Dir("plain_file"), "not a folder");
  auto run = RunCli({"train", "--symbols", "SPY,AAPL", "--model-dir", (Dir("plain_file") / "models").string()},
                    home_->path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("cannot create folder"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("fold 1/"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace qat::testing
