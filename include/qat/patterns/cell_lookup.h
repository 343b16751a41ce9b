// Finding a pattern's cell among computed cells, with the fallback chain every reader uses:
// the exact context (regime, vol regime) if it holds at least min_n events, else
// (regime, ALL), else (ALL, ALL); when none is large enough, the broadest cell that exists,
// marked below_min_n.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "qat/patterns/pattern_stats.h"

namespace qat::patterns {

struct CellKey {
  std::string pattern;    // TA-Lib name, upper case
  std::string direction;  // "bullish" / "bearish"
  std::string timeframe;  // "1d"
  int horizon = 0;
  std::string regime = std::string(kAll), vol_regime = std::string(kAll);
};

// A hash index over cells that outlive it (the cells are not copied).
class CellIndex {
 public:
  explicit CellIndex(std::span<const CellStats> cells);
  // The cell with exactly this key, or nullptr.
  const CellStats* Find(const CellKey& key) const;

 private:
  std::span<const CellStats> cells_;
  std::unordered_map<std::string, std::size_t> by_key_;
};

struct CellChoice {
  const CellStats* cell = nullptr;  // nullptr: the pattern has no events at all for this key
  bool exact = false;               // the asked (regime, vol regime)
  bool below_min_n = false;         // no cell of the chain holds min_n events
  std::string fallback_reason;      // "BULL/HIGH has n=3 < 30; ..." ("" when exact)
};

// The chain described above for `key` (its regime and vol regime are the asked context).
CellChoice ChooseCell(const CellIndex& index, const CellKey& key, int min_n);

}  // namespace qat::patterns
