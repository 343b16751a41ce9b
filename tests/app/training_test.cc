// app::TrainAndPublish called as a front end calls it: real SPY, AAPL and ^VIX bars.
#include <gtest/gtest.h>

#include "qat/app/training.h"
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

TEST(AppTraining, PublishesAVerifiedSetAndLogsTheRunAndAFailureKeepsThePreviousSet) {
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
