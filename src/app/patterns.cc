#include "qat/app/patterns.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "qat/core/strings.h"
#include "qat/features/regimes.h"
#include "qat/patterns/cell_lookup.h"
#include "qat/store/actions.h"
#include "qat/ta/patterns.h"

namespace qat::app {
namespace {

// The stored cells of a span; no statistics at all is kNotFound.
Result<std::vector<patterns::CellStats>> StoredCells(store::Database& db, const char* span) {
  QAT_ASSIGN_OR_RETURN(auto cells, patterns::LoadCells(db, span));
  if (cells.empty() && std::string(span) == kSpanAll) {
    return Fail(ErrorCode::kNotFound, "{}: no pattern statistics stored (run 'qtrader patterns build' first)",
                db.path().string());
  }
  return cells;
}

}  // namespace

Result<BuildPatternStatsReport> BuildPatternStats(store::Database& db, const BuildPatternStatsRequest& r,
                                                  const std::function<void(const SymbolBuilt&)>& progress) {
  auto parsed = patterns::ParseHorizons(fmt::format("{}", fmt::join(r.horizons, ",")));
  if (!parsed.ok()) return Error{parsed.error().message, ErrorCode::kInvalidInput};
  const std::vector<int> horizons = std::move(parsed).value();
  if (!(r.recent_years > 0)) {
    return Fail(ErrorCode::kInvalidInput, "recent years must be > 0 (got {})", r.recent_years);
  }
  if (r.symbols.empty()) return Fail(ErrorCode::kInvalidInput, "no symbol given");
  std::optional<data::BarSeries> market;
  if (!r.market.empty()) {
    QAT_ASSIGN_OR_RETURN(market, store::LoadAdjustedBars(db, {r.market, r.interval, std::nullopt, std::nullopt}));
  }
  BuildPatternStatsReport report;
  for (const auto& symbol : r.symbols) {
    QAT_ASSIGN_OR_RETURN(auto bars, store::LoadAdjustedBars(db, {symbol, r.interval, std::nullopt, std::nullopt}));
    auto stats = patterns::UpdatePatternRecords(db, bars, horizons, market ? &*market : nullptr, r.market);
    if (!stats.ok()) return stats.error().WithContext(symbol);
    report.symbols.push_back({symbol, *stats});
    if (progress) progress(report.symbols.back());
  }
  QAT_ASSIGN_OR_RETURN(auto records, patterns::LoadPatternRecords(db));
  report.series = records.size();
  QAT_ASSIGN_OR_RETURN(report.all, patterns::ComputeCells(records, patterns::CellOptions{}));
  patterns::CellOptions recent_options;
  recent_options.since = patterns::RecentSince(records, std::nullopt, r.recent_years);
  report.recent_since = *recent_options.since;
  QAT_ASSIGN_OR_RETURN(report.recent, patterns::ComputeCells(records, recent_options));
  QAT_RETURN_IF_ERROR(patterns::SaveCells(db, kSpanAll, report.all));
  QAT_RETURN_IF_ERROR(patterns::SaveCells(db, kSpanRecent, report.recent));
  return report;
}

Result<SeriesStats> ComputeSeriesStats(const SeriesStatsRequest& r) {
  if (r.recent_years < 0) return Fail(ErrorCode::kInvalidInput, "recent years must be >= 0 (got {})", r.recent_years);
  QAT_ASSIGN_OR_RETURN(auto records, patterns::ExtractRecords(r.bars, r.horizons, r.market ? &*r.market : nullptr));
  patterns::CellOptions options;
  options.prior_weight = r.prior_weight;
  options.as_of = r.as_of;
  std::vector<patterns::SeriesRecords> all;
  all.push_back(std::move(records));
  if (r.recent_years > 0) options.since = patterns::RecentSince(all, options.as_of, r.recent_years);
  SeriesStats out;
  out.events = all[0].events.size();
  QAT_ASSIGN_OR_RETURN(out.cells, patterns::ComputeCells(all, options));
  return out;
}

Result<PatternEdgeRequest> NormalizeEdgeRequest(const PatternEdgeRequest& r) {
  PatternEdgeRequest out = r;
  const auto* spec = ta::FindPattern(r.pattern);
  if (spec == nullptr) {
    return Fail(ErrorCode::kInvalidInput, "unknown pattern '{}' (TA-Lib names, e.g. CDLHAMMER)", r.pattern);
  }
  out.pattern = std::string(spec->name);
  out.direction = ToLower(r.direction);
  if (!out.direction.empty() && out.direction != "bullish" && out.direction != "bearish") {
    return Fail(ErrorCode::kInvalidInput, "direction must be bullish or bearish (got '{}')", r.direction);
  }
  out.regime = ToUpper(r.regime);
  out.vol_regime = ToUpper(r.vol_regime);
  if (out.regime != "ALL" && !features::ParseTrendRegime(out.regime).ok()) {
    return Fail(ErrorCode::kInvalidInput, "regime must be ALL, BULL, BEAR, SIDEWAYS or UNKNOWN (got '{}')",
                r.regime);
  }
  if (out.vol_regime != "ALL" && !features::ParseVolRegime(out.vol_regime).ok()) {
    return Fail(ErrorCode::kInvalidInput, "vol regime must be ALL, LOW, NORMAL, HIGH or UNKNOWN (got '{}')",
                r.vol_regime);
  }
  return out;
}

Result<std::vector<EdgeAnswer>> PatternEdge(store::Database& db, const PatternEdgeRequest& request) {
  QAT_ASSIGN_OR_RETURN(const PatternEdgeRequest r, NormalizeEdgeRequest(request));
  QAT_ASSIGN_OR_RETURN(auto cells, StoredCells(db, kSpanAll));
  QAT_ASSIGN_OR_RETURN(auto recent, StoredCells(db, kSpanRecent));
  const std::vector<std::string> directions =
      r.direction.empty() ? std::vector<std::string>{"bullish", "bearish"} : std::vector<std::string>{r.direction};
  const patterns::CellIndex index(cells), recent_index(recent);
  std::vector<EdgeAnswer> answers;
  for (const auto& d : directions) {
    const patterns::CellChoice choice =
        patterns::ChooseCell(index, {r.pattern, d, r.timeframe, r.horizon, r.regime, r.vol_regime}, r.min_n);
    const patterns::CellStats* answer = choice.cell;
    if (answer == nullptr) {
      if (directions.size() == 1) {
        return Fail(ErrorCode::kNotFound, "{} {} has no events at timeframe {} horizon {} in the store", r.pattern, d,
                    r.timeframe, r.horizon);
      }
      continue;
    }
    EdgeAnswer a;
    a.asked = r;
    a.asked.direction = d;
    a.cell = *answer;
    if (const auto* rec = recent_index.Find({r.pattern, d, r.timeframe, r.horizon, answer->regime, answer->vol_regime})) {
      a.recent = *rec;
    }
    a.exact = choice.exact;
    a.fallback_reason = choice.fallback_reason;
    a.below_min_n = choice.below_min_n;
    answers.push_back(std::move(a));
  }
  if (answers.empty()) {
    return Fail(ErrorCode::kNotFound, "{} has no events at timeframe {} horizon {} in the store", r.pattern,
                r.timeframe, r.horizon);
  }
  return answers;
}

Result<std::vector<patterns::CellStats>> TopEdges(store::Database& db, const TopEdgesRequest& r) {
  if (r.min_n < 1 || r.limit < 1) {
    return Fail(ErrorCode::kInvalidInput, "min n and limit must be >= 1 (got {} and {})", r.min_n, r.limit);
  }
  QAT_ASSIGN_OR_RETURN(auto cells, StoredCells(db, kSpanAll));
  std::vector<patterns::CellStats> picked;
  for (const auto& c : cells) {
    if (c.horizon == r.horizon && c.timeframe == r.timeframe && c.n >= r.min_n && c.mean_return > 0 &&
        c.excess_return > 0 && !std::isnan(c.q_value)) {
      picked.push_back(c);
    }
  }
  std::stable_sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) {
    if (a.q_value != b.q_value) return a.q_value < b.q_value;
    return a.p_value < b.p_value;
  });
  if (picked.size() > static_cast<std::size_t>(r.limit)) picked.resize(static_cast<std::size_t>(r.limit));
  return picked;
}

