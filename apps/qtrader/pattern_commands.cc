// patterns stats | build | edge | top: the pattern statistics engine (qat/patterns/).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.h"
#include "paths.h"
#include "qat/app/patterns.h"
#include "qat/core/strings.h"
#include "qat/core/time.h"
#include "qat/data/csv.h"
#include "qat/data/symbol.h"
#include "qat/patterns/pattern_stats.h"
#include "qat/patterns/stored_stats.h"
#include "qat/store/actions.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"
#include "qat/ta/patterns.h"

namespace qat::cli {
namespace {


// YYYY-MM-DD: the end of that New York day; otherwise an ISO 8601 timestamp.
Result<Timestamp> ParseAsOf(const std::string& text) {
  if (text.size() == 10) {
    QAT_ASSIGN_OR_RETURN(Days day, ParseDate(text));
    return NewYorkTime(day + 1, 0) - 1;
  }
  return ParseTimestamp(text);
}

struct StatsOptions {
  std::string input, market, horizons = "1,3,5,10,21", output, symbol, interval = "1d", as_of;
  double recent_years = 0, prior_weight = patterns::kDefaultPriorWeight;
};

std::map<patterns::EdgeStatus, int> CountStatus(const std::vector<patterns::CellStats>& cells) {
  std::map<patterns::EdgeStatus, int> counts;
  for (const auto& c : cells) counts[c.status]++;
  return counts;
}

std::string StatusSummary(const std::vector<patterns::CellStats>& cells) {
  auto counts = CountStatus(cells);
  std::string text;
  for (auto s : {patterns::EdgeStatus::kStrong, patterns::EdgeStatus::kModerate, patterns::EdgeStatus::kWeak,
                 patterns::EdgeStatus::kNoEdge, patterns::EdgeStatus::kInsufficientData}) {
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", counts[s], patterns::EdgeStatusName(s));
  }
  return text;
}

int RunStats(const StatsOptions& o) {
  auto horizons = patterns::ParseHorizons(o.horizons);
  if (!horizons.ok()) return Usage(horizons.error());
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Usage(interval.error());
  if (o.recent_years < 0) return Usage(Fail("--recent-years must be > 0"));
  app::SeriesStatsRequest request;
  request.horizons = *horizons;
  request.recent_years = o.recent_years;
  request.prior_weight = o.prior_weight;
  if (!o.as_of.empty()) {
    auto t = ParseAsOf(o.as_of);
    if (!t.ok()) return Usage(Fail("--as-of: {}", t.error().message));
    request.as_of = *t;
  }
  data::CsvReadOptions read;
  if (o.symbol.empty()) {
    read.symbol = ToUpper(std::filesystem::path(o.input).stem().string());
  } else {
    auto symbol = data::ValidateSymbol(o.symbol);
    if (!symbol.ok()) return Usage(Fail("--symbol: {}", symbol.error().message));
    read.symbol = *symbol;
  }
  read.interval = *interval;
  auto bars = data::ReadBarsCsv(o.input, read);
  if (!bars.ok()) return Report(bars.error());
  request.bars = std::move(*bars);
  if (!o.market.empty()) {
    data::CsvReadOptions market_read;
    market_read.symbol = ToUpper(std::filesystem::path(o.market).stem().string());
    market_read.interval = *interval;
    auto m = data::ReadBarsCsv(o.market, market_read);
    if (!m.ok()) return Report(m.error());
    request.market = std::move(*m);
  }
  auto stats = app::ComputeSeriesStats(request);
  if (!stats.ok()) return Report(stats.error());
  const auto* cells = &stats->cells;
  std::ofstream out(o.output);
  if (!out) return Report(Fail(ErrorCode::kIo, "{}: cannot write", o.output));
  patterns::WriteCellsCsv(*cells, out);
  out.close();
  if (!out) return Report(Fail(ErrorCode::kIo, "{}: write failed", o.output));
  const auto& series = request.bars;
  const auto& market = request.market;
  std::printf("wrote %zu cells of %s (%zu bars, %zu events; regimes of %s) to %s: %s\n", cells->size(),
              series.symbol.c_str(), series.size(), stats->events,
              market ? market->symbol.c_str() : "the symbol itself", o.output.c_str(),
              StatusSummary(*cells).c_str());
  return kExitOk;
}

struct BuildOptions {
  std::string symbols, interval = "1d", market, horizons = "1,3,5,10,21", db;
  double recent_years = 5;
};

int RunBuild(const BuildOptions& o) {
  auto horizons = patterns::ParseHorizons(o.horizons);
  if (!horizons.ok()) return Usage(horizons.error());
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Usage(interval.error());
  if (!(o.recent_years > 0)) return Usage(Fail("--recent-years must be > 0"));
  auto parsed = data::ParseSymbolList(o.symbols);
  if (!parsed.ok()) return Usage(Fail("--symbols: {}", parsed.error().message));
  const std::vector<std::string> symbols = std::move(parsed).value();
  std::string market_name;
  if (!Trim(o.market).empty()) {
    auto market_symbol = data::ValidateSymbol(o.market);
    if (!market_symbol.ok()) return Usage(Fail("--market: {}", market_symbol.error().message));
    market_name = *market_symbol;
  }
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  app::BuildPatternStatsRequest request{symbols, *interval, market_name, *horizons, o.recent_years};
  auto built = app::BuildPatternStats(*db, request, [&](const app::SymbolBuilt& s) {
    std::printf("%s %s: %s, %lld new bars, %lld new events, %lld new outcomes\n", s.symbol.c_str(),
                o.interval.c_str(), s.stats.rebuilt ? "built" : "updated", static_cast<long long>(s.stats.new_bars),
                static_cast<long long>(s.stats.new_events), static_cast<long long>(s.stats.new_outcomes));
  });
  if (!built.ok()) return Report(built.error());
  std::printf("cells over %zu stored series: %zu (%s); recent %g years (events from %s): %zu cells (%s)\n",
              built->series, built->all.size(), StatusSummary(built->all).c_str(), o.recent_years,
              FormatDate(static_cast<Days>(built->recent_since / kSecondsPerDay)).c_str(), built->recent.size(),
              StatusSummary(built->recent).c_str());
  return kExitOk;
}

std::string Num(double x, const char* format = "{:.4f}") {
  return std::isnan(x) ? std::string("n/a") : fmt::format(fmt::runtime(format), x);
}

std::string CellText(const patterns::CellStats& c) {
  std::string text = fmt::format(
      "  n={} win rate {} [{}, {}]  mean {}  median {}  sharpe {}  ic {}\n"
      "  baseline {}  excess {}  t={} p={} q={}  status {}\n",
      c.n, Num(c.win_rate), Num(c.win_rate_lo), Num(c.win_rate_hi), Num(c.mean_return, "{:.5f}"),
      Num(c.median_return, "{:.5f}"), Num(c.sharpe, "{:.3f}"), Num(c.ic), Num(c.baseline_return, "{:.5f}"),
      Num(c.excess_return, "{:.5f}"), Num(c.t_stat, "{:.3f}"), Num(c.p_value, "{:.3g}"),
      Num(c.q_value, "{:.3g}"), patterns::EdgeStatusName(c.status));
  if (!c.shrinkage_parent.empty()) {
    text +=
        fmt::format("  shrunk toward {} (prior weight {} events): win rate {}, mean {}\n", c.shrinkage_parent,
                    Num(c.prior_weight, "{:g}"), Num(c.shrunk_win_rate), Num(c.shrunk_mean_return, "{:.5f}"));
  }
  return text;
}

struct EdgeOptions {
  std::string pattern, direction, regime = "ALL", vol_regime = "ALL", timeframe = "1d", db;
  int horizon = 5, min_n = patterns::kMinEvents;
  bool json = false;
};

int RunEdge(const EdgeOptions& o) {
  app::PatternEdgeRequest request{o.pattern, o.direction, o.regime, o.vol_regime, o.timeframe, o.horizon, o.min_n};
  if (auto valid = app::NormalizeEdgeRequest(request); !valid.ok()) return Report(valid.error());
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto answers = app::PatternEdge(*db, request);
  if (!answers.ok()) return Report(answers.error());
  if (o.json) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& a : *answers) all.push_back(app::ToJson(a));
    std::cout << (all.size() == 1 ? all[0] : all).dump(2) << '\n';
    return kExitOk;
  }
  for (const auto& a : *answers) {
    const auto& q = a.asked;
    std::printf("%s", fmt::format("{} {} {} horizon {}: asked {}/{}, answered by cell {}/{}{}\n", q.pattern,
                                  q.direction, q.timeframe, q.horizon, q.regime, q.vol_regime, a.cell.regime,
                                  a.cell.vol_regime,
                                  a.exact ? " (exact)" : fmt::format(" (fallback: {})", a.fallback_reason))
                          .c_str());
    if (a.below_min_n) std::printf("  warning: no cell reaches n >= %d\n", q.min_n);
    std::fputs(CellText(a.cell).c_str(), stdout);
    std::fputs(a.recent ? ("  recent window (edge decay):\n" + CellText(*a.recent)).c_str() : "  recent window: no events\n",
               stdout);
  }
  return kExitOk;
}

