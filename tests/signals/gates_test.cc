// Entry gates (qat/signals/gates.h), each worked by hand at, just above and just below its
// threshold, with missing inputs failing and saying why; the universe filter as of a bar
// index reads only bars up to it.
#include "qat/signals/gates.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "qat/data/calendar.h"
#include "support/repo_bars.h"

namespace qat::signals {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const GateConfig kDefaults{};

void ExpectPass(const Gate& gate) {
  EXPECT_TRUE(gate.passed) << gate.name << " " << gate.value << ": " << gate.reason;
  EXPECT_EQ(gate.reason, "");
}

void ExpectFail(const Gate& gate, const std::string& reason) {
  EXPECT_FALSE(gate.passed) << gate.name << " " << gate.value;
  EXPECT_EQ(gate.reason, reason);
}

TEST(Gates, PatternWinRateMustBeAboveFiftyFivePercent) {
  const Gate at = PatternWinRateGate(0.55, kDefaults);
  EXPECT_EQ(at.name, "pattern_win_rate");
  EXPECT_EQ(at.threshold, 0.55);
  EXPECT_EQ(at.comparison, Comparison::kAbove);
  ExpectFail(at, "pattern_win_rate 0.55 is not > 0.55");
  ExpectPass(PatternWinRateGate(0.5501, kDefaults));
  ExpectFail(PatternWinRateGate(0.5499, kDefaults), "pattern_win_rate 0.5499 is not > 0.55");
  ExpectFail(PatternWinRateGate(kNaN, kDefaults), "pattern_win_rate is missing (NaN)");
  GateConfig strict;
  strict.min_win_rate = 0.6;
  ExpectFail(PatternWinRateGate(0.58, strict), "pattern_win_rate 0.58 is not > 0.6");
}

TEST(Gates, PatternQValueMustBeAtMostTheModerateBound) {
  EXPECT_EQ(kDefaults.max_q_value, 0.05);  // MODERATE's BH bound in patterns/pattern_stats.h
  ExpectPass(PatternQValueGate(0.05, kDefaults));
  ExpectFail(PatternQValueGate(0.0501, kDefaults), "pattern_q_value 0.0501 is not <= 0.05");
  ExpectPass(PatternQValueGate(0.0499, kDefaults));
  ExpectFail(PatternQValueGate(kNaN, kDefaults), "pattern_q_value is missing (NaN)");
  GateConfig issue;
  issue.max_q_value = 0.10;
  ExpectPass(PatternQValueGate(0.0501, issue));
}

TEST(Gates, AtLeastTwoTimeframesMustAgree) {
  ExpectPass(TimeframeAgreementGate(2, kDefaults));
  ExpectPass(TimeframeAgreementGate(3, kDefaults));
  ExpectFail(TimeframeAgreementGate(1, kDefaults), "timeframes_agree 1 is not >= 2");
  EXPECT_EQ(TimeframeAgreementGate(0, kDefaults).value, 0.0);
}

TEST(Gates, ProbUpAboveSixtyPercentForALongBelowFortyForAShort) {
  ExpectFail(ProbUpGate(0.60, Side::kLong, kDefaults), "prob_up 0.6 is not > 0.6");
  ExpectPass(ProbUpGate(0.6001, Side::kLong, kDefaults));
  ExpectFail(ProbUpGate(0.5999, Side::kLong, kDefaults), "prob_up 0.5999 is not > 0.6");
  ExpectFail(ProbUpGate(kNaN, Side::kLong, kDefaults), "prob_up is missing (NaN)");
  ExpectFail(ProbUpGate(0.40, Side::kShort, kDefaults), "prob_up 0.4 is not < 0.4");
  ExpectPass(ProbUpGate(0.3999, Side::kShort, kDefaults));
  ExpectFail(ProbUpGate(0.4001, Side::kShort, kDefaults), "prob_up 0.4001 is not < 0.4");
  ExpectFail(ProbUpGate(kNaN, Side::kShort, kDefaults), "prob_up is missing (NaN)");
}

TEST(Gates, RsiNotOverboughtForALongNotOversoldForAShort) {
  ExpectPass(RsiGate(70, Side::kLong, kDefaults));
  ExpectFail(RsiGate(70.01, Side::kLong, kDefaults), "rsi_14 70.01 is not <= 70");
  ExpectPass(RsiGate(69.99, Side::kLong, kDefaults));
  ExpectPass(RsiGate(28, Side::kLong, kDefaults));  // the seed's example context
  ExpectFail(RsiGate(kNaN, Side::kLong, kDefaults), "rsi_14 is missing (NaN)");
  ExpectPass(RsiGate(30, Side::kShort, kDefaults));
  ExpectPass(RsiGate(30.01, Side::kShort, kDefaults));
  ExpectFail(RsiGate(29.99, Side::kShort, kDefaults), "rsi_14 29.99 is not >= 30");
  ExpectFail(RsiGate(std::numeric_limits<double>::infinity(), Side::kShort, kDefaults), "rsi_14 is missing (inf)");
}

TEST(Gates, VolumeRatioAtLeastTheAverage) {
  ExpectPass(VolumeRatioGate(1.0, kDefaults));
  ExpectPass(VolumeRatioGate(1.01, kDefaults));
  ExpectFail(VolumeRatioGate(0.99, kDefaults), "volume_ratio_20 0.99 is not >= 1");
  ExpectFail(VolumeRatioGate(kNaN, kDefaults), "volume_ratio_20 is missing (NaN)");
}

TEST(Gates, TrendRegimeNotAgainstTheTrade) {
  using features::TrendRegime;
  // LONG: code >= 0. SIDEWAYS (0) is at the threshold, BULL (+1) above, BEAR (-1) below.
  const Gate bull = TrendRegimeGate(TrendRegime::kBull, Side::kLong, kDefaults);
  ExpectPass(bull);
  EXPECT_EQ(bull.value, 1.0);
  ExpectPass(TrendRegimeGate(TrendRegime::kSideways, Side::kLong, kDefaults));
  ExpectFail(TrendRegimeGate(TrendRegime::kBear, Side::kLong, kDefaults), "trend_regime BEAR (-1) is not >= 0");
  const Gate unknown = TrendRegimeGate(TrendRegime::kUnknown, Side::kLong, kDefaults);
  EXPECT_TRUE(std::isnan(unknown.value));
  ExpectFail(unknown, "trend_regime is UNKNOWN (fewer than 200 bars)");
  GateConfig bull_only;
  bull_only.min_trend_long = 1;
  ExpectFail(TrendRegimeGate(TrendRegime::kSideways, Side::kLong, bull_only), "trend_regime SIDEWAYS (0) is not >= 1");
  // SHORT: code <= 0.
  ExpectPass(TrendRegimeGate(TrendRegime::kBear, Side::kShort, kDefaults));
  ExpectPass(TrendRegimeGate(TrendRegime::kSideways, Side::kShort, kDefaults));
  ExpectFail(TrendRegimeGate(TrendRegime::kBull, Side::kShort, kDefaults), "trend_regime BULL (1) is not <= 0");
  ExpectFail(TrendRegimeGate(TrendRegime::kUnknown, Side::kShort, kDefaults),
             "trend_regime is UNKNOWN (fewer than 200 bars)");
}

TEST(Gates, DirectionIsBuyOnlyUnlessShortingIsEnabled) {
  ExpectPass(DirectionGate(Direction::kBullish, false));
  ExpectFail(DirectionGate(Direction::kBearish, false), "BEARISH and shorting is disabled");
  ExpectFail(DirectionGate(Direction::kNeutral, false), "NEUTRAL: no direction");
  ExpectPass(DirectionGate(Direction::kBullish, true));
  ExpectPass(DirectionGate(Direction::kBearish, true));
  ExpectFail(DirectionGate(Direction::kNeutral, true), "NEUTRAL: no direction");
  EXPECT_EQ(DirectionGate(Direction::kBearish, false).value, -1.0);
}

TEST(Gates, PriceAtLeastFiveDollarsAndAverageVolumeAtLeastOneMillion) {
  ExpectPass(PriceGate(5.0, kDefaults));
  ExpectPass(PriceGate(5.01, kDefaults));
  ExpectFail(PriceGate(4.99, kDefaults), "price 4.99 is not >= 5");
  ExpectFail(PriceGate(kNaN, kDefaults), "price is missing (NaN)");
  ExpectPass(AverageVolumeGate(1'000'000, kDefaults));
  ExpectPass(AverageVolumeGate(1'000'001, kDefaults));
  ExpectFail(AverageVolumeGate(999'999, kDefaults), "average_volume_20 999999 is not >= 1000000");
  ExpectFail(AverageVolumeGate(kNaN, kDefaults), "average_volume_20 is missing (NaN)");
}

TEST(Gates, JsonHasTheIssuesFieldsAndNullForAMissingValue) {
  const nlohmann::json ok = PriceGate(5.01, kDefaults).ToJson();
  EXPECT_EQ(ok, nlohmann::json::parse(R"({"name":"price","value":5.01,"threshold":5.0,"comparison":">=",
                                          "passed":true,"reason":""})"));
  const nlohmann::json missing = RsiGate(kNaN, Side::kLong, kDefaults).ToJson();
  EXPECT_TRUE(missing.at("value").is_null());
  EXPECT_EQ(missing.at("passed"), false);
  EXPECT_EQ(FirstFailed(std::vector<Gate>{PriceGate(6, kDefaults), PriceGate(4, kDefaults)})->value, 4.0);
  EXPECT_EQ(FirstFailed(std::vector<Gate>{PriceGate(6, kDefaults)}), nullptr);
}

// 23 hand-made daily bars on the sessions from 2024-01-02. Volumes: bar 0 999,980, bars
// 1..19 1,000,000, bar 20 1,000,020, bar 21 999,980, bar 22 50,000,000. Closes: bar 19
// 4.99, bar 20 5.01, bar 21 5.00, bar 22 1.00, the others 10.
data::BarSeries HandMadeDaily() {
  data::BarSeries s;
  s.symbol = "XTEST";
  const std::vector<Days> days = data::Sessions(ParseDate("2024-01-02").value(), ParseDate("2024-02-15").value());
  for (std::size_t i = 0; i < 23; ++i) {
    double volume = 1'000'000, close = 10;
    if (i == 0) volume = 999'980;
    if (i == 20) volume = 1'000'020;
    if (i == 21) volume = 999'980;
    if (i == 22) volume = 50'000'000;
    if (i == 19) close = 4.99;
    if (i == 20) close = 5.01;
    if (i == 21) close = 5.00;
    if (i == 22) close = 1.00;
    const Timestamp start = Timestamp{days[i]} * kSecondsPerDay;
    s.Append({start, data::AvailableTime(data::Interval::k1d, start), close, close, close, close, close, volume});
  }
  return s;
}

TEST(Gates, UniverseFilterAsOfABarUsesOnlyBarsUpToIt) {
  const data::BarSeries s = HandMadeDaily();
  auto at = [&](std::size_t index) {
    auto gates = UniverseGates(s, index, kDefaults);
    EXPECT_TRUE(gates.ok()) << gates.error().message;
    return gates.ok() ? *gates : std::vector<Gate>{};
  };
  // Bar 18: 19 sessions only. The average is missing and says why.
  std::vector<Gate> g = at(18);
  ASSERT_EQ(g.size(), 2u);
  ExpectPass(g[0]);
  EXPECT_EQ(g[1].name, "average_volume_20");
  EXPECT_TRUE(std::isnan(g[1].value));
  ExpectFail(g[1], "average_volume_20 is missing: only 19 sessions up to 2024-01-29, 20 needed");
  // Bar 19: (999,980 + 19 x 1,000,000) / 20 = 999,999, just below; price 4.99 just below.
  g = at(19);
  ExpectFail(g[0], "price 4.99 is not >= 5");
  EXPECT_EQ(g[1].value, 999'999.0);
  ExpectFail(g[1], "average_volume_20 999999 is not >= 1000000");
  // Bar 20: bars 1..20, (19 x 1,000,000 + 1,000,020) / 20 = 1,000,001, just above; price 5.01.
  g = at(20);
  ExpectPass(g[0]);
  EXPECT_EQ(g[1].value, 1'000'001.0);
  ExpectPass(g[1]);
  // Bar 21: bars 2..21, (18 x 1,000,000 + 1,000,020 + 999,980) / 20 = 1,000,000 exactly; 5.00.
  // Bar 22's 50 million shares and $1 close come later and change nothing here.
  g = at(21);
  EXPECT_EQ(g[0].value, 5.0);
  ExpectPass(g[0]);
  EXPECT_EQ(g[1].value, 1'000'000.0);
  ExpectPass(g[1]);
  g = at(22);
  ExpectFail(g[0], "price 1 is not >= 5");
  EXPECT_EQ(g[1].value, (17 * 1'000'000.0 + 1'000'020 + 999'980 + 50'000'000) / 20);

  data::BarSeries holey = s;
  holey.volume[10] = std::numeric_limits<double>::quiet_NaN();
  auto with_nan = UniverseGates(holey, 21, kDefaults);
  ASSERT_TRUE(with_nan.ok());
  ExpectFail((*with_nan)[1], "average_volume_20 is missing: volume of 2024-01-17 is missing");

  GateConfig five;
  five.average_volume_sessions = 5;
  auto short_window = UniverseGates(s, 4, five);
  ASSERT_TRUE(short_window.ok());
  EXPECT_EQ((*short_window)[1].name, "average_volume_5");
  EXPECT_EQ((*short_window)[1].value, (999'980 + 4 * 1'000'000.0) / 5);
}

TEST(Gates, UniverseFilterRefusesAnIndexPastTheEndAndNonDailyBars) {
  const data::BarSeries s = HandMadeDaily();
  auto past = UniverseGates(s, 23, kDefaults);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(past.error().message, "XTEST: bar 23 is past the series' end (23 bars)");
  data::BarSeries weekly = s;
  weekly.interval = data::Interval::k1wk;
  auto not_daily = UniverseGates(weekly, 0, kDefaults);
  ASSERT_FALSE(not_daily.ok());
  EXPECT_EQ(not_daily.error().message, "XTEST: the universe filter reads daily bars, not 1wk bars");
  GateConfig none;
  none.average_volume_sessions = 0;
  EXPECT_FALSE(UniverseGates(s, 22, none).ok());
}

// Real bars: SPY's last bar in data/daily/SPY.csv (2024-03-22, close 521.210022). The mean
// volume of the file's last 20 rows (2024-02-26..2024-03-22), summed with awk:
// 1,419,649,000 / 20 = 70,982,450.
TEST(Gates, UniverseFilterOnSpysLastBar) {
  const data::BarSeries spy = testing::RepoBars("data/daily/SPY.csv", "SPY");
  ASSERT_FALSE(spy.empty());
  auto gates = UniverseGates(spy, spy.size() - 1, kDefaults);
  ASSERT_TRUE(gates.ok());
  EXPECT_EQ((*gates)[0].value, 521.210022);
  ExpectPass((*gates)[0]);
  EXPECT_EQ((*gates)[1].value, 70'982'450.0);
  ExpectPass((*gates)[1]);
}

}  // namespace
}  // namespace qat::signals
