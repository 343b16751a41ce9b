// The candle geometry and candle averages of one bar series, computed once and read by every
// candlestick pattern (private to the library).
//
// Each of TA-Lib's 61 pattern functions recomputes the same real bodies, shadows and running
// averages; computing all 61 that way costs about 1 microsecond per bar. A CandleFrame computes
// each column once per series, and each pattern becomes a branch-free loop over plain arrays
// that the compiler vectorizes (see docs/ta_patterns.md, "How the patterns run").
//
// Averages and TA-Lib's rounding. A pattern judges candle c against TA_CANDLEAVERAGE of a
// setting over the `period` candles before c. TA-Lib keeps that sum as a running total:
//   * it starts, for the pattern's first evaluated bar `first` and a candle `offset` bars
//     back, as a left-to-right sum of the ranges of candles s .. s + period - 1, where
//     s = first - offset - period;
//   * after each evaluated bar it moves on with total += range(new) - range(trailing).
// The rounding of that sum can depend on where it started (s), so Average() keys its cache on
// (setting, s). But every total of one measure and period moves by the same step,
// range(c) - range(c - period), so two totals that are equal at one candle stay equal from
// there on. The frame keeps one reference total per measure and period, started at candle 0,
// and runs a total started at s > 0 only until it equals the reference (on real prices that
// is usually at once or within a few candles); from there on it is the reference's. Each
// column therefore equals TA-Lib's own bookkeeping for that s bit for bit, at the cost of one
// total per measure and period. With period 0 the "average" is the candle's own range times
// the factor and does not depend on s.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "qat/ta/candle.h"
#include "ta/vector_kernel.h"

// Every pattern kernel is a QAT_VECTOR_KERNEL (ta/vector_kernel.h).

namespace qat::ta::patterns_detail {

// An uninitialised buffer of doubles borrowed from a per-thread pool and given back when
// destroyed. A frame needs a few MB of columns; fresh allocations cost a page fault per 4 KB
// on every call (measured: ~2/3 of ComputePatterns' time on SPY), so frames built one after
// the other (one per series, or a benchmark loop) reuse memory already mapped and cached.
// The pool keeps at most 64 MB per thread.
class Scratch {
 public:
  Scratch() = default;  // no buffer
  explicit Scratch(std::size_t size);
  ~Scratch();
  Scratch(Scratch&& other) noexcept;
  Scratch& operator=(Scratch&& other) noexcept;
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  double* get() const { return data_.get(); }

 private:
  std::unique_ptr<double[]> data_;
  std::size_t capacity_ = 0;
};

class CandleFrame {
 public:
  // Computes the geometry columns of `bars` (all four columns of the same length; checked by
  // the callers). `bars` and `settings` must outlive the frame. The averages are computed on
  // first use.
  CandleFrame(const OhlcView& bars, const CandleSettings& settings);

  std::size_t size() const { return n_; }
  const CandleSettings& settings() const { return settings_; }
  int Period(CandleSettingType type) const { return settings_[type].avg_period; }

  // The input columns.
  const double* open() const { return open_; }
  const double* high() const { return high_; }
  const double* low() const { return low_; }
  const double* close() const { return close_; }

  // Candle geometry, computed exactly as TA-Lib's macros (qat/ta/candle.h): real body,
  // upper shadow, lower shadow, high - low, and upper + lower shadow.
  const double* body() const { return body_; }
  const double* upper() const { return upper_; }
  const double* lower() const { return lower_; }
  const double* hl() const { return hl_; }
  const double* shadows() const { return shadows_; }

  // TA-Lib's TA_CANDLEAVERAGE of setting `type` for a pattern whose first evaluated bar is
  // `first`, judging the candle `offset` bars back. Returns an array indexed by candle: for
  // every bar i with first <= i < size(), element [i - offset] is bit for bit the average
  // TA-Lib uses at bar i (elements before first - offset are unspecified). Requires
  // first >= offset + period and first < size(). The array lives as long as the frame.
  const double* Average(CandleSettingType type, std::size_t first, std::size_t offset);

