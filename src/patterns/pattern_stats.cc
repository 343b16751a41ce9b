#include "qat/patterns/pattern_stats.h"

#include "qat/labels/labels.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <ostream>
#include <utility>

#include "qat/core/strings.h"
#include "qat/patterns/statistics.h"
#include "qat/ta/candle.h"
#include "qat/ta/patterns.h"

namespace qat::patterns {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Context slots: 0 = ALL, then the regime enum value + 1 (UNKNOWN, BULL, BEAR, SIDEWAYS).
constexpr int kSlots = 5;
// Output order of the slots: ALL, BULL, BEAR, SIDEWAYS, UNKNOWN / ALL, LOW, NORMAL, HIGH, UNKNOWN.
constexpr std::array<int, kSlots> kTrendOrder = {0, 2, 3, 4, 1};
constexpr std::array<int, kSlots> kVolOrder = {0, 2, 3, 4, 1};

std::string TrendSlotName(int slot) {
  return slot == 0 ? std::string(kAll)
                   : std::string(features::TrendRegimeName(static_cast<features::TrendRegime>(slot - 1)));
}
std::string VolSlotName(int slot) {
  return slot == 0 ? std::string(kAll)
                   : std::string(features::VolRegimeName(static_cast<features::VolRegime>(slot - 1)));
}

// Regimes of `market` carried onto `bars` by available time, with the features' rule (one
// function, features::ContextBarsOnAvailability): UNKNOWN before the first market bar and
// where the latest one is more than `max_age_days` calendar days old.
template <typename R>
std::vector<R> JoinByAvailable(const data::BarSeries& bars, const data::BarSeries& market,
                               const std::vector<R>& market_regime, int max_age_days) {
  std::vector<R> out(bars.size(), R::kUnknown);
  const auto index = features::ContextBarsOnAvailability(bars, market, max_age_days);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if (index[i] != features::kNoContextBar) out[i] = market_regime[index[i]];
  }
  return out;
}

double Median(std::vector<double>& v) {
  const std::size_t n = v.size();
  std::nth_element(v.begin(), v.begin() + n / 2, v.end());
  const double upper = v[n / 2];
  if (n % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + n / 2);
  return (lower + upper) / 2.0;
}

// One event with its outcome at the horizon being computed.
struct Sample {
  std::int32_t global_bar;
  std::int16_t output;
  std::uint8_t trend_slot, vol_slot;
  double signed_return;
  // The unconditional mean forward return of the event's own symbol over the bars of each
  // context the event belongs to: [0] ALL/ALL, [1] regime/ALL, [2] ALL/vol, [3] regime/vol.
  std::array<double, 4> baseline;
};

// Bars sharing one output value of a pattern: how many, and the sum of their return ranks.
struct Group {
  int value;
  double first;   // count
  double second;  // rank sum
};
void AddToGroup(std::vector<Group>& groups, int value, double count, double rank_sum) {
  for (auto& g : groups) {
    if (g.value == value) {
      g.first += count;
      g.second += rank_sum;
      return;
    }
  }
  groups.push_back({value, count, rank_sum});
}

}  // namespace

std::vector<int> DefaultHorizons() { return {1, 3, 5, 10, 21}; }

Result<std::vector<int>> ParseHorizons(std::string_view text) {
  std::vector<int> out;
  for (auto part : Split(text, ',')) {
    part = Trim(part);
    auto value = ParseFiniteDouble(part);
    if (!value || *value != std::floor(*value) || *value < 1 || *value > 252) {
      return Fail("horizons: '{}' is not an integer number of bars in [1, 252]", part);
    }
    const int h = static_cast<int>(*value);
    if (std::find(out.begin(), out.end(), h) != out.end()) return Fail("horizons: {} given twice", h);
    out.push_back(h);
  }
  if (out.empty()) return Fail("horizons: none given");
  std::sort(out.begin(), out.end());
  return out;
}

std::string_view EdgeStatusName(EdgeStatus status) {
  switch (status) {
    case EdgeStatus::kStrong:
      return "STRONG";
    case EdgeStatus::kModerate:
      return "MODERATE";
    case EdgeStatus::kWeak:
      return "WEAK";
    case EdgeStatus::kNoEdge:
      return "NO_EDGE";
    case EdgeStatus::kInsufficientData:
      break;
  }
  return "INSUFFICIENT_DATA";
}

