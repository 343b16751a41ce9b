// One price basis everywhere (issue: trustworthy data): the same symbol stored two ways
//   (a) raw with its splits: fetched from the recorded Yahoo NVDA response (4:1 split of
//       2021-07-20), or TSLA as traded (the bundled split-adjusted file times its real 5:1
//       split of 2020-08-31 and 3:1 split of 2022-08-25) imported with --basis raw --actions;
//   (b) imported from the CSV that `qtrader adjusted` prints for (a), with the default
//       --basis split;
// gives identical features, identical pattern cells and identical `train` results. And the
// same when the split arrives in a later fetch than the bars before it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include <nlohmann/json.hpp>

#include "providers/fixture_server.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "qat/features/features.h"
#include "qat/patterns/pattern_stats.h"
#include "qat/patterns/stored_stats.h"
#include "qat/store/actions.h"
#include "qat/store/store.h"
#include "support/cli.h"

namespace qat::testing {
namespace {

constexpr char kNvda[] = "historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json";

class BasisInvariance : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("QTRADER_HTTP_RETRIES", "0", 1);
    server.SetHandler([&](const httplib::Request& req, httplib::Response& res) { ServeYahoo(req, res, bodies); });
  }
  void TearDown() override { unsetenv("QTRADER_HTTP_RETRIES"); }

  CliRun Q(const TempDir& home, std::vector<std::string> args) {
    auto run = RunCli(args, home.path());
    EXPECT_EQ(run.exit_code, 0) << args[0] << ": " << run.out << run.err;
    return run;
  }
  void ImportContext(const TempDir& home) {
    Q(home, {"import", "--symbol", "SPY", "--input", RepoPath("data/daily/SPY.csv").string()});
    Q(home, {"import", "--symbol", "^VIX", "--input", RepoPath("data/macro/VIX.csv").string(), "--repair-ohlc"});
  }
  CliRun FetchNvda(const TempDir& home, const char* end) {
    return Q(home, {"fetch", "--provider", "yahoo", "--symbols", "NVDA", "--start", "2021-02-01", "--end", end,
                    "--base-url", server.base_url()});
  }
  // (b): the adjusted CSV of `symbol` in (a), imported into `b` with the default basis.
  void ImportAdjusted(const TempDir& a, const TempDir& b, const std::string& symbol) {
    const auto csv = b.path() / (symbol + "_adjusted.csv");
    WriteFile(csv, Q(a, {"adjusted", "--symbol", symbol}).out);
    Q(b, {"import", "--symbol", symbol, "--input", csv.string()});
  }

  FixtureServer server;
  std::map<std::string, std::string> bodies = {{"NVDA", YahooBody(kNvda)}};
};

store::Database Open(const TempDir& home) {
  auto db = store::OpenStore(home.path() / "qtrader.db", store::OpenMode::kExisting);
  EXPECT_TRUE(db.ok()) << db.error().message;
  return std::move(*db);
}

// Every feature value, bit for bit (NaN equal to NaN), as the analytics compute them.
std::string FeatureDump(const TempDir& home, const std::string& symbol) {
  auto db = Open(home);
  auto bars = store::LoadAdjustedDaily(db, symbol);
  auto spy = store::LoadAdjustedDaily(db, "SPY");
  auto vix = store::LoadAdjustedDaily(db, "^VIX");
  if (!bars.ok() || !spy.ok() || !vix.ok()) return "load failed";
  auto frame = features::ComputeFeatures(*bars, {&*spy, &*vix});
  if (!frame.ok()) return frame.error().message;
  std::string out;
  for (std::size_t c = 0; c < frame->columns.size(); ++c) {
    out += frame->names[c];
    for (double v : frame->columns[c]) out += ',' + (std::isnan(v) ? std::string("nan") : FormatShortest(v));
    out += '\n';
  }
  return out;
}

