#include <algorithm>

#include "qat/core/strings.h"
#include "qat/ta/patterns.h"
#include "ta/patterns/candle_frame.h"
#include "ta/patterns/pattern_table.h"

namespace qat::ta {

const std::vector<PatternSpec>& AllPatterns() {
  static const std::vector<PatternSpec> kAll = [] {
    std::vector<PatternSpec> all = PatternTable();
    std::sort(all.begin(), all.end(),
              [](const PatternSpec& a, const PatternSpec& b) { return a.name < b.name; });
    return all;
  }();
  return kAll;
}

const PatternSpec* FindPattern(std::string_view name) {
  std::string upper = ToUpper(name);
  for (const PatternSpec& spec : AllPatterns()) {
    if (spec.name == upper) return &spec;
  }
  return nullptr;
}

Result<std::vector<std::vector<int>>> ComputePatterns(const OhlcView& bars,
                                                      const CandleSettings& settings,
                                                      std::span<const std::string_view> names) {
  const std::size_t n = bars.size();
  if (bars.open.size() != n || bars.high.size() != n || bars.low.size() != n) {
    return Fail("patterns: OHLC columns differ in length (open {}, high {}, low {}, close {})",
                bars.open.size(), bars.high.size(), bars.low.size(), n);
  }
  std::vector<const PatternSpec*> specs;
  if (names.empty()) {
    for (const PatternSpec& spec : AllPatterns()) specs.push_back(&spec);
  } else {
    specs.reserve(names.size());
    for (std::string_view name : names) {
      const PatternSpec* spec = FindPattern(name);
      if (spec == nullptr) return Fail("patterns: unknown candlestick pattern '{}'", name);
      specs.push_back(spec);
    }
  }
  std::vector<std::vector<int>> columns(specs.size(), std::vector<int>(n, 0));
  if (n == 0) return columns;
  patterns_detail::CandleFrame frame(bars, settings);
  for (std::size_t k = 0; k < specs.size(); ++k) {
    specs[k]->kernel(frame, columns[k]);
  }
  return columns;
}

}  // namespace qat::ta
