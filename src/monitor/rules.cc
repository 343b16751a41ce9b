// The monitor's rules (docs/monitor.md): each compares one thing with its threshold and, when it
// fails, says what to do, why, how urgently, and with which figures.
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "qat/monitor/monitor.h"
#include "qat/patterns/statistics.h"

namespace qat::monitor {
namespace {

double RowLogLoss(const ScoredPrediction& p) { return -std::log(std::max(p.p[p.actual], 1e-15)); }

int Argmax(const std::array<double, labels::kNumActions>& p) {
  return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

bool Covered(const ScoredPrediction& p) { return p.forward_return >= p.q10 && p.forward_return <= p.q90; }

// The window's resolved predictions, in (day, symbol) order.
std::vector<const ScoredPrediction*> WindowRows(const MonitorInputs& in, const MonitorConfig& config) {
  std::set<Days> days;
  for (const auto& p : in.predictions) {
    if (p.Resolved()) days.insert(p.day);
  }
  if (days.empty()) return {};
  auto first = days.begin();
  if (days.size() > static_cast<std::size_t>(std::max(1, config.window_sessions))) {
    std::advance(first, static_cast<long>(days.size()) - std::max(1, config.window_sessions));
  }
  const Days from = *first;
  std::vector<const ScoredPrediction*> rows;
  for (const auto& p : in.predictions) {
    if (p.Resolved() && p.day >= from) rows.push_back(&p);
  }
  std::sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    return a->day != b->day ? a->day < b->day : a->symbol < b->symbol;
  });
  return rows;
}

// Overlapping labels: a prediction's label shares horizon-1 of its sessions with the next one's,
// so n resolved predictions carry about n / horizon independent outcomes.
long Effective(std::size_t n, int horizon) {
  return std::max(1L, std::lround(static_cast<double>(n) / std::max(1, horizon)));
}

std::string Pct(double x) { return fmt::format("{:.1f}%", 100 * x); }

}  // namespace

const char* ActionName(Action a) {
  switch (a) {
    case Action::kRetrain: return "RETRAIN";
    case Action::kRecalibrate: return "RECALIBRATE";
    case Action::kRefreshData: return "REFRESH_DATA";
    case Action::kHalt: return "HALT";
    case Action::kDisablePattern: return "DISABLE_PATTERN";
  }
  return "?";
}

const char* PriorityName(Priority p) {
  switch (p) {
    case Priority::kHigh: return "HIGH";
    case Priority::kMedium: return "MEDIUM";
    case Priority::kLow: return "LOW";
  }
  return "?";
}

nlohmann::json Recommendation::ToJson() const {
  return {{"action", ActionName(action)}, {"reason", reason}, {"priority", PriorityName(priority)}, {"evidence", evidence}};
}

WindowSummary Summarize(const MonitorInputs& in, const MonitorConfig& config) {
  WindowSummary s;
  s.predictions = in.predictions.size();
  for (const auto& p : in.predictions) s.resolved += p.Resolved() ? 1 : 0;
  s.pending = s.predictions - s.resolved;
  const auto rows = WindowRows(in, config);
  s.window_resolved = rows.size();
  if (rows.empty()) return s;
  s.window_first = rows.front()->day;
  s.window_last = rows.back()->day;
  double loss = 0;
  std::size_t covered = 0;
  std::array<std::size_t, labels::kNumActions> classes{};
  std::vector<double> direction, realised;
  for (const auto* p : rows) {
    direction.push_back(p->p[static_cast<int>(labels::Action::kBuy)] - p->p[static_cast<int>(labels::Action::kSell)]);
    realised.push_back(p->forward_return);
    s.correct += Argmax(p->p) == p->actual ? 1 : 0;
    loss += RowLogLoss(*p);
    covered += Covered(*p) ? 1 : 0;
    ++classes[p->actual];
  }
  const double n = static_cast<double>(rows.size());
  s.accuracy = static_cast<double>(s.correct) / n;
  s.log_loss = loss / n;
  s.coverage = static_cast<double>(covered) / n;
  s.majority_share = static_cast<double>(*std::max_element(classes.begin(), classes.end())) / n;
  s.ic = patterns::Spearman(direction, realised);
  return s;
}

