// Candle geometry and gaps, on the raw (split-adjusted) OHLC of each bar. Ratios to the
// bar's range are NaN on a bar with high == low.
#include <algorithm>

#include "features/column_math.h"
#include "features/cached_columns.h"

namespace qat::features {
namespace {

// f(t) / (high - low) for every bar, NaN where the range is 0.
template <typename F>
std::vector<double> OverRange(const data::BarSeries& b, F f) {
  std::vector<double> out(b.size(), kNaN);
  for (std::size_t t = 0; t < b.size(); ++t) {
    const double range = b.high[t] - b.low[t];
    if (range > 0) out[t] = f(t) / range;
  }
  return out;
}

}  // namespace

void AddCandleFeatures(std::vector<FeatureDef>& out) {
  out.push_back(MakeDef("gap", "open[t] / close[t-1] - 1: the overnight gap", "open,close", 1,
                        [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* gap, CachedGap(in));
                          return *gap;
                        }));
  out.push_back(MakeDef("gap_atr", "(open[t] - close[t-1]) / ATR(14)[t-1]: the gap in units of typical range",
                        "open,high,low,close", kAtr14Lookback + 1, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          QAT_ASSIGN_OR_RETURN(const auto* atr, CachedAtr14(in));
                          std::vector<double> gap(b.size(), kNaN);
                          for (std::size_t t = 1; t < b.size(); ++t) {
                            const double prev = (*atr)[t - 1];
                            if (prev > 0) gap[t] = (b.open[t] - b.close[t - 1]) / prev;
                          }
                          return gap;
                        }));
  out.push_back(MakeDef("body_range", "(close - open) / (high - low): signed body as a share of the range",
                        "open,high,low,close", 0, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return OverRange(b, [&](std::size_t t) { return b.close[t] - b.open[t]; });
                        }));
  out.push_back(MakeDef("upper_shadow_range", "(high - max(open, close)) / (high - low)", "open,high,low,close", 0,
                        [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return OverRange(b, [&](std::size_t t) { return b.high[t] - std::max(b.open[t], b.close[t]); });
                        }));
  out.push_back(MakeDef("lower_shadow_range", "(min(open, close) - low) / (high - low)", "open,high,low,close", 0,
                        [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return OverRange(b, [&](std::size_t t) { return std::min(b.open[t], b.close[t]) - b.low[t]; });
                        }));
  out.push_back(MakeDef("close_location", "(close - low) / (high - low): 0 at the low, 1 at the high",
                        "high,low,close", 0, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return OverRange(b, [&](std::size_t t) { return b.close[t] - b.low[t]; });
                        }));
  out.push_back(MakeDef("body_atr", "(close - open) / ATR(14): signed body in units of typical range",
                        "open,high,low,close", kAtr14Lookback, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          QAT_ASSIGN_OR_RETURN(const auto* atr, CachedAtr14(in));
                          return Ratio(Minus(b.close, b.open), *atr);
                        }));
}

}  // namespace qat::features
