#include "features/cached_columns.h"

#include <cmath>

#include "features/column_math.h"
#include "qat/features/regimes.h"
#include "qat/ta/patterns.h"

namespace qat::features {

CachedColumn CachedRsi14(FeatureInputs& in) {
  return in.Cached("rsi_14", [&] { return ta::RSI(in.bars().close, 14); });
}

CachedColumn CachedAtr14(FeatureInputs& in) {
  return in.Cached("atr_14", [&] {
    const auto& b = in.bars();
    return ta::ATR(b.high, b.low, b.close, 14);
  });
}

CachedColumn CachedAtr14Pct(FeatureInputs& in) {
  return in.Cached("atr_14_pct", [&]() -> Column {
    QAT_ASSIGN_OR_RETURN(const auto* atr, CachedAtr14(in));
    return Ratio(*atr, in.bars().close);
  });
}

CachedColumn CachedLogReturns(FeatureInputs& in) {
  return in.Cached("log_ret", [&]() -> Column { return LogReturns(in.bars().adj_close); });
}

CachedColumn CachedRealizedVol(FeatureInputs& in, int window) {
  return in.Cached("realized_vol_" + std::to_string(window), [&, window]() -> Column {
    QAT_ASSIGN_OR_RETURN(const auto* r, CachedLogReturns(in));
    auto vol = RollingStd(*r, window);
    for (double& v : vol) v *= std::sqrt(252.0);
    return vol;
  });
}

CachedColumn CachedVolumeRatio20(FeatureInputs& in) {
  return in.Cached("volume_ratio_20", [&]() -> Column {
    QAT_ASSIGN_OR_RETURN(auto avg, ta::SMA(in.bars().volume, 20));
    return Ratio(in.bars().volume, avg);
  });
}

CachedColumn CachedMacdHistPct(FeatureInputs& in) {
  return in.Cached("macd_hist_pct", [&]() -> Column {
    QAT_ASSIGN_OR_RETURN(auto macd, ta::MACD(in.bars().close, 12, 26, 9));
    return Ratio(macd.hist, in.bars().close);
  });
}

CachedColumn CachedAdx14(FeatureInputs& in) {
  return in.Cached("adx_14", [&] {
    const auto& b = in.bars();
    return ta::ADX(b.high, b.low, b.close, 14);
  });
}

CachedColumn CachedGap(FeatureInputs& in) {
  return in.Cached("gap", [&]() -> Column {
    const auto& b = in.bars();
    std::vector<double> out(b.size(), kNaN);
    for (std::size_t t = 1; t < b.size(); ++t) {
      if (b.close[t - 1] != 0) out[t] = b.open[t] / b.close[t - 1] - 1.0;
    }
    return out;
  });
}

Column PatternColumn(FeatureInputs& in, const std::string& pattern) {
  const ta::PatternSpec* spec = ta::FindPattern(pattern);
  if (spec == nullptr) return Fail("pattern {} is not available", pattern);
  const auto& b = in.bars();
  ta::OhlcView view{b.open, b.high, b.low, b.close};
  std::vector<int> values = spec->compute(view, ta::DefaultCandleSettings());
  std::vector<double> col(values.size(), kNaN);
  const std::size_t lookback = static_cast<std::size_t>(spec->lookback(ta::DefaultCandleSettings()));
  for (std::size_t t = lookback; t < values.size(); ++t) col[t] = values[t] / 100.0;
  return col;
}

CachedColumn CachedEngulfing(FeatureInputs& in) {
  return in.Cached("cdl_engulfing", [&]() -> Column { return PatternColumn(in, "CDLENGULFING"); });
}

CachedColumn CachedVixPercentile(FeatureInputs& in) {
  return in.Cached("vix_percentile", [&]() -> Column {
    const auto* vix = in.context().vix;
    if (vix == nullptr) return std::vector<double>(in.size(), kNaN);
    auto rank = [&] { return RollingPercentileRank(vix->close, kPercentileWindow); };
    auto* shared = in.context().cache;
    return JoinOnAvailability(in.bars(), *vix, shared ? shared->Get("vix_percentile", rank) : rank(),
                              in.context().max_age_days);
  });
}

CachedColumn CachedMarketJoined(FeatureInputs& in, const std::string& key,
                                const std::function<std::vector<double>(const data::BarSeries&)>& make) {
  return in.Cached("market:" + key, [&]() -> Column {
    const auto* market = in.context().market;
    if (market == nullptr) return std::vector<double>(in.size(), kNaN);
    auto column = [&] { return make(*market); };
    auto* shared = in.context().cache;
    return JoinOnAvailability(in.bars(), *market, shared ? shared->Get("market:" + key, column) : column(),
                              in.context().max_age_days);
  });
}

}  // namespace qat::features
