#include "qat/app/features.h"

#include <optional>

#include "qat/store/actions.h"

namespace qat::app {

Result<StoredFeatures> ComputeStoredFeatures(store::Database& db, const StoredFeaturesRequest& r) {
  StoredFeatures out;
  QAT_ASSIGN_OR_RETURN(out.bars, store::LoadAdjustedDaily(db, r.symbol));
  std::optional<data::BarSeries> market, vix;
  auto context = [&](const std::string& given, const char* fallback, std::optional<data::BarSeries>& series) -> Status {
    const std::string name = given.empty() ? fallback : given;
    auto bars = store::LoadAdjustedDaily(db, name);
    if (bars.ok()) {
      series = std::move(*bars);
    } else if (given.empty() && bars.error().code == ErrorCode::kNotFound) {
      out.missing_context.push_back(name);
    } else {
      return bars.error();
    }
    return Ok();
  };
  QAT_RETURN_IF_ERROR(context(r.market, "SPY", market));
  QAT_RETURN_IF_ERROR(context(r.vix, "^VIX", vix));
  QAT_ASSIGN_OR_RETURN(out.frame, features::ComputeFeatures(out.bars, {market ? &*market : nullptr, vix ? &*vix : nullptr}));
  return out;
}

}  // namespace qat::app
