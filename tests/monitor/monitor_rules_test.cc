// The monitor's rules worked by hand on small made-up inputs: each test holds one exact
// expectation (a binomial edge, a PSI of two known histograms, a calendar count, a drawdown).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "qat/core/time.h"
#include "qat/monitor/monitor.h"
#include "qat/store/store.h"
#include "support/cli.h"

namespace qat::monitor {
namespace {

Days D(const char* text) { return *ParseDate(text); }

// `n` resolved predictions of horizon 1 (no overlap: the effective count is n) on consecutive
// days, `correct` of them right; each row's probabilities {0.2, 0.3, 0.5}, so a right row
// (actual BUY) loses -log 0.5 and a wrong one (actual SELL) -log 0.2; `covered` of them
// inside [q10, q90].
MonitorInputs Rows(int n, int correct, int covered, double promised_accuracy, double promised_log_loss) {
  MonitorInputs in;
  in.promise.horizon = 1;
  in.promise.accuracy = promised_accuracy;
  in.promise.log_loss = promised_log_loss;
  in.promise.interval_coverage_80 = 0.8;
  in.promise.as_of = D("2024-01-02");
  in.evaluation_day = D("2024-01-03");
  for (int i = 0; i < n; ++i) {
    ScoredPrediction p;
    p.symbol = "AAA";
    p.day = D("2024-01-03") + i;
    p.p = {0.2, 0.3, 0.5};
    p.actual = i < correct ? 2 : 0;
    p.q10 = -0.01;
    p.q90 = 0.01;
    p.forward_return = i < covered ? 0.0 : 0.05;
    in.predictions.push_back(p);
  }
  return in;
}

MonitorConfig Config() {
  MonitorConfig c;
  c.window_sessions = 1000;
  return c;
}

TEST(MonitorStatistics, BinomialTailsAtTheirEdges) {
  EXPECT_NEAR(BinomialCdf(1, 10, 0.5), 11.0 / 1024, 1e-15);
  EXPECT_NEAR(BinomialCdf(2, 10, 0.5), 56.0 / 1024, 1e-15);
  EXPECT_EQ(BinomialCdf(-1, 10, 0.5), 0);
  EXPECT_EQ(BinomialCdf(10, 10, 0.5), 1);
  // P(X <= 1) = 0.0107 <= 0.05 < P(X <= 2) = 0.0547: 1 success or fewer is significantly low.
  EXPECT_EQ(BinomialLowerCritical(10, 0.5, 0.05), 1);
  // The edge itself counts: alpha exactly P(X <= 1) keeps 1, a hair less drops to 0.
  EXPECT_EQ(BinomialLowerCritical(10, 0.5, 11.0 / 1024), 1);
  EXPECT_EQ(BinomialLowerCritical(10, 0.5, 11.0 / 1024 - 1e-6), 0);
  EXPECT_EQ(BinomialLowerCritical(10, 0.5, 0.0005), -1);  // P(X = 0) = 1/1024 > 0.0005
  // n 100, p 0.5: P(X <= 41) = 0.0443, P(X <= 42) = 0.0666.
  EXPECT_EQ(BinomialLowerCritical(100, 0.5, 0.05), 41);
  // Around 0.8 with n 10: P(X <= 4) = 0.0064 and P(X <= 5) = 0.0328 (alpha/2 = 0.025), so
  // 5..10 is accepted; P(X = 10) = 0.107 keeps the top.
  const auto ok = BinomialAcceptance(10, 0.8, 0.05);
  EXPECT_EQ(ok.lo, 5);
  EXPECT_EQ(ok.hi, 10);
  // n 100 around 0.8: P(X <= 71) = 0.0200, P(X <= 72) = 0.0342; P(X >= 88) = 0.0253,
  // P(X >= 89) = 0.0126.
  const auto hundred = BinomialAcceptance(100, 0.8, 0.05);
  EXPECT_EQ(hundred.lo, 72);
  EXPECT_EQ(hundred.hi, 88);
}

TEST(MonitorStatistics, PopulationStabilityIndexOfKnownHistograms) {
  const double expected[] = {50, 50}, actual[] = {90, 10};
  // (0.9 - 0.5) ln(0.9 / 0.5) + (0.1 - 0.5) ln(0.1 / 0.5)
  EXPECT_NEAR(PopulationStabilityIndex(expected, actual), 0.4 * std::log(1.8) + 0.4 * std::log(5.0), 1e-12);
  EXPECT_NEAR(PopulationStabilityIndex(expected, expected), 0.0, 1e-15);
  // Shares, not counts: the same shape at another size is no shift.
  const double doubled[] = {100, 100};
  EXPECT_NEAR(PopulationStabilityIndex(expected, doubled), 0.0, 1e-15);
  // An empty bin is taken as a share of 1e-4.
  const double one_sided[] = {100, 0};
  EXPECT_NEAR(PopulationStabilityIndex(expected, one_sided),
              (1 - 0.5) * std::log(1 / 0.5) + (1e-4 - 0.5) * std::log(1e-4 / 0.5), 1e-12);
  const double three[] = {1, 1, 1};
  EXPECT_TRUE(std::isnan(PopulationStabilityIndex(expected, three)));
  const double zero[] = {0, 0};
  EXPECT_TRUE(std::isnan(PopulationStabilityIndex(expected, zero)));
}

TEST(MonitorStatistics, PopulationStabilityIndexCutsAtTheReferenceDeciles) {
  std::vector<double> reference, recent;
  for (int i = 0; i < 100; ++i) reference.push_back(i);  // deciles: 10 values each
  for (int k = 0; k < 2; ++k) {
    for (int i = 0; i < 50; ++i) recent.push_back(i);  // the lower five deciles, 20% each
  }
  const double filled = 5 * (0.2 - 0.1) * std::log(2.0), empty = 5 * (1e-4 - 0.1) * std::log(1e-4 / 0.1);
  EXPECT_NEAR(PopulationStabilityIndexOf(reference, recent), filled + empty, 1e-12);
  EXPECT_NEAR(PopulationStabilityIndexOf(reference, reference), 0.0, 1e-15);
  // NaN is a bin of its own: half the recent values missing is a shift.
  std::vector<double> half_missing(reference);
  for (int i = 0; i < 100; i += 2) half_missing[static_cast<std::size_t>(i)] = std::nan("");
  EXPECT_GT(PopulationStabilityIndexOf(reference, half_missing), 1.0);
  EXPECT_TRUE(std::isnan(PopulationStabilityIndexOf({}, reference)));
}

TEST(MonitorStatistics, SessionsCountByTheExchangeCalendar) {
  // Friday 2024-06-28 to Monday 2024-07-08: Jul 1, 2, 3, 5, 8 (Jul 4 closed, weekends closed).
  EXPECT_EQ(SessionsAfter(D("2024-06-28"), D("2024-07-08")), 5);
  EXPECT_EQ(SessionsAfter(D("2024-06-27"), D("2024-07-08")), 6);
  EXPECT_EQ(SessionsAfter(D("2024-07-08"), D("2024-07-08")), 0);
  EXPECT_EQ(SessionsAfter(D("2024-07-09"), D("2024-07-08")), 0);
}

TEST(MonitorStatistics, DrawdownFromThePeak) {
  auto d = MaxDrawdown(std::vector<double>{100, 120, 90, 95});
  ASSERT_TRUE(d.ok());
  EXPECT_NEAR(d->depth, 30.0 / 120, 1e-15);
  EXPECT_EQ(d->peak, 1u);
  EXPECT_EQ(d->trough, 2u);
  EXPECT_NEAR(d->from_peak_now, 25.0 / 120, 1e-15);
  EXPECT_FALSE(MaxDrawdown(std::vector<double>{}).ok());
  auto bad = MaxDrawdown(std::vector<double>{100, 0});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("index 1"), std::string::npos) << bad.error().message;
}

TEST(MonitorRules, AccuracyAtTheBinomialEdge) {
  // 100 resolved, promised 0.5: 41 right is beyond the one-sided 95% bound, 42 is not.
  auto low = CheckPerformance(Rows(100, 41, 100, 0.5, 5.0), Config());
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0].action, Action::kRetrain);
  EXPECT_EQ(low[0].priority, Priority::kHigh);
  EXPECT_EQ(low[0].evidence["measure"], "accuracy");
  EXPECT_EQ(low[0].evidence["critical_correct"], 41);
  EXPECT_EQ(low[0].evidence["resolved"], 100);
  EXPECT_TRUE(CheckPerformance(Rows(100, 42, 100, 0.5, 5.0), Config()).empty());
}

