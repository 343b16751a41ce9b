// app::ImportCsv and app::ResampleStored called as a front end calls them, on real bundled files.
#include <gtest/gtest.h>

#include "qat/app/ingest.h"
#include "qat/store/actions.h"
#include "qat/store/store.h"
#include "support/cli.h"

namespace qat::app {
namespace {

using qat::testing::RepoPath;
using qat::testing::TempDir;
using qat::testing::WriteFile;

constexpr Timestamp kNow = 1'790'000'000;  // 2026-09-21

TEST(AppIngest, ImportReadsFilesBeforeOpeningTheStoreAndReportsQuality) {
  TempDir dir;
  const auto db_path = dir.path() / "s.db";
  WriteFile(dir.path() / "bad.csv", "date,open,high,low,close\n2024-01-02,1,2,1.5,x\n");
  ImportRequest bad_request{"SPY", data::Interval::k1d, dir.path() / "bad.csv"};
  bad_request.now = kNow;
  auto bad = ImportCsv(db_path, bad_request);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("bad.csv:2: column 'close'"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(std::filesystem::exists(db_path));  // nothing opened, nothing created
  EXPECT_EQ(ImportCsv(db_path, {"SPY"}).error().code, ErrorCode::kInvalidInput);  // no file at all

  std::vector<std::string> lines;
  ImportRequest request{"AAPL", data::Interval::k1d, RepoPath("data/daily/AAPL.csv")};
  request.basis = data::PriceBasis::kSplitDividend;
  request.now = kNow;
  auto imported = ImportCsv(db_path, request, [&](const std::string& l) { lines.push_back(l); });
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("reading ", 0), 0u);
  EXPECT_EQ(lines[1].rfind("writing 10547 bars of AAPL 1d into ", 0), 0u);
  EXPECT_EQ(imported->written.bars.inserted, 10547);
  EXPECT_EQ(imported->write.origin.source, "csv:AAPL.csv");
  EXPECT_EQ(imported->write.origin.adjusted_through, *ParseDate("2026-09-21"));
  EXPECT_EQ(imported->quality.Count(data::IssueKind::kLargeMove), 1u);  // 2000-09-29, docs/data.md
  EXPECT_EQ(imported->quality.Count(data::IssueKind::kStale), 0u);       // imported: as current as the file

  request.basis = data::PriceBasis::kRaw;
  request.adjusted_through = *ParseDate("2026-01-01");
  EXPECT_EQ(ImportCsv(db_path, request).error().code, ErrorCode::kInvalidInput);
  // An actions file alone.
  WriteFile(dir.path() / "a.csv", "date,type,value\n2020-08-31,split,4\n");
  ImportRequest actions_only{"AAPL", data::Interval::k1d, "", dir.path() / "a.csv"};
  actions_only.now = kNow;
  auto actions = ImportCsv(db_path, actions_only);
  ASSERT_TRUE(actions.ok()) << actions.error().message;  // Stooq's closes are adjusted: the split does not show
  auto db = store::OpenStore(db_path, store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(store::LoadActions(*db, "AAPL")->size(), 1u);
}

TEST(AppIngest, ResampleStoresHourlyBarsAndRefusesAnotherSourcesSeries) {
  TempDir dir;
  ImportRequest five{"SPY", data::Interval::k5m, RepoPath("data/intraday/SPY_5m.csv")};
  five.now = kNow;
  ASSERT_TRUE(ImportCsv(dir.path() / "s.db", five).ok());
  ImportRequest daily{"SPY", data::Interval::k1d, RepoPath("data/daily/SPY.csv")};
  daily.now = kNow;
  ASSERT_TRUE(ImportCsv(dir.path() / "s.db", daily).ok());
  auto db = store::OpenStore(dir.path() / "s.db", store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok());
  auto hourly = ResampleStored(*db, {"SPY", data::Interval::k5m, data::Interval::k1h});
  ASSERT_TRUE(hourly.ok()) << hourly.error().message;
  EXPECT_EQ(hourly->bars_in, 7143u);
  EXPECT_EQ(hourly->write.bars.size(), 263u);
  EXPECT_EQ(hourly->dropped_extended, 4217u);
  EXPECT_EQ(hourly->write.origin.source, "resample:5m");
  auto into_daily = ResampleStored(*db, {"SPY", data::Interval::k5m, data::Interval::k1d});
  ASSERT_FALSE(into_daily.ok());
  EXPECT_NE(into_daily.error().message.find("share no session"), std::string::npos);
  auto replaced = ResampleStored(*db, {"SPY", data::Interval::k5m, data::Interval::k1d, false, true});
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  EXPECT_EQ(replaced->written.replaced, 7843);
}

}  // namespace
}  // namespace qat::app
