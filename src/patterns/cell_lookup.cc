#include "qat/patterns/cell_lookup.h"

#include <utility>
#include <vector>

#include <fmt/format.h>

namespace qat::patterns {
namespace {

std::string KeyText(std::string_view pattern, std::string_view direction, std::string_view timeframe, int horizon,
                    std::string_view regime, std::string_view vol) {
  return fmt::format("{}|{}|{}|{}|{}|{}", pattern, direction, timeframe, horizon, regime, vol);
}

}  // namespace

CellIndex::CellIndex(std::span<const CellStats> cells) : cells_(cells) {
  by_key_.reserve(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto& c = cells[i];
    by_key_.emplace(KeyText(c.pattern, c.direction, c.timeframe, c.horizon, c.regime, c.vol_regime), i);
  }
}

const CellStats* CellIndex::Find(const CellKey& k) const {
  auto it = by_key_.find(KeyText(k.pattern, k.direction, k.timeframe, k.horizon, k.regime, k.vol_regime));
  return it == by_key_.end() ? nullptr : &cells_[it->second];
}

CellChoice ChooseCell(const CellIndex& index, const CellKey& key, int min_n) {
  std::vector<std::pair<std::string, std::string>> chain = {{key.regime, key.vol_regime}};
  if (key.vol_regime != kAll) chain.emplace_back(key.regime, std::string(kAll));
  if (key.regime != kAll) chain.emplace_back(std::string(kAll), std::string(kAll));
  CellChoice choice;
  CellKey k = key;
  for (const auto& [regime, vol] : chain) {
    k.regime = regime;
    k.vol_regime = vol;
    const CellStats* c = index.Find(k);
    if (c != nullptr && c->n >= min_n) {
      choice.cell = c;
      choice.exact = regime == key.regime && vol == key.vol_regime;
      return choice;
    }
    choice.fallback_reason += fmt::format("{}{}/{} has n={} < {}", choice.fallback_reason.empty() ? "" : "; ",
                                          regime, vol, c ? c->n : 0, min_n);
  }
  // Nothing large enough: the broadest cell that exists, marked as such.
  k.regime = std::string(kAll);
  k.vol_regime = std::string(kAll);
  choice.cell = index.Find(k);
  choice.below_min_n = choice.cell != nullptr;
  choice.exact = choice.cell != nullptr && key.regime == kAll && key.vol_regime == kAll;
  return choice;
}

}  // namespace qat::patterns
