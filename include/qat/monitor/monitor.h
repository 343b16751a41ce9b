// The monitor (issue 15): compares what a published model set does on the sessions after its
// training window with what its training promised, and turns the differences into
// recommendations {action, reason, priority, evidence} (docs/monitor.md). The rules are pure
// functions over plain structs; RunMonitor gathers their inputs from a model set and the store.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/labels/labels.h"
#include "qat/patterns/pattern_stats.h"
#include "qat/store/sqlite.h"

namespace qat::monitor {

enum class Action { kRetrain, kRecalibrate, kRefreshData, kHalt, kDisablePattern };
enum class Priority { kHigh = 0, kMedium = 1, kLow = 2 };
const char* ActionName(Action action);  // "RETRAIN", "RECALIBRATE", "REFRESH_DATA", "HALT", "DISABLE_PATTERN"
const char* PriorityName(Priority priority);  // "HIGH", "MEDIUM", "LOW"

struct Recommendation {
  Action action = Action::kRetrain;
  std::string reason;  // one sentence a trader reads, with the numbers
  Priority priority = Priority::kHigh;
  nlohmann::json evidence = nlohmann::json::object();  // the figures the rule compared
  nlohmann::json ToJson() const;                        // {action, reason, priority, evidence}
};

// ---- statistics the rules use ----

// P(X <= k) for X ~ Binomial(n, p); 0 for k < 0, 1 for k >= n. p in [0, 1].
double BinomialCdf(long k, long n, double p);
// The largest k with P(X <= k) <= alpha (X ~ Binomial(n, p)), or -1 when even k = 0 has more:
// a count of successes at or below it is significantly low at level alpha (one-sided).
long BinomialLowerCritical(long n, double p, double alpha);
// The two-sided acceptance region [lo, hi] of a count at level alpha (alpha / 2 per tail): the
// counts k with P(X <= k) > alpha / 2 and P(X >= k) > alpha / 2. n >= 1.
struct CountInterval {
  long lo = 0, hi = 0;
};
CountInterval BinomialAcceptance(long n, double p, double alpha);

// The population stability index sum_i (a_i - e_i) ln(a_i / e_i) of two histograms over the
// same bins (counts; shares are counts / total, an empty bin's share taken as 1e-4 so the sum
// stays finite). Returns NaN when the sizes differ, a histogram is empty or either total is 0.
double PopulationStabilityIndex(std::span<const double> expected_counts, std::span<const double> actual_counts);
// PSI of `actual` against `expected` (raw values) over `bins` bins cut at the quantiles of
// `expected` (ties merge bins), with one more bin for NaN. NaN when `expected` or `actual` has
// no value at all, or bins < 2.
double PopulationStabilityIndexOf(std::span<const double> expected, std::span<const double> actual, int bins = 10);

struct Drawdown {
  double depth = 0;  // (peak - trough) / peak of the deepest fall, 0..1; 0 when never below a peak
  std::size_t peak = 0, trough = 0;  // indices into the curve
  double from_peak_now = 0;          // the fall of the last value from the highest before it
};
// The maximum drawdown of an equity curve (values > 0). Fails on an empty curve or a value
// that is not finite and > 0 (naming its index).
Result<Drawdown> MaxDrawdown(std::span<const double> equity);

// Exchange sessions d with from < d <= to (data/calendar.h); 0 when to <= from.
int SessionsAfter(Days from, Days to);

// ---- the rules' inputs ----

struct MonitorConfig {
  int window_sessions = 60;         // the recent window: resolved predictions of its last sessions
  long min_resolved = 30;           // fewer resolved predictions (drift: predictions): no verdict, a note says so
  double alpha = 0.05;              // one-sided level of the accuracy and log-loss tests
  int bootstrap_resamples = 2000;   // log loss: session-block bootstrap
  std::uint64_t seed = 42;
  int max_model_age_sessions = 60;  // RETRAIN (MEDIUM) past it
  double psi_threshold = 0.25;      // RETRAIN (MEDIUM) on a PSI above it
  int drift_top_features = 10;
  double coverage_target = 0.80;    // [q10, q90]
  double coverage_alpha = 0.05;     // two-sided
  int max_stale_sessions = 5;       // REFRESH_DATA past it
  double max_drawdown = 0.20;       // HALT past it
  double pattern_window_years = 2;  // DISABLE_PATTERN: the recent window of pattern events
};

// What training promised (training_results_<h>bar.json).
struct TrainingPromise {
  int horizon = 5;
  Days train_start = 0, as_of = 0;  // the final model's window
  std::size_t oos_rows = 0;
  double accuracy = 0;        // oos.accuracy
  double log_loss = 0;        // temperature-scaled out-of-sample log loss (what forecasts use), else oos.log_loss
  double interval_coverage_80 = 0;
};

// One forecast made from a session's bar after the training window, and what happened.
struct ScoredPrediction {
  std::string symbol;
  Days day = 0;                                    // the bar predicted from
  std::array<double, labels::kNumActions> p{};     // SELL, HOLD, BUY (temperature-scaled)
  double q10 = 0, q90 = 0;                         // predicted return quantiles
  int actual = -1;                                 // the label's class; -1 pending
  double forward_return = 0;                       // when resolved
  bool Resolved() const { return actual >= 0; }
};

struct Drift {
  std::string name;  // a feature, or "prob_SELL" / "prob_HOLD" / "prob_BUY"
  double psi = 0;
  std::size_t reference_n = 0, recent_n = 0;
  double gain = 0;  // the feature's total gain in the classifier (0 for probabilities)
  // The largest PSI of the training window's own consecutive windows of the same length
  // against the whole training window (NaN when it has none): how far a window of that length
  // strays by itself. A slow feature (a volatility percentile) strays far in any 60 sessions.
  double training_max_psi = 0;
  std::size_t training_windows = 0;
};

struct SeriesFreshness {
  std::string symbol;
  bool context = false;  // the market or the VIX: LOW priority
  Days last_day = 0;     // 0 when not stored
};

struct MonitorInputs {
  TrainingPromise promise;
  Days evaluation_day = 0;  // "today": the last session the monitor looks at
  std::vector<ScoredPrediction> predictions;
  std::vector<Drift> feature_drift, probability_drift;
  std::string drift_ranking;    // "gain" or "schema order"
  std::size_t drift_sessions = 0;  // sessions in the drift window (the last window_sessions with a prediction)
  std::vector<SeriesFreshness> series;
  std::vector<Days> equity_days;  // optional: an equity curve (backtest or paper account)
  std::vector<double> equity;
  // Pattern edges (DISABLE_PATTERN), from the stored pattern records: the cells as they stood
  // when the recent window began (outcomes known by then), the window's own cells (events
  // since its start, outcomes known by the evaluation day) and the cells now (every outcome
  // known by the evaluation day). Empty when no pattern records are stored.
  std::vector<patterns::CellStats> pattern_reference, pattern_recent, pattern_current;
  Days pattern_window_start = 0;
};

// ---- the rules: each returns its recommendations (none when the rule holds) ----

// The recent window: the resolved predictions of the last `window_sessions` sessions that
// hold a resolved prediction. Summary figures for the report.
struct WindowSummary {
  std::size_t predictions = 0, resolved = 0, pending = 0;  // all after the training window
  std::size_t window_resolved = 0;
  Days window_first = 0, window_last = 0;
  std::size_t correct = 0;
  double accuracy = 0, log_loss = 0, coverage = 0, majority_share = 0;
  // The forecast's information coefficient: Spearman rank correlation of P(BUY) - P(SELL) with
  // the realised forward return over the window's resolved predictions (NaN when constant).
  // Reported, not a rule: no promise from training to hold it against.
  double ic = 0;
};
WindowSummary Summarize(const MonitorInputs& in, const MonitorConfig& config);

// RETRAIN (HIGH): window accuracy significantly below the promise (exact one-sided binomial on
// the effective count, resolved / horizon: a prediction's label overlaps the next horizon-1),
// or window log loss above it (its session-block bootstrap's one-sided lower bound above the
// promise). Nothing when fewer than min_resolved predictions are resolved.
std::vector<Recommendation> CheckPerformance(const MonitorInputs& in, const MonitorConfig& config);
// RETRAIN (MEDIUM) when more than max_model_age_sessions sessions passed since as_of.
std::vector<Recommendation> CheckAge(const MonitorInputs& in, const MonitorConfig& config);
// RETRAIN (MEDIUM) when a drift's PSI is above psi_threshold and above its training_max_psi
// (one recommendation naming all).
std::vector<Recommendation> CheckDrift(const MonitorInputs& in, const MonitorConfig& config);
// RECALIBRATE (MEDIUM) when the window's [q10, q90] coverage count lies outside the two-sided
// binomial acceptance region around coverage_target.
std::vector<Recommendation> CheckCoverage(const MonitorInputs& in, const MonitorConfig& config);
// REFRESH_DATA: HIGH for a model symbol, LOW for a context series, with no bar for more than
// max_stale_sessions sessions before evaluation_day (or not stored).
std::vector<Recommendation> CheckStaleness(const MonitorInputs& in, const MonitorConfig& config);
// HALT (HIGH) when the equity curve's drawdown from its peak, now, is beyond max_drawdown.
// Fails when the curve is malformed (MaxDrawdown), or days and values differ in length.
Result<std::vector<Recommendation>> CheckDrawdown(const MonitorInputs& in, const MonitorConfig& config);

// DISABLE_PATTERN for each cell that was tradable (STRONG or MODERATE) when the recent window
// began: MEDIUM when its recent win rate's 95% Wilson interval lies wholly below the interval
// it had then (edge decay), MEDIUM when with every outcome known now it is no longer STRONG or
// MODERATE (its q-value or win rate no longer passes), LOW when its recent events (at least
// kMinEvents) earned a mean signed return <= 0. A cell with fewer recent events is not judged.
std::vector<Recommendation> CheckPatternEdges(const MonitorInputs& in, const MonitorConfig& config);

// Every rule, HIGH first; within a priority in this order: HALT, performance (accuracy, log
// loss), staleness, age, drift, coverage, pattern edges. The seed's generate_improvement_recommendations().
// Fails only as CheckDrawdown does.
Result<std::vector<Recommendation>> GenerateImprovementRecommendations(const MonitorInputs& in,
                                                                       const MonitorConfig& config);

// ---- gathering the inputs ----

// Parses training_results_<h>bar.json's text into the promise (`source` names it in messages:
// "SOURCE: malformed training results: ...").
Result<TrainingPromise> ParseTrainingPromise(std::string_view json, std::string_view source);

// An equity CSV with a header whose first two columns are date,equity (qtrader backtest
// --equity writes it); later columns are ignored. Fails naming the line: a bad date, a value
// that is not a number > 0, dates not increasing, no rows.
struct EquityCurve {
  std::vector<Days> days;
  std::vector<double> equity;
};
Result<EquityCurve> ParseEquityCsv(std::string_view text, std::string_view source);

struct MonitorRequest {
  std::filesystem::path model_dir;  // the set read is MODEL_DIR/<h>bar
  int horizon = 5;
  Days evaluation_day = 0;          // bars after it are not read
  MonitorConfig config;
  std::optional<EquityCurve> equity;
};

struct MonitorReport {
  int horizon = 0;
  std::filesystem::path model_set;
  TrainingPromise promise;
  Days evaluation_day = 0;
  int model_age_sessions = 0;
  std::vector<std::string> symbols;        // the set's symbols scored
  std::vector<std::string> notes;          // what a rule could not judge, and why
  WindowSummary window;
  MonitorInputs inputs;                    // everything the rules saw
  std::vector<Recommendation> recommendations;
  // {horizon, model_set, evaluation_date, model: {train_start, as_of, age_sessions},
  // promise: {accuracy, log_loss, interval_coverage_80, oos_rows}, predictions: {total, resolved,
  // pending}, window: {first, last, resolved, correct, accuracy, log_loss, coverage,
  // majority_share, ic} (figures null when none resolved), drift: {ranking, sessions, features[{name,
  // psi, gain, training_max_psi, training_windows, reference_n, recent_n}], probabilities[...]},
  // series[{symbol, context, last_date}], notes[], recommendations[{action, reason, priority,
  // evidence}]}
  nlohmann::json ToJson() const;
};

// Reads the model set (models::ReadModelSet: a missing set fails with kNotFound and says to run
// 'qtrader train'), its training results, the set's symbols and context from the store (bars up
// to evaluation_day), predicts every session after the training window, resolves the labels
// known by evaluation_day with the training label rule, measures drift against the training
// window, and applies every rule. Fails naming what is missing or malformed.
Result<MonitorReport> RunMonitor(store::Database& db, const MonitorRequest& request);

// The seed's log_model_training(name, metrics): one row of the store's training_runs log
// (migration 4), `name` in its model_dir column, `metrics` (horizon read from metrics["horizon"]
// when it is a number) as its metrics JSON, at `created_at`. Returns the row id.
Result<std::int64_t> LogModelTraining(store::Database& db, std::string_view name, const nlohmann::json& metrics,
                                      std::int64_t created_at);

}  // namespace qat::monitor
