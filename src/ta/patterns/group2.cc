#include "ta/patterns/group2.h"

#include "ta/patterns/groups.h"

namespace qat::ta {
namespace {

// The registry's signature has no penetration; this uses TA-Lib's default.
std::vector<int> EveningStarDefault(const OhlcView& bars, const CandleSettings& settings) {
  return CDLEVENINGSTAR(bars, settings, kEveningStarPenetration);
}

}  // namespace

void AddPatternGroup2(std::vector<PatternSpec>& out) {
  out.push_back({"CDLEVENINGSTAR", &EveningStarDefault, &CDLEVENINGSTARLookback, CDLEVENINGSTARKernel});
  out.push_back({"CDLGAPSIDESIDEWHITE", &CDLGAPSIDESIDEWHITE, &CDLGAPSIDESIDEWHITELookback, CDLGAPSIDESIDEWHITEKernel});
  out.push_back({"CDLGRAVESTONEDOJI", &CDLGRAVESTONEDOJI, &CDLGRAVESTONEDOJILookback, CDLGRAVESTONEDOJIKernel});
  out.push_back({"CDLHAMMER", &CDLHAMMER, &CDLHAMMERLookback, CDLHAMMERKernel});
  out.push_back({"CDLHANGINGMAN", &CDLHANGINGMAN, &CDLHANGINGMANLookback, CDLHANGINGMANKernel});
  out.push_back({"CDLHARAMI", &CDLHARAMI, &CDLHARAMILookback, CDLHARAMIKernel});
  out.push_back({"CDLHARAMICROSS", &CDLHARAMICROSS, &CDLHARAMICROSSLookback, CDLHARAMICROSSKernel});
  out.push_back({"CDLHIGHWAVE", &CDLHIGHWAVE, &CDLHIGHWAVELookback, CDLHIGHWAVEKernel});
  out.push_back({"CDLHIKKAKE", &CDLHIKKAKE, &CDLHIKKAKELookback, CDLHIKKAKEKernel});
  out.push_back({"CDLHIKKAKEMOD", &CDLHIKKAKEMOD, &CDLHIKKAKEMODLookback, CDLHIKKAKEMODKernel});
  out.push_back({"CDLHOMINGPIGEON", &CDLHOMINGPIGEON, &CDLHOMINGPIGEONLookback, CDLHOMINGPIGEONKernel});
  out.push_back({"CDLIDENTICAL3CROWS", &CDLIDENTICAL3CROWS, &CDLIDENTICAL3CROWSLookback, CDLIDENTICAL3CROWSKernel});
  out.push_back({"CDLINNECK", &CDLINNECK, &CDLINNECKLookback, CDLINNECKKernel});
  out.push_back({"CDLINVERTEDHAMMER", &CDLINVERTEDHAMMER, &CDLINVERTEDHAMMERLookback, CDLINVERTEDHAMMERKernel});
  out.push_back({"CDLKICKING", &CDLKICKING, &CDLKICKINGLookback, CDLKICKINGKernel});
  out.push_back({"CDLKICKINGBYLENGTH", &CDLKICKINGBYLENGTH, &CDLKICKINGBYLENGTHLookback, CDLKICKINGBYLENGTHKernel});
  out.push_back({"CDLLADDERBOTTOM", &CDLLADDERBOTTOM, &CDLLADDERBOTTOMLookback, CDLLADDERBOTTOMKernel});
  out.push_back({"CDLLONGLEGGEDDOJI", &CDLLONGLEGGEDDOJI, &CDLLONGLEGGEDDOJILookback, CDLLONGLEGGEDDOJIKernel});
  out.push_back({"CDLLONGLINE", &CDLLONGLINE, &CDLLONGLINELookback, CDLLONGLINEKernel});
  out.push_back({"CDLMARUBOZU", &CDLMARUBOZU, &CDLMARUBOZULookback, CDLMARUBOZUKernel});
}

}  // namespace qat::ta