  // The measure a setting averages (body, high-low or shadows) for every candle.
  const double* RangeOf(RangeType range_type) const;

 private:
  // The running totals of one measure (range type) and period, started at candle 0:
  // sums[c] is the total TA-Lib holds when it judges candle c (for c >= period).
  struct Reference {
    RangeType range_type;
    int period;
    Scratch sums;
  };
  // One average column. Settings with the same measure, period and factor (BodyLong and
  // BodyShort by default; BodyDoji and ShadowVeryShort) share it.
  struct Series {
    RangeType range_type;
    int period;
    double factor;
    std::size_t start;  // s above; 0 for period-0 settings
    const double* values;
    Scratch storage;  // empty when `values` aliases the start-0 column
  };

  const Reference& ReferenceFor(const CandleSetting& setting);
  const double* FindSeries(const CandleSetting& setting, std::size_t start) const;
  const double* AddSeries(const CandleSetting& setting, std::size_t start, const double* values,
                          Scratch storage);
  // The scaled column of a period > 0 setting for a total started at `start`.
  const double* TotalsColumn(const CandleSetting& setting, std::size_t start);

  const CandleSettings& settings_;
  std::size_t n_;
  const double* open_;
  const double* high_;
  const double* low_;
  const double* close_;
  Scratch geometry_;  // body, upper, lower, hl, shadows: n values each
  const double* body_;
  const double* upper_;
  const double* lower_;
  const double* hl_;
  const double* shadows_;
  std::vector<std::unique_ptr<Reference>> references_;
  std::vector<std::unique_ptr<Series>> cache_;  // stable addresses for the returned arrays
};

// The batch entry point of a pattern: writes out[i] for every first <= i < frame.size()
// (out has frame.size() elements; elements before the pattern's lookback are left as they
// are). Each pattern file defines one as <NAME>Kernel.
using PatternKernel = void (*)(CandleFrame& frame, std::span<int> out);

// Branch-free forms of qat/ta/candle.h's tests on raw columns, for kernels. Same operations in
// the same order, so the same results, NaN included.
// +1 white, -1 black (TA_CANDLECOLOR).
inline int Color(const double* open, const double* close, std::size_t i) {
  return close[i] >= open[i] ? 1 : -1;
}
// TA-Lib's min()/max() macros, (a < b ? a : b) and (a > b ? a : b): unlike std::min/max they
// give the second operand when the comparison involves a NaN. Written as a bit-mask select
// (internal::Pick): the same operand comes out bit for bit, but GCC cannot turn it into a
// branch (with plain ternaries on the same candles it did, and the kernel's loop was not
// vectorized).
inline double TaMax(double a, double b) { return internal::Pick(a > b, a, b); }
inline double TaMin(double a, double b) { return internal::Pick(a < b, a, b); }
// Candle i2's real body entirely above (GapUp) / below (GapDown) candle i1's.
inline bool BodyGapUp(const double* open, const double* close, std::size_t i2, std::size_t i1) {
  return TaMin(open[i2], close[i2]) > TaMax(open[i1], close[i1]);
}
inline bool BodyGapDown(const double* open, const double* close, std::size_t i2, std::size_t i1) {
  return TaMax(open[i2], close[i2]) < TaMin(open[i1], close[i1]);
}
// Candle i2's whole range above (GapUp) / below (GapDown) candle i1's.
inline bool RangeGapUp(const double* low, const double* high, std::size_t i2, std::size_t i1) {
  return low[i2] > high[i1];
}
inline bool RangeGapDown(const double* low, const double* high, std::size_t i2, std::size_t i1) {
  return high[i2] < low[i1];
}

// One pattern alone: a frame of its own and a zero-filled output, then the kernel.
std::vector<int> RunPattern(const OhlcView& bars, const CandleSettings& settings,
                            PatternKernel kernel);

}  // namespace qat::ta::patterns_detail