TEST(MonitorRules, OverlappingLabelsCountAsFewerOutcomes) {
  // The same 41 of 100 with a 5-bar horizon: 20 effective outcomes, 8 right; P(X <= 8 | 20,
  // 0.5) = 0.252: not significant.
  auto in = Rows(100, 41, 100, 0.5, 5.0);
  in.promise.horizon = 5;
  EXPECT_TRUE(CheckPerformance(in, Config()).empty());
}

TEST(MonitorRules, LogLossAbovePromiseAndPendingLabels) {
  // Every row wrong: log loss -ln 0.2 = 1.609 against a promise of 1.0; 7 more are pending.
  auto in = Rows(60, 0, 60, 0.0, 1.0);
  for (int i = 0; i < 7; ++i) {
    ScoredPrediction p;
    p.symbol = "AAA";
    p.day = D("2024-06-01") + i;
    in.predictions.push_back(p);  // actual -1: pending
  }
  auto recs = CheckPerformance(in, Config());
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].evidence["measure"], "log_loss");
  EXPECT_NEAR(recs[0].evidence["recent"].get<double>(), -std::log(0.2), 1e-12);
  EXPECT_EQ(recs[0].evidence["pending"], 7);
  EXPECT_EQ(recs[0].evidence["resolved"], 60);
  EXPECT_NE(recs[0].reason.find("7 pending"), std::string::npos) << recs[0].reason;
  // Promised 1.7: the same rows are better than that.
  EXPECT_TRUE(CheckPerformance(Rows(60, 0, 60, 0.0, 1.7), Config()).empty());
}

