// The running total of one candle setting that every candlestick pattern keeps, shared by
// all 61 patterns (private to the library).
//
// When bar i is evaluated, a pattern judges a candle `offset` bars back (candle i - offset)
// against the average of the setting's range (CandleRange: real body, high-low or shadows)
// over the `avg_period` candles just before it. TA-Lib keeps that sum as a running total, and
// its rounding is part of the contract, so this class keeps it the same way:
//   * it starts, for the first evaluated bar `first`, as a plain left-to-right sum of the
//     ranges of candles first - offset - period .. first - offset - 1;
//   * after each evaluated bar i it moves on with total += range(i - offset) - range(trailing),
//     in exactly that order, and the trailing candle moves by one.
// Two patterns may share a total only if first, offset, period and range type all agree.
//
// It copies what it needs (column pointers, range type, period, factor) out of the view and
// the setting, so that the compiler can keep them in registers: the patterns' output writes
// cannot alias them, and the range type is branched on without reloading the setting.
#pragma once

#include <cassert>
#include <cmath>
#include <cstddef>

#include "qat/ta/candle.h"

// The per-bar members below are tiny and called in every pattern's inner loop. The normal
// one-object-per-file build inlines them anyway, but when many patterns share a translation
// unit GCC kept them out of line (a call per total per bar, the total spilled to memory):
// nearly half of the patterns' time in that build.
#if defined(__GNUC__) || defined(__clang__)
#define QAT_PATTERN_INLINE [[gnu::always_inline]] inline
#else
#define QAT_PATTERN_INLINE inline
#endif

namespace qat::ta::patterns_detail {

class RunningTotal {
 public:
  // `first` is the first bar evaluated (the pattern's lookback, or later); requires
  // first >= offset + avg_period, which every pattern's lookback guarantees.
  RunningTotal(const OhlcView& bars, const CandleSetting& setting, std::size_t first,
               std::size_t offset)
      : open_(bars.open.data()),
        high_(bars.high.data()),
        low_(bars.low.data()),
        close_(bars.close.data()),
        type_(setting.range_type),
        period_(setting.avg_period),
        factor_(setting.factor),
        offset_(offset) {
    assert(setting.avg_period >= 0);
    const auto period = static_cast<std::size_t>(setting.avg_period);
    assert(first >= offset + period);
    trailing_ = first - offset - period;
    for (std::size_t j = trailing_; j < first - offset; ++j) sum_ += Range(j);
  }

  // TA-Lib's TA_CANDLEAVERAGE for the candle judged at bar i (candle i - offset).
  QAT_PATTERN_INLINE double Average(std::size_t i) const { return AverageAt(i - offset_); }

  // The same for an explicit candle index (the judged candle itself, i - offset).
  QAT_PATTERN_INLINE double AverageAt(std::size_t candle) const {
    // factor * (period ? sum / period : range(candle)) / (shadows ? 2 : 1). Halving is exact
    // in binary floating point, so "* 0.5" gives the same bits as TA-Lib's "/ 2.0".
    const double scaled = factor_ * (period_ != 0 ? sum_ / period_ : Range(candle));
    return type_ == RangeType::kShadows ? scaled * 0.5 : scaled;
  }

  // Call once after bar i has been evaluated.
  QAT_PATTERN_INLINE void Advance(std::size_t i) {
    // With period 0 the total is never read (the average uses the judged candle's own range).
    if (period_ == 0) return;
    sum_ += Range(i - offset_) - Range(trailing_);
    ++trailing_;
  }

  // The current total (sum of the ranges in the window); for tests.
  double Sum() const { return sum_; }

  // CandleRange (qat/ta/candle.h) for candle j, with the same operations in the same order.
  QAT_PATTERN_INLINE double Range(std::size_t j) const {
    switch (type_) {
      case RangeType::kRealBody: return std::fabs(close_[j] - open_[j]);
      case RangeType::kHighLow: return high_[j] - low_[j];
      case RangeType::kShadows: {
        const bool white = close_[j] >= open_[j];
        const double upper = high_[j] - (white ? close_[j] : open_[j]);
        const double lower = (white ? open_[j] : close_[j]) - low_[j];
        return upper + lower;
      }
    }
    return 0.0;
  }

 private:
  const double* open_;
  const double* high_;
  const double* low_;
  const double* close_;
  RangeType type_;
  int period_;
  double factor_;
  std::size_t offset_;
  std::size_t trailing_ = 0;
  double sum_ = 0.0;
};

}  // namespace qat::ta::patterns_detail
