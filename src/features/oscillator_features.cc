// Indicator levels (TA-Lib-identical), their percentile ranks over the last 252 bars, and
// their first and second differences.
#include "features/column_math.h"
#include "features/cached_columns.h"
#include "qat/features/regimes.h"

namespace qat::features {

void AddOscillatorFeatures(std::vector<FeatureDef>& out) {
  out.push_back(MakeDef("rsi_14_percentile", "Percentile rank of rsi_14 among its last 252 values, in (0, 1]",
                        "close", PercentileLookback(kRsi14Lookback), [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* rsi, CachedRsi14(in));
                          return RollingPercentileRank(*rsi, kPercentileWindow);
                        }));
  out.push_back(MakeDef("rsi_momentum", "rsi_14[t] - rsi_14[t-1] (first difference)", "close", kRsi14Lookback + 1,
                        [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* rsi, CachedRsi14(in));
                          return Diff(*rsi, 1);
                        }));
  out.push_back(MakeDef("rsi_acceleration", "Second difference of rsi_14: rsi_momentum[t] - rsi_momentum[t-1]",
                        "close", kRsi14Lookback + 2, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* rsi, CachedRsi14(in));
                          return Diff(Diff(*rsi, 1), 1);
                        }));
  out.push_back(MakeDef("macd_hist_momentum", "macd_hist_pct[t] - macd_hist_pct[t-1]", "close", kMacdLookback + 1,
                        [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* hist, CachedMacdHistPct(in));
                          return Diff(*hist, 1);
                        }));
  out.push_back(MakeDef("macd_hist_percentile", "Percentile rank of macd_hist_pct among its last 252 values",
                        "close", PercentileLookback(kMacdLookback), [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* hist, CachedMacdHistPct(in));
                          return RollingPercentileRank(*hist, kPercentileWindow);
                        }));
  out.push_back(MakeDef("adx_14", "ADX(14): trend strength regardless of direction (TA-Lib)", "high,low,close",
                        kAdx14Lookback, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* adx, CachedAdx14(in));
                          return *adx;
                        }));
  out.push_back(MakeDef("adx_14_percentile", "Percentile rank of adx_14 among its last 252 values",
                        "high,low,close", PercentileLookback(kAdx14Lookback), [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* adx, CachedAdx14(in));
                          return RollingPercentileRank(*adx, kPercentileWindow);
                        }));
  out.push_back(MakeDef("di_diff_14", "PLUS_DI(14) - MINUS_DI(14): trend direction (TA-Lib)", "high,low,close",
                        14, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          QAT_ASSIGN_OR_RETURN(auto plus, ta::PLUS_DI(b.high, b.low, b.close, 14));
                          QAT_ASSIGN_OR_RETURN(auto minus, ta::MINUS_DI(b.high, b.low, b.close, 14));
                          return Minus(plus, minus);
                        }));
  out.push_back(MakeDef("cci_20", "CCI(20) on the typical price (TA-Lib)", "high,low,close", 19,
                        [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return ta::CCI(b.high, b.low, b.close, 20);
                        }));
  out.push_back(MakeDef("willr_14", "Williams %R(14), in [-100, 0] (TA-Lib)", "high,low,close", 13,
                        [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return ta::WILLR(b.high, b.low, b.close, 14);
                        }));
  out.push_back(MakeDef("mfi_14", "Money flow index(14): volume-weighted RSI (TA-Lib)", "high,low,close,volume",
                        14, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return ta::MFI(b.high, b.low, b.close, b.volume, 14);
                        }));
  const int stoch_lookback = ta::STOCHLookback(14, 3, ta::MaType::kSma, 3, ta::MaType::kSma);
  out.push_back(MakeDef("stoch_k_14", "Slow stochastic %K(14, 3) (TA-Lib STOCH)", "high,low,close", stoch_lookback,
                        [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          QAT_ASSIGN_OR_RETURN(auto s, ta::STOCH(b.high, b.low, b.close, 14, 3, ta::MaType::kSma, 3,
                                                                 ta::MaType::kSma));
                          return s.slowk;
                        }));
  out.push_back(MakeDef("stoch_d_14", "Slow stochastic %D(14, 3, 3) (TA-Lib STOCH)", "high,low,close",
                        stoch_lookback, [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          QAT_ASSIGN_OR_RETURN(auto s, ta::STOCH(b.high, b.low, b.close, 14, 3, ta::MaType::kSma, 3,
                                                                 ta::MaType::kSma));
                          return s.slowd;
                        }));
  out.push_back(MakeDef("aroonosc_25", "Aroon oscillator(25), in [-100, 100] (TA-Lib)", "high,low", 25,
                        [](FeatureInputs& in) -> Column {
                          const auto& b = in.bars();
                          return ta::AROONOSC(b.high, b.low, 25);
                        }));
}

}  // namespace qat::features
