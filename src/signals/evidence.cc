#include "qat/signals/evidence.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "qat/core/strings.h"
#include "qat/data/interval.h"
#include "qat/features/regimes.h"
#include "qat/ta/patterns.h"

namespace qat::signals {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The timeframe a records' interval name stands for ("1wk" is the weekly timeframe).
Result<Timeframe> TimeframeOfRecords(std::string_view interval_name) {
  if (interval_name == data::IntervalName(data::Interval::k1wk)) return Timeframe::k1w;
  return ParseTimeframe(interval_name);
}

}  // namespace

int HorizonBars(Timeframe timeframe, int sessions) {
  switch (timeframe) {
    case Timeframe::k1h: return 7 * sessions;
    case Timeframe::k4h: return 2 * sessions;
    case Timeframe::k1d: return sessions;
    case Timeframe::k1w: return (sessions + 4) / 5;
  }
  return sessions;
}

Result<EvidenceTable> FitEvidence(std::span<const patterns::SeriesRecords> records, Timestamp as_of,
                                  const EvidenceConfig& config) {
  if (config.horizon_sessions < 1 || config.min_n < 1 || !(config.prior_weight >= 0)) {
    return Fail(ErrorCode::kInvalidInput,
                "evidence: horizon ({}) and min n ({}) must be >= 1 and the prior weight ({}) >= 0",
                config.horizon_sessions, config.min_n, config.prior_weight);
  }
  EvidenceTable table;
  table.config = config;
  table.as_of = as_of;
  std::map<std::tuple<std::string, std::string, std::string>, BaseRate> rates;
  for (const auto& rec : records) {
    QAT_ASSIGN_OR_RETURN(const Timeframe tf, TimeframeOfRecords(rec.timeframe));
    const int h = HorizonBars(tf, config.horizon_sessions);
    const auto it = std::find(rec.horizons.begin(), rec.horizons.end(), h);
    if (it == rec.horizons.end()) {
      return Fail(ErrorCode::kInvalidInput, "evidence: the {} {} records lack horizon {} (bars of {} sessions)",
                  rec.symbol, rec.timeframe, h, config.horizon_sessions);
    }
    const auto hi = static_cast<std::size_t>(it - rec.horizons.begin());
    const auto& known = rec.known_at[hi];
    const auto& fwd = rec.forward_return[hi];
    for (std::size_t i = 0; i < rec.size(); ++i) {
      if (known[i] == 0 || known[i] > as_of || !std::isfinite(fwd[i])) continue;
      const std::string regime(features::TrendRegimeName(rec.trend[i]));
      const std::string vol(features::VolRegimeName(rec.vol[i]));
      const std::string all(patterns::kAll);
      for (const auto& [r, v] : {std::pair{regime, vol}, {regime, all}, {all, vol}, {all, all}}) {
        BaseRate& b = rates[{rec.timeframe, r, v}];
        b.timeframe = rec.timeframe;
        b.regime = r;
        b.vol_regime = v;
        ++b.n;
        b.up += fwd[i] > 0 ? 1 : 0;
        b.down += fwd[i] < 0 ? 1 : 0;
      }
    }
  }
  for (auto& [key, rate] : rates) table.base_rates.push_back(std::move(rate));
  QAT_ASSIGN_OR_RETURN(table.cells, patterns::ComputeCells(records, {.as_of = as_of}));
  return table;
}

EvidenceLookup::EvidenceLookup(const EvidenceTable& table) : table_(table), index_(table.cells) {}

double EvidenceLookup::BaseRateOf(std::string_view timeframe, std::string_view regime, std::string_view vol,
                                  int direction) const {
  // base_rates is sorted by (timeframe, regime, vol): binary search.
  const auto it = std::lower_bound(table_.base_rates.begin(), table_.base_rates.end(),
                                   std::tuple(timeframe, regime, vol), [](const BaseRate& b, const auto& key) {
                                     return std::tuple<std::string_view, std::string_view, std::string_view>(
                                                b.timeframe, b.regime, b.vol_regime) < key;
                                   });
  if (it == table_.base_rates.end() || it->timeframe != timeframe || it->regime != regime ||
      it->vol_regime != vol || it->n == 0) {
    return kNaN;
  }
  return static_cast<double>(direction > 0 ? it->up : it->down) / static_cast<double>(it->n);
}