TEST(MonitorRules, TooFewResolvedPredictionsJudgeNothing) {
  EXPECT_TRUE(CheckPerformance(Rows(29, 0, 0, 0.9, 0.1), Config()).empty());
  EXPECT_TRUE(CheckCoverage(Rows(29, 0, 0, 0.9, 0.1), Config()).empty());
  EXPECT_EQ(CheckPerformance(Rows(30, 0, 0, 0.9, 0.1), Config()).size(), 2u);
}

TEST(MonitorRules, InformationCoefficientRanksTheDirectionAgainstTheRealisedReturn) {
  // Five rows whose P(BUY) - P(SELL) rises with the realised return: IC +1; reversed: -1;
  // one tie in the direction (average ranks): Pearson of ranks {1, 2.5, 2.5, 4, 5} with 1..5.
  auto in = Rows(5, 5, 5, 0.5, 1.0);
  const double buy[] = {0.2, 0.3, 0.4, 0.5, 0.6};
  for (int i = 0; i < 5; ++i) {
    in.predictions[i].p = {0.2, 0.8 - buy[i], buy[i]};
    in.predictions[i].forward_return = 0.01 * i;
  }
  EXPECT_NEAR(Summarize(in, Config()).ic, 1.0, 1e-12);
  for (int i = 0; i < 5; ++i) in.predictions[i].forward_return = -0.01 * i;
  EXPECT_NEAR(Summarize(in, Config()).ic, -1.0, 1e-12);
  for (int i = 0; i < 5; ++i) in.predictions[i].forward_return = 0.01 * i;
  in.predictions[2].p = in.predictions[1].p;
  const double x[] = {1, 2.5, 2.5, 4, 5}, y[] = {1, 2, 3, 4, 5};
  double sxy = 0, sxx = 0, syy = 0;
  for (int i = 0; i < 5; ++i) {
    sxy += (x[i] - 3) * (y[i] - 3);
    sxx += (x[i] - 3) * (x[i] - 3);
    syy += (y[i] - 3) * (y[i] - 3);
  }
  EXPECT_NEAR(Summarize(in, Config()).ic, sxy / std::sqrt(sxx * syy), 1e-12);
  // The same direction everywhere: no ranking, NaN (null in the JSON).
  for (auto& p : in.predictions) p.p = {0.2, 0.3, 0.5};
  EXPECT_TRUE(std::isnan(Summarize(in, Config()).ic));
}

