// app::TrainAndPublish and app::Forecast called as a front end calls them: real SPY, AAPL and
// ^VIX bars; the published set read back by models::ReadModelSet.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "qat/app/forecast.h"
#include "qat/app/training.h"
#include "qat/models/calibration.h"
#include "qat/models/model_set.h"
#include "qat/core/file_set.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "support/cli.h"
#include "support/repo_bars.h"

namespace qat::app {
namespace {

using qat::testing::ReadFile;
using qat::testing::RepoBars;
using qat::testing::TempDir;

TEST(AppTraining, PublishesASetThatReadsBackAndForecastsAndAFailureKeepsThePreviousSet) {
  TempDir dir;
  auto db = store::OpenStore(dir.path() / "s.db");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(store::UpsertBars(*db, RepoBars("data/daily/SPY.csv", "SPY")).ok());
  ASSERT_TRUE(store::UpsertBars(*db, RepoBars("data/daily/AAPL.csv", "AAPL")).ok());
  ASSERT_TRUE(store::UpsertBars(*db, RepoBars("data/macro/VIX.csv", "^VIX", true)).ok());
  TrainRequest request;
  request.config.symbols = {"SPY", "AAPL"};
  request.config.classifier.rounds = 5;
  request.config.quantiles.rounds = 5;
  request.model_dir = dir.path() / "models";
  request.now = 1'790'000'000;
  int lines = 0;
  auto report = TrainAndPublish(*db, request, [&](const std::string&) { ++lines; });
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_GT(lines, 12);
  EXPECT_EQ(report->set_dir, dir.path() / "models" / "5bar");
  EXPECT_EQ(report->files.size(), 8u);  // the artifacts; SHA256SUMS lists them
  EXPECT_EQ(report->run_id, 1);
  EXPECT_EQ(report->symbols_used, 2u);
  EXPECT_EQ(report->results["manifest"]["created_at"], "2026-09-21T14:13:20Z");
  ASSERT_TRUE(VerifyFileSet(report->set_dir).ok());
  const std::string schema = ReadFile(report->set_dir / "feature_schema_5bar.json");

  // The set reads back as it was written: the same schema, boosters that predict the same.
  auto set = models::ReadModelSet(request.model_dir, 5);
  ASSERT_TRUE(set.ok()) << set.error().message;
  const auto& final_models = report->result.final_models;
  EXPECT_EQ(models::ModelSchemaJson(set->schema),
            models::ModelSchemaJson(pipeline::FinalModelSchema(report->result, request.config)));
  EXPECT_EQ(set->schema.as_of, final_models.train_end);
  EXPECT_EQ(set->schema.features.size(), report->result.feature_names.size());
  const std::vector<float> row(set->schema.features.size(), 0.5f);
  auto written = models::PredictQuantiles(final_models.quantiles, row, row.size());
  auto read = models::PredictQuantiles(set->quantiles, row, row.size());
  ASSERT_TRUE(written.ok() && read.ok());
  EXPECT_EQ(*written, *read);

  // A forecast from the set: AAPL's last stored bar, sorted quantiles, probabilities summing
  // to one, levels for each of the 5 steps.
  auto forecast = Forecast(*db, {.model_dir = request.model_dir, .symbol = "AAPL", .horizon = 5});
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  const auto aapl = RepoBars("data/daily/AAPL.csv", "AAPL");
  EXPECT_EQ(forecast->price_day, aapl.DayAt(aapl.size() - 1));
  EXPECT_EQ(forecast->model_as_of, final_models.train_end);
  EXPECT_TRUE(std::is_sorted(forecast->return_quantiles.begin(), forecast->return_quantiles.end()));
  EXPECT_NEAR(std::accumulate(forecast->class_probabilities.begin(), forecast->class_probabilities.end(), 0.0), 1.0,
              1e-6);
  EXPECT_EQ(forecast->levels.size(), 5u);
  // The class probabilities are the classifier's scaled by the temperature the set records,
  // fitted on the out-of-sample rows of the walk-forward.
  EXPECT_EQ(set->schema.classifier_temperature, report->result.calibration.final_temperature);
  EXPECT_EQ(forecast->classifier_temperature, set->schema.classifier_temperature);
  EXPECT_NE(forecast->classifier_temperature, 1.0);
  EXPECT_EQ(report->result.calibration.fold_temperature.size(), report->result.folds.size() - 1);
  EXPECT_EQ(report->result.calibration.calibrated.n + report->result.folds.front().classification.n,
            report->result.oos.n);
  // prob_up: read off the quantiles, then Platt-scaled as the set records, fitted on the
  // walk-forward's out-of-sample rows; each fold 2..n scaled by what folds before it fitted.
  const auto& up = report->result.prob_up_calibration;
  EXPECT_EQ(set->schema.prob_up_platt.a, up.final_platt.a);
  EXPECT_EQ(set->schema.prob_up_platt.b, up.final_platt.b);
  EXPECT_NE(up.final_platt.a, 1.0);
  EXPECT_EQ(forecast->prob_up_platt.a, up.final_platt.a);
  EXPECT_EQ(forecast->prob_up_raw, models::ProbabilityUp(forecast->return_quantiles));
  EXPECT_EQ(forecast->prob_up, models::ApplyPlatt(up.final_platt, forecast->prob_up_raw));
  EXPECT_EQ(up.fold_platt.size(), report->result.folds.size() - 1);
  EXPECT_EQ(up.calibrated.n + report->result.folds.front().fold.test.size(), report->result.oos.n);
  EXPECT_EQ(up.uncalibrated.n, up.calibrated.n);
  EXPECT_EQ(up.uncalibrated.baseline_log_loss, up.calibrated.baseline_log_loss);
  std::size_t binned = 0;
  for (const auto& bin : up.calibrated.reliability) binned += bin.n;
  EXPECT_EQ(binned, up.calibrated.n);
  for (const auto& fold : report->result.folds) EXPECT_TRUE(fold.up_rate > 0.3 && fold.up_rate < 0.8) << fold.up_rate;
  // The JSON of the forecast carries both prob_ups and the scaling.
  const auto json = forecast->ToJson();
  EXPECT_EQ(json["prob_up"], forecast->prob_up);
  EXPECT_EQ(json["prob_up_raw"], forecast->prob_up_raw);
  EXPECT_EQ(json["prob_up_platt"]["b"], up.final_platt.b);
  EXPECT_EQ(report->results["prob_up_calibration"]["fold_platt"].size(), report->result.folds.size() - 1);
  EXPECT_EQ(report->results["prob_up_calibration"]["final_platt"]["a"], up.final_platt.a);
  EXPECT_EQ(forecast->ToJson()["price_date"], FormatDate(forecast->price_day));
  auto other_horizon = Forecast(*db, {.model_dir = request.model_dir, .symbol = "AAPL", .horizon = 10});
  ASSERT_FALSE(other_horizon.ok());
  EXPECT_EQ(other_horizon.error().code, ErrorCode::kNotFound);
  auto unstored = Forecast(*db, {.model_dir = request.model_dir, .symbol = "MSFT", .horizon = 5});
  ASSERT_FALSE(unstored.ok());
  EXPECT_NE(unstored.error().message.find("'MSFT'"), std::string::npos) << unstored.error().message;

  // A run that fails (here: no window can be trained with jobs 0) leaves the set as it was.
  request.config.jobs = 0;
  request.config.classifier.seed = 9;
  auto failed = TrainAndPublish(*db, request, [](const std::string&) {});
  ASSERT_FALSE(failed.ok());
  ASSERT_TRUE(VerifyFileSet(report->set_dir).ok());
  EXPECT_EQ(ReadFile(report->set_dir / "feature_schema_5bar.json"), schema);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path() / "models")) ++entries;
  EXPECT_EQ(entries, 1u);  // no temporary folder left behind
}

}  // namespace
}  // namespace qat::app
