// Context terms (qat/signals/context.h) worked by hand: the buckets at their edges, the
// counts of a small table fitted on the rows marked for use only, each term's
// llr = logit((u + k b) / (n + k)) - logit(b), 0 for a bucket never seen, and the JSON form.
#include "qat/signals/context.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace qat::signals {
namespace {

using features::TrendRegime;
using features::VolRegime;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ContextValues Values(double rsi, double volume_ratio, TrendRegime trend = TrendRegime::kUnknown,
                     VolRegime vol = VolRegime::kUnknown) {
  return {rsi, volume_ratio, trend, vol};
}

std::string RsiBucket(double rsi) { return ContextBuckets(Values(rsi, 1.0))[0]; }
std::string VolumeBucket(double ratio) { return ContextBuckets(Values(50, ratio))[1]; }

TEST(Context, RsiBucketsHaveInclusiveLowerBounds) {
  EXPECT_EQ(RsiBucket(0), "<30");
  EXPECT_EQ(RsiBucket(29.99), "<30");
  EXPECT_EQ(RsiBucket(30), "30-50");
  EXPECT_EQ(RsiBucket(49.99), "30-50");
  EXPECT_EQ(RsiBucket(50), "50-70");
  EXPECT_EQ(RsiBucket(69.99), "50-70");
  EXPECT_EQ(RsiBucket(70), ">=70");
  EXPECT_EQ(RsiBucket(100), ">=70");
  EXPECT_EQ(RsiBucket(kNaN), "missing");
  EXPECT_EQ(RsiBucket(std::numeric_limits<double>::infinity()), "missing");
}

TEST(Context, VolumeRatioBucketsHaveInclusiveLowerBounds) {
  EXPECT_EQ(VolumeBucket(0.0), "<0.8");
  EXPECT_EQ(VolumeBucket(0.79), "<0.8");
  EXPECT_EQ(VolumeBucket(0.8), "0.8-1.2");
  EXPECT_EQ(VolumeBucket(1.19), "0.8-1.2");
  EXPECT_EQ(VolumeBucket(1.2), "1.2-2");
  EXPECT_EQ(VolumeBucket(1.99), "1.2-2");
  EXPECT_EQ(VolumeBucket(2.0), ">=2");
  EXPECT_EQ(VolumeBucket(35.0), ">=2");
  EXPECT_EQ(VolumeBucket(kNaN), "missing");
}

TEST(Context, RegimeBucketsAreTheRegimesNames) {
  EXPECT_EQ(ContextBuckets(Values(50, 1, TrendRegime::kBull, VolRegime::kHigh)),
            (std::array<std::string, 4>{"50-70", "0.8-1.2", "BULL", "HIGH"}));
  EXPECT_EQ(ContextBuckets(Values(10, 3, TrendRegime::kBear, VolRegime::kLow)),
            (std::array<std::string, 4>{"<30", ">=2", "BEAR", "LOW"}));
  EXPECT_EQ(ContextBuckets(Values(kNaN, kNaN, TrendRegime::kSideways, VolRegime::kNormal)),
            (std::array<std::string, 4>{"missing", "missing", "SIDEWAYS", "NORMAL"}));
  EXPECT_EQ(ContextBuckets(Values(kNaN, kNaN))[2], "UNKNOWN");
  EXPECT_EQ(ContextBuckets(Values(kNaN, kNaN))[3], "UNKNOWN");
}

// Six rows, the last not to be used (its outcome was not known at the fit's as-of time):
//   1 rsi 25     vr 1.0  BULL    LOW      up
//   2 rsi 29.99  vr 0.8  BULL    LOW      up
//   3 rsi 40     vr 0.5  BEAR    HIGH     down
//   4 rsi 60     vr 2.5  BULL    NORMAL   down
//   5 rsi NaN    vr NaN  UNKNOWN UNKNOWN  up
//   6 rsi 25     vr 1.0  BULL    LOW      down   (use 0)
// Fitted: n 5, up 3, b = 3/5 = 0.6.
struct Rows {
  std::vector<ContextValues> values = {Values(25, 1.0, TrendRegime::kBull, VolRegime::kLow),
                                       Values(29.99, 0.8, TrendRegime::kBull, VolRegime::kLow),
                                       Values(40, 0.5, TrendRegime::kBear, VolRegime::kHigh),
                                       Values(60, 2.5, TrendRegime::kBull, VolRegime::kNormal),
                                       Values(kNaN, kNaN),
                                       Values(25, 1.0, TrendRegime::kBull, VolRegime::kLow)};
  std::vector<std::uint8_t> up = {1, 1, 0, 0, 1, 0};
  std::vector<std::uint8_t> use = {1, 1, 1, 1, 1, 0};
};

TEST(Context, FitCountsOnlyTheRowsMarkedForUseSortedByTermAndBucket) {
  const Rows r;
  const ContextTable t = FitContext(r.values, r.up, r.use, 5.0);
  EXPECT_EQ(t.prior_weight, 5.0);
  EXPECT_EQ(t.n, 5);
  EXPECT_EQ(t.up, 3);
  // Sorted by term ("regime" < "rsi" < "vol_regime" < "volume_ratio": '_' < 'u') then bucket
  // by bytes ("30-50" < "50-70" < "<30" < "missing"; "0.8-1.2" < "<0.8" < ">=2").
  // Row 6 would have made rsi <30 3 rows with 2 ups, and BULL 4 with 2.
  const std::vector<std::tuple<std::string, std::string, std::int64_t, std::int64_t>> expected = {
      {"regime", "BEAR", 1, 0},          {"regime", "BULL", 3, 2},       {"regime", "UNKNOWN", 1, 1},
      {"rsi", "30-50", 1, 0},            {"rsi", "50-70", 1, 0},         {"rsi", "<30", 2, 2},
      {"rsi", "missing", 1, 1},          {"vol_regime", "HIGH", 1, 0},   {"vol_regime", "LOW", 2, 2},
      {"vol_regime", "NORMAL", 1, 0},    {"vol_regime", "UNKNOWN", 1, 1}, {"volume_ratio", "0.8-1.2", 2, 2},
      {"volume_ratio", "<0.8", 1, 0},    {"volume_ratio", ">=2", 1, 0},  {"volume_ratio", "missing", 1, 1}};
  ASSERT_EQ(t.buckets.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& [term, bucket, n, up] = expected[i];
    EXPECT_EQ(t.buckets[i].term, term) << i;
    EXPECT_EQ(t.buckets[i].bucket, bucket) << i;
    EXPECT_EQ(t.buckets[i].n, n) << term << " " << bucket;
    EXPECT_EQ(t.buckets[i].up, up) << term << " " << bucket;
  }
}

TEST(Context, TermsAreShrunkLogLikelihoodRatiosAgainstTheBaseRate) {
  const Rows r;
  const ContextTable t = FitContext(r.values, r.up, r.use, 5.0);
  // k = 5, b = 0.6, logit(b) = log 1.5.
  //   rsi <30, 2 of 2 up:        r = (2 + 3) / (2 + 5) = 5/7;  logit 5/7 = log 2.5
  //                               llr = log 2.5 - log 1.5 = log(5/3) = 0.5108256
  //   volume 0.8-1.2, 2 of 2:    the same, log(5/3)
  //   BULL, 2 of 3:              r = (2 + 3) / (3 + 5) = 5/8;  logit 5/8 = log(5/3)
  //                               llr = log(5/3) - log(3/2) = log(10/9) = 0.1053605
  //   LOW, 2 of 2:               log(5/3)
  const auto terms = ContextTerms(t, Values(25, 1.0, TrendRegime::kBull, VolRegime::kLow));
  EXPECT_EQ(terms[0].term, "rsi");
  EXPECT_EQ(terms[0].bucket, "<30");
  EXPECT_NEAR(terms[0].llr, std::log(5.0 / 3), 1e-12);
  EXPECT_EQ(terms[1].term, "volume_ratio");
  EXPECT_EQ(terms[1].bucket, "0.8-1.2");
  EXPECT_NEAR(terms[1].llr, std::log(5.0 / 3), 1e-12);
  EXPECT_EQ(terms[2].term, "regime");
  EXPECT_EQ(terms[2].bucket, "BULL");
  EXPECT_NEAR(terms[2].llr, std::log(10.0 / 9), 1e-12);
  EXPECT_EQ(terms[3].term, "vol_regime");
  EXPECT_EQ(terms[3].bucket, "LOW");
  EXPECT_NEAR(terms[3].llr, std::log(5.0 / 3), 1e-12);
  // Missing values have a bucket of their own: rsi missing and UNKNOWN, 1 of 1 up:
  //   r = (1 + 3) / (1 + 5) = 2/3; llr = log 2 - log 1.5 = log(4/3) = 0.2876821
  const auto missing = ContextTerms(t, Values(kNaN, kNaN));
  for (const auto& term : missing) EXPECT_NEAR(term.llr, std::log(4.0 / 3), 1e-12) << term.term;
  // rsi 75 (>=70) and SIDEWAYS were never seen: 0. Volume >=2 and HIGH, 0 of 1 up:
  //   r = (0 + 3) / (1 + 5) = 1/2; llr = 0 - log 1.5 = -0.4054651
  const auto other = ContextTerms(t, Values(75, 3.0, TrendRegime::kSideways, VolRegime::kHigh));
  EXPECT_EQ(other[0].bucket, ">=70");
  EXPECT_EQ(other[0].llr, 0.0);
  EXPECT_NEAR(other[1].llr, -std::log(1.5), 1e-12);
  EXPECT_EQ(other[2].bucket, "SIDEWAYS");
  EXPECT_EQ(other[2].llr, 0.0);
  EXPECT_NEAR(other[3].llr, -std::log(1.5), 1e-12);
}

TEST(Context, APriorOfZeroGivesTheRawBucketRate) {
  // k = 0: BULL's r = 2/3, llr = logit(2/3) - logit(3/5) = log 2 - log 1.5 = log(4/3).
  const Rows r;
  const ContextTable t = FitContext(r.values, r.up, r.use, 0.0);
  EXPECT_NEAR(ContextTerms(t, Values(25, 1.0, TrendRegime::kBull, VolRegime::kLow))[2].llr, std::log(4.0 / 3), 1e-12);
}

TEST(Context, AnEmptyOrOneSidedTableGivesZeroTerms) {
  const ContextTable empty;
  for (const auto& term : ContextTerms(empty, Values(25, 1.0, TrendRegime::kBull, VolRegime::kLow))) {
    EXPECT_EQ(term.llr, 0.0) << term.term;
  }
  // Every used row up: b = 1 has no log odds; the terms are 0, not infinite.
  const Rows r;
  const std::vector<std::uint8_t> all_up(r.up.size(), 1);
  const ContextTable t = FitContext(r.values, all_up, r.use, 5.0);
  EXPECT_EQ(t.up, 5);
  for (const auto& term : ContextTerms(t, r.values[0])) EXPECT_EQ(term.llr, 0.0) << term.term;
  // Nothing marked for use: an empty table.
  const ContextTable none = FitContext(r.values, r.up, std::vector<std::uint8_t>(r.up.size(), 0), 5.0);
  EXPECT_EQ(none.n, 0);
  EXPECT_TRUE(none.buckets.empty());
}

TEST(Context, JsonRoundTripGivesTheSameTermsAndRefusesUnsortedBuckets) {
  const Rows r;
  const ContextTable t = FitContext(r.values, r.up, r.use, 5.0);
  const nlohmann::json j = t.ToJson();
  EXPECT_EQ(j.at("prior_weight"), 5.0);
  EXPECT_EQ(j.at("n"), 5);
  EXPECT_EQ(j.at("up"), 3);
  EXPECT_EQ(j.at("buckets").at(1), nlohmann::json::parse(R"(["regime","BULL",3,2])"));
  const auto back = ContextTable::FromJson(nlohmann::json::parse(j.dump()), "context.json");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->ToJson(), j);
  for (const auto& v : r.values) {
    const auto a = ContextTerms(t, v), b = ContextTerms(*back, v);
    for (std::size_t k = 0; k < kNumContextTerms; ++k) {
      EXPECT_EQ(a[k].bucket, b[k].bucket);
      EXPECT_EQ(a[k].llr, b[k].llr);
    }
  }
  nlohmann::json unsorted = j;
  std::swap(unsorted["buckets"][0], unsorted["buckets"][1]);
  const auto refused = ContextTable::FromJson(unsorted, "context.json");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(refused.error().message, "context.json: context buckets are not sorted");
  nlohmann::json malformed = j;
  malformed.erase("up");
  const auto bad = ContextTable::FromJson(malformed, "context.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind("context.json: malformed context table", 0), 0u) << bad.error().message;
}

}  // namespace
}  // namespace qat::signals
