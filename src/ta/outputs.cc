#include "qat/ta/outputs.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <tuple>

#include "qat/core/strings.h"
#include "qat/ta/indicators.h"
#include "qat/ta/patterns.h"
#include "ta/indicators/common.h"
#include "ta/patterns/candle_frame.h"

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
// share their arithmetic or run faster side by side, e.g. RSI/ATR/ADX), their lookbacks, and
// a kernel writing every column from its lookback on into outs[k] (size n, distinct buffers).
constexpr std::size_t kMaxJobColumns = 8;
struct IndicatorJob {
  std::vector<std::string_view> columns;
  std::vector<int> lookbacks;
  void (*compute)(const OhlcvView& b, double* const* outs);
};

// Fixed, valid parameters (those of the oracle's table), so the kernels run unchecked.
const std::vector<IndicatorJob>& IndicatorJobs() {
  static const std::vector<IndicatorJob> kJobs = {
      // RSI, ATR and the DMI all use period 14: their Wilder chains run in one loop.
      {{"RSI", "TRANGE", "ATR", "NATR", "ADX", "PLUS_DI", "MINUS_DI"},
       {RSILookback(14), TRANGELookback(), ATRLookback(14), NATRLookback(14), ADXLookback(14),
        PLUS_DILookback(14), MINUS_DILookback(14)},
       [](const OhlcvView& b, double* const* o) {
         internal::WilderKernel(b.high, b.low, b.close, 14, {o[0], o[1], o[2], o[3], o[4], o[5], o[6]});
       }},
      // EMA(20) of the close runs as a fourth chain in MACD's loop.
      {{"MACD_macd", "MACD_signal", "MACD_hist", "EMA"},
       {MACDLookback(12, 26, 9), MACDLookback(12, 26, 9), MACDLookback(12, 26, 9), EMALookback(20)},
       [](const OhlcvView& b, double* const* o) {
         internal::MacdKernel(b.close, 12, 26, 9, o[0], o[1], o[2], 20, o[3]);
       }},
      // BBANDS' middle band is SMA(20) of the close, the table's SMA column.
      {{"BBANDS_upper", "BBANDS_middle", "BBANDS_lower", "SMA"},
       {BBANDSLookback(20, MaType::kSma), BBANDSLookback(20, MaType::kSma), BBANDSLookback(20, MaType::kSma),
        SMALookback(20)},
       [](const OhlcvView& b, double* const* o) {
         internal::BbandsKernel(b.close, 20, 2.0, 2.0, MaType::kSma, o[0], o[1], o[2]);
         const std::size_t from = static_cast<std::size_t>(SMALookback(20));
         if (b.size() > from) std::copy(o[1] + from, o[1] + b.size(), o[3] + from);
       }},
      // CCI and MFI share the typical price.
      {{"CCI", "MFI"}, {CCILookback(14), MFILookback(14)},
       [](const OhlcvView& b, double* const* o) {
         internal::CciMfiKernel(b.high, b.low, b.close, b.volume, 14, 14, o[0], o[1]);
       }},
      {{"OBV"}, {OBVLookback()},
       [](const OhlcvView& b, double* const* o) { internal::ObvKernel(b.close, b.volume, o[0]); }},
      {{"STOCH_slowk", "STOCH_slowd"},
       {STOCHLookback(5, 3, MaType::kSma, 3, MaType::kSma), STOCHLookback(5, 3, MaType::kSma, 3, MaType::kSma)},
       [](const OhlcvView& b, double* const* o) {
         internal::StochKernel(b.high, b.low, b.close, 5, 3, MaType::kSma, 3, MaType::kSma, o[0], o[1]);
       }},
      // AROONOSC's window is WILLR's plus one older bar: one scan for both.
      {{"WILLR", "AROONOSC"}, {WILLRLookback(14), AROONOSCLookback(14)},
       [](const OhlcvView& b, double* const* o) {
         internal::WillrAroonOscKernel(b.high, b.low, b.close, 14, o[0], o[1]);
       }},
      {{"ROC"}, {ROCLookback(10)},
       [](const OhlcvView& b, double* const* o) { internal::RocKernel(b.close, 10, o[0]); }},
      {{"MOM"}, {MOMLookback(10)},
       [](const OhlcvView& b, double* const* o) {
         for (std::size_t i = 10; i < b.size(); ++i) o[0][i] = b.close[i] - b.close[i - 10];
       }},
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

// What computes each column of the table, looked up once (the lookups by name cost a few ns
// per bar when done on every call over a few thousand bars).
struct ColumnSource {
  const PatternSpec* pattern = nullptr;  // for pattern columns
  std::size_t job = 0, position = 0;     // for indicator columns
};

const std::vector<ColumnSource>& ColumnSources() {
  static const std::vector<ColumnSource> kSources = [] {
    std::vector<ColumnSource> sources(kColumns.size());
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
      if (kColumns[i].kind == OutputKind::kPattern) {
        sources[i].pattern = FindPattern(kColumns[i].name);
      } else {
        std::tie(sources[i].job, sources[i].position) = FindJob(kColumns[i].name);
      }
    }
    return sources;
  }();
  return kSources;
}

}  // namespace

