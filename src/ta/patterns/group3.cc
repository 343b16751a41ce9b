#include "ta/patterns/group3.h"

#include <iterator>

#include "ta/patterns/groups.h"

namespace qat::ta {

void AddPatternGroup3(std::vector<PatternSpec>& out) {
  // The three patterns that take a penetration are registered with TA-Lib's default.
  const PatternSpec specs[] = {
      {"CDLMATCHINGLOW", CDLMATCHINGLOW, CDLMATCHINGLOWLookback},
      {"CDLMATHOLD",
       [](const OhlcView& b, const CandleSettings& s) { return CDLMATHOLD(b, s); },
       CDLMATHOLDLookback},
      {"CDLMORNINGDOJISTAR",
       [](const OhlcView& b, const CandleSettings& s) { return CDLMORNINGDOJISTAR(b, s); },
       CDLMORNINGDOJISTARLookback},
      {"CDLMORNINGSTAR",
       [](const OhlcView& b, const CandleSettings& s) { return CDLMORNINGSTAR(b, s); },
       CDLMORNINGSTARLookback},
      {"CDLONNECK", CDLONNECK, CDLONNECKLookback},
      {"CDLPIERCING", CDLPIERCING, CDLPIERCINGLookback},
      {"CDLRICKSHAWMAN", CDLRICKSHAWMAN, CDLRICKSHAWMANLookback},
      {"CDLRISEFALL3METHODS", CDLRISEFALL3METHODS, CDLRISEFALL3METHODSLookback},
      {"CDLSEPARATINGLINES", CDLSEPARATINGLINES, CDLSEPARATINGLINESLookback},
      {"CDLSHOOTINGSTAR", CDLSHOOTINGSTAR, CDLSHOOTINGSTARLookback},
      {"CDLSHORTLINE", CDLSHORTLINE, CDLSHORTLINELookback, CDLSHORTLINEKernel},
      {"CDLSPINNINGTOP", CDLSPINNINGTOP, CDLSPINNINGTOPLookback, CDLSPINNINGTOPKernel},
      {"CDLSTALLEDPATTERN", CDLSTALLEDPATTERN, CDLSTALLEDPATTERNLookback, CDLSTALLEDPATTERNKernel},
      {"CDLSTICKSANDWICH", CDLSTICKSANDWICH, CDLSTICKSANDWICHLookback, CDLSTICKSANDWICHKernel},
      {"CDLTAKURI", CDLTAKURI, CDLTAKURILookback, CDLTAKURIKernel},
      {"CDLTASUKIGAP", CDLTASUKIGAP, CDLTASUKIGAPLookback, CDLTASUKIGAPKernel},
      {"CDLTHRUSTING", CDLTHRUSTING, CDLTHRUSTINGLookback, CDLTHRUSTINGKernel},
      {"CDLTRISTAR", CDLTRISTAR, CDLTRISTARLookback, CDLTRISTARKernel},
      {"CDLUNIQUE3RIVER", CDLUNIQUE3RIVER, CDLUNIQUE3RIVERLookback, CDLUNIQUE3RIVERKernel},
      {"CDLUPSIDEGAP2CROWS", CDLUPSIDEGAP2CROWS, CDLUPSIDEGAP2CROWSLookback, CDLUPSIDEGAP2CROWSKernel},
      {"CDLXSIDEGAP3METHODS", CDLXSIDEGAP3METHODS, CDLXSIDEGAP3METHODSLookback, CDLXSIDEGAP3METHODSKernel},
  };
  out.insert(out.end(), std::begin(specs), std::end(specs));
}

}  // namespace qat::ta