struct TopOptions {
  std::string timeframe = "1d", db;
  int horizon = 5, min_n = patterns::kMinEvents, limit = 20;
  bool json = false;
};

int RunTop(const TopOptions& o) {
  if (o.min_n < 1 || o.limit < 1) return Usage(Fail("--min-n and --limit must be >= 1"));
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto top = app::TopEdges(*db, {o.timeframe, o.horizon, o.min_n, o.limit});
  if (!top.ok()) return Report(top.error());
  if (o.json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& c : *top) rows.push_back(app::ToJson(c));
    std::cout << rows.dump(2) << '\n';
    return kExitOk;
  }
  std::vector<const patterns::CellStats*> picked;
  for (const auto& c : *top) picked.push_back(&c);
  std::printf("%-20s %-8s %-9s %-8s %6s %7s %15s %9s %9s %7s %9s %9s  %s\n", "pattern", "dir", "regime",
              "vol", "n", "win", "win 95% CI", "mean", "excess", "sharpe", "p", "q", "status");
  for (const auto* c : picked) {
    std::printf("%-20s %-8s %-9s %-8s %6lld %7.4f [%.3f,%.3f] %9.5f %9.5f %7.3f %9.3g %9.3g  %s\n",
                c->pattern.c_str(), c->direction.c_str(), c->regime.c_str(), c->vol_regime.c_str(),
                static_cast<long long>(c->n), c->win_rate, c->win_rate_lo, c->win_rate_hi, c->mean_return,
                c->excess_return, c->sharpe, c->p_value, c->q_value,
                std::string(patterns::EdgeStatusName(c->status)).c_str());
  }
  if (picked.empty())
    std::printf("(no cell at horizon %d with n >= %d and a positive mean and excess return)\n", o.horizon,
                o.min_n);
  return kExitOk;
}

}  // namespace

