// The confluence combiner: per-timeframe pattern evidence and the context terms fused into
// one calibrated probability that the close h sessions ahead is above today's close.
//
// Rows: one per symbol and session t (the decision is made at the session's close);
// outcome up = adj_close[t + h] > adj_close[t], known at the close of session t + h.
// Inputs of a row (InputNames): per timeframe its log-odds (evidence.h) as of the close of t
// (the timeframe's last closed bar, LastClosedBar; 0 where nothing fires or the timeframe has
// no bar), the four context llr (context.h), and how many timeframes lean bullish and how
// many bearish (log-odds > 0, < 0).
//
// Walk-forward (FitConfluence): the sessions with a known outcome are split by date into a
// warm-up (the first `warmup_fraction`) and `folds` test folds. For fold k starting on
// session b_k, the cutoff is the close `embargo_sessions` sessions before b_k; the evidence
// and context tables of fold k are fitted on outcomes known by then, and fold k's rows get
// their inputs from those tables. The combiner of fold k (an L2 logistic regression) is
// fitted on the rows of folds 1..k-1 whose outcome is known by the cutoff; the calibrator of
// fold k (Platt or isotonic, logistic.h) on the combiner outputs those folds got from their
// own combiners. So fold 1 has no combiner and fold 2 no calibrator: the evaluation pools
// folds 3..n. Beside the fused probability the same rows are scored for each single
// timeframe (the same combiner and calibration on that timeframe's log-odds alone), the
// seed's plain log-odds sum (sigmoid(logit(base rate) + every timeframe's log-odds + every
// context llr), not calibrated) and the base rate (the fold's training up rate).
// The final model: tables fitted on every known outcome, the combiner on the rows of every
// fold, the calibrator on every out-of-sample combiner output.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/data/bar_series.h"
#include "qat/models/quantile.h"
#include "qat/patterns/pattern_stats.h"
#include "qat/signals/context.h"
#include "qat/signals/evidence.h"
#include "qat/signals/gates.h"
#include "qat/signals/logistic.h"
#include "qat/signals/scoring.h"
#include "qat/signals/timeframe.h"

namespace qat::signals {

// What the combiner reads of one symbol.
struct SymbolData {
  std::string symbol;
  data::BarSeries daily;                  // split-adjusted daily bars
  std::optional<data::BarSeries> hourly;  // stored 1h bars, if any
  std::vector<double> rsi, volume_ratio;  // per daily bar: features rsi_14, volume_ratio_20
};

// A symbol's pattern records per timeframe, extracted at each timeframe's horizon.
struct SymbolFrames {
  std::string symbol;
  patterns::SeriesRecords daily;  // the daily records: outcomes at the horizon, regimes
  std::array<std::optional<patterns::SeriesRecords>, 4> records;  // by Timeframe; nullopt: unavailable
  std::array<std::string, 4> unavailable;                         // why, by Timeframe
  std::vector<ContextValues> context;                             // per daily bar
};

// Derives 4h from the hourly bars and 1w from the daily ones (DeriveTimeframe) and extracts
// the records of each timeframe asked for with `market`'s regimes (may be null: the
// symbol's own). A timeframe that cannot be had (no hourly bars; hourly bars Resample refuses)
// is marked unavailable with the reason, not an error. Fails when the daily bars are empty
// or the feature columns do not match them.
// `market_regimes` (may be null) are patterns::RegimesOf(*market), computed once for many
// symbols.
Result<SymbolFrames> BuildFrames(const SymbolData& data, const data::BarSeries* market,
                                 std::span<const Timeframe> timeframes, int horizon_sessions,
                                 const patterns::MarketRegimes* market_regimes = nullptr);

struct ConfluenceConfig {
  int horizon = 5;  // sessions
  std::vector<Timeframe> timeframes = {Timeframe::k1h, Timeframe::k4h, Timeframe::k1d, Timeframe::k1w};
  int folds = 10;                  // >= 3
  double warmup_fraction = 0.3;    // in (0, 1)
  int embargo_sessions = 5;        // >= 0
  double l2 = 1.0;                 // the combiner's ridge, >= 0
  double prior_weight = patterns::kDefaultPriorWeight;
  int min_n = patterns::kMinEvents;
  std::size_t isotonic_min_rows = 20000;  // calibrator: isotonic at or above, Platt below
  // The calibrator of fold k is fitted on the outputs of the `calibration_folds` folds before
  // it (0: all of folds 2..k-1): the up rate drifts over decades, a recent window follows it.
  int calibration_folds = 2;
  // The evidence rule (as the quantiles' rounds in docs/models.md): a model's probability is
  // used only when its log loss beat the base rate's by more than z standard errors
  // (models::TestImprovement: sessions as groups, Newey-West with 2 x horizon lags).
  double evidence_z = 1.645;
  std::size_t bootstrap_samples = 200;
  std::size_t bootstrap_block = 21;  // sessions
  std::uint64_t seed = 42;
};

// The combiner's input names for `timeframes`: lo_<tf>..., ctx_rsi, ctx_volume_ratio,
// ctx_regime, ctx_vol_regime, bullish_timeframes, bearish_timeframes.
std::vector<std::string> InputNames(std::span<const Timeframe> timeframes);

// The fitted model, what `qtrader signals` applies.
struct ConfluenceModel {
  int horizon = 5;
  std::vector<Timeframe> timeframes;
  std::string market;            // whose regimes the tables use ("" = each symbol's own)
  Timestamp as_of = 0;           // the last outcome the tables and the combiner saw
  std::vector<std::string> symbols;
  EvidenceTable evidence;
  ContextTable context;
  std::vector<std::string> inputs;
  LogisticModel combiner;
  Calibrator calibrator;
  double base_rate = 0.5;        // up rate of every fitted row
  // The calibrated combiner against the base rate on every evaluated row; when it is not
  // convincing the model abstains: its probability is the base rate (direction NEUTRAL).
  models::ImprovementTest evidence_test;
  double evidence_z = 1.645;
  bool abstains = true;

