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
#include <span>
#include <vector>

#include "qat/ta/candle.h"
#include "ta/patterns/candle_frame.h"

namespace qat::ta {

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

namespace group2_detail {

// The avg_period of one setting.
inline int Period(const CandleSettings& s, CandleSettingType t) { return s[t].avg_period; }

// Checks the view and returns its size.
inline std::size_t CheckedSize(const OhlcView& b) {
  assert(b.open.size() == b.close.size() && b.high.size() == b.close.size() &&
         b.low.size() == b.close.size());
  return b.size();
}

// CDLHARAMI and CDLHARAMICROSS differ only in the setting that bounds the second body
// (BodyShort vs BodyDoji); both kernels are this rule (defined in cdl_harami.cc; writes out
// as a PatternKernel does).
int HaramiLookback(const CandleSettings& s, CandleSettingType second_body);
void Harami(patterns_detail::CandleFrame& f, std::span<int> out, CandleSettingType second_body);

// CDLHAMMER and CDLHANGINGMAN: the same candle shape, the hammer with its body near the prior
// low (returns +100), the hanging man near the prior high (returns -100). Defined in
// cdl_hammer.cc; writes out as a PatternKernel does.
// Rule 3 of both hikkake patterns, after their setups are in o[first..n): follows each setup
// over the next three bars and writes +200 / -200 on the bar whose close confirms it (at most
// once; a new setup replaces it). setup_at(k) gives the setup at bar k, also for the three
// bars before `first`, which are scanned but not written. A bar k > j that the scan reads
// holds 0 or a setup (a confirmation is written only on a bar no later setup's scan reaches).
template <typename SetupAt>
void ConfirmHikkake(int* o, std::size_t first, std::size_t n, const double* high,
                    const double* low, const double* close, SetupAt setup_at) {
  for (std::size_t j = first - 3; j + 1 < n; ++j) {
    const int setup = setup_at(j);
    if (setup != 100 && setup != -100) continue;  // none, or a confirmation written below
    for (std::size_t k = j + 1; k <= j + 3 && k < n; ++k) {
      if (setup_at(k) != 0) break;  // a new setup replaces this one
      if (setup > 0 ? close[k] > high[j - 1] : close[k] < low[j - 1]) {
        if (k >= first) o[k] = 2 * setup;
        break;
      }
    }
  }
}

int HammerShapeLookback(const CandleSettings& s);
void HammerShape(patterns_detail::CandleFrame& f, std::span<int> out, bool near_prior_high);

}  // namespace group2_detail
}  // namespace qat::ta