TEST(MonitorRules, CoverageInsideAndOutsideItsInterval) {
  // n 100: accepted 72..88 covered.
  EXPECT_TRUE(CheckCoverage(Rows(100, 50, 80, 0.5, 5.0), Config()).empty());
  EXPECT_TRUE(CheckCoverage(Rows(100, 50, 72, 0.5, 5.0), Config()).empty());
  EXPECT_TRUE(CheckCoverage(Rows(100, 50, 88, 0.5, 5.0), Config()).empty());
  auto narrow = CheckCoverage(Rows(100, 50, 71, 0.5, 5.0), Config());
  ASSERT_EQ(narrow.size(), 1u);
  EXPECT_EQ(narrow[0].action, Action::kRecalibrate);
  EXPECT_EQ(narrow[0].priority, Priority::kMedium);
  EXPECT_NE(narrow[0].reason.find("too narrow"), std::string::npos);
  auto wide = CheckCoverage(Rows(100, 50, 89, 0.5, 5.0), Config());
  ASSERT_EQ(wide.size(), 1u);
  EXPECT_NE(wide[0].reason.find("too wide"), std::string::npos);
}

TEST(MonitorRules, StalenessByTheCalendar) {
  MonitorInputs in;
  in.evaluation_day = D("2024-07-08");
  in.series = {{"FIVE", false, D("2024-06-28")},   // 5 sessions missed: within the limit
               {"SIX", false, D("2024-06-27")},    // 6: stale, a model symbol
               {"SPY", true, D("2024-06-27")},     // 6: stale, context
               {"NONE", false, 0}};                // not stored
  auto recs = CheckStaleness(in, MonitorConfig{});
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].evidence["symbol"], "SIX");
  EXPECT_EQ(recs[0].priority, Priority::kHigh);
  EXPECT_EQ(recs[0].evidence["sessions_missed"], 6);
  EXPECT_EQ(recs[1].evidence["symbol"], "SPY");
  EXPECT_EQ(recs[1].priority, Priority::kLow);
  EXPECT_EQ(recs[2].evidence["symbol"], "NONE");
  EXPECT_EQ(recs[2].priority, Priority::kHigh);
  EXPECT_NE(recs[2].reason.find("no daily bars"), std::string::npos);
}

TEST(MonitorRules, AgeBeyondTheLimit) {
  MonitorInputs in;
  in.promise.as_of = D("2024-06-28");
  in.evaluation_day = D("2024-07-08");
  MonitorConfig c;
  c.max_model_age_sessions = 5;
  EXPECT_TRUE(CheckAge(in, c).empty());
  c.max_model_age_sessions = 4;
  auto recs = CheckAge(in, c);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].priority, Priority::kMedium);
  EXPECT_EQ(recs[0].evidence["age_sessions"], 5);
}

TEST(MonitorRules, DriftAboveThresholdAndBeyondTheTrainingWindowsOwn) {
  MonitorInputs in;
  in.drift_ranking = "gain";
  in.feature_drift = {{"slow", 0.9, 500, 60, 1.0, 1.5, 8},    // above 0.25 but training windows reach 1.5
                      {"small", 0.2, 500, 60, 1.0, 0.1, 8},   // beyond its training windows but below 0.25
                      {"moved", 0.3, 500, 60, 1.0, 0.28, 8}};  // both
  in.probability_drift = {{"prob_BUY", 0.26, 500, 60, 0.0, std::nan(""), 0}};  // no training windows: threshold only
  auto recs = CheckDrift(in, MonitorConfig{});
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].action, Action::kRetrain);
  EXPECT_EQ(recs[0].priority, Priority::kMedium);
  ASSERT_EQ(recs[0].evidence["drifted"].size(), 2u);
  EXPECT_EQ(recs[0].evidence["drifted"][0]["name"], "moved");
  EXPECT_EQ(recs[0].evidence["drifted"][1]["name"], "prob_BUY");
  in.feature_drift.pop_back();
  in.probability_drift.clear();
  EXPECT_TRUE(CheckDrift(in, MonitorConfig{}).empty());
}

