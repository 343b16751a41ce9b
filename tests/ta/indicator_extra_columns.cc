#include "ta/indicator_extra_columns.h"

#include <utility>

namespace qat::testing {
namespace {

using ta::MaType;
using ta::Series;

// Picks one member of a multi-output result.
template <typename R, typename M>
Result<Series> Pick(Result<R> r, M member) {
  if (!r.ok()) return r.error();
  return std::move(r.value().*member);
}

}  // namespace

const std::map<std::string, ExtraColumnFn>& ExtraIndicatorColumns() {
  using C = const GoldenCase&;
  static const std::map<std::string, ExtraColumnFn> kColumns = {
      {"WMA", [](C c) { return ta::WMA(c.close, 30); }},
      {"DEMA", [](C c) { return ta::DEMA(c.close, 30); }},
      {"TEMA", [](C c) { return ta::TEMA(c.close, 30); }},
      {"ADXR", [](C c) { return ta::ADXR(c.high, c.low, c.close, 14); }},
      {"AD", [](C c) { return ta::AD(c.high, c.low, c.close, c.volume); }},
      {"ADOSC", [](C c) { return ta::ADOSC(c.high, c.low, c.close, c.volume, 3, 10); }},
      {"STOCHF_fastk", [](C c) { return Pick(ta::STOCHF(c.high, c.low, c.close, 5, 3, MaType::kSma), &ta::StochFResult::fastk); }},
      {"STOCHF_fastd", [](C c) { return Pick(ta::STOCHF(c.high, c.low, c.close, 5, 3, MaType::kSma), &ta::StochFResult::fastd); }},
      {"STOCHRSI_fastk", [](C c) { return Pick(ta::STOCHRSI(c.close, 14, 5, 3, MaType::kSma), &ta::StochFResult::fastk); }},
      {"STOCHRSI_fastd", [](C c) { return Pick(ta::STOCHRSI(c.close, 14, 5, 3, MaType::kSma), &ta::StochFResult::fastd); }},
      {"AROON_down", [](C c) { return Pick(ta::AROON(c.high, c.low, 14), &ta::AroonResult::down); }},
      {"AROON_up", [](C c) { return Pick(ta::AROON(c.high, c.low, 14), &ta::AroonResult::up); }},
      {"PPO", [](C c) { return ta::PPO(c.close, 12, 26, MaType::kSma); }},
      {"ULTOSC", [](C c) { return ta::ULTOSC(c.high, c.low, c.close, 7, 14, 28); }},
      {"BOP", [](C c) { return ta::BOP(c.open, c.high, c.low, c.close); }},
      {"STDDEV", [](C c) { return ta::STDDEV(c.close, 5, 1.0); }},
      // Variants.
      {"STDDEV_20_2", [](C c) { return ta::STDDEV(c.close, 20, 2.0); }},
      {"BBANDS_EMA_upper", [](C c) { return Pick(ta::BBANDS(c.close, 20, 2.0, 1.5, MaType::kEma), &ta::BbandsResult::upper); }},
      {"BBANDS_EMA_middle", [](C c) { return Pick(ta::BBANDS(c.close, 20, 2.0, 1.5, MaType::kEma), &ta::BbandsResult::middle); }},
      {"BBANDS_EMA_lower", [](C c) { return Pick(ta::BBANDS(c.close, 20, 2.0, 1.5, MaType::kEma), &ta::BbandsResult::lower); }},
      {"BBANDS_TEMA_upper", [](C c) { return Pick(ta::BBANDS(c.close, 10, 1.0, 3.0, MaType::kTema), &ta::BbandsResult::upper); }},
      {"BBANDS_TEMA_middle", [](C c) { return Pick(ta::BBANDS(c.close, 10, 1.0, 3.0, MaType::kTema), &ta::BbandsResult::middle); }},
      {"BBANDS_TEMA_lower", [](C c) { return Pick(ta::BBANDS(c.close, 10, 1.0, 3.0, MaType::kTema), &ta::BbandsResult::lower); }},
      {"STOCH_EMA_WMA_slowk", [](C c) { return Pick(ta::STOCH(c.high, c.low, c.close, 14, 3, MaType::kEma, 4, MaType::kWma), &ta::StochResult::slowk); }},
      {"STOCH_EMA_WMA_slowd", [](C c) { return Pick(ta::STOCH(c.high, c.low, c.close, 14, 3, MaType::kEma, 4, MaType::kWma), &ta::StochResult::slowd); }},
      {"STOCH_1_DEMA_slowk", [](C c) { return Pick(ta::STOCH(c.high, c.low, c.close, 5, 1, MaType::kSma, 5, MaType::kDema), &ta::StochResult::slowk); }},
      {"STOCH_1_DEMA_slowd", [](C c) { return Pick(ta::STOCH(c.high, c.low, c.close, 5, 1, MaType::kSma, 5, MaType::kDema), &ta::StochResult::slowd); }},
      {"STOCHRSI_EMA_fastk", [](C c) { return Pick(ta::STOCHRSI(c.close, 14, 14, 3, MaType::kEma), &ta::StochFResult::fastk); }},
      {"STOCHRSI_EMA_fastd", [](C c) { return Pick(ta::STOCHRSI(c.close, 14, 14, 3, MaType::kEma), &ta::StochFResult::fastd); }},
      {"PPO_EMA", [](C c) { return ta::PPO(c.close, 26, 12, MaType::kEma); }},
      {"MACD_5_35_5_macd", [](C c) { return Pick(ta::MACD(c.close, 5, 35, 5), &ta::MacdResult::macd); }},
      {"MACD_5_35_5_signal", [](C c) { return Pick(ta::MACD(c.close, 5, 35, 5), &ta::MacdResult::signal); }},
      {"MACD_5_35_5_hist", [](C c) { return Pick(ta::MACD(c.close, 5, 35, 5), &ta::MacdResult::hist); }},
      {"RSI_2", [](C c) { return ta::RSI(c.close, 2); }},
      {"ATR_1", [](C c) { return ta::ATR(c.high, c.low, c.close, 1); }},
      {"NATR_5", [](C c) { return ta::NATR(c.high, c.low, c.close, 5); }},
      {"PLUS_DI_1", [](C c) { return ta::PLUS_DI(c.high, c.low, c.close, 1); }},
      {"MINUS_DI_1", [](C c) { return ta::MINUS_DI(c.high, c.low, c.close, 1); }},
      {"ADX_5", [](C c) { return ta::ADX(c.high, c.low, c.close, 5); }},
      {"ULTOSC_20_3_9", [](C c) { return ta::ULTOSC(c.high, c.low, c.close, 20, 3, 9); }},
      {"ADOSC_12_5", [](C c) { return ta::ADOSC(c.high, c.low, c.close, c.volume, 12, 5); }},
      {"EMA_2", [](C c) { return ta::EMA(c.close, 2); }},
  };
  return kColumns;
}

}  // namespace qat::testing
