// The pattern statistics engine: "no pattern traded without statistical edge".
//
// Events. Every bar where one of the 61 TA-Lib candlestick patterns (qat/ta/patterns.h)
// gives a non-zero output is an event of that pattern: direction bullish if the output is
// > 0, bearish if < 0. Each event carries its symbol, timeframe (interval name, "1d"), and
// the trend and volatility regimes at that bar (qat/features/regimes.h). The regimes are
// those of the symbol itself, or — when a market series is given — those of the market
// series at the latest market bar whose `available` time is <= the event bar's `available`
// time, if that bar is at most `market_max_age_days` calendar days older (the features' rule,
// the same function: features::ContextBarsOnAvailability; UNKNOWN if there is none).
//
// Outcome at horizon h: r = adj_close[t+h] / adj_close[t] - 1, signed by the direction
// (bearish events: -r), known at the `available` time of bar t+h. Events whose outcome is
// not known (t+h beyond the data, or after the as-of time) are left out of horizon h.
// A win is a signed return > 0 (a signed return of exactly 0 is not a win).
//
// Cells: (pattern, direction, timeframe, horizon, regime, vol regime), where regime is ALL,
// BULL, BEAR, SIDEWAYS or UNKNOWN and vol regime ALL, LOW, NORMAL, HIGH or UNKNOWN. Per cell:
//   n, wins, win_rate = wins / n with its 95% Wilson interval,
//   mean and median signed return, sd (n - 1 denominator),
//   sharpe = mean / sd * sqrt(252 / h)  (per trade, annualized: the convention users of the seed expect),
//   baseline_return = the mean, over the cell's events, of the signed unconditional return:
//     direction x (mean forward return at horizon h of the event's own symbol over all its
//     bars in the cell's regime context whose outcome counts). It is what being long (or
//     short) at a random bar of that symbol in that context earned: the drift a bullish
//     pattern on a rising stock gets for free.
//   excess_return = mean of (signed return - signed baseline) = mean_return - baseline_return,
//     excess_sd its standard deviation,
//   t_stat = excess_return / (excess_sd / sqrt(n)), p_value = two-sided, Student t with n - 1
//     df. Null hypothesis: the pattern's events earn no more than the symbol's unconditional
//     return in that context (the baseline is treated as known: it averages thousands of
//     bars against the cell's n events). Undefined (NaN) for n < 2 or excess_sd == 0,
//   q_value = Benjamini-Hochberg over every cell with a p-value in the same computation
//     (all patterns, directions, timeframes, horizons and regime cells at once),
//   ic = Spearman correlation between the pattern's output (-200..200, 0 where it does not
//     fire, including its lookback bars) and the unsigned forward return r at horizon h,
//     over every bar of the cell's timeframe and regime context whose outcome is known
//     (all symbols pooled); ties, including the large block of zero outputs, get average
//     ranks. It describes the pattern, so both direction rows of a context carry the same ic.
//   status (first rule that matches):
//     INSUFFICIENT_DATA  n < kMinEvents (30)
//     NO_EDGE            p-value undefined, mean signed return <= 0 or excess return <= 0
//     STRONG             q <= 0.01, n >= 100 and Wilson lower bound > 0.5
//     MODERATE           q <= 0.05 and win rate > 0.5
//     WEAK               p <= 0.05 (significant alone, not after the BH correction)
//     NO_EDGE            otherwise
//   Shrinkage: every cell also carries shrunk_win_rate and shrunk_mean_return, pulled toward
//     its parent cell with a prior worth `prior_weight` events (default 20): a beta-binomial
//     posterior mean (wins + k p_parent) / (n + k) for the win rate and (n mean + k
//     mean_parent) / (n + k) for the mean, where the parent's values are themselves shrunk.
//     Parents: (regime, vol) -> (regime, ALL); (regime, ALL) and (ALL, vol) -> (ALL, ALL);
//     (ALL, ALL) has none and is not shrunk. A cell with n = 5 is then mostly its parent;
//     one with n = 2000 is essentially itself.
//
// As of: with `as_of` set, only outcomes known at or before it count (outcome bar's
// available time <= as_of), for events and for the ic alike, so a backtest at time T can use
// the figures without look-ahead. Edge decay: with `since` set, only events (and ic bars)
// whose bar starts at or after `since` count; `RecentSince` gives since = as_of (or the
// latest known outcome) minus N years of 365.25 days.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/data/bar_series.h"
#include "qat/features/features.h"
#include "qat/features/regimes.h"