  nlohmann::json ToJson() const;
  static Result<ConfluenceModel> FromJson(const nlohmann::json& j, std::string_view source);
};

// One row's inputs and the fused answer.
struct Confluence {
  std::vector<TimeframeEvidence> timeframes;  // in the model's order
  std::array<ContextTerm, kNumContextTerms> context;
  int bullish_timeframes = 0, bearish_timeframes = 0;
  std::vector<double> inputs;  // as InputNames
  double raw = 0;                   // the combiner's probability
  double combiner_probability = 0;  // calibrated
  bool abstained = false;           // the model has no evidence: probability = base rate
  double probability = 0;           // P(up at the horizon): combiner_probability, or the base rate
  double plain_sum = 0;        // the seed's naive sum as a probability (not calibrated)
  double final_score = 0;      // logit(probability) - logit(base rate): the fused log-odds over the base rate
  Direction direction = Direction::kNeutral;  // BULLISH: probability > base rate; BEARISH: <

  // P(the signal's direction): the probability for BULLISH (and NEUTRAL), its complement for
  // BEARISH.
  double Confidence() const { return direction == Direction::kBearish ? 1 - probability : probability; }
};

struct GivenTimeframe {
  Timeframe timeframe = Timeframe::k1d;
  std::vector<GivenPattern> patterns;
};

// Applies a fitted model (which must outlive the scorer).
class ConfluenceScorer {
 public:
  explicit ConfluenceScorer(const ConfluenceModel& model);
  // Evidence and fused probability of daily bar t (the decision at its close).
  Confluence Score(const SymbolFrames& frames, std::size_t t) const;
  // The same for evidence given by hand (the seed's calculate_confluence(patterns_by_tf,
  // context)): the patterns of each timeframe as if they fired on its last bar in the regimes of
  // `context`, a model timeframe not given counting as no pattern. Fails (kInvalidInput) on a
  // timeframe the model lacks or a pattern that is not one of the 61.
  Result<Confluence> ScoreGiven(std::span<const GivenTimeframe> given, const ContextValues& context) const;

 private:
  const ConfluenceModel& model_;
  EvidenceLookup lookup_;
};

struct FoldEvidence {
  int fold = 0;
  models::ImprovementTest test;  // the fused probability vs the base rate on folds 3..fold-1
  bool convincing = false;       // fold used the fused probability (else the base rate)
};

struct ConfluenceEvaluation {
  std::size_t rows = 0;            // rows scored (folds 3..n)
  int folds = 0;                   // test folds in all
  std::vector<int> evaluated_folds;
  std::vector<std::string> fold_ranges;  // "first..last" day of each test fold
  std::vector<std::string> calibrators;  // kind per evaluated fold
  ProbabilityScores fused, plain_sum;  // fused: with the evidence rule (what signals use)
  ProbabilityScores fused_without_evidence_rule;  // the calibrated combiner in every fold
  std::vector<FoldEvidence> fold_evidence;        // folds 3..n
  std::map<std::string, ProbabilityScores> single_timeframe;  // timeframes with any evidence
  std::string best_single;          // the single timeframe with the highest top-decile hit rate
  std::optional<PairedComparison> fused_vs_best_single, fused_vs_plain_sum;
  // The same comparison between the calibrated combiners without the evidence rule.
  std::string best_single_without_evidence_rule;
  std::optional<PairedComparison> fused_vs_best_single_without_evidence_rule;
  // Rows where >= 2 timeframes lean the same way, and their up rate (the agreement gate).
  std::int64_t agree_bullish_rows = 0, agree_bearish_rows = 0;
  double agree_bullish_up_rate = 0, agree_bearish_up_rate = 0;
  std::map<std::string, std::int64_t> timeframe_rows_with_patterns;

  // {n, folds, evaluated_folds, fold_ranges, calibrators, fused{...}, single_timeframe{tf:
  // {...}}, plain_sum{...}, best_single_timeframe, fused_vs_best_single, fused_vs_plain_sum,
  // agreement{...}, rows_with_patterns{tf: n}}
  nlohmann::json ToJson() const;
};

struct ConfluenceFit {
  ConfluenceModel model;
  ConfluenceEvaluation evaluation;
};

// The walk-forward above and the final model. `progress` gets a line per fold. Fails on a
// bad config, no symbols, or too few sessions for the folds (naming the count).
Result<ConfluenceFit> FitConfluence(std::span<const SymbolFrames> frames, const std::string& market,
                                    const ConfluenceConfig& config,
                                    const std::function<void(const std::string&)>& progress = {});

}  // namespace qat::signals
