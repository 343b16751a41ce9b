// What the pattern kernels share (private to the library): the checked size of a bar view,
// the period of a candle setting, the penetration check, and the rules two patterns have in
// common (CDLHARAMI/CDLHARAMICROSS, CDLHAMMER/CDLHANGINGMAN, the two hikkake patterns).
//
// The preconditions are programmer errors, not bad input, and are checked in every build
// (QAT_CHECK): the four columns of a view have the same length, every candle setting's
// avg_period is >= 0, a penetration is in [0, 3e37] (TA-Lib's accepted range).
#pragma once

#include <cstddef>
#include <span>

#include "qat/core/check.h"
#include "qat/ta/candle.h"
#include "ta/patterns/candle_frame.h"

namespace qat::ta::kernels {

// The avg_period of one setting.
inline int Period(const CandleSettings& s, CandleSettingType t) { return s[t].avg_period; }

// The number of bars, after checking that the four columns have the same length.
inline std::size_t CheckedSize(const OhlcView& bars) {
  QAT_CHECK(bars.open.size() == bars.close.size() && bars.high.size() == bars.close.size() &&
            bars.low.size() == bars.close.size());
  return bars.size();
}

// The same, also checking every candle setting's period.
inline std::size_t CheckedSize(const OhlcView& bars, const CandleSettings& settings) {
  for (const CandleSetting& s : settings.table) QAT_CHECK(s.avg_period >= 0);
  return CheckedSize(bars);
}

inline bool ValidPenetration(double penetration) { return penetration >= 0.0 && penetration <= 3e37; }
inline void CheckPenetration(double penetration) { QAT_CHECK(ValidPenetration(penetration)); }

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

}  // namespace qat::ta::kernels
