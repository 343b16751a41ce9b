// Entry gates: every rule a signal must pass before a trade plan is made, as data.
//
// A gate is {name, value, threshold, comparison, passed, reason}: the measured value, the
// configured threshold, and whether value <comparison> threshold holds. A missing input (NaN
// or infinite) fails its gate, and the reason says so; a failed gate's reason names the value
// and the rule ("pattern_win_rate 0.55 is not > 0.55"). The thresholds are GateConfig, with
// the seed's values as defaults where the seed gives one (docs/signals.md lists each).
//
// Gates judged for a side of the trade (LONG, SHORT) mirror for SHORT: prob_up < 1 - min,
// rsi_14 >= min_rsi_short, trend code <= max_trend_short.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/features/regimes.h"

namespace qat::signals {

enum class Comparison { kAbove, kAtLeast, kAtMost, kBelow, kNotEqual };
// ">", ">=", "<=", "<", "!="
std::string_view ComparisonSymbol(Comparison comparison);

struct Gate {
  std::string name;
  double value = 0;      // NaN when the input is missing
  double threshold = 0;
  Comparison comparison = Comparison::kAtLeast;
  bool passed = false;
  std::string reason;    // why it failed; empty when it passed

  // {name, value (null when not finite), threshold, comparison, passed, reason}
  nlohmann::json ToJson() const;
};

// The confluence direction of a signal.
enum class Direction { kBullish, kBearish, kNeutral };
std::string_view DirectionName(Direction direction);  // "BULLISH", "BEARISH", "NEUTRAL"
// The side of a trade, which the context gates are judged for.
enum class Side { kLong, kShort };

struct GateConfig {
  // Pattern edge (the cell of the pattern in the current context, patterns/pattern_stats.h).
  double min_win_rate = 0.55;  // pattern_win_rate > (seed: "win rate > 55%")
  // pattern_q_value <= : 0.05, the Benjamini-Hochberg bound of the pattern statistics'
  // MODERATE status (STRONG: 0.01); issue 13 suggested 0.10.
  double max_q_value = 0.05;
  int min_agreeing_timeframes = 2;  // timeframes_agree >= (seed: "2+ timeframes")
  double min_prob_up = 0.60;        // prob_up > (seed); SHORT: prob_up < 1 - this
  // Context (features/features.h: rsi_14, volume_ratio_20, the trend regime). The seed names
  // RSI, volume and regime but gives no numbers: these are ours.
  double max_rsi_long = 70;       // rsi_14 <= : LONG not into an overbought reading
  double min_rsi_short = 30;      // rsi_14 >= : SHORT not into an oversold one
  double min_volume_ratio = 1.0;  // volume_ratio_20 >= : at least the 20-session average volume
  int min_trend_long = 0;         // trend code >= (+1 BULL, 0 SIDEWAYS, -1 BEAR): LONG not in BEAR
  int max_trend_short = 0;        // trend code <= : SHORT not in BULL
  // Universe (seed: "avoid price < $5 and average volume < 1M").
  double min_price = 5.0;                 // price >=
  double min_average_volume = 1'000'000;  // average_volume_<N> >=
  int average_volume_sessions = 20;       // N
};

// The gate `name`: passed when `value` <comparison> `threshold`; a value that is not finite
// fails with the reason "<name> is missing (NaN)" (or "(inf)"), a failing value with
// "<name> <value> is not <comparison> <threshold>".
Gate EvaluateGate(std::string_view name, double value, Comparison comparison, double threshold);

// "pattern_win_rate": win_rate > min_win_rate.
Gate PatternWinRateGate(double win_rate, const GateConfig& config);
// "pattern_q_value": q_value <= max_q_value.
Gate PatternQValueGate(double q_value, const GateConfig& config);
// "timeframes_agree": the count of timeframes agreeing with the direction >= min_agreeing_timeframes.
Gate TimeframeAgreementGate(int agreeing, const GateConfig& config);
// "prob_up": LONG prob_up > min_prob_up; SHORT prob_up < 1 - min_prob_up.
Gate ProbUpGate(double prob_up, Side side, const GateConfig& config);
// "rsi_14": LONG rsi <= max_rsi_long; SHORT rsi >= min_rsi_short.
Gate RsiGate(double rsi, Side side, const GateConfig& config);
// "volume_ratio_20": volume / its 20-session average >= min_volume_ratio.
Gate VolumeRatioGate(double volume_ratio, const GateConfig& config);
// "trend_regime": value +1 BULL, 0 SIDEWAYS, -1 BEAR, NaN UNKNOWN (which fails: "trend_regime
// is UNKNOWN (fewer than 200 bars)"); LONG code >= min_trend_long, SHORT code <= max_trend_short.
Gate TrendRegimeGate(features::TrendRegime regime, Side side, const GateConfig& config);
// "direction": value +1 BULLISH, -1 BEARISH, 0 NEUTRAL. Without shorting only BULLISH passes
// (value >= 1; a BEARISH signal fails: "BEARISH and shorting is disabled"); with shorting any
// direction but NEUTRAL passes (value != 0). NEUTRAL always fails: "NEUTRAL: no direction".
Gate DirectionGate(Direction direction, bool allow_short);
// "price": price >= min_price.
Gate PriceGate(double price, const GateConfig& config);
// "average_volume_<N>": average volume >= min_average_volume.
Gate AverageVolumeGate(double average_volume, const GateConfig& config);

// The universe filter as of bar `index` of a daily series, from bars 0..index only: the price
// gate on close[index] and the average-volume gate on the mean volume of the N sessions
// ending at index (fewer than N bars up to index: value NaN, reason "only K sessions up to
// DATE, N needed"; a NaN volume among them: NaN, reason naming its date). The series' values
// are used as given: split-adjusted bars state a past price divided (and volume multiplied)
// by later splits, so for the price as traded then pass the stored, unadjusted bars.
// Fails (kInvalidInput) when the series is not daily, index is past its end or
// average_volume_sessions < 1.
Result<std::vector<Gate>> UniverseGates(const data::BarSeries& daily, std::size_t index, const GateConfig& config);

// The first gate that did not pass, or nullptr when all passed.
const Gate* FirstFailed(std::span<const Gate> gates);

}  // namespace qat::signals