namespace {
Result<SeriesRecords> ExtractRecordsWith(const data::BarSeries& bars, std::span<const int> horizons,
                                         const data::BarSeries* market, const MarketRegimes* regimes,
                                         int market_max_age_days) {
  if (bars.empty()) return Fail("pattern events: series {} has no bars", bars.symbol);
  if (market_max_age_days < 0) {
    return Fail("pattern events: the market's maximum age must be >= 0 days (got {})", market_max_age_days);
  }
  if (market != nullptr && market->empty()) return Fail("pattern events: the market series has no bars");
  if (horizons.empty()) return Fail("pattern events: no horizons given");
  std::vector<int> sorted(horizons.begin(), horizons.end());
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] < 1) return Fail("pattern events: horizon must be >= 1 (got {})", sorted[i]);
    if (i > 0 && sorted[i] == sorted[i - 1]) return Fail("pattern events: horizon {} given twice", sorted[i]);
  }
  if (bars.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    return Fail("pattern events: series {} is too long", bars.symbol);
  }

  SeriesRecords r;
  r.symbol = bars.symbol;
  r.timeframe = std::string(data::IntervalName(bars.interval));
  r.start = bars.start;
  r.available = bars.available;
  if (market == nullptr) {
    r.trend = features::TrendRegimes(bars.close);
    r.vol = features::VolRegimes(bars.adj_close);
  } else {
    r.trend = JoinByAvailable(bars, *market, regimes->trend, market_max_age_days);
    r.vol = JoinByAvailable(bars, *market, regimes->vol, market_max_age_days);
  }
  const std::size_t n = bars.size();
  r.horizons = sorted;
  for (int h : sorted) {
    QAT_ASSIGN_OR_RETURN(auto fwd, labels::ForwardReturn(bars.adj_close, h));
    std::vector<Timestamp> known(n, 0);
    const std::size_t hh = static_cast<std::size_t>(h);
    for (std::size_t t = 0; t + hh < n; ++t) known[t] = bars.available[t + hh];
    r.forward_return.push_back(std::move(fwd));
    r.known_at.push_back(std::move(known));
  }

  const ta::OhlcView view{bars.open, bars.high, bars.low, bars.close};
  // All 61 in one call: the candle geometry and averages are computed once for them all.
  QAT_ASSIGN_OR_RETURN(const auto columns, ta::ComputePatterns(view, ta::DefaultCandleSettings()));
  for (std::size_t p = 0; p < columns.size(); ++p) {
    const std::vector<int>& out = columns[p];
    for (std::size_t t = 0; t < n; ++t) {
      if (out[t] != 0) {
        r.events.push_back(
            {static_cast<std::int32_t>(t), static_cast<std::int16_t>(p), static_cast<std::int16_t>(out[t])});
      }
    }
  }
  std::sort(r.events.begin(), r.events.end(), [](const PatternEvent& a, const PatternEvent& b) {
    return a.bar != b.bar ? a.bar < b.bar : a.pattern < b.pattern;
  });
  return r;
}
}  // namespace

MarketRegimes RegimesOf(const data::BarSeries& market) {
  return {features::TrendRegimes(market.close), features::VolRegimes(market.adj_close)};
}

Result<SeriesRecords> ExtractRecords(const data::BarSeries& bars, std::span<const int> horizons,
                                     const data::BarSeries* market, int market_max_age_days) {
  if (market == nullptr || market->empty()) return ExtractRecordsWith(bars, horizons, market, nullptr, market_max_age_days);
  const MarketRegimes regimes = RegimesOf(*market);
  return ExtractRecordsWith(bars, horizons, market, &regimes, market_max_age_days);
}

Result<SeriesRecords> ExtractRecords(const data::BarSeries& bars, std::span<const int> horizons,
                                     const data::BarSeries& market, const MarketRegimes& regimes,
                                     int market_max_age_days) {
  if (regimes.trend.size() != market.size() || regimes.vol.size() != market.size()) {
    return Fail("pattern events: {} market regimes for {} market bars", regimes.trend.size(), market.size());
  }
  return ExtractRecordsWith(bars, horizons, &market, &regimes, market_max_age_days);
}

