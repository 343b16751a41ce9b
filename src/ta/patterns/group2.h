// Group 2 of the candlestick patterns (CDLEVENINGSTAR .. CDLMARUBOZU): one function per
// pattern, named as in TA-Lib, and its lookback. Private to the library; callers go through
// the registry in qat/ta/patterns.h.
//
// Every function returns one int per bar of `bars` (aligned with the input): 0 in the first
// Lookback() bars and wherever the pattern does not fire, otherwise the pattern's signed
// strength (see each cdl_<name>.cc). All four columns of `bars` must have the same length, and
// every candle setting's avg_period must be >= 0 (both are asserted). A penetration must be
// finite and >= 0 (TA-Lib's accepted range is 0 .. 3e37; asserted).
#pragma once

#include <cassert>
#include <cstddef>
#include <vector>

#include "qat/ta/candle.h"

namespace qat::ta {

inline constexpr double kEveningStarPenetration = 0.3;

int CDLEVENINGSTARLookback(const CandleSettings& settings);
std::vector<int> CDLEVENINGSTAR(const OhlcView& bars, const CandleSettings& settings,
                                double penetration = kEveningStarPenetration);

int CDLGAPSIDESIDEWHITELookback(const CandleSettings& settings);
std::vector<int> CDLGAPSIDESIDEWHITE(const OhlcView& bars, const CandleSettings& settings);

int CDLGRAVESTONEDOJILookback(const CandleSettings& settings);
std::vector<int> CDLGRAVESTONEDOJI(const OhlcView& bars, const CandleSettings& settings);

int CDLHAMMERLookback(const CandleSettings& settings);
std::vector<int> CDLHAMMER(const OhlcView& bars, const CandleSettings& settings);

int CDLHANGINGMANLookback(const CandleSettings& settings);
std::vector<int> CDLHANGINGMAN(const OhlcView& bars, const CandleSettings& settings);

int CDLHARAMILookback(const CandleSettings& settings);
std::vector<int> CDLHARAMI(const OhlcView& bars, const CandleSettings& settings);

int CDLHARAMICROSSLookback(const CandleSettings& settings);
std::vector<int> CDLHARAMICROSS(const OhlcView& bars, const CandleSettings& settings);

int CDLHIGHWAVELookback(const CandleSettings& settings);
std::vector<int> CDLHIGHWAVE(const OhlcView& bars, const CandleSettings& settings);

int CDLHIKKAKELookback(const CandleSettings& settings);
std::vector<int> CDLHIKKAKE(const OhlcView& bars, const CandleSettings& settings);

int CDLHIKKAKEMODLookback(const CandleSettings& settings);
std::vector<int> CDLHIKKAKEMOD(const OhlcView& bars, const CandleSettings& settings);

int CDLHOMINGPIGEONLookback(const CandleSettings& settings);
std::vector<int> CDLHOMINGPIGEON(const OhlcView& bars, const CandleSettings& settings);

int CDLIDENTICAL3CROWSLookback(const CandleSettings& settings);
std::vector<int> CDLIDENTICAL3CROWS(const OhlcView& bars, const CandleSettings& settings);

int CDLINNECKLookback(const CandleSettings& settings);
std::vector<int> CDLINNECK(const OhlcView& bars, const CandleSettings& settings);

int CDLINVERTEDHAMMERLookback(const CandleSettings& settings);
std::vector<int> CDLINVERTEDHAMMER(const OhlcView& bars, const CandleSettings& settings);

int CDLKICKINGLookback(const CandleSettings& settings);
std::vector<int> CDLKICKING(const OhlcView& bars, const CandleSettings& settings);

int CDLKICKINGBYLENGTHLookback(const CandleSettings& settings);
std::vector<int> CDLKICKINGBYLENGTH(const OhlcView& bars, const CandleSettings& settings);

int CDLLADDERBOTTOMLookback(const CandleSettings& settings);
std::vector<int> CDLLADDERBOTTOM(const OhlcView& bars, const CandleSettings& settings);

int CDLLONGLEGGEDDOJILookback(const CandleSettings& settings);
std::vector<int> CDLLONGLEGGEDDOJI(const OhlcView& bars, const CandleSettings& settings);

int CDLLONGLINELookback(const CandleSettings& settings);
std::vector<int> CDLLONGLINE(const OhlcView& bars, const CandleSettings& settings);

int CDLMARUBOZULookback(const CandleSettings& settings);
std::vector<int> CDLMARUBOZU(const OhlcView& bars, const CandleSettings& settings);

namespace group2_detail {

// The avg_period of one setting.
inline int Period(const CandleSettings& s, CandleSettingType t) { return s[t].avg_period; }

// A running total of one candle setting's range over the `avg_period` candles before the
// candle being judged, which sits `shift` bars before the current bar i. It is kept the way
// TA-Lib keeps it, so that averages agree bit for bit: a plain left-to-right sum over the
// window before the first evaluated bar, then, after each bar,
// total += range(i - shift) - range(oldest), and the window slides by one.
class CandleTotal {
 public:
  CandleTotal(const CandleSetting& setting, const OhlcView& bars, std::size_t shift,
              std::size_t first_bar)
      : setting_(setting), bars_(bars), shift_(shift) {
    assert(setting.avg_period >= 0);
    assert(first_bar >= shift + static_cast<std::size_t>(setting.avg_period));
    trailing_ = first_bar - shift - static_cast<std::size_t>(setting.avg_period);
    for (std::size_t j = trailing_; j < first_bar - shift; ++j) total_ += Range(j);
  }

  // The setting's average for candle `candle` (i - shift); TA-Lib's TA_CANDLEAVERAGE.
  double Average(std::size_t candle) const { return CandleAverage(setting_, total_, bars_, candle); }

  // Slides the window after bar i has been judged.
  void Advance(std::size_t i) {
    total_ += Range(i - shift_) - Range(trailing_);
    ++trailing_;
  }

 private:
  double Range(std::size_t j) const { return CandleRange(setting_, bars_, j); }

  const CandleSetting& setting_;
  const OhlcView& bars_;
  std::size_t shift_;
  std::size_t trailing_ = 0;
  double total_ = 0.0;
};

// Checks the view and returns its size.
inline std::size_t CheckedSize(const OhlcView& b) {
  assert(b.open.size() == b.close.size() && b.high.size() == b.close.size() &&
         b.low.size() == b.close.size());
  return b.size();
}

}  // namespace group2_detail
}  // namespace qat::ta
