// Regimes as features, from qat/features/regimes.h (the definitions live there, once).
// The symbol's own regimes are one-hot (1 in the active regime's column, 0 in the others,
// NaN in all while UNKNOWN); the market's (SPY's, when a market is given) are coded:
// trend +1 BULL, 0 SIDEWAYS, -1 BEAR; volatility +1 HIGH, 0 NORMAL, -1 LOW.
#include "features/column_math.h"
#include "features/cached_columns.h"
#include "qat/features/regimes.h"

namespace qat::features {
namespace {

// Trend regime lookback: SMA(200) of close. Volatility regime: 21 returns, then 252 ranks.
constexpr int kTrendLookback = 199;
constexpr int kVolRegimeLookback = 21 + kPercentileWindow - 1;

template <typename Regime>
std::vector<double> OneHot(const std::vector<Regime>& regimes, Regime active) {
  std::vector<double> out(regimes.size(), kNaN);
  for (std::size_t t = 0; t < regimes.size(); ++t) {
    if (regimes[t] != Regime::kUnknown) out[t] = regimes[t] == active ? 1.0 : 0.0;
  }
  return out;
}

double VolCode(VolRegime r) {
  switch (r) {
    case VolRegime::kHigh: return 1.0;
    case VolRegime::kLow: return -1.0;
    case VolRegime::kNormal: return 0.0;
    case VolRegime::kUnknown: break;
  }
  return kNaN;
}

}  // namespace

CachedColumn CachedMarketTrendCode(FeatureInputs& in) {
  return CachedMarketJoined(in, "trend_regime", [](const data::BarSeries& m) {
    std::vector<double> x;
    for (auto r : TrendRegimes(m.close)) x.push_back(TrendRegimeCode(r));
    return x;
  });
}

CachedColumn CachedMarketVolCode(FeatureInputs& in) {
  return CachedMarketJoined(in, "vol_regime", [](const data::BarSeries& m) {
    std::vector<double> x;
    for (auto r : VolRegimes(m.adj_close)) x.push_back(VolCode(r));
    return x;
  });
}

void AddRegimeFeatures(std::vector<FeatureDef>& out) {
  // The lambdas copy `regime` by an init-capture: clang before 16 (the fuzz preset's clang 14)
  // cannot capture a structured binding by name.
  const std::pair<const char*, TrendRegime> trends[] = {
      {"bull", TrendRegime::kBull}, {"bear", TrendRegime::kBear}, {"sideways", TrendRegime::kSideways}};
  for (const auto& [suffix, regime] : trends) {
    out.push_back(MakeDef(std::string("trend_regime_") + suffix,
                          "1 when the symbol's trend regime is " + std::string(TrendRegimeName(regime)) +
                              " (close vs SMA(200), SMA(50) vs SMA(200)), else 0",
                          "close", kTrendLookback, [r = regime](FeatureInputs& in) -> Column {
                            return OneHot(TrendRegimes(in.bars().close), r);
                          }));
  }
  const std::pair<const char*, VolRegime> vols[] = {
      {"high", VolRegime::kHigh}, {"normal", VolRegime::kNormal}, {"low", VolRegime::kLow}};
  for (const auto& [suffix, regime] : vols) {
    out.push_back(MakeDef(std::string("vol_regime_") + suffix,
                          "1 when the symbol's volatility regime is " + std::string(VolRegimeName(regime)) +
                              " (realized_vol_21 percentile >= 0.8 HIGH, <= 0.2 LOW), else 0",
                          "adj_close", kVolRegimeLookback, [r = regime](FeatureInputs& in) -> Column {
                            return OneHot(VolRegimes(in.bars().adj_close), r);
                          }));
  }
  out.push_back(MakeDef("market_trend_regime",
                        "The market's (SPY's) trend regime on its own bars: +1 BULL, 0 SIDEWAYS, -1 BEAR",
                        "SPY close", 0, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* code, CachedMarketTrendCode(in));
                          return *code;
                        }));
  out.push_back(MakeDef("market_vol_regime",
                        "The market's (SPY's) volatility regime on its own bars: +1 HIGH, 0 NORMAL, -1 LOW",
                        "SPY adj_close", 0, [](FeatureInputs& in) -> Column {
                          QAT_ASSIGN_OR_RETURN(const auto* code, CachedMarketVolCode(in));
                          return *code;
                        }));
}

}  // namespace qat::features