Timestamp RecentSince(std::span<const SeriesRecords> series, std::optional<Timestamp> as_of, double years) {
  Timestamp end = 0;
  if (as_of) {
    end = *as_of;
  } else {
    for (const auto& s : series) {
      for (const auto& known : s.known_at) {
        for (Timestamp t : known) end = std::max(end, t);
      }
    }
  }
  return end - static_cast<Timestamp>(years * 365.25 * 86400.0);
}

Result<std::vector<CellStats>> ComputeCells(std::span<const SeriesRecords> series,
                                            const CellOptions& options) {
  if (!(options.prior_weight >= 0)) return Fail("pattern stats: prior weight must be >= 0");
  const auto& all_patterns = ta::AllPatterns();
  const std::size_t num_patterns = all_patterns.size();

  std::vector<std::string> timeframes;
  for (const auto& s : series) {
    if (std::find(timeframes.begin(), timeframes.end(), s.timeframe) == timeframes.end()) {
      timeframes.push_back(s.timeframe);
    }
  }
  std::sort(timeframes.begin(), timeframes.end());

  std::vector<CellStats> cells;
  for (const auto& timeframe : timeframes) {
    std::vector<int> horizons;
    for (const auto& s : series) {
      if (s.timeframe != timeframe) continue;
      for (int h : s.horizons) {
        if (std::find(horizons.begin(), horizons.end(), h) == horizons.end()) horizons.push_back(h);
      }
    }
    std::sort(horizons.begin(), horizons.end());

    for (int horizon : horizons) {
      // Bars whose outcome counts: known (and known by as_of), starting at or after since.
      std::vector<double> fwd;  // per global bar
      std::vector<std::uint8_t> trend_slot, vol_slot;
      std::vector<std::vector<Sample>> by_pattern(num_patterns);
      for (const auto& s : series) {
        if (s.timeframe != timeframe) continue;
        const auto hit = std::find(s.horizons.begin(), s.horizons.end(), horizon);
        if (hit == s.horizons.end()) continue;
        const std::size_t hi = static_cast<std::size_t>(hit - s.horizons.begin());
        const auto& f = s.forward_return[hi];
        const auto& known = s.known_at[hi];
        std::vector<std::int32_t> global(s.size(), -1);
        // Sum and count of this symbol's forward returns per context, for the baselines.
        std::array<std::array<double, kSlots>, kSlots> base_sum{}, base_count{};
        for (std::size_t t = 0; t < s.size(); ++t) {
          if (std::isnan(f[t])) continue;
          if (options.as_of && known[t] > *options.as_of) continue;
          if (options.since && s.start[t] < *options.since) continue;
          global[t] = static_cast<std::int32_t>(fwd.size());
          fwd.push_back(f[t]);
          const auto ts = static_cast<std::uint8_t>(static_cast<int>(s.trend[t]) + 1);
          const auto vs = static_cast<std::uint8_t>(static_cast<int>(s.vol[t]) + 1);
          trend_slot.push_back(ts);
          vol_slot.push_back(vs);
          for (auto [a, b] : {std::pair<int, int>{0, 0}, {ts, 0}, {0, vs}, {ts, vs}}) {
            base_sum[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] += f[t];
            base_count[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] += 1;
          }
        }
        auto base = [&](int a, int b) {
          return base_sum[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] /
                 base_count[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
        };
        for (const auto& e : s.events) {
          const std::int32_t g = global[static_cast<std::size_t>(e.bar)];
          if (g < 0) continue;
          const double r = fwd[static_cast<std::size_t>(g)];
          const int ts = trend_slot[static_cast<std::size_t>(g)], vs = vol_slot[static_cast<std::size_t>(g)];
          by_pattern[static_cast<std::size_t>(e.pattern)].push_back(
              {g,
               e.output,
               static_cast<std::uint8_t>(ts),
               static_cast<std::uint8_t>(vs),
               e.output > 0 ? r : -r,
               {base(0, 0), base(ts, 0), base(0, vs), base(ts, vs)}});
        }
      }
      const std::size_t num_bars = fwd.size();

      // ic[pattern][trend slot][vol slot] from one ranking of the bars per context.
      std::vector<std::array<std::array<double, kSlots>, kSlots>> ic(num_patterns);
      for (auto& a : ic)
        for (auto& b : a) b.fill(kNaN);
      std::vector<std::int32_t> order(num_bars);
      for (std::size_t i = 0; i < num_bars; ++i) order[i] = static_cast<std::int32_t>(i);
      std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return fwd[static_cast<std::size_t>(a)] < fwd[static_cast<std::size_t>(b)];
      });
      std::vector<double> rank(num_bars, kNaN);
      std::vector<std::int32_t> members;
      std::vector<Group> groups;
      for (int ts = 0; ts < kSlots; ++ts) {
        for (int vs = 0; vs < kSlots; ++vs) {
          members.clear();
          for (std::int32_t g : order) {
            const auto gi = static_cast<std::size_t>(g);
            if ((ts == 0 || trend_slot[gi] == ts) && (vs == 0 || vol_slot[gi] == vs)) members.push_back(g);
          }
          const std::size_t m = members.size();
          if (m < 2) continue;
          // Average ranks of the forward returns within this context.
          const double mid = (static_cast<double>(m) + 1.0) / 2.0;
          double syy = 0;
          std::size_t i = 0;
          while (i < m) {
            std::size_t j = i;
            const double v = fwd[static_cast<std::size_t>(members[i])];
            while (j + 1 < m && fwd[static_cast<std::size_t>(members[j + 1])] == v) ++j;
            const double average = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
            for (std::size_t k = i; k <= j; ++k) {
              rank[static_cast<std::size_t>(members[k])] = average;
              syy += (average - mid) * (average - mid);
            }
            i = j + 1;
          }
          if (syy == 0) continue;
          const double total_rank = static_cast<double>(m) * (static_cast<double>(m) + 1.0) / 2.0;
          for (std::size_t p = 0; p < num_patterns; ++p) {
            // Groups by output value: count and sum of forward-return ranks.
            // (output value, count, rank sum), few distinct values: a small sorted list.
            groups.clear();
            double event_count = 0, event_rank_sum = 0;
            for (const auto& smp : by_pattern[p]) {
              if ((ts != 0 && smp.trend_slot != ts) || (vs != 0 && smp.vol_slot != vs)) continue;
              const double ry = rank[static_cast<std::size_t>(smp.global_bar)];
              AddToGroup(groups, smp.output, 1.0, ry);
              event_count += 1;
              event_rank_sum += ry;
            }
            if (event_count == 0) continue;
            const double zeros = static_cast<double>(m) - event_count;
            if (zeros > 0) AddToGroup(groups, 0, zeros, total_rank - event_rank_sum);
            if (groups.size() < 2) continue;
            std::sort(groups.begin(), groups.end(),
                      [](const Group& a, const Group& b) { return a.value < b.value; });
            double below = 0, sxy = 0, sxx = 0;
            for (const auto& g : groups) {
              const double rx = below + (g.first + 1.0) / 2.0;
              sxy += (rx - mid) * (g.second - g.first * mid);
              sxx += g.first * (rx - mid) * (rx - mid);
              below += g.first;
            }
            if (sxx > 0)
              ic[p][static_cast<std::size_t>(ts)][static_cast<std::size_t>(vs)] = sxy / std::sqrt(sxx * syy);
          }
        }
      }

      // Cells per pattern and direction.
      const double annualize = std::sqrt(252.0 / static_cast<double>(horizon));
      std::array<std::array<std::vector<double>, kSlots>, kSlots> values, baselines;
      for (std::size_t p = 0; p < num_patterns; ++p) {
        for (int dir : {+1, -1}) {
          for (auto& row : values)
            for (auto& v : row) v.clear();
          for (auto& row : baselines)
            for (auto& v : row) v.clear();
          for (const auto& smp : by_pattern[p]) {
            if ((smp.output > 0) != (dir > 0)) continue;
            const double sign = dir > 0 ? 1.0 : -1.0;
            values[0][0].push_back(smp.signed_return);
            values[smp.trend_slot][0].push_back(smp.signed_return);
            values[0][smp.vol_slot].push_back(smp.signed_return);
            values[smp.trend_slot][smp.vol_slot].push_back(smp.signed_return);
            baselines[0][0].push_back(sign * smp.baseline[0]);
            baselines[smp.trend_slot][0].push_back(sign * smp.baseline[1]);
            baselines[0][smp.vol_slot].push_back(sign * smp.baseline[2]);
            baselines[smp.trend_slot][smp.vol_slot].push_back(sign * smp.baseline[3]);
          }
          if (values[0][0].empty()) continue;
          // Shrunk values per slot, filled parent first.
          std::array<std::array<double, kSlots>, kSlots> shrunk_wr{}, shrunk_mean{};
          const double k = options.prior_weight;
          for (int ts_i = 0; ts_i < kSlots; ++ts_i) {
            for (int vs_i = 0; vs_i < kSlots; ++vs_i) {
              const int ts = kTrendOrder[static_cast<std::size_t>(ts_i)];
              const int vs = kVolOrder[static_cast<std::size_t>(vs_i)];
              auto& v = values[static_cast<std::size_t>(ts)][static_cast<std::size_t>(vs)];
              if (v.empty()) continue;
              CellStats c;
              c.pattern = std::string(all_patterns[p].name);
              c.direction = dir > 0 ? "bullish" : "bearish";
              c.timeframe = timeframe;
              c.horizon = horizon;
              c.regime = TrendSlotName(ts);
              c.vol_regime = VolSlotName(vs);
              c.n = static_cast<std::int64_t>(v.size());
              double sum = 0;
              for (double x : v) {
                sum += x;
                if (x > 0) ++c.wins;
              }
              const double nn = static_cast<double>(c.n);
              c.win_rate = static_cast<double>(c.wins) / nn;
              const auto wilson = WilsonInterval(c.wins, c.n);
              c.win_rate_lo = wilson.lo;
              c.win_rate_hi = wilson.hi;
              c.mean_return = sum / nn;
              double ss = 0;
              for (double x : v) ss += (x - c.mean_return) * (x - c.mean_return);
              c.sd = c.n >= 2 ? std::sqrt(ss / (nn - 1.0)) : kNaN;
              // Excess over the signed baseline: the t test's sample.
              const auto& bl = baselines[static_cast<std::size_t>(ts)][static_cast<std::size_t>(vs)];
              double base_sum_cell = 0, excess_sum = 0;
              for (std::size_t i = 0; i < v.size(); ++i) {
                base_sum_cell += bl[i];
                excess_sum += v[i] - bl[i];
              }
              c.baseline_return = base_sum_cell / nn;
              c.excess_return = excess_sum / nn;
              double ess = 0;
              for (std::size_t i = 0; i < v.size(); ++i) {
                const double d = v[i] - bl[i] - c.excess_return;
                ess += d * d;
              }
              c.excess_sd = c.n >= 2 ? std::sqrt(ess / (nn - 1.0)) : kNaN;
              c.sharpe = c.n >= 2 && c.sd > 0 ? c.mean_return / c.sd * annualize : kNaN;
              if (c.n >= 2 && c.excess_sd > 0) {
                c.t_stat = c.excess_return / (c.excess_sd / std::sqrt(nn));
                c.p_value = StudentTwoSidedP(c.t_stat, nn - 1.0);
              } else {
                c.t_stat = c.p_value = kNaN;
              }
              c.median_return = Median(v);
              c.ic = ic[p][static_cast<std::size_t>(ts)][static_cast<std::size_t>(vs)];
              c.q_value = kNaN;
              // Shrinkage toward the parent.
              double parent_wr = kNaN, parent_mean = kNaN;
              if (ts != 0 && vs != 0) {
                parent_wr = shrunk_wr[static_cast<std::size_t>(ts)][0];
                parent_mean = shrunk_mean[static_cast<std::size_t>(ts)][0];
                c.shrinkage_parent = c.regime + "/ALL";
              } else if (ts != 0 || vs != 0) {
                parent_wr = shrunk_wr[0][0];
                parent_mean = shrunk_mean[0][0];
                c.shrinkage_parent = "ALL/ALL";
              }
              if (c.shrinkage_parent.empty()) {
                c.shrunk_win_rate = c.win_rate;
                c.shrunk_mean_return = c.mean_return;
                c.prior_weight = 0;
              } else {
                c.shrunk_win_rate = (static_cast<double>(c.wins) + k * parent_wr) / (nn + k);
                c.shrunk_mean_return = (sum + k * parent_mean) / (nn + k);
                c.prior_weight = k;
              }
              shrunk_wr[static_cast<std::size_t>(ts)][static_cast<std::size_t>(vs)] = c.shrunk_win_rate;
              shrunk_mean[static_cast<std::size_t>(ts)][static_cast<std::size_t>(vs)] = c.shrunk_mean_return;
              cells.push_back(std::move(c));
            }
          }
        }
      }
    }
  }

  // Benjamini-Hochberg across every cell with a p-value, then the status.
  std::vector<double> p(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) p[i] = cells[i].p_value;
  const auto q = BenjaminiHochberg(p);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto& c = cells[i];
    c.q_value = q[i];
    if (c.n < kMinEvents) {
      c.status = EdgeStatus::kInsufficientData;
    } else if (std::isnan(c.p_value) || !(c.mean_return > 0) || !(c.excess_return > 0)) {
      c.status = EdgeStatus::kNoEdge;
    } else if (c.q_value <= 0.01 && c.n >= 100 && c.win_rate_lo > 0.5) {
      c.status = EdgeStatus::kStrong;
    } else if (c.q_value <= 0.05 && c.win_rate > 0.5) {
      c.status = EdgeStatus::kModerate;
    } else if (c.p_value <= 0.05) {
      c.status = EdgeStatus::kWeak;
    } else {
      c.status = EdgeStatus::kNoEdge;
    }
  }

  // Final order: pattern, direction (bullish first), timeframe, horizon, regime, vol regime.
  auto slot_index = [](const std::string& name, bool trend) {
    static const std::array<std::string_view, kSlots> kTrend = {"ALL", "BULL", "BEAR", "SIDEWAYS", "UNKNOWN"};
    static const std::array<std::string_view, kSlots> kVol = {"ALL", "LOW", "NORMAL", "HIGH", "UNKNOWN"};
    const auto& names = trend ? kTrend : kVol;
    return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  std::stable_sort(cells.begin(), cells.end(), [&](const CellStats& a, const CellStats& b) {
    if (a.pattern != b.pattern) return a.pattern < b.pattern;
    if (a.direction != b.direction) return a.direction == "bullish";
    if (a.timeframe != b.timeframe) return a.timeframe < b.timeframe;
    if (a.horizon != b.horizon) return a.horizon < b.horizon;
    const int ra = slot_index(a.regime, true), rb = slot_index(b.regime, true);
    if (ra != rb) return ra < rb;
    return slot_index(a.vol_regime, false) < slot_index(b.vol_regime, false);
  });
  return cells;
}

