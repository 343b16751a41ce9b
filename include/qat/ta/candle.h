// Candle geometry and TA-Lib's candle settings, shared by the 61 candlestick patterns.
//
// A pattern compares a candle's body or shadows with an average of recent candles. Which
// measure is averaged, over how many bars, and the factor applied are the candle settings;
// they are passed as a value (TA-Lib keeps them in a global). DefaultCandleSettings() is
// TA-Lib's default table:
//
//   setting          averaged range   period  factor
//   BodyLong         real body          10     1.0
//   BodyVeryLong     real body          10     3.0
//   BodyShort        real body          10     1.0
//   BodyDoji         high-low           10     0.1
//   ShadowLong       real body           0     1.0
//   ShadowVeryLong   real body           0     2.0
//   ShadowShort      shadows            10     1.0
//   ShadowVeryShort  high-low           10     0.1
//   Near             high-low            5     0.2
//   Far              high-low            5     0.6
//   Equal            high-low            5     0.05
//
// A period of 0 means "compare with this candle's own range". With range type `shadows` the
// average is halved (the mean of one shadow).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>

namespace qat::ta {

// Read-only OHLC columns of equal length.
struct OhlcView {
  std::span<const double> open, high, low, close;
  std::size_t size() const { return close.size(); }
};

enum class RangeType { kRealBody, kHighLow, kShadows };

enum class CandleSettingType {
  kBodyLong,
  kBodyVeryLong,
  kBodyShort,
  kBodyDoji,
  kShadowLong,
  kShadowVeryLong,
  kShadowShort,
  kShadowVeryShort,
  kNear,
  kFar,
  kEqual,
};
inline constexpr std::size_t kCandleSettingCount = 11;

struct CandleSetting {
  RangeType range_type;
  int avg_period;
  double factor;
};

struct CandleSettings {
  std::array<CandleSetting, kCandleSettingCount> table;
  const CandleSetting& operator[](CandleSettingType type) const {
    return table[static_cast<std::size_t>(type)];
  }
  CandleSetting& operator[](CandleSettingType type) {
    return table[static_cast<std::size_t>(type)];
  }
};

// TA-Lib's default table (above).
const CandleSettings& DefaultCandleSettings();

// Geometry of candle i. Formulas and evaluation order follow TA-Lib exactly, so that
// comparisons agree bit for bit.
inline double RealBody(const OhlcView& b, std::size_t i) { return std::fabs(b.close[i] - b.open[i]); }
inline double UpperShadow(const OhlcView& b, std::size_t i) {
  return b.high[i] - (b.close[i] >= b.open[i] ? b.close[i] : b.open[i]);
}
inline double LowerShadow(const OhlcView& b, std::size_t i) {
  return (b.close[i] >= b.open[i] ? b.open[i] : b.close[i]) - b.low[i];
}
inline double HighLowRange(const OhlcView& b, std::size_t i) { return b.high[i] - b.low[i]; }
// +1 white (close >= open), -1 black.
inline int CandleColor(const OhlcView& b, std::size_t i) { return b.close[i] >= b.open[i] ? 1 : -1; }

// The measure a setting averages, for candle i.
inline double CandleRange(const CandleSetting& s, const OhlcView& b, std::size_t i) {
  switch (s.range_type) {
    case RangeType::kRealBody: return RealBody(b, i);
    case RangeType::kHighLow: return HighLowRange(b, i);
    case RangeType::kShadows: return UpperShadow(b, i) + LowerShadow(b, i);
  }
  return 0.0;
}

// TA-Lib's TA_CANDLEAVERAGE: factor * (period ? sum / period : range(i)) / (shadows ? 2 : 1),
// where `sum` is the running total of CandleRange over the `avg_period` bars before the one
// being judged (kept by the caller exactly as TA-Lib keeps it: total += range(new) - range(old)).
inline double CandleAverage(const CandleSetting& s, double sum, const OhlcView& b, std::size_t i) {
  return s.factor *
         (s.avg_period != 0 ? sum / s.avg_period : CandleRange(s, b, i)) /
         (s.range_type == RangeType::kShadows ? 2.0 : 1.0);
}

// TA-Lib's min()/max() macros, (a < b ? a : b) and (a > b ? a : b): unlike std::min/max they
// return the second operand when the first comparison involves a NaN, and the gap tests
// must agree with TA-Lib on NaN input too.
inline bool RealBodyGapUp(const OhlcView& b, std::size_t i2, std::size_t i1) {
  const double low2 = b.open[i2] < b.close[i2] ? b.open[i2] : b.close[i2];
  const double high1 = b.open[i1] > b.close[i1] ? b.open[i1] : b.close[i1];
  return low2 > high1;
}
inline bool RealBodyGapDown(const OhlcView& b, std::size_t i2, std::size_t i1) {
  const double high2 = b.open[i2] > b.close[i2] ? b.open[i2] : b.close[i2];
  const double low1 = b.open[i1] < b.close[i1] ? b.open[i1] : b.close[i1];
  return high2 < low1;
}
inline bool CandleGapUp(const OhlcView& b, std::size_t i2, std::size_t i1) { return b.low[i2] > b.high[i1]; }
inline bool CandleGapDown(const OhlcView& b, std::size_t i2, std::size_t i1) { return b.high[i2] < b.low[i1]; }

}  // namespace qat::ta