TEST(MonitorRules, HaltOnTheDrawdownNowAndHighFirst) {
  MonitorInputs in;
  in.evaluation_day = D("2024-01-10");
  in.equity_days = {D("2024-01-02"), D("2024-01-03"), D("2024-01-04"), D("2024-01-05")};
  in.equity = {100, 120, 90, 95};  // now 20.8% below the peak of 120
  in.promise.as_of = D("2023-01-03");  // old: RETRAIN (MEDIUM) by age too
  MonitorConfig c;
  auto recs = GenerateImprovementRecommendations(in, c);
  ASSERT_TRUE(recs.ok());
  ASSERT_EQ(recs->size(), 2u);
  EXPECT_EQ((*recs)[0].action, Action::kHalt);
  EXPECT_EQ((*recs)[0].priority, Priority::kHigh);
  EXPECT_EQ((*recs)[0].evidence["peak_date"], "2024-01-03");
  EXPECT_NEAR((*recs)[0].evidence["max_drawdown"].get<double>(), 0.25, 1e-15);
  EXPECT_EQ((*recs)[1].action, Action::kRetrain);
  c.max_drawdown = 0.21;  // 20.8% is within it (the deeper 25% has recovered)
  auto none = CheckDrawdown(in, c);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  in.equity.pop_back();
  EXPECT_FALSE(CheckDrawdown(in, c).ok());  // 4 days, 3 values
}

patterns::CellStats Cell(std::string regime, std::int64_t n, std::int64_t wins, double lo, double hi,
                         patterns::EdgeStatus status, double mean = 0.01) {
  patterns::CellStats c;
  c.pattern = "CDLHAMMER";
  c.direction = "bullish";
  c.timeframe = "1d";
  c.horizon = 5;
  c.regime = std::move(regime);
  c.vol_regime = "ALL";
  c.n = n;
  c.wins = wins;
  c.win_rate = static_cast<double>(wins) / static_cast<double>(n);
  c.win_rate_lo = lo;
  c.win_rate_hi = hi;
  c.mean_return = mean;
  c.q_value = status == patterns::EdgeStatus::kModerate ? 0.03 : 0.4;
  c.status = status;
  return c;
}

TEST(MonitorRules, PatternEdgesDecayedGoneOrNoLongerPassing) {
  using patterns::EdgeStatus;
  MonitorInputs in;
  in.pattern_window_start = DaysFromCivil({2022, 6, 30});
  // Tradable then: BULL (decays: recent [0.30, 0.48] below 0.55), BEAR (no longer passes now),
  // SIDEWAYS (recent mean < 0, interval overlapping), UNKNOWN (only 29 recent events), ALL
  // (WEAK then: not traded, not judged).
  in.pattern_reference = {Cell("ALL", 900, 500, 0.52, 0.59, EdgeStatus::kWeak), Cell("BULL", 400, 240, 0.55, 0.65, EdgeStatus::kModerate),
                          Cell("BEAR", 200, 120, 0.53, 0.67, EdgeStatus::kModerate),
                          Cell("SIDEWAYS", 300, 180, 0.54, 0.65, EdgeStatus::kModerate),
                          Cell("UNKNOWN", 300, 180, 0.54, 0.65, EdgeStatus::kStrong)};
  in.pattern_recent = {Cell("ALL", 100, 10, 0.05, 0.17, EdgeStatus::kNoEdge, -0.02), Cell("BULL", 60, 23, 0.30, 0.48, EdgeStatus::kNoEdge),
                       Cell("BEAR", 60, 30, 0.38, 0.62, EdgeStatus::kNoEdge),
                       Cell("SIDEWAYS", 60, 33, 0.42, 0.67, EdgeStatus::kNoEdge, -0.001),
                       Cell("UNKNOWN", 29, 1, 0.01, 0.17, EdgeStatus::kInsufficientData, -0.05)};
  in.pattern_current = {Cell("ALL", 1000, 510, 0.48, 0.54, EdgeStatus::kWeak), Cell("BULL", 460, 263, 0.53, 0.62, EdgeStatus::kModerate),
                        Cell("BEAR", 260, 150, 0.51, 0.63, EdgeStatus::kWeak),
                        Cell("SIDEWAYS", 360, 213, 0.54, 0.64, EdgeStatus::kModerate),
                        Cell("UNKNOWN", 329, 181, 0.50, 0.60, EdgeStatus::kStrong)};
  const auto recs = CheckPatternEdges(in, MonitorConfig{});
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].evidence["cell"]["regime"], "BULL");
  EXPECT_EQ(recs[0].evidence["measure"], "win_rate_interval");
  EXPECT_EQ(recs[0].priority, Priority::kMedium);
  EXPECT_NE(recs[0].reason.find("decayed: win rate 38.3% [30.0%, 48.0%] on its 60 events since 2022-06-30"), std::string::npos)
      << recs[0].reason;
  EXPECT_EQ(recs[1].evidence["cell"]["regime"], "BEAR");
  EXPECT_EQ(recs[1].evidence["measure"], "status");
  EXPECT_EQ(recs[1].priority, Priority::kMedium);
  EXPECT_NE(recs[1].reason.find("no longer passes: WEAK now"), std::string::npos) << recs[1].reason;
  EXPECT_EQ(recs[2].evidence["cell"]["regime"], "SIDEWAYS");
  EXPECT_EQ(recs[2].evidence["measure"], "mean_return");
  EXPECT_EQ(recs[2].priority, Priority::kLow);
  for (const auto& r : recs) EXPECT_STREQ(ActionName(r.action), "DISABLE_PATTERN");
  // The same recent window that is as good as before: nothing.
  in.pattern_recent = in.pattern_reference;
  in.pattern_current = in.pattern_reference;
  EXPECT_TRUE(CheckPatternEdges(in, MonitorConfig{}).empty());
}

