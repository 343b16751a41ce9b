#include "qat/ta/outputs.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>

#include "qat/core/strings.h"
#include "qat/ta/indicators.h"
#include "qat/ta/patterns.h"
#include "ta/indicators/common.h"

namespace qat::ta {
namespace {

using K = OutputKind;

constexpr std::array<OutputColumn, 85> kColumns = {{
    {"CDL2CROWS", "CDL2CROWS", K::kPattern},
    {"CDL3BLACKCROWS", "CDL3BLACKCROWS", K::kPattern},
    {"CDL3INSIDE", "CDL3INSIDE", K::kPattern},
    {"CDL3LINESTRIKE", "CDL3LINESTRIKE", K::kPattern},
    {"CDL3OUTSIDE", "CDL3OUTSIDE", K::kPattern},
    {"CDL3STARSINSOUTH", "CDL3STARSINSOUTH", K::kPattern},
    {"CDL3WHITESOLDIERS", "CDL3WHITESOLDIERS", K::kPattern},
    {"CDLABANDONEDBABY", "CDLABANDONEDBABY", K::kPattern},
    {"CDLADVANCEBLOCK", "CDLADVANCEBLOCK", K::kPattern},
    {"CDLBELTHOLD", "CDLBELTHOLD", K::kPattern},
    {"CDLBREAKAWAY", "CDLBREAKAWAY", K::kPattern},
    {"CDLCLOSINGMARUBOZU", "CDLCLOSINGMARUBOZU", K::kPattern},
    {"CDLCONCEALBABYSWALL", "CDLCONCEALBABYSWALL", K::kPattern},
    {"CDLCOUNTERATTACK", "CDLCOUNTERATTACK", K::kPattern},
    {"CDLDARKCLOUDCOVER", "CDLDARKCLOUDCOVER", K::kPattern},
    {"CDLDOJI", "CDLDOJI", K::kPattern},
    {"CDLDOJISTAR", "CDLDOJISTAR", K::kPattern},
    {"CDLDRAGONFLYDOJI", "CDLDRAGONFLYDOJI", K::kPattern},
    {"CDLENGULFING", "CDLENGULFING", K::kPattern},
    {"CDLEVENINGDOJISTAR", "CDLEVENINGDOJISTAR", K::kPattern},
    {"CDLEVENINGSTAR", "CDLEVENINGSTAR", K::kPattern},
    {"CDLGAPSIDESIDEWHITE", "CDLGAPSIDESIDEWHITE", K::kPattern},
    {"CDLGRAVESTONEDOJI", "CDLGRAVESTONEDOJI", K::kPattern},
    {"CDLHAMMER", "CDLHAMMER", K::kPattern},
    {"CDLHANGINGMAN", "CDLHANGINGMAN", K::kPattern},
    {"CDLHARAMI", "CDLHARAMI", K::kPattern},
    {"CDLHARAMICROSS", "CDLHARAMICROSS", K::kPattern},
    {"CDLHIGHWAVE", "CDLHIGHWAVE", K::kPattern},
    {"CDLHIKKAKE", "CDLHIKKAKE", K::kPattern},
    {"CDLHIKKAKEMOD", "CDLHIKKAKEMOD", K::kPattern},
    {"CDLHOMINGPIGEON", "CDLHOMINGPIGEON", K::kPattern},
    {"CDLIDENTICAL3CROWS", "CDLIDENTICAL3CROWS", K::kPattern},
    {"CDLINNECK", "CDLINNECK", K::kPattern},
    {"CDLINVERTEDHAMMER", "CDLINVERTEDHAMMER", K::kPattern},
    {"CDLKICKING", "CDLKICKING", K::kPattern},
    {"CDLKICKINGBYLENGTH", "CDLKICKINGBYLENGTH", K::kPattern},
    {"CDLLADDERBOTTOM", "CDLLADDERBOTTOM", K::kPattern},
    {"CDLLONGLEGGEDDOJI", "CDLLONGLEGGEDDOJI", K::kPattern},
    {"CDLLONGLINE", "CDLLONGLINE", K::kPattern},
    {"CDLMARUBOZU", "CDLMARUBOZU", K::kPattern},
    {"CDLMATCHINGLOW", "CDLMATCHINGLOW", K::kPattern},
    {"CDLMATHOLD", "CDLMATHOLD", K::kPattern},
    {"CDLMORNINGDOJISTAR", "CDLMORNINGDOJISTAR", K::kPattern},
    {"CDLMORNINGSTAR", "CDLMORNINGSTAR", K::kPattern},
    {"CDLONNECK", "CDLONNECK", K::kPattern},
    {"CDLPIERCING", "CDLPIERCING", K::kPattern},
    {"CDLRICKSHAWMAN", "CDLRICKSHAWMAN", K::kPattern},
    {"CDLRISEFALL3METHODS", "CDLRISEFALL3METHODS", K::kPattern},
    {"CDLSEPARATINGLINES", "CDLSEPARATINGLINES", K::kPattern},
    {"CDLSHOOTINGSTAR", "CDLSHOOTINGSTAR", K::kPattern},
    {"CDLSHORTLINE", "CDLSHORTLINE", K::kPattern},
    {"CDLSPINNINGTOP", "CDLSPINNINGTOP", K::kPattern},
    {"CDLSTALLEDPATTERN", "CDLSTALLEDPATTERN", K::kPattern},
    {"CDLSTICKSANDWICH", "CDLSTICKSANDWICH", K::kPattern},
    {"CDLTAKURI", "CDLTAKURI", K::kPattern},
    {"CDLTASUKIGAP", "CDLTASUKIGAP", K::kPattern},
    {"CDLTHRUSTING", "CDLTHRUSTING", K::kPattern},
    {"CDLTRISTAR", "CDLTRISTAR", K::kPattern},
    {"CDLUNIQUE3RIVER", "CDLUNIQUE3RIVER", K::kPattern},
    {"CDLUPSIDEGAP2CROWS", "CDLUPSIDEGAP2CROWS", K::kPattern},
    {"CDLXSIDEGAP3METHODS", "CDLXSIDEGAP3METHODS", K::kPattern},
    {"SMA", "SMA", K::kReal},
    {"EMA", "EMA", K::kReal},
    {"RSI", "RSI", K::kReal},
    {"ATR", "ATR", K::kReal},
    {"NATR", "NATR", K::kReal},
    {"MACD_macd", "MACD", K::kReal},
    {"MACD_signal", "MACD", K::kReal},
    {"MACD_hist", "MACD", K::kReal},
    {"BBANDS_upper", "BBANDS", K::kReal},
    {"BBANDS_middle", "BBANDS", K::kReal},
    {"BBANDS_lower", "BBANDS", K::kReal},
    {"ADX", "ADX", K::kReal},
    {"PLUS_DI", "PLUS_DI", K::kReal},
    {"MINUS_DI", "MINUS_DI", K::kReal},
    {"CCI", "CCI", K::kReal},
    {"MFI", "MFI", K::kReal},
    {"OBV", "OBV", K::kReal},
    {"STOCH_slowk", "STOCH", K::kReal},
    {"STOCH_slowd", "STOCH", K::kReal},
    {"WILLR", "WILLR", K::kReal},
    {"ROC", "ROC", K::kReal},
    {"MOM", "MOM", K::kReal},
    {"AROONOSC", "AROONOSC", K::kReal},
    {"TRANGE", "TRANGE", K::kReal},
}};

// A unit of indicator work: the table columns it fills (possibly of several functions that
// share their arithmetic, e.g. ADX/PLUS_DI/MINUS_DI), their lookbacks, and how to compute them
// (one Series per column, in `columns` order).
struct IndicatorJob {
  std::vector<std::string_view> columns;
  std::vector<int> lookbacks;
  std::function<Result<std::vector<Series>>(const OhlcvView&)> compute;
};

template <typename T>
Result<std::vector<Series>> One(Result<T> r) {
  if (!r.ok()) return r.error();
  std::vector<Series> out;
  out.push_back(std::move(r).value());
  return out;
}

const std::vector<IndicatorJob>& IndicatorJobs() {
  static const std::vector<IndicatorJob> kJobs = {
      {{"SMA"}, {SMALookback(20)}, [](const OhlcvView& b) { return One(SMA(b.close, 20)); }},
      {{"EMA"}, {EMALookback(20)}, [](const OhlcvView& b) { return One(EMA(b.close, 20)); }},
      {{"RSI"}, {RSILookback(14)}, [](const OhlcvView& b) { return One(RSI(b.close, 14)); }},
      {{"TRANGE", "ATR", "NATR"},
       {TRANGELookback(), ATRLookback(14), NATRLookback(14)},
       [](const OhlcvView& b) -> Result<std::vector<Series>> {
         const std::size_t n = b.size();
         std::vector<Series> out(3, internal::NanSeries(n));
         internal::AtrKernel(b.high, b.low, b.close, 14, out[0].data(), out[1].data(), out[2].data());
         return out;
       }},
      {{"MACD_macd", "MACD_signal", "MACD_hist"},
       {MACDLookback(12, 26, 9), MACDLookback(12, 26, 9), MACDLookback(12, 26, 9)},
       [](const OhlcvView& b) -> Result<std::vector<Series>> {
         QAT_ASSIGN_OR_RETURN(MacdResult r, MACD(b.close, 12, 26, 9));
         return std::vector<Series>{std::move(r.macd), std::move(r.signal), std::move(r.hist)};
       }},
      {{"BBANDS_upper", "BBANDS_middle", "BBANDS_lower"},
       {BBANDSLookback(20, MaType::kSma), BBANDSLookback(20, MaType::kSma), BBANDSLookback(20, MaType::kSma)},
       [](const OhlcvView& b) -> Result<std::vector<Series>> {
         QAT_ASSIGN_OR_RETURN(BbandsResult r, BBANDS(b.close, 20, 2.0, 2.0, MaType::kSma));
         return std::vector<Series>{std::move(r.upper), std::move(r.middle), std::move(r.lower)};
       }},
      {{"ADX", "PLUS_DI", "MINUS_DI"},
       {ADXLookback(14), PLUS_DILookback(14), MINUS_DILookback(14)},
       [](const OhlcvView& b) -> Result<std::vector<Series>> {
         const std::size_t n = b.size();
         std::vector<Series> out(3, internal::NanSeries(n));
         internal::DmiKernel(b.high, b.low, b.close, 14, out[0].data(), out[1].data(), out[2].data());
         return out;
       }},
      {{"CCI"}, {CCILookback(14)}, [](const OhlcvView& b) { return One(CCI(b.high, b.low, b.close, 14)); }},
      {{"MFI"}, {MFILookback(14)},
       [](const OhlcvView& b) { return One(MFI(b.high, b.low, b.close, b.volume, 14)); }},
      {{"OBV"}, {OBVLookback()}, [](const OhlcvView& b) { return One(OBV(b.close, b.volume)); }},
      {{"STOCH_slowk", "STOCH_slowd"},
       {STOCHLookback(5, 3, MaType::kSma, 3, MaType::kSma), STOCHLookback(5, 3, MaType::kSma, 3, MaType::kSma)},
       [](const OhlcvView& b) -> Result<std::vector<Series>> {
         QAT_ASSIGN_OR_RETURN(StochResult r,
                              STOCH(b.high, b.low, b.close, 5, 3, MaType::kSma, 3, MaType::kSma));
         return std::vector<Series>{std::move(r.slowk), std::move(r.slowd)};
       }},
      {{"WILLR"}, {WILLRLookback(14)}, [](const OhlcvView& b) { return One(WILLR(b.high, b.low, b.close, 14)); }},
      {{"ROC"}, {ROCLookback(10)}, [](const OhlcvView& b) { return One(ROC(b.close, 10)); }},
      {{"MOM"}, {MOMLookback(10)}, [](const OhlcvView& b) { return One(MOM(b.close, 10)); }},
      {{"AROONOSC"}, {AROONOSCLookback(14)}, [](const OhlcvView& b) { return One(AROONOSC(b.high, b.low, 14)); }},
  };
  return kJobs;
}

// (job, position in the job) of an indicator column.
std::pair<std::size_t, std::size_t> FindJob(std::string_view column) {
  const auto& jobs = IndicatorJobs();
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    for (std::size_t k = 0; k < jobs[j].columns.size(); ++k) {
      if (jobs[j].columns[k] == column) return {j, k};
    }
  }
  return {jobs.size(), 0};
}

}  // namespace

