// Per-timeframe pattern evidence (qat/signals/evidence.h) on hand-made pattern records whose
// counts are known: the horizon per timeframe, the base rates per context, each event's
// llr = logit((wins + k b) / (n + k)) - logit(b) (negated, with b = P(down), for a bearish
// event), the fallback to a broader cell and its base rate, an as-of time that leaves later
// outcomes out, a pattern with no cell, and the table's JSON round trip.
#include "qat/signals/evidence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "qat/ta/patterns.h"

namespace qat::signals {
namespace {

using features::TrendRegime;
using features::VolRegime;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int16_t PatternIndex(std::string_view name) {
  const ta::PatternSpec* spec = ta::FindPattern(name);
  EXPECT_NE(spec, nullptr) << name;
  return static_cast<std::int16_t>(spec - ta::AllPatterns().data());
}

TEST(Evidence, HorizonBarsSpansTheSessionsOnEachTimeframe) {
  // 1h: 7 bars a session (six whole hours and the 15:30 half hour); 4h: 2; 1d: 1; 1w: ceil(s/5).
  EXPECT_EQ(HorizonBars(Timeframe::k1h, 5), 35);
  EXPECT_EQ(HorizonBars(Timeframe::k1h, 1), 7);
  EXPECT_EQ(HorizonBars(Timeframe::k4h, 5), 10);
  EXPECT_EQ(HorizonBars(Timeframe::k4h, 1), 2);
  EXPECT_EQ(HorizonBars(Timeframe::k1d, 5), 5);
  EXPECT_EQ(HorizonBars(Timeframe::k1d, 21), 21);
  EXPECT_EQ(HorizonBars(Timeframe::k1w, 1), 1);   // ceil(1/5)
  EXPECT_EQ(HorizonBars(Timeframe::k1w, 5), 1);   // ceil(5/5)
  EXPECT_EQ(HorizonBars(Timeframe::k1w, 6), 2);   // ceil(6/5)
  EXPECT_EQ(HorizonBars(Timeframe::k1w, 10), 2);  // ceil(10/5)
  EXPECT_EQ(HorizonBars(Timeframe::k1w, 21), 5);  // ceil(21/5)
}

// 213 daily bars of XTEST, horizon 5 (1d at 5 sessions), one day apart; bar i's outcome is
// known at start + 5 days + 6.5 h. Forward returns are +-1% (one 0):
//   bars   0..99   BULL/LOW   CDLHAMMER (+100) on 0..39: up on 0..29, down on 30..39;
//                             40..99 alternate up, down: 30 up, 30 down.
//                             BULL/LOW: n 100, up 60, down 40.
//   bars 100..199  BEAR/HIGH  CDLENGULFING (-100) on 100..139: down (a bearish win) on
//                             100..129, up on 130..139; 140..199 alternate: 30 up, 30 down.
//                             BEAR/HIGH: n 100, up 40, down 60.
//   bars 200..209  BULL/HIGH  no events; up on 200..204, down on 205..208, 0 on 209.
//                             BULL/HIGH: n 10, up 5, down 4.
//   bars 210..212  outcome unknown (NaN, known 0): the bars looked up.
//     210 BULL/LOW:  CDLHAMMER +100, CDLENGULFING +100, CDLDOJI +100
//     211 BEAR/HIGH: CDLENGULFING -100
//     212 BULL/HIGH: CDLHAMMER +100
constexpr Timestamp kT0 = 1'704'153'600;  // 2024-01-02T00:00:00Z
constexpr std::size_t kBars = 213;

Timestamp Start(std::size_t i) { return kT0 + static_cast<Timestamp>(i) * kSecondsPerDay; }
Timestamp KnownAt(std::size_t i) { return Start(i) + 5 * kSecondsPerDay + 23'400; }

patterns::SeriesRecords HandRecords() {
  patterns::SeriesRecords r;
  r.symbol = "XTEST";
  r.timeframe = "1d";
  r.horizons = {5};
  r.forward_return.assign(1, std::vector<double>(kBars, kNaN));
  r.known_at.assign(1, std::vector<Timestamp>(kBars, 0));
  const std::int16_t hammer = PatternIndex("CDLHAMMER"), engulfing = PatternIndex("CDLENGULFING"),
                     doji = PatternIndex("CDLDOJI");
  for (std::size_t i = 0; i < kBars; ++i) {
    r.start.push_back(Start(i));
    r.available.push_back(Start(i) + 23'400);
    TrendRegime trend = TrendRegime::kBull;
    VolRegime vol = VolRegime::kLow;
    double fwd = kNaN;
    if (i < 100) {
      fwd = i < 30 ? 0.01 : i < 40 ? -0.01 : (i % 2 == 0 ? 0.01 : -0.01);
    } else if (i < 200) {
      trend = TrendRegime::kBear;
      vol = VolRegime::kHigh;
      fwd = i < 130 ? -0.01 : i < 140 ? 0.01 : (i % 2 == 0 ? 0.01 : -0.01);
    } else if (i < 210) {
      vol = VolRegime::kHigh;
      fwd = i < 205 ? 0.01 : i < 209 ? -0.01 : 0.0;
    } else if (i == 211) {
      trend = TrendRegime::kBear;
      vol = VolRegime::kHigh;
    } else if (i == 212) {
      vol = VolRegime::kHigh;
    }
    r.trend.push_back(trend);
    r.vol.push_back(vol);
    if (std::isfinite(fwd)) {
      r.forward_return[0][i] = fwd;
      r.known_at[0][i] = KnownAt(i);
    }
    const auto bar = static_cast<std::int32_t>(i);
    if (i < 40) r.events.push_back({bar, hammer, 100});
    if (i >= 100 && i < 140) r.events.push_back({bar, engulfing, -100});
  }
  std::vector<patterns::PatternEvent> last = {{210, hammer, 100}, {210, engulfing, 100}, {210, doji, 100},
                                              {211, engulfing, -100}, {212, hammer, 100}};
  std::sort(last.begin(), last.end(), [](const auto& a, const auto& b) {
    return a.bar != b.bar ? a.bar < b.bar : a.pattern < b.pattern;
  });
  r.events.insert(r.events.end(), last.begin(), last.end());
  return r;
}

const patterns::SeriesRecords kRecords = HandRecords();
constexpr Timestamp kLater = 1'800'000'000;  // every outcome known

EvidenceTable Fit(Timestamp as_of, const EvidenceConfig& config = {}) {
  const std::vector<patterns::SeriesRecords> records{kRecords};
  auto t = FitEvidence(records, as_of, config);
  EXPECT_TRUE(t.ok()) << t.error().message;
  return t.ok() ? std::move(*t) : EvidenceTable{};
}

const PatternEvidence* Find(const TimeframeEvidence& ev, std::string_view pattern) {
  for (const auto& p : ev.patterns) {
    if (p.pattern == pattern) return &p;
  }
  ADD_FAILURE() << "no " << pattern;
  return nullptr;
}

TEST(Evidence, BaseRatesCountUpAndDownPerContextAndMargin) {
  const EvidenceTable t = Fit(kLater);
  EXPECT_EQ(t.as_of, kLater);
  EXPECT_EQ(t.config.prior_weight, 20.0);
  EXPECT_EQ(t.config.min_n, 30);
  // Sorted by (timeframe, regime, vol); the margins add the contexts up:
  //   ALL/ALL 100+100+10 = 210 bars, up 60+40+5 = 105, down 40+60+4 = 104 (209's 0 neither)
  //   ALL/HIGH 100+10, up 40+5, down 60+4;   BULL/ALL 100+10, up 60+5, down 40+4.
  struct Row {
    std::string regime, vol;
    std::int64_t n, up, down;
  };
  const std::vector<Row> expected = {{"ALL", "ALL", 210, 105, 104}, {"ALL", "HIGH", 110, 45, 64},
                                     {"ALL", "LOW", 100, 60, 40},   {"BEAR", "ALL", 100, 40, 60},
                                     {"BEAR", "HIGH", 100, 40, 60}, {"BULL", "ALL", 110, 65, 44},
                                     {"BULL", "HIGH", 10, 5, 4},    {"BULL", "LOW", 100, 60, 40}};
  ASSERT_EQ(t.base_rates.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const BaseRate& b = t.base_rates[i];
    EXPECT_EQ(b.timeframe, "1d");
    EXPECT_EQ(b.regime, expected[i].regime) << i;
    EXPECT_EQ(b.vol_regime, expected[i].vol) << i;
    EXPECT_EQ(b.n, expected[i].n) << b.regime << "/" << b.vol_regime;
    EXPECT_EQ(b.up, expected[i].up) << b.regime << "/" << b.vol_regime;
    EXPECT_EQ(b.down, expected[i].down) << b.regime << "/" << b.vol_regime;
  }
  const EvidenceLookup lookup(t);
  EXPECT_EQ(lookup.BaseRateOf("1d", "BULL", "LOW", +1), 0.6);   // 60 / 100
  EXPECT_EQ(lookup.BaseRateOf("1d", "BULL", "LOW", -1), 0.4);   // 40 / 100
  EXPECT_EQ(lookup.BaseRateOf("1d", "BEAR", "HIGH", -1), 0.6);  // 60 / 100
  EXPECT_EQ(lookup.BaseRateOf("1d", "BULL", "HIGH", +1), 0.5);  // 5 / 10
  EXPECT_EQ(lookup.BaseRateOf("1d", "BULL", "HIGH", -1), 0.4);  // 4 / 10: the 0 is not down
  EXPECT_EQ(lookup.BaseRateOf("1d", "ALL", "ALL", +1), 0.5);    // 105 / 210
  EXPECT_NEAR(lookup.BaseRateOf("1d", "BULL", "ALL", +1), 65.0 / 110, 1e-15);
  EXPECT_TRUE(std::isnan(lookup.BaseRateOf("1d", "SIDEWAYS", "ALL", +1)));
  EXPECT_TRUE(std::isnan(lookup.BaseRateOf("1h", "ALL", "ALL", +1)));
}

TEST(Evidence, CellsCountTheEventsWithKnownOutcomes) {
  const EvidenceTable t = Fit(kLater);
  const patterns::CellIndex index(t.cells);
  // CDLHAMMER bullish: 40 events, 30 wins, in BULL/LOW and its margins; the bar-210 and
  // bar-212 events have no outcome and are not counted.
  for (const auto& [regime, vol] : std::vector<std::pair<std::string, std::string>>{
           {"ALL", "ALL"}, {"ALL", "LOW"}, {"BULL", "ALL"}, {"BULL", "LOW"}}) {
    const patterns::CellStats* c = index.Find({"CDLHAMMER", "bullish", "1d", 5, regime, vol});
    ASSERT_NE(c, nullptr) << regime << "/" << vol;
    EXPECT_EQ(c->n, 40);
    EXPECT_EQ(c->wins, 30);
  }
  EXPECT_EQ(index.Find({"CDLHAMMER", "bullish", "1d", 5, "BULL", "HIGH"}), nullptr);
  // CDLENGULFING bearish: 40, 30 wins (down moves); no bullish engulfing with an outcome.
  const patterns::CellStats* e = index.Find({"CDLENGULFING", "bearish", "1d", 5, "BEAR", "HIGH"});
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->n, 40);
  EXPECT_EQ(e->wins, 30);
  EXPECT_EQ(index.Find({"CDLENGULFING", "bullish", "1d", 5, "ALL", "ALL"}), nullptr);
}

TEST(Evidence, BullishEventLlrIsTheShrunkWinRateAgainstTheUpRate) {
  const EvidenceTable t = Fit(kLater);
  const EvidenceLookup lookup(t);
  const TimeframeEvidence ev = lookup.At(kRecords, Timeframe::k1d, 210);
  EXPECT_TRUE(ev.available);
  EXPECT_EQ(ev.bar_start, Start(210));
  EXPECT_EQ(ev.regime, "BULL");
  EXPECT_EQ(ev.vol_regime, "LOW");
  ASSERT_EQ(ev.patterns.size(), 3u);
  // CDLHAMMER in BULL/LOW: the exact cell (40 >= 30), 30 wins; b = P(up | BULL/LOW) = 0.6;
  // k = 20: r = (30 + 20 x 0.6) / (40 + 20) = 42/60 = 0.7;
  // llr = logit(0.7) - logit(0.6) = log(7/3) - log(3/2) = log(14/9) = 0.4418327523
  const PatternEvidence* h = Find(ev, "CDLHAMMER");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->direction, "bullish");
  EXPECT_EQ(h->cell_regime, "BULL");
  EXPECT_EQ(h->cell_vol_regime, "LOW");
  EXPECT_TRUE(h->exact);
  EXPECT_FALSE(h->below_min_n);
  EXPECT_EQ(h->n, 40);
  EXPECT_EQ(h->wins, 30);
  EXPECT_EQ(h->win_rate, 0.75);
  EXPECT_EQ(h->base_rate, 0.6);
  EXPECT_NEAR(h->llr, std::log(14.0 / 9), 1e-12);
  const patterns::CellIndex index(t.cells);
  EXPECT_EQ(h->status,
            patterns::EdgeStatusName(index.Find({"CDLHAMMER", "bullish", "1d", 5, "BULL", "LOW"})->status));
  // A bullish CDLENGULFING and a CDLDOJI have no cell: NO_HISTORY, llr 0.
  for (std::string_view name : {"CDLENGULFING", "CDLDOJI"}) {
    const PatternEvidence* p = Find(ev, name);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->direction, "bullish");
    EXPECT_EQ(p->status, "NO_HISTORY");
    EXPECT_EQ(p->llr, 0.0);
    EXPECT_EQ(p->n, 0);
    EXPECT_EQ(p->cell_regime, "");
    EXPECT_TRUE(std::isnan(p->base_rate));
    EXPECT_TRUE(std::isnan(p->q_value));
    EXPECT_TRUE(p->ToJson().at("edge").at("cell").is_null());
  }
  // The timeframe's log odds: the sum, log(14/9) + 0 + 0.
  EXPECT_NEAR(ev.log_odds, std::log(14.0 / 9), 1e-12);
  EXPECT_EQ(ev.Direction(), 1);
  EXPECT_EQ(h->ToJson().at("edge").at("cell"), "BULL/LOW");
}

TEST(Evidence, BearishEventLlrIsNegatedAgainstTheDownRate) {
  const EvidenceTable t = Fit(kLater);
  const EvidenceLookup lookup(t);
  const TimeframeEvidence ev = lookup.At(kRecords, Timeframe::k1d, 211);
  ASSERT_EQ(ev.patterns.size(), 1u);
  // CDLENGULFING bearish in BEAR/HIGH: exact, 30 wins of 40; b = P(down | BEAR/HIGH) = 0.6
  // (P(up) there is 0.4: using it would give r = 38/60 and another value);
  // r = (30 + 12) / 60 = 0.7; llr = -(logit(0.7) - logit(0.6)) = -log(14/9) = -0.4418327523
  const PatternEvidence& p = ev.patterns[0];
  EXPECT_EQ(p.pattern, "CDLENGULFING");
  EXPECT_EQ(p.direction, "bearish");
  EXPECT_TRUE(p.exact);
  EXPECT_EQ(p.base_rate, 0.6);
  EXPECT_NEAR(p.llr, -std::log(14.0 / 9), 1e-12);
  EXPECT_NEAR(ev.log_odds, -std::log(14.0 / 9), 1e-12);
  EXPECT_EQ(ev.Direction(), -1);
}

TEST(Evidence, ASmallContextFallsBackToTheRegimeCellAndItsBaseRate) {
  const EvidenceTable t = Fit(kLater);
  const EvidenceLookup lookup(t);
  const TimeframeEvidence ev = lookup.At(kRecords, Timeframe::k1d, 212);
  EXPECT_EQ(ev.regime, "BULL");
  EXPECT_EQ(ev.vol_regime, "HIGH");
  ASSERT_EQ(ev.patterns.size(), 1u);
  // No CDLHAMMER event in BULL/HIGH: (BULL, ALL) with 40 >= 30 events, 30 wins.
  // b = P(up | BULL/ALL) = 65/110 = 13/22; k b = 20 x 13/22 = 130/11;
  // r = (30 + 130/11) / 60 = (460/11) / 60 = 23/33;
  // llr = logit(23/33) - logit(13/22) = log(23/10) - log(13/9) = log(207/130) = 0.4651843428
  const PatternEvidence& p = ev.patterns[0];
  EXPECT_EQ(p.cell_regime, "BULL");
  EXPECT_EQ(p.cell_vol_regime, "ALL");
  EXPECT_FALSE(p.exact);
  EXPECT_FALSE(p.below_min_n);
  EXPECT_NEAR(p.base_rate, 13.0 / 22, 1e-15);
  EXPECT_NEAR(p.llr, std::log(207.0 / 130), 1e-12);
  // With min n 41 every cell of the chain is short: the (ALL, ALL) cell, marked, and its
  // base rate b = 105/210 = 0.5: r = (30 + 10) / 60 = 2/3, llr = logit(2/3) - 0 = log 2.
  EvidenceConfig strict;
  strict.min_n = 41;
  const EvidenceTable s = Fit(kLater, strict);
  const EvidenceLookup strict_lookup(s);
  const PatternEvidence q = strict_lookup.At(kRecords, Timeframe::k1d, 212).patterns.at(0);
  EXPECT_EQ(q.cell_regime, "ALL");
  EXPECT_EQ(q.cell_vol_regime, "ALL");
  EXPECT_TRUE(q.below_min_n);
  EXPECT_EQ(q.base_rate, 0.5);
  EXPECT_NEAR(q.llr, std::log(2.0), 1e-12);
}

TEST(Evidence, PriorWeightZeroGivesTheRawWinRate) {
  // k = 0: r = 30/40 = 0.75; llr = logit(0.75) - logit(0.6) = log 3 - log 1.5 = log 2.
  EvidenceConfig raw;
  raw.prior_weight = 0;
  const EvidenceTable t = Fit(kLater, raw);
  const EvidenceLookup lookup(t);
  EXPECT_NEAR(Find(lookup.At(kRecords, Timeframe::k1d, 210), "CDLHAMMER")->llr, std::log(2.0), 1e-12);
}

TEST(Evidence, AsOfLeavesLaterOutcomesOut) {
  // As of bar 34's outcome time (inclusive): bars 0..34 only. CDLHAMMER: 35 events, 30 wins
  // (0..29 up, 30..34 down); BULL/LOW: 35 bars, 30 up, 5 down; nothing else is known.
  const EvidenceTable t = Fit(KnownAt(34));
  const patterns::CellIndex index(t.cells);
  const patterns::CellStats* c = index.Find({"CDLHAMMER", "bullish", "1d", 5, "BULL", "LOW"});
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->n, 35);
  EXPECT_EQ(c->wins, 30);
  EXPECT_EQ(index.Find({"CDLENGULFING", "bearish", "1d", 5, "ALL", "ALL"}), nullptr);
  ASSERT_EQ(t.base_rates.size(), 4u);  // ALL/ALL, ALL/LOW, BULL/ALL, BULL/LOW
  EXPECT_EQ(t.base_rates.back().regime, "BULL");
  EXPECT_EQ(t.base_rates.back().vol_regime, "LOW");
  EXPECT_EQ(t.base_rates.back().n, 35);
  EXPECT_EQ(t.base_rates.back().up, 30);
  EXPECT_EQ(t.base_rates.back().down, 5);
  // Every known bar is a hammer: b = 30/35 = 6/7 and r = (30 + 20 x 6/7) / 55 = (330/7) / 55
  // = 6/7: no edge over the base rate, llr 0.
  const EvidenceLookup lookup(t);
  EXPECT_NEAR(Find(lookup.At(kRecords, Timeframe::k1d, 210), "CDLHAMMER")->llr, 0.0, 1e-12);
  // The bearish engulfing has no cell yet.
  const TimeframeEvidence bear = lookup.At(kRecords, Timeframe::k1d, 211);
  EXPECT_EQ(bear.patterns.at(0).status, "NO_HISTORY");
  EXPECT_EQ(bear.log_odds, 0.0);
  EXPECT_EQ(bear.Direction(), 0);
  // One second earlier, bar 34 is out too: 34 events.
  const EvidenceTable before = Fit(KnownAt(34) - 1);
  const patterns::CellIndex before_index(before.cells);
  EXPECT_EQ(before_index.Find({"CDLHAMMER", "bullish", "1d", 5, "BULL", "LOW"})->n, 34);