void AddPatternCommands(CLI::App& app) {
  auto* patterns_cmd = app.add_subcommand(
      "patterns", "Candlestick pattern statistics: events, outcomes, win rates, q-values and edge status");
  patterns_cmd->require_subcommand(1);

  auto so = std::make_shared<StatsOptions>();
  auto* stats = patterns_cmd->add_subcommand(
      "stats", "Statistics of all 61 patterns on one CSV file, one row per cell");
  stats->add_option("--input", so->input, "Daily (or intraday) bars CSV")->required();
  stats->add_option("--market", so->market,
                    "Market bars CSV (e.g. SPY): regimes are the market's instead of the symbol's");
  stats->add_option("--horizons", so->horizons, "Forward horizons in bars")->capture_default_str();
  stats->add_option("--output", so->output, "Output CSV")->required();
  stats->add_option("--symbol", so->symbol, "Symbol name (default: the file name)");
  stats->add_option("--interval", so->interval, "Bar interval of the files")->capture_default_str();
  stats->add_option("--as-of", so->as_of,
                    "Only outcomes known by then (YYYY-MM-DD = end of that New York day)");
  stats->add_option("--recent-years", so->recent_years, "Only events of the last N years (edge decay)");
  stats->add_option("--prior-weight", so->prior_weight, "Shrinkage prior weight in events")
      ->capture_default_str();
  stats->footer(
      "Example: qtrader patterns stats --input data/daily/AAPL.csv --market data/daily/SPY.csv --output "
      "aapl_stats.csv");
  stats->callback([so] { CommandExitCode() = RunStats(*so); });

  auto bo = std::make_shared<BuildOptions>();
  auto* build = patterns_cmd->add_subcommand(
      "build", "Update stored events and outcomes of symbols in the store, then recompute every cell");
  build->add_option("--symbols", bo->symbols, "Comma-separated symbols already imported")->required();
  build->add_option("--interval", bo->interval, "Bar interval")->capture_default_str();
  build->add_option("--market", bo->market, "Stored symbol whose regimes to use (e.g. SPY)");
  build->add_option("--horizons", bo->horizons, "Forward horizons in bars")->capture_default_str();
  build->add_option("--recent-years", bo->recent_years, "Window of the recent (edge decay) cells")
      ->capture_default_str();
  AddDbOption(build, bo->db);
  build->callback([bo] { CommandExitCode() = RunBuild(*bo); });

  auto eo = std::make_shared<EdgeOptions>();
  auto* edge = patterns_cmd->add_subcommand(
      "edge",
      "The stored edge of a pattern in a context, falling back to a broader cell when it is too small");
  edge->add_option("pattern", eo->pattern, "TA-Lib pattern name, e.g. CDLHAMMER")->required();
  edge->add_option("--direction", eo->direction, "bullish or bearish (default: both)");
  edge->add_option("--regime", eo->regime, "ALL, BULL, BEAR, SIDEWAYS")->capture_default_str();
  edge->add_option("--vol-regime", eo->vol_regime, "ALL, LOW, NORMAL, HIGH")->capture_default_str();
  edge->add_option("--horizon", eo->horizon, "Horizon in bars")->capture_default_str();
  edge->add_option("--timeframe", eo->timeframe, "Interval name")->capture_default_str();
  edge->add_option("--min-n", eo->min_n, "Smallest cell that may answer")->capture_default_str();
  edge->add_flag("--json", eo->json, "Print JSON");
  AddDbOption(edge, eo->db);
  edge->callback([eo] { CommandExitCode() = RunEdge(*eo); });

  auto to = std::make_shared<TopOptions>();
  auto* top = patterns_cmd->add_subcommand(
      "top", "The strongest stored edges (positive mean and excess return) by q-value");
  top->add_option("--horizon", to->horizon, "Horizon in bars")->capture_default_str();
  top->add_option("--min-n", to->min_n, "Smallest n")->capture_default_str();
  top->add_option("--limit", to->limit, "Rows")->capture_default_str();
  top->add_option("--timeframe", to->timeframe, "Interval name")->capture_default_str();
  top->add_flag("--json", to->json, "Print the cells as a JSON array");
  AddDbOption(top, to->db);
  top->callback([to] { CommandExitCode() = RunTop(*to); });
}

}  // namespace qat::cli
