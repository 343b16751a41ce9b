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
      {"CDLSHORTLINE", CDLSHORTLINE, CDLSHORTLINELookback},
      {"CDLSPINNINGTOP", CDLSPINNINGTOP, CDLSPINNINGTOPLookback},
      {"CDLSTALLEDPATTERN", CDLSTALLEDPATTERN, CDLSTALLEDPATTERNLookback},
      {"CDLSTICKSANDWICH", CDLSTICKSANDWICH, CDLSTICKSANDWICHLookback},
      {"CDLTAKURI", CDLTAKURI, CDLTAKURILookback},
      {"CDLTASUKIGAP", CDLTASUKIGAP, CDLTASUKIGAPLookback},
      {"CDLTHRUSTING", CDLTHRUSTING, CDLTHRUSTINGLookback},
      {"CDLTRISTAR", CDLTRISTAR, CDLTRISTARLookback},
      {"CDLUNIQUE3RIVER", CDLUNIQUE3RIVER, CDLUNIQUE3RIVERLookback},
      {"CDLUPSIDEGAP2CROWS", CDLUPSIDEGAP2CROWS, CDLUPSIDEGAP2CROWSLookback},
      {"CDLXSIDEGAP3METHODS", CDLXSIDEGAP3METHODS, CDLXSIDEGAP3METHODSLookback},
  };
  out.insert(out.end(), std::begin(specs), std::end(specs));
}

}  // namespace qat::ta