TimeframeEvidence EvidenceLookup::At(const patterns::SeriesRecords& rec, Timeframe timeframe, std::size_t bar) const {
  TimeframeEvidence ev;
  ev.timeframe = timeframe;
  ev.available = true;
  ev.bar_start = rec.start[bar];
  ev.bar_available = rec.available[bar];
  ev.regime = std::string(features::TrendRegimeName(rec.trend[bar]));
  ev.vol_regime = std::string(features::VolRegimeName(rec.vol[bar]));
  const int h = HorizonBars(timeframe, table_.config.horizon_sessions);
  const auto first = std::lower_bound(rec.events.begin(), rec.events.end(), static_cast<std::int32_t>(bar),
                                      [](const patterns::PatternEvent& e, std::int32_t b) { return e.bar < b; });
  const auto& specs = ta::AllPatterns();
  for (auto e = first; e != rec.events.end() && e->bar == static_cast<std::int32_t>(bar); ++e) {
    PatternEvidence p = Evidence(std::string(specs[static_cast<std::size_t>(e->pattern)].name), e->output > 0 ? 1 : -1,
                                 rec.timeframe, h, ev.regime, ev.vol_regime);
    ev.log_odds += p.llr;
    ev.patterns.push_back(std::move(p));
  }
  return ev;
}

Result<TimeframeEvidence> EvidenceLookup::Given(Timeframe timeframe, std::span<const GivenPattern> given,
                                                features::TrendRegime trend, features::VolRegime vol) const {
  TimeframeEvidence ev;
  ev.timeframe = timeframe;
  ev.available = true;
  ev.regime = std::string(features::TrendRegimeName(trend));
  ev.vol_regime = std::string(features::VolRegimeName(vol));
  const int h = HorizonBars(timeframe, table_.config.horizon_sessions);
  for (const auto& g : given) {
    const ta::PatternSpec* spec = ta::FindPattern(g.name);
    if (spec == nullptr) {
      return Fail(ErrorCode::kInvalidInput, "{}: {} is not one of the 61 candlestick patterns (e.g. CDLHAMMER)",
                  TimeframeName(timeframe), Excerpt(g.name));
    }
    if (g.direction != 1 && g.direction != -1) {
      return Fail(ErrorCode::kInvalidInput, "{} {}: direction must be bullish (+1) or bearish (-1), got {}",
                  TimeframeName(timeframe), g.name, g.direction);
    }
    // The records name a timeframe by its bars' interval (1wk for 1w), as At's rec.timeframe.
    PatternEvidence p = Evidence(std::string(spec->name), g.direction, data::IntervalName(TimeframeInterval(timeframe)),
                                 h, ev.regime, ev.vol_regime);
    ev.log_odds += p.llr;
    ev.patterns.push_back(std::move(p));
  }
  return ev;
}

PatternEvidence EvidenceLookup::Evidence(std::string pattern, int direction, std::string_view timeframe,
                                         int horizon_bars, const std::string& regime, const std::string& vol) const {
  const double k = table_.config.prior_weight;
  PatternEvidence p;
  p.pattern = std::move(pattern);
  p.direction = direction > 0 ? "bullish" : "bearish";
  const patterns::CellChoice choice =
      patterns::ChooseCell(index_, {p.pattern, p.direction, std::string(timeframe), horizon_bars, regime, vol},
                           table_.config.min_n);
  p.status = "NO_HISTORY";
  p.q_value = kNaN;
  p.base_rate = kNaN;
  if (choice.cell != nullptr) {
    const patterns::CellStats& c = *choice.cell;
    p.cell_regime = c.regime;
    p.cell_vol_regime = c.vol_regime;
    p.exact = choice.exact;
    p.below_min_n = choice.below_min_n;
    p.n = c.n;
    p.wins = c.wins;
    p.win_rate = c.win_rate;
    p.q_value = c.q_value;
    p.status = std::string(patterns::EdgeStatusName(c.status));
    p.base_rate = BaseRateOf(timeframe, c.regime, c.vol_regime, direction);
    if (std::isfinite(p.base_rate) && p.base_rate > 0 && p.base_rate < 1) {
      const double r = (static_cast<double>(c.wins) + k * p.base_rate) / (static_cast<double>(c.n) + k);
      p.llr = direction * (Logit(r) - Logit(p.base_rate));
    }
  }
  return p;
}

nlohmann::json PatternEvidence::ToJson() const {
  auto number = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  return {{"name", pattern},
          {"direction", direction},
          {"edge",
           {{"win_rate", n > 0 ? number(win_rate) : nlohmann::json(nullptr)},
            {"n", n},
            {"q_value", number(q_value)},
            {"status", status},
            {"cell", cell_regime.empty() ? nlohmann::json(nullptr) : nlohmann::json(cell_regime + "/" + cell_vol_regime)},
            {"below_min_n", below_min_n},
            {"base_rate", number(base_rate)}}},
          {"llr", llr}};
}

