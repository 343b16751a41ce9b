// Candlestick patterns as features: TA-Lib's output / 100 (so +-1, +-0.8, +-2). The lookback
// is the pattern's own (TA-Lib's warm-up with the default candle settings): NaN before it.
#include "features/column_math.h"
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
                   [pattern](FeatureInputs& in) -> Result<std::vector<double>> {
                     const ta::PatternSpec* spec = ta::FindPattern(pattern);
                     if (spec == nullptr) return Fail("pattern {} is not available", pattern);
                     const auto& b = in.bars();
                     ta::OhlcView view{b.open, b.high, b.low, b.close};
                     std::vector<int> values = spec->compute(view, ta::DefaultCandleSettings());
                     std::vector<double> col(values.size(), kNaN);
                     const std::size_t lookback = static_cast<std::size_t>(spec->lookback(ta::DefaultCandleSettings()));
                     for (std::size_t t = lookback; t < values.size(); ++t) col[t] = values[t] / 100.0;
                     return col;
                   }));
  }
}

}  // namespace qat::features
