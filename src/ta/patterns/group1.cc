#include "ta/patterns/group1.h"
#include "ta/patterns/groups.h"

namespace qat::ta {

void AddPatternGroup1(std::vector<PatternSpec>& out) {
  // The three patterns with a penetration are registered with TA-Lib's default (the default
  // argument of each function); a captureless lambda gives the two-argument signature.
  out.insert(out.end(), {
      {"CDL2CROWS", CDL2CROWS, CDL2CROWSLookback},
      {"CDL3BLACKCROWS", CDL3BLACKCROWS, CDL3BLACKCROWSLookback, CDL3BLACKCROWSKernel},
      {"CDL3INSIDE", CDL3INSIDE, CDL3INSIDELookback},
      {"CDL3LINESTRIKE", CDL3LINESTRIKE, CDL3LINESTRIKELookback},
      {"CDL3OUTSIDE", CDL3OUTSIDE, CDL3OUTSIDELookback},
      {"CDL3STARSINSOUTH", CDL3STARSINSOUTH, CDL3STARSINSOUTHLookback},
      {"CDL3WHITESOLDIERS", CDL3WHITESOLDIERS, CDL3WHITESOLDIERSLookback},
      {"CDLABANDONEDBABY",
       [](const OhlcView& bars, const CandleSettings& settings) {
         return CDLABANDONEDBABY(bars, settings);
       },
       CDLABANDONEDBABYLookback},
      {"CDLADVANCEBLOCK", CDLADVANCEBLOCK, CDLADVANCEBLOCKLookback},
      {"CDLBELTHOLD", CDLBELTHOLD, CDLBELTHOLDLookback},
      {"CDLBREAKAWAY", CDLBREAKAWAY, CDLBREAKAWAYLookback},
      {"CDLCLOSINGMARUBOZU", CDLCLOSINGMARUBOZU, CDLCLOSINGMARUBOZULookback},
      {"CDLCONCEALBABYSWALL", CDLCONCEALBABYSWALL, CDLCONCEALBABYSWALLLookback},
      {"CDLCOUNTERATTACK", CDLCOUNTERATTACK, CDLCOUNTERATTACKLookback},
      {"CDLDARKCLOUDCOVER",
       [](const OhlcView& bars, const CandleSettings& settings) {
         return CDLDARKCLOUDCOVER(bars, settings);
       },
       CDLDARKCLOUDCOVERLookback},
      {"CDLDOJI", CDLDOJI, CDLDOJILookback},
      {"CDLDOJISTAR", CDLDOJISTAR, CDLDOJISTARLookback},
      {"CDLDRAGONFLYDOJI", CDLDRAGONFLYDOJI, CDLDRAGONFLYDOJILookback},
      {"CDLENGULFING", CDLENGULFING, CDLENGULFINGLookback},
      {"CDLEVENINGDOJISTAR",
       [](const OhlcView& bars, const CandleSettings& settings) {
         return CDLEVENINGDOJISTAR(bars, settings);
       },
       CDLEVENINGDOJISTARLookback},
  });
}

}  // namespace qat::ta