nlohmann::json TimeframeEvidence::ToJson() const {
  nlohmann::json j = {{"timeframe", std::string(TimeframeName(timeframe))}, {"available", available}};
  if (!available) {
    j["reason"] = unavailable_reason;
    return j;
  }
  if (bar_start != 0) {  // 0: patterns given by hand, on no stored bar
    j["bar_time"] = FormatTimestampNewYork(bar_start);
    j["bar_available"] = FormatTimestampNewYork(bar_available);
  }
  j["regime"] = regime;
  j["vol_regime"] = vol_regime;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : patterns) list.push_back(p.ToJson());
  j["patterns"] = std::move(list);
  j["log_odds"] = log_odds;
  return j;
}

nlohmann::json EvidenceTable::ToJson() const {
  nlohmann::json rates = nlohmann::json::array();
  for (const auto& b : base_rates) {
    rates.push_back({b.timeframe, b.regime, b.vol_regime, b.n, b.up, b.down});
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : cells) {
    list.push_back({c.pattern, c.direction, c.timeframe, c.horizon, c.regime, c.vol_regime, c.n, c.wins,
                    std::isfinite(c.q_value) ? nlohmann::json(c.q_value) : nlohmann::json(nullptr),
                    std::string(patterns::EdgeStatusName(c.status))});
  }
  return {{"as_of", as_of},
          {"horizon_sessions", config.horizon_sessions},
          {"prior_weight", config.prior_weight},
          {"min_n", config.min_n},
          {"base_rates_columns", {"timeframe", "regime", "vol_regime", "n", "up", "down"}},
          {"base_rates", std::move(rates)},
          {"cells_columns", {"pattern", "direction", "timeframe", "horizon", "regime", "vol_regime", "n", "wins",
                             "q_value", "status"}},
          {"cells", std::move(list)}};
}

Result<EvidenceTable> EvidenceTable::FromJson(const nlohmann::json& j, std::string_view source) {
  EvidenceTable t;
  try {
    t.as_of = j.at("as_of").get<Timestamp>();
    t.config.horizon_sessions = j.at("horizon_sessions").get<int>();
    t.config.prior_weight = j.at("prior_weight").get<double>();
    t.config.min_n = j.at("min_n").get<int>();
    for (const auto& r : j.at("base_rates")) {
      t.base_rates.push_back({r.at(0).get<std::string>(), r.at(1).get<std::string>(), r.at(2).get<std::string>(),
                              r.at(3).get<std::int64_t>(), r.at(4).get<std::int64_t>(), r.at(5).get<std::int64_t>()});
    }
    for (const auto& r : j.at("cells")) {
      patterns::CellStats c;
      c.pattern = r.at(0).get<std::string>();
      c.direction = r.at(1).get<std::string>();
      c.timeframe = r.at(2).get<std::string>();
      c.horizon = r.at(3).get<int>();
      c.regime = r.at(4).get<std::string>();
      c.vol_regime = r.at(5).get<std::string>();
      c.n = r.at(6).get<std::int64_t>();
      c.wins = r.at(7).get<std::int64_t>();
      c.win_rate = c.n > 0 ? static_cast<double>(c.wins) / static_cast<double>(c.n) : 0;
      c.q_value = r.at(8).is_null() ? kNaN : r.at(8).get<double>();
      const auto status = r.at(9).get<std::string>();
      c.status = patterns::EdgeStatus::kInsufficientData;
      for (auto s : {patterns::EdgeStatus::kStrong, patterns::EdgeStatus::kModerate, patterns::EdgeStatus::kWeak,
                     patterns::EdgeStatus::kNoEdge}) {
        if (status == patterns::EdgeStatusName(s)) c.status = s;
      }
      t.cells.push_back(std::move(c));
    }
  } catch (const nlohmann::json::exception& e) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed evidence table: {}", source, e.what());
  }
  if (!std::is_sorted(t.base_rates.begin(), t.base_rates.end(), [](const BaseRate& a, const BaseRate& b) {
        return std::tie(a.timeframe, a.regime, a.vol_regime) < std::tie(b.timeframe, b.regime, b.vol_regime);
      })) {
    return Fail(ErrorCode::kCorrupt, "{}: evidence base rates are not sorted", source);
  }
  return t;
}

}  // namespace qat::signals