// Every stored pattern cell of both spans, every number in its shortest exact form.
std::string CellDump(const TempDir& home) {
  auto db = Open(home);
  std::ostringstream out;
  for (const char* span : {"all", "recent"}) {
    auto cells = patterns::LoadCells(db, span);
    if (!cells.ok()) return cells.error().message;
    patterns::WriteCellsCsv(*cells, out);
  }
  return out.str();
}

TEST_F(BasisInvariance, NvdaFetchedRawAndImportedAdjustedGiveTheSameFeaturesAndCells) {
  TempDir a, b;
  FetchNvda(a, "2022-01-31");
  ImportContext(a);
  ImportAdjusted(a, b, "NVDA");
  ImportContext(b);
  // The stores differ (raw with a split vs adjusted without one); what analytics read does not.
  EXPECT_NE(Q(a, {"bars", "--symbol", "NVDA"}).out, Q(b, {"bars", "--symbol", "NVDA"}).out);
  EXPECT_EQ(Q(a, {"adjusted", "--symbol", "NVDA"}).out, Q(b, {"adjusted", "--symbol", "NVDA"}).out);
  const std::string features = FeatureDump(a, "NVDA");
  EXPECT_GT(features.size(), 10000u);
  EXPECT_EQ(features, FeatureDump(b, "NVDA"));
  const std::string printed = Q(a, {"features", "--symbol", "NVDA"}).out;  // the same, as the CLI prints it
  EXPECT_GT(printed.size(), 10000u);
  EXPECT_EQ(printed, Q(b, {"features", "--symbol", "NVDA"}).out);
  for (const TempDir* home : {&a, &b}) Q(*home, {"patterns", "build", "--symbols", "NVDA"});
  const std::string cells = CellDump(a);
  EXPECT_GT(cells.size(), 1000u);
  EXPECT_EQ(cells, CellDump(b));
  const std::vector<std::string> top = {"patterns", "top", "--json", "--min-n", "1", "--limit", "1000"};
  const std::string top_a = Q(a, top).out;
  EXPECT_NE(top_a.find("\"pattern\""), std::string::npos) << top_a;
  EXPECT_EQ(top_a, Q(b, top).out);
  // No one-day return of -75% at the split: the largest daily move of the analytic closes.
  auto db = Open(a);
  auto bars = store::LoadAdjustedDaily(db, "NVDA");
  ASSERT_TRUE(bars.ok());
  double worst = 0;
  for (std::size_t i = 1; i < bars->size(); ++i) worst = std::min(worst, bars->close[i] / bars->close[i - 1] - 1);
  EXPECT_GT(worst, -0.15);
  // `check` knows the stored split: no large move reported at 2021-07-20 in the raw bars.
  auto check = RunCli({"check", "--symbol", "NVDA"}, a.path());
  EXPECT_EQ(check.out.find("large-move"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("stored split"), std::string::npos) << check.out;
}

TEST_F(BasisInvariance, ASplitArrivingInALaterFetchGivesWhatOneFetchGives) {
  TempDir once, twice;
  FetchNvda(once, "2022-01-31");
  // First Yahoo as it answered on 2021-07-01, before the split; then today's Yahoo.
  std::map<std::string, std::string> before = {
      {"NVDA", YahooBodyBeforeSplit(bodies["NVDA"], *ParseDate("2021-07-02") * kSecondsPerDay, 4)}};
  std::swap(bodies, before);
  FetchNvda(twice, "2021-07-01");
  std::swap(bodies, before);
  auto later = Q(twice, {"fetch", "--provider", "yahoo", "--symbols", "NVDA", "--end", "2022-01-31", "--base-url",
                         server.base_url()});
  EXPECT_NE(later.out.find("1 split"), std::string::npos) << later.out;
  for (const TempDir* home : {&once, &twice}) {
    ImportContext(*home);
    Q(*home, {"patterns", "build", "--symbols", "NVDA"});
  }
  EXPECT_EQ(Q(once, {"adjusted", "--symbol", "NVDA"}).out, Q(twice, {"adjusted", "--symbol", "NVDA"}).out);
  EXPECT_EQ(FeatureDump(once, "NVDA"), FeatureDump(twice, "NVDA"));
  EXPECT_EQ(CellDump(once), CellDump(twice));
}

// TSLA as traded: the bundled split-adjusted values times the splits after each day.
void WriteRawTsla(const std::filesystem::path& bars_csv, const std::filesystem::path& actions_csv) {
  auto read = data::ReadBarsCsv(RepoPath("data/daily/TSLA.csv"), {.symbol = "TSLA"});
  ASSERT_TRUE(read.ok());
  const Days split1 = *ParseDate("2020-08-31"), split2 = *ParseDate("2022-08-25");
  std::string text = "date,open,high,low,close,volume\n";
  for (std::size_t i = 0; i < read->size(); ++i) {
    const Days d = read->DayAt(i);
    const double f = (d < split1 ? 5.0 : 1.0) * (d < split2 ? 3.0 : 1.0);
    text += FormatDate(d);
    for (double v : {read->open[i], read->high[i], read->low[i], read->close[i]}) text += ',' + FormatShortest(v * f);
    text += ',' + FormatShortest(read->volume[i] / f) + '\n';
  }
  WriteFile(bars_csv, text);
  WriteFile(actions_csv, "date,type,value\n2020-08-31,split,5\n2022-08-25,split,3\n");
}

TEST_F(BasisInvariance, TslaImportedRawAndImportedAdjustedTrainTheSameModels) {
  TempDir a, b;
  WriteRawTsla(a.path() / "tsla_raw.csv", a.path() / "tsla_actions.csv");
  // The raw file with the default basis contradicts the stored splits: refused, nothing stored.
  Q(a, {"import", "--symbol", "TSLA", "--actions", (a.path() / "tsla_actions.csv").string()});
  auto wrong = RunCli({"import", "--symbol", "TSLA", "--input", (a.path() / "tsla_raw.csv").string()}, a.path());
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("but the 5:1 split of 2020-08-31 shows in its closes"), std::string::npos) << wrong.err;
  EXPECT_NE(RunCli({"bars", "--symbol", "TSLA"}, a.path()).exit_code, 0);
  Q(a, {"import", "--symbol", "TSLA", "--input", (a.path() / "tsla_raw.csv").string(), "--basis", "raw"});
  ImportContext(a);
  ImportAdjusted(a, b, "TSLA");
  ImportContext(b);
  EXPECT_EQ(FeatureDump(a, "TSLA"), FeatureDump(b, "TSLA"));
  EXPECT_EQ(Q(a, {"features", "--symbol", "TSLA"}).out, Q(b, {"features", "--symbol", "TSLA"}).out);
  for (const TempDir* home : {&a, &b}) {
    Q(*home, {"patterns", "build", "--symbols", "TSLA"});
    Q(*home, {"train", "--symbols", "TSLA", "--rounds", "20", "--quiet", "--model-dir", (home->path() / "m").string()});
  }
  EXPECT_EQ(CellDump(a), CellDump(b));
  auto results = [](const TempDir& home) {
    auto j = nlohmann::json::parse(ReadFile(home.path() / "m" / "5bar" / "training_results_5bar.json"));
    j["manifest"].erase("created_at");
    return j;
  };
  const auto ra = results(a), rb = results(b);
  EXPECT_GT(ra["rows"].get<int>(), 2000);
  EXPECT_EQ(ra["manifest"]["data_sha256"], rb["manifest"]["data_sha256"]);  // the bars trained on
  EXPECT_EQ(ra.dump(), rb.dump());
  for (const char* file : {"swing_model_5bar.json", "quantile_5bar_q90.json"}) {
    EXPECT_TRUE(ReadFile(a.path() / "m" / "5bar" / file) == ReadFile(b.path() / "m" / "5bar" / file)) << file;
  }
}

}  // namespace
}  // namespace qat::testing
