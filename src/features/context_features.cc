// Cross-asset context: the market (SPY) and the VIX, joined on availability.
#include "features/common.h"
#include "features/registry.h"

namespace qat::features {
namespace {

using Column = Result<std::vector<double>>;

std::vector<double> AllNaN(std::size_t n) { return std::vector<double>(n, kNaN); }

}  // namespace

void AddContextFeatures(std::vector<FeatureDef>& out) {
  out.push_back(MakeDef("vix_level", "VIX close known at the bar", "^VIX close", 0,
                 [](FeatureInputs& in) -> Column {
                   const auto* vix = in.context().vix;
                   if (vix == nullptr) return AllNaN(in.size());
                   return JoinOnAvailability(in.bars(), *vix, vix->close);
                 }));
  out.push_back(MakeDef("rel_strength_spy_21", "21-bar return minus the market's 21-bar return",
                  "adj_close; SPY adj_close", 21,
                 [](FeatureInputs& in) -> Column {
                   const auto* market = in.context().market;
                   if (market == nullptr) return AllNaN(in.size());
                   auto own = PctChange(in.bars().adj_close, 21);
                   auto theirs = JoinOnAvailability(in.bars(), *market, PctChange(market->adj_close, 21));
                   for (std::size_t t = 0; t < own.size(); ++t) own[t] -= theirs[t];
                   return own;
                 }));
}

}  // namespace qat::features
