#include "qat/patterns/pattern_stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include "qat/data/csv.h"
#include "qat/patterns/statistics.h"
#include "qat/ta/patterns.h"
#include "support/cli.h"

namespace qat::patterns {
namespace {

data::BarSeries Load(const std::string& symbol) {
  data::CsvReadOptions o;
  o.symbol = symbol;
  auto s = data::ReadBarsCsv(qat::testing::RepoPath("data/daily/" + symbol + ".csv"), o);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return std::move(*s);
}

using Key =
    std::tuple<std::string, std::string, int, std::string, std::string>;  // pattern, dir, h, regime, vol
std::map<Key, const CellStats*> Index(const std::vector<CellStats>& cells) {
  std::map<Key, const CellStats*> m;
  for (const auto& c : cells) m[{c.pattern, c.direction, c.horizon, c.regime, c.vol_regime}] = &c;
  return m;
}

bool SameNumber(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void ExpectSameCells(const std::vector<CellStats>& a, const std::vector<CellStats>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    SCOPED_TRACE(x.pattern + " " + x.direction + " h" + std::to_string(x.horizon) + " " + x.regime + "/" +
                 x.vol_regime);
    ASSERT_EQ(std::tie(x.pattern, x.direction, x.timeframe, x.horizon, x.regime, x.vol_regime, x.n, x.wins),
              std::tie(y.pattern, y.direction, y.timeframe, y.horizon, y.regime, y.vol_regime, y.n, y.wins));
    for (auto [u, v] : {std::pair{x.mean_return, y.mean_return},
                        {x.median_return, y.median_return},
                        {x.sd, y.sd},
                        {x.ic, y.ic},
                        {x.p_value, y.p_value},
                        {x.q_value, y.q_value},
                        {x.shrunk_win_rate, y.shrunk_win_rate},
                        {x.shrunk_mean_return, y.shrunk_mean_return}}) {
      EXPECT_TRUE(SameNumber(u, v)) << u << " vs " << v;
    }
    EXPECT_EQ(x.status, y.status);
  }
}

// Independent recount: for regime ALL / vol ALL, n, win rate and mean signed
// return equal a plain recomputation from TA-Lib's pattern outputs and adj_close.
TEST(PatternEngine, RegimeAllMatchesIndependentRecomputationOnRealData) {
  const std::vector<int> horizons = {1, 3, 5, 10, 21};
  for (const char* symbol : {"AAPL", "MSFT", "SPY"}) {
    SCOPED_TRACE(symbol);
    const auto bars = Load(symbol);
    auto records = ExtractRecords(bars, horizons);
    ASSERT_TRUE(records.ok());
    std::vector<SeriesRecords> one;
    one.push_back(std::move(*records));
    auto cells = ComputeCells(one);
    ASSERT_TRUE(cells.ok());
    const auto index = Index(*cells);
    std::size_t checked = 0;
    const ta::OhlcView view{bars.open, bars.high, bars.low, bars.close};
    for (const auto& spec : ta::AllPatterns()) {
      const auto out = spec.compute(view, ta::DefaultCandleSettings());
      for (int h : horizons) {
        // The symbol's unconditional mean forward return: the baseline of the ALL/ALL cells.
        double all_sum = 0, all_n = 0;
        for (std::size_t t = 0; t + static_cast<std::size_t>(h) < bars.size(); ++t) {
          all_sum += bars.adj_close[t + static_cast<std::size_t>(h)] / bars.adj_close[t] - 1.0;
          all_n += 1;
        }
        for (int dir : {+1, -1}) {
          double n = 0, wins = 0;
          double sum = 0;
          for (std::size_t t = 0; t + static_cast<std::size_t>(h) < bars.size(); ++t) {
            if (out[t] == 0 || (out[t] > 0) != (dir > 0)) continue;
            const double r = bars.adj_close[t + static_cast<std::size_t>(h)] / bars.adj_close[t] - 1.0;
            const double signed_r = dir > 0 ? r : -r;
            ++n;
            if (signed_r > 0) ++wins;
            sum += signed_r;
          }
          const auto it =
              index.find({std::string(spec.name), dir > 0 ? "bullish" : "bearish", h, "ALL", "ALL"});
          if (n == 0) {
            EXPECT_EQ(it, index.end()) << spec.name << " h" << h;
            continue;
          }
          ASSERT_NE(it, index.end()) << spec.name << " dir " << dir << " h" << h;
          const CellStats& c = *it->second;
          EXPECT_EQ(static_cast<double>(c.n), n) << spec.name << " h" << h;
          EXPECT_EQ(static_cast<double>(c.wins), wins) << spec.name << " h" << h;
          EXPECT_NEAR(c.win_rate, wins / n, 1e-15);
          EXPECT_NEAR(c.mean_return, sum / n, 1e-14 + 1e-12 * std::fabs(sum / n)) << spec.name << " h" << h;
          EXPECT_NEAR(c.baseline_return, dir * all_sum / all_n, 1e-12) << spec.name << " h" << h;
          EXPECT_NEAR(c.excess_return, sum / n - dir * all_sum / all_n, 1e-12) << spec.name << " h" << h;
          ++checked;
        }
      }
    }
    EXPECT_GT(checked, 300u);  // most of the 61 x 5 x (1 or 2 directions) cells exist
  }
}

TEST(PatternEngine, CellFiguresFollowTheirDefinitions) {
  const auto bars = Load("QQQ");
  auto records = ExtractRecords(bars, std::vector<int>{5});
  ASSERT_TRUE(records.ok());
  std::vector<SeriesRecords> one{*records};
  auto cells = ComputeCells(one);
  ASSERT_TRUE(cells.ok());
  std::size_t tested = 0;
  for (const auto& c : *cells) {
    if (c.n < 2 || std::isnan(c.sd) || c.sd == 0 || !(c.excess_sd > 0)) continue;
    EXPECT_NEAR(c.excess_return, c.mean_return - c.baseline_return, 1e-12);
    EXPECT_NEAR(c.t_stat, c.excess_return / (c.excess_sd / std::sqrt(static_cast<double>(c.n))),
                1e-9 * std::fabs(c.t_stat) + 1e-12);
    EXPECT_NEAR(c.sharpe, c.mean_return / c.sd * std::sqrt(252.0 / 5.0), 1e-9 * std::fabs(c.sharpe) + 1e-12);
    EXPECT_NEAR(c.p_value, StudentTwoSidedP(c.t_stat, static_cast<double>(c.n - 1)), 1e-15);
    EXPECT_GE(c.q_value, c.p_value);
    const auto ci = WilsonInterval(c.wins, c.n);
    EXPECT_EQ(c.win_rate_lo, ci.lo);
    EXPECT_EQ(c.win_rate_hi, ci.hi);
    if (c.n < kMinEvents) {
      EXPECT_EQ(c.status, EdgeStatus::kInsufficientData);
    }
    if (c.status == EdgeStatus::kStrong) {
      EXPECT_LE(c.q_value, 0.01);
      EXPECT_GT(c.win_rate_lo, 0.5);
      EXPECT_GE(c.n, 100);
    }
    if (c.n >= kMinEvents && (c.mean_return <= 0 || c.excess_return <= 0)) {
      EXPECT_EQ(c.status, EdgeStatus::kNoEdge);
    }
    ++tested;
  }
  EXPECT_GT(tested, 500u);
}

TEST(PatternEngine, IcIsSpearmanOverAllBarsWithZerosTied) {
  const auto bars = Load("AAPL");
  const int h = 3;
  auto records = ExtractRecords(bars, std::vector<int>{h});
  ASSERT_TRUE(records.ok());
  std::vector<SeriesRecords> one{*records};
  auto cells = ComputeCells(one);
  ASSERT_TRUE(cells.ok());
  const auto index = Index(*cells);
  const ta::OhlcView view{bars.open, bars.high, bars.low, bars.close};
  for (const char* name : {"CDLENGULFING", "CDLHAMMER", "CDLDOJI", "CDLHIKKAKE"}) {
    const auto out = ta::FindPattern(name)->compute(view, ta::DefaultCandleSettings());
    std::vector<double> x, y;
    for (std::size_t t = 0; t + h < bars.size(); ++t) {
      x.push_back(out[t]);
      y.push_back(bars.adj_close[t + h] / bars.adj_close[t] - 1.0);
    }
    const double expected = Spearman(x, y);
    for (const char* dir : {"bullish", "bearish"}) {
      const auto it = index.find({name, dir, h, "ALL", "ALL"});
      if (it == index.end()) continue;
      EXPECT_NEAR(it->second->ic, expected, 1e-9) << name << " " << dir;
    }
  }
}

// As of time T the engine sees exactly what a build on the bars up to T would see: cells
// over the full history with as_of = available[k] equal cells over the prefix [0, k].
TEST(PatternEngine, AsOfUsesOnlyOutcomesKnownByThen) {
  const auto bars = Load("MSFT");
  const std::vector<int> horizons = {1, 5, 21};
  auto full = ExtractRecords(bars, horizons);
  ASSERT_TRUE(full.ok());
  std::vector<SeriesRecords> full_set{*full};
  for (std::size_t k : {bars.size() / 2, bars.size() - 300}) {
    CellOptions options;
    options.as_of = bars.available[k];
    auto as_of = ComputeCells(full_set, options);
    ASSERT_TRUE(as_of.ok());
    auto prefix = ExtractRecords(bars.Slice(0, k + 1), horizons);
    ASSERT_TRUE(prefix.ok());
    std::vector<SeriesRecords> prefix_set{*prefix};
    auto expected = ComputeCells(prefix_set);
    ASSERT_TRUE(expected.ok());
    ExpectSameCells(*as_of, *expected);
    // And it is a real restriction: the full-history cells differ.
    auto everything = ComputeCells(full_set);
    ASSERT_TRUE(everything.ok());
    EXPECT_GT(Index(*everything).at({"CDLENGULFING", "bullish", 5, "ALL", "ALL"})->n,
              Index(*as_of).at({"CDLENGULFING", "bullish", 5, "ALL", "ALL"})->n);
  }
  // One second before an outcome bar's available time, that outcome is not known.
  CellOptions before;
  const std::size_t t = bars.size() - 100;
  before.as_of = bars.available[t] - 1;
  auto a = ComputeCells(full_set, before);
  CellOptions at;
  at.as_of = bars.available[t];
  auto b = ComputeCells(full_set, at);
  ASSERT_TRUE(a.ok() && b.ok());
  std::int64_t na = 0, nb = 0;
  for (const auto& c : *a)
    if (c.regime == "ALL" && c.vol_regime == "ALL") na += c.n;
  for (const auto& c : *b)
    if (c.regime == "ALL" && c.vol_regime == "ALL") nb += c.n;
  EXPECT_GT(nb, na);  // the events whose outcome bar is t enter exactly at available[t]
}

TEST(PatternEngine, RecentWindowKeepsOnlyRecentEvents) {
  const auto bars = Load("SPY");
  auto records = ExtractRecords(bars, std::vector<int>{5});
  ASSERT_TRUE(records.ok());
  std::vector<SeriesRecords> set{*records};
  CellOptions options;
  options.since = RecentSince(set, std::nullopt, 5.0);
  // since = last known outcome - 5 * 365.25 days.
  EXPECT_EQ(*options.since, bars.available.back() - static_cast<Timestamp>(5 * 365.25 * 86400));
  auto recent = ComputeCells(set, options);
  ASSERT_TRUE(recent.ok());
  const auto out = ta::FindPattern("CDLENGULFING")
                       ->compute({bars.open, bars.high, bars.low, bars.close}, ta::DefaultCandleSettings());
  long n = 0;
  for (std::size_t t = 0; t + 5 < bars.size(); ++t) {
    if (out[t] > 0 && bars.start[t] >= *options.since) ++n;
  }
  EXPECT_EQ(Index(*recent).at({"CDLENGULFING", "bullish", 5, "ALL", "ALL"})->n, n);
}

// Shrinkage: every cell's shrunk figures are (n x + k parent) / (n + k) with its parent's
// shrunk figures, so a small cell lands near its parent and a large one near itself.
TEST(PatternEngine, ShrinkagePullsSmallCellsTowardTheirParent) {
  const auto bars = Load("TSLA");
  auto records = ExtractRecords(bars, std::vector<int>{5});
  ASSERT_TRUE(records.ok());
  std::vector<SeriesRecords> set{*records};
  auto cells = ComputeCells(set);
  ASSERT_TRUE(cells.ok());
  const auto index = Index(*cells);
  int small = 0;
  for (const auto& c : *cells) {
    if (c.regime == "ALL" && c.vol_regime == "ALL") {
      EXPECT_EQ(c.shrinkage_parent, "");
      EXPECT_EQ(c.shrunk_win_rate, c.win_rate);
      continue;
    }
    const std::string pr = c.regime != "ALL" && c.vol_regime != "ALL" ? c.regime : "ALL";
    EXPECT_EQ(c.shrinkage_parent, pr + "/ALL");
    const CellStats& parent = *index.at({c.pattern, c.direction, c.horizon, pr, "ALL"});
    const double k = kDefaultPriorWeight, n = static_cast<double>(c.n);
    EXPECT_NEAR(c.shrunk_win_rate, (static_cast<double>(c.wins) + k * parent.shrunk_win_rate) / (n + k),
                1e-12);
    EXPECT_NEAR(c.shrunk_mean_return, (n * c.mean_return + k * parent.shrunk_mean_return) / (n + k), 1e-12);
    EXPECT_LE(std::fabs(c.shrunk_win_rate - parent.shrunk_win_rate),
              std::fabs(c.win_rate - parent.shrunk_win_rate) + 1e-15);
    if (c.n <= 5) ++small;
  }
  EXPECT_GT(small, 0);
  // A prior weight of 0 turns shrinkage off; a negative one is refused.
  CellOptions heavy;
  heavy.prior_weight = 0;
  auto raw = ComputeCells(set, heavy);
  ASSERT_TRUE(raw.ok());
  for (const auto& c : *raw) EXPECT_EQ(c.shrunk_win_rate, c.win_rate);
  heavy.prior_weight = -1;
  EXPECT_FALSE(ComputeCells(set, heavy).ok());
}

TEST(PatternEngine, MarketRegimesComeFromTheMarketSeries) {
  const auto aapl = Load("AAPL");
  const auto spy = Load("SPY");
  auto own = ExtractRecords(aapl, std::vector<int>{5});
  auto market = ExtractRecords(aapl, std::vector<int>{5}, &spy);
  ASSERT_TRUE(own.ok() && market.ok());
  const auto spy_trend = features::TrendRegimes(spy.close);
  // On every AAPL date that SPY also has, the regime is SPY's regime of that date.
  std::map<Days, features::TrendRegime> by_day;
  for (std::size_t i = 0; i < spy.size(); ++i) by_day[spy.DayAt(i)] = spy_trend[i];
  std::size_t same = 0, differs_from_own = 0;
  for (std::size_t t = 0; t < aapl.size(); ++t) {
    auto it = by_day.find(aapl.DayAt(t));
    if (it == by_day.end()) continue;
    EXPECT_EQ(market->trend[t], it->second);
    ++same;
    if (market->trend[t] != own->trend[t]) ++differs_from_own;
  }
  EXPECT_GT(same, 5000u);
  EXPECT_GT(differs_from_own, 100u);
  EXPECT_EQ(market->events.size(), own->events.size());
}

TEST(PatternEngine, BadInputIsRejected) {
  const auto bars = Load("SPY");
  EXPECT_FALSE(ExtractRecords(data::BarSeries{}, std::vector<int>{5}).ok());
  EXPECT_FALSE(ExtractRecords(bars, std::vector<int>{}).ok());
  EXPECT_FALSE(ExtractRecords(bars, std::vector<int>{0}).ok());
  EXPECT_FALSE(ExtractRecords(bars, std::vector<int>{5, 5}).ok());
  data::BarSeries empty_market;
  EXPECT_FALSE(ExtractRecords(bars, std::vector<int>{5}, &empty_market).ok());
  EXPECT_FALSE(ParseHorizons("1,x").ok());
  EXPECT_FALSE(ParseHorizons("0").ok());
  EXPECT_FALSE(ParseHorizons("2.5").ok());
  EXPECT_FALSE(ParseHorizons("5,5").ok());
  auto h = ParseHorizons("21, 1,5");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h, (std::vector<int>{1, 5, 21}));
}

// The market regimes go through the features' availability join (one function, one
// staleness rule). Where the market is fresh they are exactly what the former carry-forward
// join gave, recomputed here: QQQ and SPY end together, so all of QQQ's regimes (and its
// cells) are unchanged; AAPL runs two years past SPY's end, where its regimes were SPY's last
// ones frozen and are now UNKNOWN from the sixth calendar day on.
TEST(PatternEngine, MarketRegimesUnchangedWhereTheMarketIsFreshUnknownWhereItIsStale) {
  const data::BarSeries spy = Load("SPY");
  const auto spy_trend = features::TrendRegimes(spy.close);
  const auto spy_vol = features::VolRegimes(spy.adj_close);
  const std::vector<int> horizons = {1, 5};
  for (const char* symbol : {"QQQ", "AAPL"}) {
    SCOPED_TRACE(symbol);
    const data::BarSeries bars = Load(symbol);
    auto records = ExtractRecords(bars, horizons, &spy);
    ASSERT_TRUE(records.ok()) << records.error().message;
    std::size_t j = 0, stale = 0, compared = 0;
    for (std::size_t t = 0; t < bars.size(); ++t) {
      while (j < spy.size() && spy.available[j] <= bars.available[t]) ++j;  // the former join
      const auto carried_trend = j == 0 ? features::TrendRegime::kUnknown : spy_trend[j - 1];
      const auto carried_vol = j == 0 ? features::VolRegime::kUnknown : spy_vol[j - 1];
      if (j > 0 && bars.DayAt(t) > spy.DayAt(j - 1) + features::kDefaultContextMaxAgeDays) {
        ++stale;
        EXPECT_EQ(records->trend[t], features::TrendRegime::kUnknown) << FormatDate(bars.DayAt(t));
        EXPECT_EQ(records->vol[t], features::VolRegime::kUnknown) << FormatDate(bars.DayAt(t));
        continue;
      }
      ++compared;
      ASSERT_EQ(records->trend[t], carried_trend) << FormatDate(bars.DayAt(t));
      ASSERT_EQ(records->vol[t], carried_vol) << FormatDate(bars.DayAt(t));
    }
    EXPECT_GT(compared, 6000u);
    if (std::string(symbol) == "QQQ") {
      EXPECT_EQ(stale, 0u);
    } else {
      EXPECT_GT(stale, 550u);  // 2024-03-28 .. 2026-07-21
      EXPECT_NE(records->trend.back(), spy_trend.back());  // no longer SPY's last regime
    }
  }
  auto refused = ExtractRecords(Load("QQQ"), horizons, &spy, -1);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("maximum age"), std::string::npos);
}

}  // namespace
}  // namespace qat::patterns