namespace qat::patterns {

inline constexpr int kMinEvents = 30;
inline constexpr double kDefaultPriorWeight = 20.0;
// The horizons used when none are given.
std::vector<int> DefaultHorizons();  // 1, 3, 5, 10, 21
// Parses "1,3,5": integers in [1, 252], no duplicates; sorted on return.
Result<std::vector<int>> ParseHorizons(std::string_view text);

struct PatternEvent {
  std::int32_t bar;      // index into SeriesRecords::start
  std::int16_t pattern;  // index into ta::AllPatterns()
  std::int16_t output;   // the pattern's output at the bar (non-zero)
};

// Everything the engine needs of one symbol at one timeframe: per-bar context, outcomes per
// horizon, and the events. This is also what the store keeps (qat/patterns/stored_stats.h).
struct SeriesRecords {
  std::string symbol;
  std::string timeframe;
  std::vector<Timestamp> start, available;
  std::vector<features::TrendRegime> trend;
  std::vector<features::VolRegime> vol;
  std::vector<int> horizons;                        // ascending
  std::vector<std::vector<double>> forward_return;  // [horizon index][bar]; NaN if unknown
  std::vector<std::vector<Timestamp>> known_at;     // [horizon index][bar]; 0 if unknown
  std::vector<PatternEvent> events;                 // ascending by (bar, pattern)

  std::size_t size() const { return start.size(); }
};

// Events, regimes and outcomes of `bars`. `market` (may be null) supplies the regimes as
// described above. Fails on an empty series, bad horizons, an empty market series or a
// negative maximum age.
Result<SeriesRecords> ExtractRecords(const data::BarSeries& bars, std::span<const int> horizons,
                                     const data::BarSeries* market = nullptr,
                                     int market_max_age_days = features::kDefaultContextMaxAgeDays);

// The market's trend and volatility regime at each of its bars: what ExtractRecords joins
// onto a series. Computed once, it serves many series (a watchlist's).
struct MarketRegimes {
  std::vector<features::TrendRegime> trend;
  std::vector<features::VolRegime> vol;
};
MarketRegimes RegimesOf(const data::BarSeries& market);
// ExtractRecords with the market's regimes given (RegimesOf(*market)); the same result.
Result<SeriesRecords> ExtractRecords(const data::BarSeries& bars, std::span<const int> horizons,
                                     const data::BarSeries& market, const MarketRegimes& regimes,
                                     int market_max_age_days = features::kDefaultContextMaxAgeDays);

enum class EdgeStatus { kStrong, kModerate, kWeak, kNoEdge, kInsufficientData };
std::string_view EdgeStatusName(EdgeStatus status);  // "STRONG", ..., "INSUFFICIENT_DATA"

inline constexpr std::string_view kAll = "ALL";

struct CellStats {
  std::string pattern;    // TA-Lib name
  std::string direction;  // "bullish" / "bearish"
  std::string timeframe;  // "1d"
  int horizon = 0;
  std::string regime;      // ALL, BULL, BEAR, SIDEWAYS, UNKNOWN
  std::string vol_regime;  // ALL, LOW, NORMAL, HIGH, UNKNOWN
  std::int64_t n = 0, wins = 0;
  double win_rate = 0, win_rate_lo = 0, win_rate_hi = 0;
  double mean_return = 0, median_return = 0, sd = 0, sharpe = 0, ic = 0;
  double baseline_return = 0, excess_return = 0, excess_sd = 0;
  double t_stat = 0, p_value = 0, q_value = 0;
  EdgeStatus status = EdgeStatus::kInsufficientData;
  std::string shrinkage_parent;  // "BULL/ALL", "ALL/ALL", or "" for (ALL, ALL)
  double shrunk_win_rate = 0, shrunk_mean_return = 0, prior_weight = 0;
};

struct CellOptions {
  std::optional<Timestamp> as_of;  // outcomes known at or before
  std::optional<Timestamp> since;  // events whose bar starts at or after
  double prior_weight = kDefaultPriorWeight;
};

// Every cell with n >= 1, sorted by pattern, direction (bullish first), timeframe, horizon,
// regime (ALL, BULL, BEAR, SIDEWAYS, UNKNOWN) and vol regime (ALL, LOW, NORMAL, HIGH,
// UNKNOWN). Fails on a negative prior weight.
Result<std::vector<CellStats>> ComputeCells(std::span<const SeriesRecords> series,
                                            const CellOptions& options = {});

// since for the recent window of `years` years ending at `as_of`, or at the latest outcome
// known in `series` when as_of is unset.
Timestamp RecentSince(std::span<const SeriesRecords> series, std::optional<Timestamp> as_of, double years);

// The CSV header (the 18 columns the statistics engine was specified with, then wins, sd, baseline_return, excess_return,
// excess_sd, shrinkage_parent, shrunk_win_rate, shrunk_mean_return, prior_weight) and one row
// per cell; undefined numbers are empty.
void WriteCellsCsv(std::span<const CellStats> cells, std::ostream& out);
std::string CellsCsvHeader();

}  // namespace qat::patterns