std::string CellsCsvHeader() {
  return "pattern,direction,timeframe,horizon,regime,vol_regime,n,win_rate,win_rate_lo,win_rate_hi,"
         "mean_return,median_return,sharpe,ic,t_stat,p_value,q_value,status,wins,sd,baseline_return,"
         "excess_return,excess_sd,shrinkage_parent,"
         "shrunk_win_rate,shrunk_mean_return,prior_weight";
}

void WriteCellsCsv(std::span<const CellStats> cells, std::ostream& out) {
  auto num = [](double x) { return std::isnan(x) ? std::string() : FormatShortest(x); };
  out << CellsCsvHeader() << '\n';
  for (const auto& c : cells) {
    out << c.pattern << ',' << c.direction << ',' << c.timeframe << ',' << c.horizon << ',' << c.regime << ','
        << c.vol_regime << ',' << c.n << ',' << num(c.win_rate) << ',' << num(c.win_rate_lo) << ','
        << num(c.win_rate_hi) << ',' << num(c.mean_return) << ',' << num(c.median_return) << ','
        << num(c.sharpe) << ',' << num(c.ic) << ',' << num(c.t_stat) << ',' << num(c.p_value) << ','
        << num(c.q_value) << ',' << EdgeStatusName(c.status) << ',' << c.wins << ',' << num(c.sd) << ','
        << num(c.baseline_return) << ',' << num(c.excess_return) << ',' << num(c.excess_sd) << ','
        << c.shrinkage_parent << ',' << num(c.shrunk_win_rate) << ',' << num(c.shrunk_mean_return) << ','
        << num(c.prior_weight) << '\n';
  }
}

}  // namespace qat::patterns