std::vector<Recommendation> CheckPerformance(const MonitorInputs& in, const MonitorConfig& config) {
  std::vector<Recommendation> out;
  const auto rows = WindowRows(in, config);
  if (static_cast<long>(rows.size()) < config.min_resolved) return out;
  const WindowSummary s = Summarize(in, config);
  const int h = in.promise.horizon;
  const std::size_t pending = s.pending;

  // Accuracy: exact one-sided binomial on the effective count.
  const long n_eff = Effective(rows.size(), h);
  const long k_eff = std::lround(s.accuracy * static_cast<double>(n_eff));
  const long critical = BinomialLowerCritical(n_eff, in.promise.accuracy, config.alpha);
  if (k_eff <= critical) {
    Recommendation r{Action::kRetrain,
                     fmt::format("accuracy {} on {} resolved predictions ({} .. {}) is below the {} training promised, "
                                 "at or under {}, its one-sided {}% binomial bound for {} effective outcomes ({} pending)",
                                 Pct(s.accuracy), rows.size(), FormatDate(s.window_first), FormatDate(s.window_last),
                                 Pct(in.promise.accuracy), Pct(static_cast<double>(critical) / static_cast<double>(n_eff)),
                                 100 * (1 - config.alpha), n_eff, pending),
                     Priority::kHigh};
    r.evidence = {{"measure", "accuracy"},
                  {"recent", s.accuracy},
                  {"promised", in.promise.accuracy},
                  {"resolved", rows.size()},
                  {"pending", pending},
                  {"effective_n", n_eff},
                  {"effective_correct", k_eff},
                  {"critical_correct", critical},
                  {"bound", static_cast<double>(critical) / static_cast<double>(n_eff)},
                  {"p_value", BinomialCdf(k_eff, n_eff, in.promise.accuracy)},
                  {"recent_majority_share", s.majority_share},
                  {"window", {FormatDate(s.window_first), FormatDate(s.window_last)}}};
    out.push_back(std::move(r));
  }

  // Log loss: session-block bootstrap of the mean (blocks of h sessions, every symbol of a
  // session together), its lower alpha-quantile against the promise.
  std::vector<Days> days;
  std::map<Days, std::pair<double, std::size_t>> by_day;  // sum of losses, rows
  for (const auto* p : rows) {
    auto& cell = by_day[p->day];
    cell.first += RowLogLoss(*p);
    cell.second += 1;
  }
  std::vector<std::pair<double, std::size_t>> sessions;
  for (const auto& [day, cell] : by_day) sessions.push_back(cell);
  const std::size_t S = sessions.size(), block = static_cast<std::size_t>(std::max(1, h));
  const std::size_t blocks = (S + block - 1) / block;
  std::mt19937_64 rng(config.seed);
  std::uniform_int_distribution<std::size_t> start(0, S - 1);
  std::vector<double> means;
  means.reserve(static_cast<std::size_t>(std::max(1, config.bootstrap_resamples)));
  for (int b = 0; b < std::max(1, config.bootstrap_resamples); ++b) {
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t k = 0; k < blocks; ++k) {
      const std::size_t s0 = start(rng);
      for (std::size_t j = 0; j < block; ++j) {
        const auto& cell = sessions[(s0 + j) % S];
        sum += cell.first;
        n += cell.second;
      }
    }
    means.push_back(sum / static_cast<double>(n));
  }
  std::sort(means.begin(), means.end());
  const double lower = means[static_cast<std::size_t>(std::floor(config.alpha * static_cast<double>(means.size() - 1)))];
  if (lower > in.promise.log_loss) {
    Recommendation r{Action::kRetrain,
                     fmt::format("log loss {:.4f} on {} resolved predictions ({} .. {}) is above the {:.4f} training "
                                 "promised; even its one-sided {}% bootstrap lower bound, {:.4f}, is above it ({} pending)",
                                 s.log_loss, rows.size(), FormatDate(s.window_first), FormatDate(s.window_last),
                                 in.promise.log_loss, 100 * (1 - config.alpha), lower, pending),
                     Priority::kHigh};
    r.evidence = {{"measure", "log_loss"},
                  {"recent", s.log_loss},
                  {"promised", in.promise.log_loss},
                  {"resolved", rows.size()},
                  {"pending", pending},
                  {"bootstrap_lower", lower},
                  {"bootstrap_resamples", means.size()},
                  {"block_sessions", block},
                  {"sessions", S},
                  {"window", {FormatDate(s.window_first), FormatDate(s.window_last)}}};
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Recommendation> CheckAge(const MonitorInputs& in, const MonitorConfig& config) {
  const int age = SessionsAfter(in.promise.as_of, in.evaluation_day);
  if (age <= config.max_model_age_sessions) return {};
  Recommendation r{Action::kRetrain,
                   fmt::format("the model's training window ended {} sessions ago ({}), past the {}-session limit",
                               age, FormatDate(in.promise.as_of), config.max_model_age_sessions),
                   Priority::kMedium};
  r.evidence = {{"measure", "age"},
                {"age_sessions", age},
                {"limit_sessions", config.max_model_age_sessions},
                {"as_of", FormatDate(in.promise.as_of)},
                {"evaluation_date", FormatDate(in.evaluation_day)}};
  return {std::move(r)};
}

std::vector<Recommendation> CheckDrift(const MonitorInputs& in, const MonitorConfig& config) {
  nlohmann::json drifted = nlohmann::json::array();
  std::vector<std::string> names;
  for (const auto* list : {&in.feature_drift, &in.probability_drift}) {
    for (const auto& d : *list) {
      const bool beyond_training = !std::isfinite(d.training_max_psi) || d.psi > d.training_max_psi;
      if (std::isfinite(d.psi) && d.psi > config.psi_threshold && beyond_training) {
        drifted.push_back({{"name", d.name},
                           {"psi", d.psi},
                           {"training_max_psi", std::isfinite(d.training_max_psi) ? nlohmann::json(d.training_max_psi)
                                                                                   : nlohmann::json()},
                           {"training_windows", d.training_windows},
                           {"reference_n", d.reference_n},
                           {"recent_n", d.recent_n}});
        names.push_back(fmt::format("{} {:.2f} (training windows up to {:.2f})", d.name, d.psi, d.training_max_psi));
      }
    }
  }
  if (drifted.empty()) return {};
  Recommendation r{Action::kRetrain,
                   fmt::format("{} of the watched inputs moved further from the training window than any of its own "
                               "windows did (PSI above {} and above theirs): {}",
                               drifted.size(), config.psi_threshold, fmt::join(names, ", ")),
                   Priority::kMedium};
  r.evidence = {{"measure", "psi"},
                {"threshold", config.psi_threshold},
                {"ranking", in.drift_ranking},
                {"watched", in.feature_drift.size() + in.probability_drift.size()},
                {"drifted", drifted}};
  return {std::move(r)};
}

std::vector<Recommendation> CheckCoverage(const MonitorInputs& in, const MonitorConfig& config) {
  const auto rows = WindowRows(in, config);
  if (static_cast<long>(rows.size()) < config.min_resolved) return {};
  std::size_t covered = 0;
  for (const auto* p : rows) covered += Covered(*p) ? 1 : 0;
  const double coverage = static_cast<double>(covered) / static_cast<double>(rows.size());
  const long n_eff = Effective(rows.size(), in.promise.horizon);
  const long k_eff = std::lround(coverage * static_cast<double>(n_eff));
  const CountInterval ok = BinomialAcceptance(n_eff, config.coverage_target, config.coverage_alpha);
  if (k_eff >= ok.lo && k_eff <= ok.hi) return {};
  const double lo = static_cast<double>(ok.lo) / static_cast<double>(n_eff),
               hi = static_cast<double>(ok.hi) / static_cast<double>(n_eff);
  Recommendation r{Action::kRecalibrate,
                   fmt::format("[q10, q90] held {} of {} resolved outcomes ({}), outside the {}% binomial interval "
                               "[{}, {}] around {}: the quantiles are {}",
                               covered, rows.size(), Pct(coverage), 100 * (1 - config.coverage_alpha), Pct(lo), Pct(hi),
                               Pct(config.coverage_target), coverage < lo ? "too narrow" : "too wide"),
                   Priority::kMedium};
  r.evidence = {{"measure", "interval_coverage_80"},
                {"recent", coverage},
                {"target", config.coverage_target},
                {"promised", in.promise.interval_coverage_80},
                {"resolved", rows.size()},
                {"covered", covered},
                {"effective_n", n_eff},
                {"effective_covered", k_eff},
                {"interval", {lo, hi}}};
  return {std::move(r)};
}

std::vector<Recommendation> CheckStaleness(const MonitorInputs& in, const MonitorConfig& config) {
  std::vector<Recommendation> out;
  for (const auto& s : in.series) {
    const int missed = s.last_day == 0 ? -1 : SessionsAfter(s.last_day, in.evaluation_day);
    if (missed >= 0 && missed <= config.max_stale_sessions) continue;
    Recommendation r{Action::kRefreshData,
                     s.last_day == 0
                         ? fmt::format("{}{} has no daily bars in the store up to {}", s.symbol,
                                       s.context ? " (context)" : "", FormatDate(in.evaluation_day))
                         : fmt::format("{}{} has no bar for {} sessions (last {}, limit {})", s.symbol,
                                       s.context ? " (context)" : "", missed, FormatDate(s.last_day),
                                       config.max_stale_sessions),
                     s.context ? Priority::kLow : Priority::kHigh};
    r.evidence = {{"measure", "staleness"},
                  {"symbol", s.symbol},
                  {"context", s.context},
                  {"last_date", s.last_day == 0 ? nlohmann::json() : nlohmann::json(FormatDate(s.last_day))},
                  {"sessions_missed", missed < 0 ? nlohmann::json() : nlohmann::json(missed)},
                  {"limit_sessions", config.max_stale_sessions},
                  {"evaluation_date", FormatDate(in.evaluation_day)}};
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Recommendation>> CheckDrawdown(const MonitorInputs& in, const MonitorConfig& config) {
  if (in.equity.empty() && in.equity_days.empty()) return std::vector<Recommendation>{};
  if (in.equity.size() != in.equity_days.size()) {
    return Fail(ErrorCode::kInvalidInput, "equity curve: {} days but {} values", in.equity_days.size(), in.equity.size());
  }
  QAT_ASSIGN_OR_RETURN(auto d, MaxDrawdown(in.equity));
  if (!(d.from_peak_now > config.max_drawdown)) return std::vector<Recommendation>{};
  std::size_t peak = 0;
  for (std::size_t i = 1; i < in.equity.size(); ++i) {
    if (in.equity[i] > in.equity[peak]) peak = i;
  }
  Recommendation r{Action::kHalt,
                   fmt::format("equity {:.2f} is {} below its peak {:.2f} of {}, beyond the {} limit: stop opening "
                               "positions until the cause is understood",
                               in.equity.back(), Pct(d.from_peak_now), in.equity[peak], FormatDate(in.equity_days[peak]),
                               Pct(config.max_drawdown)),
                   Priority::kHigh};
  r.evidence = {{"measure", "drawdown"},
                {"drawdown_now", d.from_peak_now},
                {"limit", config.max_drawdown},
                {"peak", in.equity[peak]},
                {"peak_date", FormatDate(in.equity_days[peak])},
                {"last", in.equity.back()},
                {"last_date", FormatDate(in.equity_days.back())},
                {"max_drawdown", d.depth},
                {"max_drawdown_trough_date", FormatDate(in.equity_days[d.trough])}};
  return std::vector<Recommendation>{std::move(r)};
}

std::vector<Recommendation> CheckPatternEdges(const MonitorInputs& in, const MonitorConfig&) {
  using patterns::CellStats;
  using patterns::EdgeStatus;
  auto key = [](const CellStats& c) {
    return std::tie(c.pattern, c.direction, c.timeframe, c.horizon, c.regime, c.vol_regime);
  };
  auto tradable = [](const CellStats& c) { return c.status == EdgeStatus::kStrong || c.status == EdgeStatus::kModerate; };
  auto find = [&key](const std::vector<CellStats>& cells, const CellStats& c) -> const CellStats* {
    for (const auto& x : cells) {
      if (key(x) == key(c)) return &x;
    }
    return nullptr;
  };
  std::vector<Recommendation> out;
  for (const auto& ref : in.pattern_reference) {
    if (!tradable(ref)) continue;
    const std::string name = fmt::format("{} {} {} h={} {}/{}", ref.pattern, ref.direction, ref.timeframe, ref.horizon,
                                         ref.regime, ref.vol_regime);
    nlohmann::json cell = {{"pattern", ref.pattern}, {"direction", ref.direction}, {"timeframe", ref.timeframe},
                           {"horizon", ref.horizon},  {"regime", ref.regime},       {"vol_regime", ref.vol_regime}};
    nlohmann::json evidence = {{"cell", cell},
                               {"window_start", FormatDate(in.pattern_window_start)},
                               {"then", {{"n", ref.n}, {"win_rate", ref.win_rate}, {"interval", {ref.win_rate_lo, ref.win_rate_hi}},
                                         {"q_value", ref.q_value}, {"status", patterns::EdgeStatusName(ref.status)}}}};
    const CellStats* now = find(in.pattern_current, ref);
    if (now != nullptr && !tradable(*now)) {
      auto e = evidence;
      e["now"] = {{"n", now->n}, {"win_rate", now->win_rate}, {"q_value", now->q_value},
                  {"status", patterns::EdgeStatusName(now->status)}};
      e["measure"] = "status";
      out.push_back({Action::kDisablePattern,
                     fmt::format("{} no longer passes: {} now (q {:.3f}, win rate {} on {} events), {} on {} (q {:.3f})",
                                 name, patterns::EdgeStatusName(now->status), now->q_value, Pct(now->win_rate), now->n,
                                 patterns::EdgeStatusName(ref.status), FormatDate(in.pattern_window_start), ref.q_value),
                     Priority::kMedium, e});
      continue;
    }
    const CellStats* recent = find(in.pattern_recent, ref);
    if (recent == nullptr || recent->n < patterns::kMinEvents) continue;
    auto e = evidence;
    e["recent"] = {{"n", recent->n}, {"win_rate", recent->win_rate}, {"interval", {recent->win_rate_lo, recent->win_rate_hi}},
                   {"mean_return", recent->mean_return}};
    if (recent->win_rate_hi < ref.win_rate_lo) {
      e["measure"] = "win_rate_interval";
      out.push_back({Action::kDisablePattern,
                     fmt::format("{} decayed: win rate {} [{}, {}] on its {} events since {}, wholly below the {} [{}, {}] "
                                 "it was traded on",
                                 name, Pct(recent->win_rate), Pct(recent->win_rate_lo), Pct(recent->win_rate_hi), recent->n,
                                 FormatDate(in.pattern_window_start), Pct(ref.win_rate), Pct(ref.win_rate_lo),
                                 Pct(ref.win_rate_hi)),
                     Priority::kMedium, e});
    } else if (recent->mean_return <= 0) {
      e["measure"] = "mean_return";
      out.push_back({Action::kDisablePattern,
                     fmt::format("{}: its {} events since {} earned {:+.2f}% on average (signed), no edge lately", name,
                                 recent->n, FormatDate(in.pattern_window_start), 100 * recent->mean_return),
                     Priority::kLow, e});
    }
  }
  return out;
}

Result<std::vector<Recommendation>> GenerateImprovementRecommendations(const MonitorInputs& in,
                                                                       const MonitorConfig& config) {
  std::vector<Recommendation> all;
  auto add = [&all](std::vector<Recommendation> more) {
    for (auto& r : more) all.push_back(std::move(r));
  };
  QAT_ASSIGN_OR_RETURN(auto halt, CheckDrawdown(in, config));
  add(std::move(halt));
  add(CheckPerformance(in, config));
  add(CheckStaleness(in, config));
  add(CheckAge(in, config));
  add(CheckDrift(in, config));
  add(CheckCoverage(in, config));
  add(CheckPatternEdges(in, config));
  std::stable_sort(all.begin(), all.end(),
                   [](const Recommendation& a, const Recommendation& b) { return a.priority < b.priority; });
  return all;
}

}  // namespace qat::monitor
