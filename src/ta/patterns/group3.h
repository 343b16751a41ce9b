// Private declarations of the group 3 candlestick patterns (CDLMATCHINGLOW ..
// CDLXSIDEGAP3METHODS), each in its own cdl_<name>.cc, plus small helpers they share (the
// candle geometry and averages are in candle_frame.h).
//
// Every CDLxxx(bars, settings) returns one int per bar aligned with `bars`: 0 in the first
// CDLxxxLookback(settings) bars and wherever the pattern does not fire, otherwise +100
// (bullish) or -100 (bearish). The four OHLC spans must have equal length (a programmer
// error otherwise, checked by assertion). The patterns that take a penetration take it as a
// fraction of the first candle's real body with TA-Lib's default; it must be a finite number
// in [0, 3e37] (TA-Lib's accepted range), also checked by assertion.
#pragma once

#include <cassert>
#include <cstddef>
#include <span>
#include <vector>

#include "qat/ta/candle.h"
#include "ta/patterns/candle_frame.h"

namespace qat::ta {

inline constexpr double kMatHoldPenetration = 0.5;
inline constexpr double kMorningDojiStarPenetration = 0.3;
inline constexpr double kMorningStarPenetration = 0.3;

std::vector<int> CDLMATCHINGLOW(const OhlcView& bars, const CandleSettings& settings);
int CDLMATCHINGLOWLookback(const CandleSettings& settings);
void CDLMATCHINGLOWKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLMATHOLD(const OhlcView& bars, const CandleSettings& settings,
                            double penetration = kMatHoldPenetration);
int CDLMATHOLDLookback(const CandleSettings& settings);
void CDLMATHOLDKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLMORNINGDOJISTAR(const OhlcView& bars, const CandleSettings& settings,
                                    double penetration = kMorningDojiStarPenetration);
int CDLMORNINGDOJISTARLookback(const CandleSettings& settings);
void CDLMORNINGDOJISTARKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLMORNINGSTAR(const OhlcView& bars, const CandleSettings& settings,
                                double penetration = kMorningStarPenetration);
int CDLMORNINGSTARLookback(const CandleSettings& settings);
void CDLMORNINGSTARKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLONNECK(const OhlcView& bars, const CandleSettings& settings);
int CDLONNECKLookback(const CandleSettings& settings);
void CDLONNECKKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLPIERCING(const OhlcView& bars, const CandleSettings& settings);
int CDLPIERCINGLookback(const CandleSettings& settings);
void CDLPIERCINGKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLRICKSHAWMAN(const OhlcView& bars, const CandleSettings& settings);
int CDLRICKSHAWMANLookback(const CandleSettings& settings);
void CDLRICKSHAWMANKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLRISEFALL3METHODS(const OhlcView& bars, const CandleSettings& settings);
int CDLRISEFALL3METHODSLookback(const CandleSettings& settings);
void CDLRISEFALL3METHODSKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLSEPARATINGLINES(const OhlcView& bars, const CandleSettings& settings);
int CDLSEPARATINGLINESLookback(const CandleSettings& settings);
void CDLSEPARATINGLINESKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLSHOOTINGSTAR(const OhlcView& bars, const CandleSettings& settings);
int CDLSHOOTINGSTARLookback(const CandleSettings& settings);
void CDLSHOOTINGSTARKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLSHORTLINE(const OhlcView& bars, const CandleSettings& settings);
int CDLSHORTLINELookback(const CandleSettings& settings);
void CDLSHORTLINEKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLSPINNINGTOP(const OhlcView& bars, const CandleSettings& settings);
int CDLSPINNINGTOPLookback(const CandleSettings& settings);
void CDLSPINNINGTOPKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLSTALLEDPATTERN(const OhlcView& bars, const CandleSettings& settings);
int CDLSTALLEDPATTERNLookback(const CandleSettings& settings);
void CDLSTALLEDPATTERNKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLSTICKSANDWICH(const OhlcView& bars, const CandleSettings& settings);
int CDLSTICKSANDWICHLookback(const CandleSettings& settings);
void CDLSTICKSANDWICHKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLTAKURI(const OhlcView& bars, const CandleSettings& settings);
int CDLTAKURILookback(const CandleSettings& settings);
void CDLTAKURIKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLTASUKIGAP(const OhlcView& bars, const CandleSettings& settings);
int CDLTASUKIGAPLookback(const CandleSettings& settings);
void CDLTASUKIGAPKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLTHRUSTING(const OhlcView& bars, const CandleSettings& settings);
int CDLTHRUSTINGLookback(const CandleSettings& settings);
void CDLTHRUSTINGKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLTRISTAR(const OhlcView& bars, const CandleSettings& settings);
int CDLTRISTARLookback(const CandleSettings& settings);
void CDLTRISTARKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLUNIQUE3RIVER(const OhlcView& bars, const CandleSettings& settings);
int CDLUNIQUE3RIVERLookback(const CandleSettings& settings);
void CDLUNIQUE3RIVERKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLUPSIDEGAP2CROWS(const OhlcView& bars, const CandleSettings& settings);
int CDLUPSIDEGAP2CROWSLookback(const CandleSettings& settings);
void CDLUPSIDEGAP2CROWSKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLXSIDEGAP3METHODS(const OhlcView& bars, const CandleSettings& settings);
int CDLXSIDEGAP3METHODSLookback(const CandleSettings& settings);
void CDLXSIDEGAP3METHODSKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

namespace group3 {

// Number of bars; asserts that the four columns have the same length.
inline std::size_t CheckedSize(const OhlcView& bars) {
  assert(bars.open.size() == bars.close.size() && bars.high.size() == bars.close.size() &&
         bars.low.size() == bars.close.size());
  return bars.size();
}

inline bool ValidPenetration(double penetration) {
  return penetration >= 0.0 && penetration <= 3e37;
}

inline int Period(const CandleSettings& settings, CandleSettingType type) {
  return settings[type].avg_period;
}

}  // namespace group3
}  // namespace qat::ta