  // As of bar 59's outcome: all 40 hammers, and bars 40..59 alternate: 10 up, 10 down.
  // BULL/LOW: 60 bars, 40 up: b = 2/3. r = (30 + 20 x 2/3) / 60 = (130/3) / 60 = 13/18;
  // llr = logit(13/18) - logit(2/3) = log(13/5) - log 2 = log(13/10) = 0.2623642645
  const EvidenceTable mid = Fit(KnownAt(59));
  const EvidenceLookup mid_lookup(mid);
  const TimeframeEvidence mid_ev = mid_lookup.At(kRecords, Timeframe::k1d, 210);
  const PatternEvidence* h = Find(mid_ev, "CDLHAMMER");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->n, 40);
  EXPECT_NEAR(h->base_rate, 2.0 / 3, 1e-15);
  EXPECT_NEAR(h->llr, std::log(13.0 / 10), 1e-12);

  // Before any outcome: empty tables, NO_HISTORY everywhere.
  const EvidenceTable none = Fit(KnownAt(0) - 1);
  EXPECT_TRUE(none.cells.empty());
  EXPECT_TRUE(none.base_rates.empty());
  const EvidenceLookup none_lookup(none);
  const TimeframeEvidence none_ev = none_lookup.At(kRecords, Timeframe::k1d, 210);
  ASSERT_EQ(none_ev.patterns.size(), 3u);
  for (const auto& p : none_ev.patterns) {
    EXPECT_EQ(p.status, "NO_HISTORY");
    EXPECT_EQ(p.llr, 0.0);
  }
}