nlohmann::json ToJson(const patterns::CellStats& c) {
  auto num = [](double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); };
  return {{"pattern", c.pattern},
          {"direction", c.direction},
          {"timeframe", c.timeframe},
          {"horizon", c.horizon},
          {"regime", c.regime},
          {"vol_regime", c.vol_regime},
          {"n", c.n},
          {"wins", c.wins},
          {"win_rate", num(c.win_rate)},
          {"win_rate_lo", num(c.win_rate_lo)},
          {"win_rate_hi", num(c.win_rate_hi)},
          {"mean_return", num(c.mean_return)},
          {"median_return", num(c.median_return)},
          {"sharpe", num(c.sharpe)},
          {"ic", num(c.ic)},
          {"baseline_return", num(c.baseline_return)},
          {"excess_return", num(c.excess_return)},
          {"t_stat", num(c.t_stat)},
          {"p_value", num(c.p_value)},
          {"q_value", num(c.q_value)},
          {"status", patterns::EdgeStatusName(c.status)},
          {"shrinkage_parent", c.shrinkage_parent},
          {"shrunk_win_rate", num(c.shrunk_win_rate)},
          {"shrunk_mean_return", num(c.shrunk_mean_return)},
          {"prior_weight", num(c.prior_weight)}};
}

nlohmann::json ToJson(const EdgeAnswer& a) {
  nlohmann::json j;
  j["requested"] = {{"pattern", a.asked.pattern},     {"direction", a.asked.direction}, {"timeframe", a.asked.timeframe},
                    {"horizon", a.asked.horizon},     {"regime", a.asked.regime},       {"vol_regime", a.asked.vol_regime},
                    {"min_n", a.asked.min_n}};
  j["answered_by"] = fmt::format("{}/{}", a.cell.regime, a.cell.vol_regime);
  j["exact"] = a.exact;
  j["fallback_reason"] = a.fallback_reason;
  j["below_min_n"] = a.below_min_n;
  j["cell"] = ToJson(a.cell);
  j["recent"] = a.recent ? ToJson(*a.recent) : nlohmann::json(nullptr);
  return j;
}

}  // namespace qat::app