TEST(MonitorParsing, EquityCsvAndItsBadRows) {
  auto ok = ParseEquityCsv("date,equity,invested\n2024-01-02,100,0\n2024-01-03,101.5,50\n", "e.csv");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->equity, (std::vector<double>{100, 101.5}));
  struct Bad {
    const char* text;
    const char* message;
  } bad[] = {{"", "e.csv: empty"},
             {"day,value\n2024-01-02,1\n", "e.csv:1: the header must begin with date,equity"},
             {"date,equity\n", "e.csv: no rows after the header"},
             {"date,equity\n2024-13-02,100\n", "e.csv:2: not a date"},
             {"date,equity\n2024-01-02,-5\n", "e.csv:2: equity '-5' is not a number > 0"},
             {"date,equity\n2024-01-02,nan\n", "is not a number > 0"},
             {"date,equity\n2024-01-03,1\n2024-01-02,1\n", "e.csv:3: date 2024-01-02 does not follow 2024-01-03"}};
  for (const auto& b : bad) {
    auto r = ParseEquityCsv(b.text, "e.csv");
    ASSERT_FALSE(r.ok()) << b.text;
    EXPECT_NE(r.error().message.find(b.message), std::string::npos) << r.error().message;
  }
}

TEST(MonitorParsing, TrainingPromiseTakesTheScaledLogLoss) {
  const char* text = R"({"horizon": 5, "oos": {"n": 100, "accuracy": 0.4, "log_loss": 1.2, "interval_coverage_80": 0.79},
    "classifier_calibration": {"calibrated": {"log_loss": 1.09}},
    "final_model": {"train_start": "2017-06-22", "train_end": "2019-06-21"}})";
  auto p = ParseTrainingPromise(text, "r.json");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->log_loss, 1.09);
  EXPECT_EQ(p->accuracy, 0.4);
  EXPECT_EQ(p->oos_rows, 100u);
  EXPECT_EQ(p->as_of, D("2019-06-21"));
  auto missing = ParseTrainingPromise(R"({"horizon": 5})", "r.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "r.json: malformed training results: 'oos' is missing");
  auto wrong = ParseTrainingPromise(R"({"horizon": 5, "oos": {"n": 1, "accuracy": "x"}})", "r.json");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("'oos.accuracy'"), std::string::npos) << wrong.error().message;
  EXPECT_FALSE(ParseTrainingPromise("not json", "r.json").ok());
}

TEST(MonitorLog, LogModelTrainingWritesTheTrainingRunsLog) {
  testing::TempDir dir;
  auto db = store::OpenStore(dir.path() / "q.db");
  ASSERT_TRUE(db.ok()) << db.error().message;
  auto id = LogModelTraining(*db, "swing_5bar", {{"horizon", 5}, {"accuracy", 0.41}}, 1700000000);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto row = db->Prepare("SELECT horizon, model_dir, metrics, created_at FROM training_runs WHERE id = ?");
  ASSERT_TRUE(row.ok());
  row->Bind(1, *id);
  auto step = row->Step();
  ASSERT_TRUE(step.ok() && *step);
  EXPECT_EQ(row->ColumnInt(0), 5);
  EXPECT_EQ(row->ColumnText(1), "swing_5bar");
  EXPECT_EQ(nlohmann::json::parse(row->ColumnText(2))["accuracy"], 0.41);
  EXPECT_EQ(row->ColumnInt(3), 1700000000);
  EXPECT_FALSE(LogModelTraining(*db, "", {}, 0).ok());
}

}  // namespace
}  // namespace qat::monitor