TEST(Evidence, NoEventsOnTheBarGiveZeroLogOdds) {
  const EvidenceTable t = Fit(kLater);
  const EvidenceLookup lookup(t);
  const TimeframeEvidence ev = lookup.At(kRecords, Timeframe::k1d, 205);
  EXPECT_TRUE(ev.patterns.empty());
  EXPECT_EQ(ev.log_odds, 0.0);
  EXPECT_EQ(ev.Direction(), 0);
}

TEST(Evidence, FitRefusesBadConfigAndRecordsWithoutTheHorizon) {
  std::vector<patterns::SeriesRecords> records{kRecords};
  EvidenceConfig zero;
  zero.horizon_sessions = 0;
  EXPECT_FALSE(FitEvidence(records, kLater, zero).ok());
  EvidenceConfig min_n;
  min_n.min_n = 0;
  EXPECT_FALSE(FitEvidence(records, kLater, min_n).ok());
  EvidenceConfig prior;
  prior.prior_weight = -1;
  EXPECT_FALSE(FitEvidence(records, kLater, prior).ok());
  // 3 sessions on 1d is horizon 3: the records only have 5.
  EvidenceConfig three;
  three.horizon_sessions = 3;
  const auto lacking = FitEvidence(records, kLater, three);
  ASSERT_FALSE(lacking.ok());
  EXPECT_EQ(lacking.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(lacking.error().message, "evidence: the XTEST 1d records lack horizon 3 (bars of 3 sessions)");
  // Weekly records ("1wk") at 5 sessions need horizon ceil(5/5) = 1.
  records[0].timeframe = "1wk";
  const auto weekly = FitEvidence(records, kLater, {});
  ASSERT_FALSE(weekly.ok());
  EXPECT_EQ(weekly.error().message, "evidence: the XTEST 1wk records lack horizon 1 (bars of 5 sessions)");
  records[0].timeframe = "2d";
  EXPECT_FALSE(FitEvidence(records, kLater, {}).ok());
}

TEST(Evidence, TableJsonRoundTripGivesIdenticalLookups) {
  const EvidenceTable t = Fit(kLater);
  const nlohmann::json j = t.ToJson();
  EXPECT_EQ(j.at("as_of"), kLater);
  EXPECT_EQ(j.at("horizon_sessions"), 5);
  EXPECT_EQ(j.at("base_rates").at(0), nlohmann::json::parse(R"(["1d","ALL","ALL",210,105,104])"));
  const auto back = EvidenceTable::FromJson(nlohmann::json::parse(j.dump()), "evidence.json");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->ToJson(), j);
  const EvidenceLookup a(t), b(*back);
  for (std::size_t bar : {210u, 211u, 212u}) {
    const TimeframeEvidence x = a.At(kRecords, Timeframe::k1d, bar), y = b.At(kRecords, Timeframe::k1d, bar);
    ASSERT_EQ(x.patterns.size(), y.patterns.size());
    for (std::size_t i = 0; i < x.patterns.size(); ++i) {
      EXPECT_EQ(x.patterns[i].ToJson(), y.patterns[i].ToJson()) << bar;
      EXPECT_EQ(x.patterns[i].llr, y.patterns[i].llr);
    }
    EXPECT_EQ(x.log_odds, y.log_odds);
    EXPECT_EQ(x.ToJson(), y.ToJson());
  }
  // Base rates out of order are refused, naming the source.
  nlohmann::json unsorted = j;
  std::swap(unsorted["base_rates"][0], unsorted["base_rates"][1]);
  const auto refused = EvidenceTable::FromJson(unsorted, "evidence.json");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "evidence.json: evidence base rates are not sorted");
}

}  // namespace
}  // namespace qat::signals