std::span<const OutputColumn> OutputColumns() { return kColumns; }

Result<std::vector<std::size_t>> SelectOutputs(std::span<const std::string> names) {
  if (names.empty()) return Fail("--only: empty list (give function or column names, e.g. RSI,MACD)");
  std::vector<bool> picked(kColumns.size(), false);
  for (const std::string& raw : names) {
    const std::string upper = ToUpper(Trim(raw));
    if (upper.empty()) return Fail("--only: empty name in the list");
    bool found = false;
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
      if (ToUpper(kColumns[i].name) == upper || ToUpper(kColumns[i].function) == upper) {
        picked[i] = true;
        found = true;
      }
    }
    if (!found) {
      return Fail("--only: unknown function or column '{}' (valid: the 61 CDL* patterns, SMA, EMA, RSI, "
                  "ATR, NATR, MACD, BBANDS, ADX, PLUS_DI, MINUS_DI, CCI, MFI, OBV, STOCH, WILLR, ROC, "
                  "MOM, AROONOSC, TRANGE, or a column such as MACD_hist)",
                  Trim(raw));
    }
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    if (picked[i]) out.push_back(i);
  }
  return out;
}

Result<std::vector<std::size_t>> SelectOutputs(std::string_view comma_list) {
  std::vector<std::string> names;
  for (std::string_view part : Split(comma_list, ',')) names.emplace_back(part);
  return SelectOutputs(std::span<const std::string>(names));
}

