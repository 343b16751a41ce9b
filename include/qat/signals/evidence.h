// Per-timeframe evidence: the candlestick patterns that fire on a timeframe's last closed bar,
// each weighed by its measured edge, as a log-likelihood ratio toward "up".
//
// The tables are fitted as of an instant from pattern records (patterns::SeriesRecords, one
// per symbol and timeframe, extracted at that timeframe's horizon, HorizonBars): the pattern
// engine's cells (patterns::ComputeCells, outcomes known by `as_of` only) and, per context
// (regime, vol regime, and their ALL margins), the base rates of an up move and a down move
// over every bar with a known outcome.
//
// The log-likelihood ratio of one event, toward "up": its cell is chosen by the pattern
// engine's fallback chain (patterns::ChooseCell: the exact regime context if it holds min_n
// events, else (regime, ALL), else (ALL, ALL), else the broadest cell, marked below_min_n);
// its win rate is shrunk toward the base rate b of the same context and direction with a
// prior worth k events, r = (wins + k b) / (n + k); then
//   bullish: llr = logit(r) - logit(b)        (b = P(up) in the context)
//   bearish: llr = -(logit(r) - logit(b))     (b = P(down); a bearish win is a down move)
// so a pattern with no measured edge contributes ~0 and a small cell contributes little.
// A timeframe's log-odds is the sum of its events' llr (0 when nothing fires).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/patterns/cell_lookup.h"
#include "qat/patterns/pattern_stats.h"
#include "qat/signals/logistic.h"
#include "qat/signals/timeframe.h"

namespace qat::signals {

// The horizon, in bars of `timeframe`, that spans about `sessions` sessions: 1d: sessions;
// 1w: ceil(sessions / 5); 4h: 2 x sessions (two 4h bars a session); 1h: 7 x sessions (six
// whole hours and the 15:30-16:00 half hour). sessions >= 1.
int HorizonBars(Timeframe timeframe, int sessions);

struct EvidenceConfig {
  int horizon_sessions = 5;                            // the target's horizon (docs/signals.md)
  double prior_weight = patterns::kDefaultPriorWeight;  // k above, >= 0
  int min_n = patterns::kMinEvents;                     // the fallback chain's threshold, >= 1
};

// Up and down counts of the bars of one context with a known outcome.
struct BaseRate {
  std::string timeframe, regime, vol_regime;  // regime / vol regime may be ALL
  std::int64_t n = 0, up = 0, down = 0;
};

struct EvidenceTable {
  EvidenceConfig config;
  Timestamp as_of = 0;                      // outcomes known at or before
  std::vector<patterns::CellStats> cells;   // of the timeframes fitted, at their horizons
  std::vector<BaseRate> base_rates;         // every context with n >= 1

  // {as_of, horizon_sessions, prior_weight, min_n, base_rates[], cells[]} (cells with the
  // fields the evidence reads: pattern, direction, timeframe, horizon, regime, vol_regime, n,
  // wins, win_rate, p_value, q_value, status).
  nlohmann::json ToJson() const;
  static Result<EvidenceTable> FromJson(const nlohmann::json& j, std::string_view source);
};

// Fits the tables from `records` (each extracted at HorizonBars of its timeframe) with only
// the outcomes known at or before `as_of`. Fails on bad config or a record whose horizons do
// not include its timeframe's horizon.
Result<EvidenceTable> FitEvidence(std::span<const patterns::SeriesRecords> records, Timestamp as_of,
                                  const EvidenceConfig& config);

struct PatternEvidence {
  std::string pattern, direction;  // TA-Lib name; "bullish" / "bearish"
  std::string cell_regime, cell_vol_regime;  // the cell the chain chose ("" when none)
  bool exact = false, below_min_n = false;
  std::int64_t n = 0, wins = 0;
  double win_rate = 0, q_value = 0;  // the cell's raw figures (q NaN when undefined)
  std::string status;                // the cell's EdgeStatus name; "NO_HISTORY" when no cell
  double base_rate = 0;              // b above (NaN when the context has no bars)
  double llr = 0;                    // toward up

  nlohmann::json ToJson() const;  // {name, direction, edge{win_rate, n, q_value, status, cell, base_rate}, llr}
};

struct TimeframeEvidence {
  Timeframe timeframe = Timeframe::k1d;
  bool available = false;              // the timeframe has a closed bar at the instant
  std::string unavailable_reason;      // when not
  Timestamp bar_start = 0, bar_available = 0;
  std::string regime, vol_regime;      // of the bar (the market's, when records were built with one)
  std::vector<PatternEvidence> patterns;
  double log_odds = 0;                 // sum of the patterns' llr

  int Direction() const { return log_odds > 0 ? 1 : log_odds < 0 ? -1 : 0; }
  // {timeframe, available, reason?, bar_time, patterns[], log_odds}
  nlohmann::json ToJson() const;
};

// A pattern named by hand (the seed's calculate_confluence(patterns_by_tf, context)): its
// TA-Lib name and direction (+1 bullish, -1 bearish).
struct GivenPattern {
  std::string name;
  int direction = 1;
};

// Looks events and contexts up in a fitted table. Keeps an index into `table`, which must
// outlive it.
class EvidenceLookup {
 public:
  explicit EvidenceLookup(const EvidenceTable& table);
  // The evidence of bar `bar` of `records` (its events and regimes); `timeframe` is the
  // records'.
  TimeframeEvidence At(const patterns::SeriesRecords& records, Timeframe timeframe, std::size_t bar) const;
  // The evidence of patterns given by hand as if they fired on a `timeframe` bar in the regimes
  // given: the same cell chain and log-likelihood ratios as At. Fails (kInvalidInput) naming a
  // name that is not one of the 61 patterns or a direction that is not +1 or -1.
  Result<TimeframeEvidence> Given(Timeframe timeframe, std::span<const GivenPattern> given,
                                  features::TrendRegime trend, features::VolRegime vol) const;
  // b for a context and direction (+1 up, -1 down); NaN when the context has no bars.
  double BaseRateOf(std::string_view timeframe, std::string_view regime, std::string_view vol, int direction) const;

 private:
  PatternEvidence Evidence(std::string pattern, int direction, std::string_view timeframe, int horizon_bars,
                           const std::string& regime, const std::string& vol) const;

  const EvidenceTable& table_;
  patterns::CellIndex index_;
};

}  // namespace qat::signals
