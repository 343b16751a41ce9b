#include "ta/patterns/group1.h"
#include "ta/patterns/groups.h"

namespace qat::ta {

void AddPatternGroup1(std::vector<PatternSpec>& out) {
  // The three patterns with a penetration are registered with TA-Lib's default (the default
  // argument of each function); a captureless lambda gives the two-argument signature.
  out.insert(out.end(), {
      {"CDL2CROWS", CDL2CROWS, CDL2CROWSLookback, CDL2CROWSKernel},
      {"CDL3BLACKCROWS", CDL3BLACKCROWS, CDL3BLACKCROWSLookback, CDL3BLACKCROWSKernel},
      {"CDL3INSIDE", CDL3INSIDE, CDL3INSIDELookback, CDL3INSIDEKernel},
      {"CDL3LINESTRIKE", CDL3LINESTRIKE, CDL3LINESTRIKELookback, CDL3LINESTRIKEKernel},
      {"CDL3OUTSIDE", CDL3OUTSIDE, CDL3OUTSIDELookback, CDL3OUTSIDEKernel},
      {"CDL3STARSINSOUTH", CDL3STARSINSOUTH, CDL3STARSINSOUTHLookback, CDL3STARSINSOUTHKernel},
      {"CDL3WHITESOLDIERS", CDL3WHITESOLDIERS, CDL3WHITESOLDIERSLookback, CDL3WHITESOLDIERSKernel},
      {"CDLABANDONEDBABY",
       [](const OhlcView& bars, const CandleSettings& settings) {
         return CDLABANDONEDBABY(bars, settings);
       },
       CDLABANDONEDBABYLookback, CDLABANDONEDBABYKernel},
      {"CDLADVANCEBLOCK", CDLADVANCEBLOCK, CDLADVANCEBLOCKLookback, CDLADVANCEBLOCKKernel},
      {"CDLBELTHOLD", CDLBELTHOLD, CDLBELTHOLDLookback, CDLBELTHOLDKernel},
      {"CDLBREAKAWAY", CDLBREAKAWAY, CDLBREAKAWAYLookback, CDLBREAKAWAYKernel},
      {"CDLCLOSINGMARUBOZU", CDLCLOSINGMARUBOZU, CDLCLOSINGMARUBOZULookback, CDLCLOSINGMARUBOZUKernel},
      {"CDLCONCEALBABYSWALL", CDLCONCEALBABYSWALL, CDLCONCEALBABYSWALLLookback, CDLCONCEALBABYSWALLKernel},
      {"CDLCOUNTERATTACK", CDLCOUNTERATTACK, CDLCOUNTERATTACKLookback, CDLCOUNTERATTACKKernel},
      {"CDLDARKCLOUDCOVER",
       [](const OhlcView& bars, const CandleSettings& settings) {
         return CDLDARKCLOUDCOVER(bars, settings);
       },
       CDLDARKCLOUDCOVERLookback, CDLDARKCLOUDCOVERKernel},
      {"CDLDOJI", CDLDOJI, CDLDOJILookback, CDLDOJIKernel},
      {"CDLDOJISTAR", CDLDOJISTAR, CDLDOJISTARLookback, CDLDOJISTARKernel},
      {"CDLDRAGONFLYDOJI", CDLDRAGONFLYDOJI, CDLDRAGONFLYDOJILookback, CDLDRAGONFLYDOJIKernel},
      {"CDLENGULFING", CDLENGULFING, CDLENGULFINGLookback, CDLENGULFINGKernel},
      {"CDLEVENINGDOJISTAR",
       [](const OhlcView& bars, const CandleSettings& settings) {
         return CDLEVENINGDOJISTAR(bars, settings);
       },
       CDLEVENINGDOJISTARLookback, CDLEVENINGDOJISTARKernel},
  });
}

}  // namespace qat::ta
