// Candlestick patterns of group 1 (CDL2CROWS .. CDLEVENINGDOJISTAR), callable one by one.
//
// Every function returns one int per bar of `bars`, aligned with it: +100 bullish, -100
// bearish (+-80 for the weak CDLENGULFING form), 0 where the pattern does not fire and in the
// first <NAME>Lookback(settings) bars, where TA-Lib gives no value. Results equal TA-Lib C
// 0.6.x bit for bit (tests/ta/patterns_group1_test.cc checks them against TA-Lib's output).
//
// Preconditions (programmer errors, checked by assert): the four columns of `bars` have the
// same length, every candle setting has avg_period >= 0, and a penetration is finite and
// >= 0 (TA-Lib accepts 0 .. 3e37).
#pragma once

#include <cassert>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "qat/ta/candle.h"
#include "ta/patterns/candle_frame.h"

namespace qat::ta {

std::vector<int> CDL2CROWS(const OhlcView& bars, const CandleSettings& settings);
int CDL2CROWSLookback(const CandleSettings& settings);
void CDL2CROWSKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDL3BLACKCROWS(const OhlcView& bars, const CandleSettings& settings);
int CDL3BLACKCROWSLookback(const CandleSettings& settings);
void CDL3BLACKCROWSKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDL3INSIDE(const OhlcView& bars, const CandleSettings& settings);
int CDL3INSIDELookback(const CandleSettings& settings);
void CDL3INSIDEKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDL3LINESTRIKE(const OhlcView& bars, const CandleSettings& settings);
int CDL3LINESTRIKELookback(const CandleSettings& settings);
void CDL3LINESTRIKEKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDL3OUTSIDE(const OhlcView& bars, const CandleSettings& settings);
int CDL3OUTSIDELookback(const CandleSettings& settings);
void CDL3OUTSIDEKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDL3STARSINSOUTH(const OhlcView& bars, const CandleSettings& settings);
int CDL3STARSINSOUTHLookback(const CandleSettings& settings);
void CDL3STARSINSOUTHKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDL3WHITESOLDIERS(const OhlcView& bars, const CandleSettings& settings);
int CDL3WHITESOLDIERSLookback(const CandleSettings& settings);
void CDL3WHITESOLDIERSKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

inline constexpr double kAbandonedBabyPenetration = 0.3;
std::vector<int> CDLABANDONEDBABY(const OhlcView& bars, const CandleSettings& settings,
                                  double penetration = kAbandonedBabyPenetration);
int CDLABANDONEDBABYLookback(const CandleSettings& settings);
void CDLABANDONEDBABYKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLADVANCEBLOCK(const OhlcView& bars, const CandleSettings& settings);
int CDLADVANCEBLOCKLookback(const CandleSettings& settings);
void CDLADVANCEBLOCKKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLBELTHOLD(const OhlcView& bars, const CandleSettings& settings);
int CDLBELTHOLDLookback(const CandleSettings& settings);
void CDLBELTHOLDKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLBREAKAWAY(const OhlcView& bars, const CandleSettings& settings);
int CDLBREAKAWAYLookback(const CandleSettings& settings);
void CDLBREAKAWAYKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLCLOSINGMARUBOZU(const OhlcView& bars, const CandleSettings& settings);
int CDLCLOSINGMARUBOZULookback(const CandleSettings& settings);
void CDLCLOSINGMARUBOZUKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLCONCEALBABYSWALL(const OhlcView& bars, const CandleSettings& settings);
int CDLCONCEALBABYSWALLLookback(const CandleSettings& settings);
void CDLCONCEALBABYSWALLKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLCOUNTERATTACK(const OhlcView& bars, const CandleSettings& settings);
int CDLCOUNTERATTACKLookback(const CandleSettings& settings);
void CDLCOUNTERATTACKKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

inline constexpr double kDarkCloudCoverPenetration = 0.5;
std::vector<int> CDLDARKCLOUDCOVER(const OhlcView& bars, const CandleSettings& settings,
                                   double penetration = kDarkCloudCoverPenetration);
int CDLDARKCLOUDCOVERLookback(const CandleSettings& settings);
void CDLDARKCLOUDCOVERKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLDOJI(const OhlcView& bars, const CandleSettings& settings);
int CDLDOJILookback(const CandleSettings& settings);
void CDLDOJIKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLDOJISTAR(const OhlcView& bars, const CandleSettings& settings);
int CDLDOJISTARLookback(const CandleSettings& settings);
void CDLDOJISTARKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLDRAGONFLYDOJI(const OhlcView& bars, const CandleSettings& settings);
int CDLDRAGONFLYDOJILookback(const CandleSettings& settings);
void CDLDRAGONFLYDOJIKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

std::vector<int> CDLENGULFING(const OhlcView& bars, const CandleSettings& settings);
int CDLENGULFINGLookback(const CandleSettings& settings);
void CDLENGULFINGKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

inline constexpr double kEveningDojiStarPenetration = 0.3;
std::vector<int> CDLEVENINGDOJISTAR(const OhlcView& bars, const CandleSettings& settings,
                                    double penetration = kEveningDojiStarPenetration);
int CDLEVENINGDOJISTARLookback(const CandleSettings& settings);
void CDLEVENINGDOJISTARKernel(patterns_detail::CandleFrame& frame, std::span<int> out);

namespace group1_detail {

inline int Period(const CandleSettings& s, CandleSettingType t) { return s[t].avg_period; }

// Checks the preconditions above; returns the number of bars.
inline std::size_t CheckedSize(const OhlcView& bars, const CandleSettings& settings) {
  assert(bars.open.size() == bars.close.size() && bars.high.size() == bars.close.size() &&
         bars.low.size() == bars.close.size());
  for ([[maybe_unused]] const CandleSetting& s : settings.table) assert(s.avg_period >= 0);
  (void)settings;
  return bars.size();
}

inline void CheckPenetration([[maybe_unused]] double penetration) {
  assert(std::isfinite(penetration) && penetration >= 0.0);
}

}  // namespace group1_detail
}  // namespace qat::ta
