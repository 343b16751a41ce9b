// The 61 candlestick patterns one by one, named as in TA-Lib, each with its lookback and its
// batch kernel (private to the library; callers go through the registry in qat/ta/patterns.h,
// which lists them all in pattern_table.cc).
//
// Every function returns one int per bar of `bars`, aligned with it: +100 bullish, -100
// bearish (+-80 for the weak CDLENGULFING form, +-200 for a confirmed hikkake), 0 where the
// pattern does not fire and in the first <NAME>Lookback(settings) bars, where TA-Lib gives no
// value. Results equal TA-Lib C 0.6.x bit for bit (tests/ta/patterns_*_test.cc check them
// against TA-Lib's output). Preconditions, checked in every build: see kernels.h.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "qat/ta/candle.h"
#include "ta/patterns/candle_frame.h"
#include "ta/patterns/kernels.h"

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

inline constexpr double kEveningStarPenetration = 0.3;

int CDLEVENINGSTARLookback(const CandleSettings& settings);
void CDLEVENINGSTARKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLEVENINGSTAR(const OhlcView& bars, const CandleSettings& settings,
                                double penetration = kEveningStarPenetration);

int CDLGAPSIDESIDEWHITELookback(const CandleSettings& settings);
void CDLGAPSIDESIDEWHITEKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLGAPSIDESIDEWHITE(const OhlcView& bars, const CandleSettings& settings);

int CDLGRAVESTONEDOJILookback(const CandleSettings& settings);
void CDLGRAVESTONEDOJIKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLGRAVESTONEDOJI(const OhlcView& bars, const CandleSettings& settings);

int CDLHAMMERLookback(const CandleSettings& settings);
void CDLHAMMERKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLHAMMER(const OhlcView& bars, const CandleSettings& settings);

int CDLHANGINGMANLookback(const CandleSettings& settings);
void CDLHANGINGMANKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLHANGINGMAN(const OhlcView& bars, const CandleSettings& settings);

int CDLHARAMILookback(const CandleSettings& settings);
void CDLHARAMIKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLHARAMI(const OhlcView& bars, const CandleSettings& settings);

int CDLHARAMICROSSLookback(const CandleSettings& settings);
void CDLHARAMICROSSKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLHARAMICROSS(const OhlcView& bars, const CandleSettings& settings);

int CDLHIGHWAVELookback(const CandleSettings& settings);
void CDLHIGHWAVEKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLHIGHWAVE(const OhlcView& bars, const CandleSettings& settings);

int CDLHIKKAKELookback(const CandleSettings& settings);
void CDLHIKKAKEKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLHIKKAKE(const OhlcView& bars, const CandleSettings& settings);

int CDLHIKKAKEMODLookback(const CandleSettings& settings);
void CDLHIKKAKEMODKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLHIKKAKEMOD(const OhlcView& bars, const CandleSettings& settings);

int CDLHOMINGPIGEONLookback(const CandleSettings& settings);
void CDLHOMINGPIGEONKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLHOMINGPIGEON(const OhlcView& bars, const CandleSettings& settings);

int CDLIDENTICAL3CROWSLookback(const CandleSettings& settings);
void CDLIDENTICAL3CROWSKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLIDENTICAL3CROWS(const OhlcView& bars, const CandleSettings& settings);

int CDLINNECKLookback(const CandleSettings& settings);
void CDLINNECKKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLINNECK(const OhlcView& bars, const CandleSettings& settings);

int CDLINVERTEDHAMMERLookback(const CandleSettings& settings);
void CDLINVERTEDHAMMERKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLINVERTEDHAMMER(const OhlcView& bars, const CandleSettings& settings);

int CDLKICKINGLookback(const CandleSettings& settings);
void CDLKICKINGKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLKICKING(const OhlcView& bars, const CandleSettings& settings);

int CDLKICKINGBYLENGTHLookback(const CandleSettings& settings);
void CDLKICKINGBYLENGTHKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLKICKINGBYLENGTH(const OhlcView& bars, const CandleSettings& settings);

int CDLLADDERBOTTOMLookback(const CandleSettings& settings);
void CDLLADDERBOTTOMKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLLADDERBOTTOM(const OhlcView& bars, const CandleSettings& settings);

int CDLLONGLEGGEDDOJILookback(const CandleSettings& settings);
void CDLLONGLEGGEDDOJIKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLLONGLEGGEDDOJI(const OhlcView& bars, const CandleSettings& settings);

int CDLLONGLINELookback(const CandleSettings& settings);
void CDLLONGLINEKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLLONGLINE(const OhlcView& bars, const CandleSettings& settings);

int CDLMARUBOZULookback(const CandleSettings& settings);
void CDLMARUBOZUKernel(patterns_detail::CandleFrame& frame, std::span<int> out);
std::vector<int> CDLMARUBOZU(const OhlcView& bars, const CandleSettings& settings);

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

}  // namespace qat::ta
