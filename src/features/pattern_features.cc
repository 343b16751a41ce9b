// Candlestick patterns as features: TA-Lib's output / 100 (so +-1, +-0.8, +-2). The lookback
// is the pattern's own (TA-Lib's warm-up with the default candle settings): NaN before it.
#include "features/cached_columns.h"
#include "features/registry.h"
#include "qat/core/strings.h"
#include "qat/ta/patterns.h"

namespace qat::features {

void AddPatternFeatures(std::vector<FeatureDef>& out) {
  for (const char* name : {"CDLENGULFING", "CDLHAMMER", "CDLDOJI"}) {
    std::string pattern = name;
    const ta::PatternSpec* found = ta::FindPattern(pattern);
    const int declared = found == nullptr ? 0 : found->lookback(ta::DefaultCandleSettings());
    out.push_back(MakeDef("cdl_" + ToLower(pattern.substr(3)), pattern + " output / 100 (TA-Lib)",
                    "open,high,low,close", declared,
                   [pattern](FeatureInputs& in) -> Result<std::vector<double>> { return PatternColumn(in, pattern); }));
  }
}

}  // namespace qat::features