std::span<const OutputColumn> OutputColumns() { return kColumns; }

Result<std::vector<std::size_t>> SelectOutputs(std::span<const std::string> names) {
  if (names.empty()) return Fail(ErrorCode::kInvalidInput, "empty list (give function or column names, e.g. RSI,MACD)");
  std::vector<bool> picked(kColumns.size(), false);
  for (const std::string& raw : names) {
    const std::string upper = ToUpper(Trim(raw));
    if (upper.empty()) return Fail(ErrorCode::kInvalidInput, "empty name in the list");
    bool found = false;
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
      if (ToUpper(kColumns[i].name) == upper || ToUpper(kColumns[i].function) == upper) {
        picked[i] = true;
        found = true;
      }
    }
    if (!found) {
      return Fail(ErrorCode::kInvalidInput, "unknown function or column '{}' (valid: the 61 CDL* patterns, SMA, EMA, RSI, "
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
  std::vector<ComputedOutput> out;
  QAT_RETURN_IF_ERROR(ComputeOutputsInto(bars, columns, out));
  return out;
}

Status ComputeOutputsInto(const OhlcvView& bars, std::span<const std::size_t> columns,
                          std::vector<ComputedOutput>& out) {
  const std::size_t n = bars.size();
  if (bars.open.size() != n || bars.high.size() != n || bars.low.size() != n || bars.volume.size() != n) {
    return Fail("ta: OHLCV columns differ in length (open {}, high {}, low {}, close {}, volume {})",
                bars.open.size(), bars.high.size(), bars.low.size(), n, bars.volume.size());
  }
  for (std::size_t index : columns) {
    if (index >= kColumns.size()) return Fail("ta: output column index {} out of range", index);
  }
  out.resize(columns.size());
  const OhlcView ohlc{bars.open, bars.high, bars.low, bars.close};
  const CandleSettings& settings = DefaultCandleSettings();
  const auto& jobs = IndicatorJobs();
  // For each job, which output entry (if any) receives each of its columns.
  std::vector<std::array<std::size_t, kMaxJobColumns>> target(jobs.size());
  for (auto& t : target) t.fill(SIZE_MAX);
  std::vector<bool> needed(jobs.size(), false);
  std::optional<patterns_detail::CandleFrame> frame;
  for (std::size_t q = 0; q < columns.size(); ++q) {
    const OutputColumn& col = kColumns[columns[q]];
    ComputedOutput& result = out[q];
    result.column = &col;
    const ColumnSource& source = ColumnSources()[columns[q]];
    if (col.kind == OutputKind::kPattern) {
      const PatternSpec* spec = source.pattern;
      result.real.clear();
      result.first_defined = std::min<std::size_t>(static_cast<std::size_t>(spec->lookback(settings)), n);
      // The kernel writes every bar from the lookback on; only the bars before need zeros.
      result.pattern.resize(n);
      std::fill_n(result.pattern.begin(), result.first_defined, 0);
      if (n == 0) continue;
      // One frame (candle geometry and averages) for every pattern column.
      if (!frame) frame.emplace(ohlc, settings);
      spec->kernel(*frame, result.pattern);
      continue;
    }
    result.pattern.clear();
    const std::size_t j = source.job, k = source.position;
    const std::size_t lookback = std::min<std::size_t>(static_cast<std::size_t>(jobs[j].lookbacks[k]), n);
    result.first_defined = lookback;
    result.real.resize(n);
    std::fill(result.real.begin(), result.real.begin() + static_cast<std::ptrdiff_t>(lookback), internal::kNaN);
    if (target[j][k] == SIZE_MAX) target[j][k] = q;
    needed[j] = true;
  }
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (!needed[j]) continue;
    double* outs[kMaxJobColumns];
    for (std::size_t k = 0; k < jobs[j].columns.size(); ++k) {
      outs[k] = target[j][k] != SIZE_MAX
                    ? out[target[j][k]].real.data()
                    : internal::Scratch(static_cast<internal::ScratchSlot>(internal::kScratchUnused0 + k), n);
    }
    if (n > 0) jobs[j].compute(bars, outs);
  }
  // A column selected twice: copy from its first entry.
  for (std::size_t q = 0; q < columns.size(); ++q) {
    const OutputColumn& col = kColumns[columns[q]];
    if (col.kind == OutputKind::kPattern) continue;
    const std::size_t j = ColumnSources()[columns[q]].job, k = ColumnSources()[columns[q]].position;
    if (target[j][k] != q) out[q].real = out[target[j][k]].real;
  }
  return Ok();
}

}  // namespace qat::ta
