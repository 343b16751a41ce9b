#include "qat/pipeline/universe.h"

#include <algorithm>

#include "qat/store/actions.h"

namespace qat::pipeline {

std::vector<data::BarSeries> Universe::Inputs() const {
  std::vector<data::BarSeries> all = series;
  all.push_back(market);
  all.push_back(vix);
  return all;
}

Result<Universe> LoadUniverse(store::Database& db, const std::vector<std::string>& symbols,
                              const std::string& market, const std::string& vix) {
  auto load = [&](const std::string& symbol) -> Result<data::BarSeries> {
    auto bars = store::LoadAdjustedDaily(db, symbol);
    if (!bars.ok()) return bars;
    if (bars->size() == 0) return Fail("no daily bars stored for symbol '{}'", symbol);
    return bars;
  };
  if (symbols.empty()) return Fail("no symbols given");
  Universe u;
  u.data_end = INT32_MAX;
  for (const auto& symbol : symbols) {
    QAT_ASSIGN_OR_RETURN(auto bars, load(symbol));
    u.data_end = std::min(u.data_end, bars.DayAt(bars.size() - 1));
    u.series.push_back(std::move(bars));
  }
  QAT_ASSIGN_OR_RETURN(u.market, load(market));
  QAT_ASSIGN_OR_RETURN(u.vix, load(vix));
  return u;
}

}  // namespace qat::pipeline