Result<std::vector<ComputedOutput>> ComputeOutputs(const OhlcvView& bars,
                                                   std::span<const std::size_t> columns) {
  const std::size_t n = bars.size();
  if (bars.open.size() != n || bars.high.size() != n || bars.low.size() != n || bars.volume.size() != n) {
    return Fail("ta: OHLCV columns differ in length (open {}, high {}, low {}, close {}, volume {})",
                bars.open.size(), bars.high.size(), bars.low.size(), n, bars.volume.size());
  }
  std::vector<ComputedOutput> out;
  out.reserve(columns.size());
  const OhlcView ohlc{bars.open, bars.high, bars.low, bars.close};
  const CandleSettings& settings = DefaultCandleSettings();
  // Indicator results by job, computed on first use; a job's series is moved out when its
  // last selected column takes it.
  const auto& jobs = IndicatorJobs();
  std::vector<std::optional<std::vector<Series>>> cache(jobs.size());
  std::vector<std::size_t> uses(jobs.size(), 0);
  for (std::size_t index : columns) {
    if (index >= kColumns.size()) return Fail("ta: output column index {} out of range", index);
    if (kColumns[index].kind == OutputKind::kReal) ++uses[FindJob(kColumns[index].name).first];
  }
  for (std::size_t index : columns) {
    const OutputColumn& col = kColumns[index];
    ComputedOutput result{&col, 0, {}, {}};
    if (col.kind == OutputKind::kPattern) {
      const PatternSpec* spec = FindPattern(col.name);
      if (spec == nullptr) {
        return Fail("{}: candlestick pattern not implemented yet (not in AllPatterns())", col.name);
      }
      result.pattern = spec->compute(ohlc, settings);
      result.first_defined = std::min<std::size_t>(static_cast<std::size_t>(spec->lookback(settings)), n);
    } else {
      const auto [j, k] = FindJob(col.name);
      if (!cache[j]) {
        QAT_ASSIGN_OR_RETURN(auto series, jobs[j].compute(bars));
        cache[j] = std::move(series);
      }
      result.real = --uses[j] == 0 ? std::move((*cache[j])[k]) : (*cache[j])[k];
      result.first_defined = std::min<std::size_t>(static_cast<std::size_t>(jobs[j].lookbacks[k]), n);
    }
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace qat::ta
