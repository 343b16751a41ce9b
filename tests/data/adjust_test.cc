// One price basis for every analytic (qat/data/adjust.h): stored bars of each basis, turned
// into split-adjusted bars, worked by hand on small bars where one exact value is the point.
#include <gtest/gtest.h>

#include "qat/data/adjust.h"

namespace qat::data {
namespace {

Days D(const char* text) { return *ParseDate(text); }

// Four daily bars around a 2:1 split on 2024-01-04 and a $1 dividend going ex on 2024-01-03.
BarSeries Bars(std::vector<double> close) {
  BarSeries s;
  s.symbol = "XYZ";
  const char* days[] = {"2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"};
  for (std::size_t i = 0; i < close.size(); ++i) {
    const Timestamp start = Timestamp{D(days[i])} * kSecondsPerDay;
    s.Append({start, AvailableTime(Interval::k1d, start), close[i], close[i], close[i], close[i], close[i], 1000});
  }
  return s;
}

const std::vector<CorporateAction> kActions = {{"XYZ", D("2024-01-03"), ActionType::kDividend, 1},
                                               {"XYZ", D("2024-01-04"), ActionType::kSplit, 2}};

TEST(Adjust, RawBarsAreDividedByLaterSplitsAndVolumesMultiplied) {
  // As traded: 100, 99 (went ex $1), 49.5 (split 2:1), 50.
  const auto out = AdjustedBars(OneSegment(Bars({100, 99, 49.5, 50}), PriceBasis::kRaw, "raw", 0), kActions);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out.close, (std::vector<double>{50, 49.5, 49.5, 50}));
  EXPECT_EQ(out.volume, (std::vector<double>{2000, 2000, 1000, 1000}));
  // Dividend factor 1 - (1 / 2) / 50 = 0.99 applies to the bar before the ex-date only.
  EXPECT_DOUBLE_EQ(out.adj_close[0], 50 * 0.99);
  EXPECT_EQ(out.adj_close[1], 49.5);
}

TEST(Adjust, SplitAdjustedBarsKeepTheSplitsUpToTheirAdjustedThroughDay) {
  // A file adjusted through 2024-01-05 already holds the split: nothing changes, and its own
  // adj_close (here 0 dividends: equal to close) is taken as given.
  const auto split_bars = Bars({50, 49.5, 49.5, 50});
  const auto through = AdjustedBars(OneSegment(split_bars, PriceBasis::kSplit, "csv", D("2024-01-05")), kActions);
  EXPECT_EQ(through.close, split_bars.close);
  EXPECT_EQ(through.volume, split_bars.volume);
  // The same values declared adjusted only through 2024-01-03 lack the split: divided again.
  const auto before = AdjustedBars(OneSegment(split_bars, PriceBasis::kSplit, "csv", D("2024-01-03")), kActions);
  EXPECT_EQ(before.close[0], 25);
  EXPECT_EQ(before.close[1], 24.75);
  EXPECT_EQ(before.close[3], 50);  // a bar on or after the split is not divided
}

TEST(Adjust, SplitDividendBarsHaveAdjCloseEqualToClose) {
  auto bars = Bars({49.5, 49.5, 49.5, 50});
  bars.adj_close = {1, 1, 1, 1};  // ignored: the prices themselves carry the dividends
  const auto out = AdjustedBars(OneSegment(bars, PriceBasis::kSplitDividend, "stooq", D("2024-01-05")), kActions);
  EXPECT_EQ(out.adj_close, out.close);
}

TEST(Adjust, AsOfKeepsOnlyWhatWasKnownThen) {
  const auto raw = OneSegment(Bars({100, 99, 49.5, 50}), PriceBasis::kRaw, "raw", 0);
  const auto then = AdjustedBars(raw, kActions, {.as_of = D("2024-01-03")});
  ASSERT_EQ(then.size(), 2u);
  EXPECT_EQ(then.close, (std::vector<double>{100, 99}));  // the split was still to come
  EXPECT_DOUBLE_EQ(then.adj_close[0], 100 * (1 - 1.0 / 100));
}

TEST(Adjust, DividendsInPricesScaleOpenHighLowClose) {
  const auto raw = OneSegment(Bars({100, 99, 49.5, 50}), PriceBasis::kRaw, "raw", 0);
  const auto total = AdjustedBars(raw, kActions, {.dividends_in_prices = true});
  EXPECT_DOUBLE_EQ(total.close[0], 49.5);
  EXPECT_DOUBLE_EQ(total.open[0], 49.5);
  EXPECT_EQ(total.close[0], total.adj_close[0]);
  EXPECT_EQ(total.volume[0], 2000);
}

TEST(Adjust, SegmentsOfDifferentBasesJoinOnOneBasis) {
  // Raw history first, then a split-adjusted file (through today) from the split on.
  StoredSeries s;
  s.bars = Bars({100, 99, 49.5, 50});
  s.segments = {{0, 2, PriceBasis::kRaw, "yahoo", 0}, {2, 4, PriceBasis::kSplit, "csv", D("2024-12-31")}};
  const auto out = AdjustedBars(s, kActions);
  EXPECT_EQ(out.close, (std::vector<double>{50, 49.5, 49.5, 50}));
  EXPECT_EQ(&s.SegmentOf(1), &s.segments[0]);
  EXPECT_EQ(&s.SegmentOf(2), &s.segments[1]);
}

TEST(Adjust, JudgeSplitsTellsRawFromAdjustedCloses) {
  const auto raw = OneSegment(Bars({100, 99, 49.5, 50}), PriceBasis::kRaw, "raw", 0);
  auto judged = JudgeSplits(raw, kActions);
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_TRUE(judged[0].visible);
  EXPECT_TRUE(judged[0].consistent());
  // The same raw closes declared split-adjusted: the split shows where it should not.
  const auto wrong = OneSegment(Bars({100, 99, 49.5, 50}), PriceBasis::kSplit, "csv", D("2024-12-31"));
  judged = JudgeSplits(wrong, kActions);
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_FALSE(judged[0].consistent());
  EXPECT_EQ(DescribeSplitEvidence(judged[0], wrong.segments[0]),
            "declared split-adjusted through 2024-12-31, but the 2:1 split of 2024-01-04 shows in its closes "
            "(99 on 2024-01-03 -> 49.5 on 2024-01-04, -50.0%): its prices are not adjusted for it");
  // Adjusted closes declared raw: the split does not show where it should.
  const auto flat = OneSegment(Bars({50, 49.5, 49.5, 50}), PriceBasis::kRaw, "csv", 0);
  judged = JudgeSplits(flat, kActions);
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_FALSE(judged[0].visible);
  EXPECT_FALSE(judged[0].consistent());
  // A split outside the bars, or too small to judge, is not judged.
  EXPECT_TRUE(JudgeSplits(OneSegment(Bars({100, 99}), PriceBasis::kRaw, "r", 0), kActions).empty());
  std::vector<CorporateAction> small = {{"XYZ", D("2024-01-04"), ActionType::kSplit, 1.05}};
  EXPECT_TRUE(JudgeSplits(raw, small).empty());
}

TEST(Adjust, CompareClosesUsesSharedSessionsOnly) {
  const auto a = Bars({100, 99, 49.5, 50});
  auto b = Bars({100, 99, 49.5, 50}).Slice(2, 4);
  b.close = {51.975, 52.5};  // 5% higher
  const Overlap o = CompareCloses(a, b);
  EXPECT_EQ(o.sessions, 2u);
  EXPECT_DOUBLE_EQ(o.median_ratio, 1.05);
  EXPECT_EQ(o.first, a.start[2]);
  EXPECT_EQ(o.last, a.start[3]);
  EXPECT_EQ(CompareCloses(a.Slice(0, 2), b).sessions, 0u);
}

TEST(Adjust, ActionsCsvRoundTripsAndNamesBadRows) {
  auto ok = ParseActionsCsv("date,type,value\n2024-01-04,split,2\n2024-01-03,dividend,1\n", "a.csv", "XYZ");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].type, ActionType::kDividend);  // sorted by date
  EXPECT_EQ((*ok)[1].value, 2);
  auto bad = ParseActionsCsv("date,type,value\n2024-01-04,merger,2\n", "a.csv", "XYZ");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind("a.csv:2: column 'type'", 0), 0u) << bad.error().message;
  // The bad type is quoted as a short escaped excerpt (it was echoed raw, escape sequences and all).
  auto hostile = ParseActionsCsv("date,type,value\n2024-01-04,\x1b[31m" + std::string(100, 'x') + ",2\n", "a.csv", "XYZ");
  ASSERT_FALSE(hostile.ok());
  EXPECT_EQ(hostile.error().message,
            "a.csv:2: column 'type': unknown corporate action type '\\x1b[31mxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u2026' "
            "(105 bytes) (expected split or dividend)");
  auto zero = ParseActionsCsv("date,type,value\n2024-01-04,split,0\n", "a.csv", "XYZ");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.error().message.find("a.csv:2: column 'value'"), std::string::npos);
  auto twice = ParseActionsCsv("date,type,value\n2024-01-04,split,2\n2024-01-04,split,3\n", "a.csv", "XYZ");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.find("two split rows on 2024-01-04"), std::string::npos);
  EXPECT_FALSE(ParseActionsCsv("", "a.csv", "XYZ").ok());
}

}  // namespace
}  // namespace qat::data
