// qtrader._core.ta_*: the library's indicators (qat/ta/indicators.h) and 61 candlestick
// patterns (qat/ta/patterns.h) with TA-Lib's parameter names and defaults, and the `qtrader ta`
// table (qat/ta/outputs.h). Inputs are used in place when they are C-contiguous float64;
// outputs are the library's vectors handed to numpy without a copy.
#include <string>
#include <tuple>

#include "common.h"
#include "qat/ta/candle.h"
#include "qat/ta/indicators.h"
#include "qat/ta/outputs.h"
#include "qat/ta/patterns.h"

namespace qat::py {
namespace {

using ta::MaType;

MaType MaTypeOf(int code) {
  if (code < 0 || code > 8) ThrowInvalid("matype must be a TA-Lib MA type code 0..8, got " + std::to_string(code));
  return static_cast<MaType>(code);
}

void SameLength(std::initializer_list<std::span<const double>> columns, const char* function) {
  const std::size_t n = columns.begin()->size();
  for (const auto& c : columns) {
    if (c.size() != n) ThrowInvalid(std::string(function) + ": input arrays differ in length");
  }
}

// An indicator fails only on its input: a parameter out of TA-Lib's range or columns of
// different lengths (qat/ta/indicators.h), so its errors are raised as InvalidInputError.
template <typename T>
T UnwrapInput(Result<T>&& r) {
  if (!r.ok()) Throw(Error{r.error().message, ErrorCode::kInvalidInput});
  return std::move(r).value();
}

pyb::array_t<double> Out(Result<ta::Series>&& r) { return ToArray(UnwrapInput(std::move(r))); }

// One real input.
template <typename F>
void Real1(pyb::module_& m, const char* name, F f, const char* doc) {
  m.def(name, [f](const InArray& real, int timeperiod) {
    auto x = Span(real, "real");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(x.size() >= kReleaseGilFrom);
      return f(x, timeperiod);
    }();
    return Out(std::move(r));
  }, pyb::arg("real"), pyb::arg("timeperiod"), doc);
}

// high, low, close and a period.
template <typename F>
void Hlc(pyb::module_& m, const char* name, F f, const char* doc) {
  m.def(name, [f, name](const InArray& high, const InArray& low, const InArray& close, int timeperiod) {
    auto h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close");
    SameLength({h, l, c}, name);
    Result<ta::Series> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return f(h, l, c, timeperiod);
    }();
    return Out(std::move(r));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("close"), pyb::arg("timeperiod"), doc);
}

}  // namespace

void AddTa(pyb::module_& m) {
  Real1(m, "ta_SMA", [](auto x, int p) { return ta::SMA(x, p); }, "SMA(real, timeperiod)");
  Real1(m, "ta_EMA", [](auto x, int p) { return ta::EMA(x, p); }, "EMA(real, timeperiod)");
  Real1(m, "ta_WMA", [](auto x, int p) { return ta::WMA(x, p); }, "WMA(real, timeperiod)");
  Real1(m, "ta_DEMA", [](auto x, int p) { return ta::DEMA(x, p); }, "DEMA(real, timeperiod)");
  Real1(m, "ta_TEMA", [](auto x, int p) { return ta::TEMA(x, p); }, "TEMA(real, timeperiod)");
  Real1(m, "ta_RSI", [](auto x, int p) { return ta::RSI(x, p); }, "RSI(real, timeperiod)");
  Real1(m, "ta_ROC", [](auto x, int p) { return ta::ROC(x, p); }, "ROC(real, timeperiod)");
  Real1(m, "ta_MOM", [](auto x, int p) { return ta::MOM(x, p); }, "MOM(real, timeperiod)");
  Hlc(m, "ta_ADX", [](auto h, auto l, auto c, int p) { return ta::ADX(h, l, c, p); }, "ADX(high, low, close, timeperiod)");
  Hlc(m, "ta_ADXR", [](auto h, auto l, auto c, int p) { return ta::ADXR(h, l, c, p); }, "ADXR(high, low, close, timeperiod)");
  Hlc(m, "ta_PLUS_DI", [](auto h, auto l, auto c, int p) { return ta::PLUS_DI(h, l, c, p); }, "PLUS_DI(high, low, close, timeperiod)");
  Hlc(m, "ta_MINUS_DI", [](auto h, auto l, auto c, int p) { return ta::MINUS_DI(h, l, c, p); }, "MINUS_DI(high, low, close, timeperiod)");
  Hlc(m, "ta_CCI", [](auto h, auto l, auto c, int p) { return ta::CCI(h, l, c, p); }, "CCI(high, low, close, timeperiod)");
  Hlc(m, "ta_WILLR", [](auto h, auto l, auto c, int p) { return ta::WILLR(h, l, c, p); }, "WILLR(high, low, close, timeperiod)");
  Hlc(m, "ta_ATR", [](auto h, auto l, auto c, int p) { return ta::ATR(h, l, c, p); }, "ATR(high, low, close, timeperiod)");
  Hlc(m, "ta_NATR", [](auto h, auto l, auto c, int p) { return ta::NATR(h, l, c, p); }, "NATR(high, low, close, timeperiod)");

  m.def("ta_MA", [](const InArray& real, int timeperiod, int matype) {
    auto x = Span(real, "real");
    const MaType type = MaTypeOf(matype);
    Result<ta::Series> r = [&] {
      MaybeRelease gil(x.size() >= kReleaseGilFrom);
      return ta::MA(x, timeperiod, type);
    }();
    return Out(std::move(r));
  }, pyb::arg("real"), pyb::arg("timeperiod"), pyb::arg("matype"));

  m.def("ta_STDDEV", [](const InArray& real, int timeperiod, double nbdev) {
    auto x = Span(real, "real");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(x.size() >= kReleaseGilFrom);
      return ta::STDDEV(x, timeperiod, nbdev);
    }();
    return Out(std::move(r));
  }, pyb::arg("real"), pyb::arg("timeperiod"), pyb::arg("nbdev"));

  m.def("ta_BBANDS", [](const InArray& real, int timeperiod, double nbdevup, double nbdevdn, int matype) {
    auto x = Span(real, "real");
    const MaType type = MaTypeOf(matype);
    Result<ta::BbandsResult> r = [&] {
      MaybeRelease gil(x.size() >= kReleaseGilFrom);
      return ta::BBANDS(x, timeperiod, nbdevup, nbdevdn, type);
    }();
    auto b = UnwrapInput(std::move(r));
    return std::make_tuple(ToArray(std::move(b.upper)), ToArray(std::move(b.middle)), ToArray(std::move(b.lower)));
  }, pyb::arg("real"), pyb::arg("timeperiod"), pyb::arg("nbdevup"), pyb::arg("nbdevdn"), pyb::arg("matype"));

  m.def("ta_MACD", [](const InArray& real, int fastperiod, int slowperiod, int signalperiod) {
    auto x = Span(real, "real");
    Result<ta::MacdResult> r = [&] {
      MaybeRelease gil(x.size() >= kReleaseGilFrom);
      return ta::MACD(x, fastperiod, slowperiod, signalperiod);
    }();
    auto v = UnwrapInput(std::move(r));
    return std::make_tuple(ToArray(std::move(v.macd)), ToArray(std::move(v.signal)), ToArray(std::move(v.hist)));
  }, pyb::arg("real"), pyb::arg("fastperiod"), pyb::arg("slowperiod"), pyb::arg("signalperiod"));

  m.def("ta_PPO", [](const InArray& real, int fastperiod, int slowperiod, int matype) {
    auto x = Span(real, "real");
    const MaType type = MaTypeOf(matype);
    Result<ta::Series> r = [&] {
      MaybeRelease gil(x.size() >= kReleaseGilFrom);
      return ta::PPO(x, fastperiod, slowperiod, type);
    }();
    return Out(std::move(r));
  }, pyb::arg("real"), pyb::arg("fastperiod"), pyb::arg("slowperiod"), pyb::arg("matype"));

  m.def("ta_STOCHRSI", [](const InArray& real, int timeperiod, int fastk_period, int fastd_period, int fastd_matype) {
    auto x = Span(real, "real");
    const MaType type = MaTypeOf(fastd_matype);
    Result<ta::StochFResult> r = [&] {
      MaybeRelease gil(x.size() >= kReleaseGilFrom);
      return ta::STOCHRSI(x, timeperiod, fastk_period, fastd_period, type);
    }();
    auto v = UnwrapInput(std::move(r));
    return std::make_tuple(ToArray(std::move(v.fastk)), ToArray(std::move(v.fastd)));
  }, pyb::arg("real"), pyb::arg("timeperiod"), pyb::arg("fastk_period"), pyb::arg("fastd_period"),
     pyb::arg("fastd_matype"));

  m.def("ta_MFI", [](const InArray& high, const InArray& low, const InArray& close, const InArray& volume,
                     int timeperiod) {
    auto h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close"), v = Span(volume, "volume");
    SameLength({h, l, c, v}, "MFI");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::MFI(h, l, c, v, timeperiod);
    }();
    return Out(std::move(r));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("close"), pyb::arg("volume"), pyb::arg("timeperiod"));

  m.def("ta_STOCH", [](const InArray& high, const InArray& low, const InArray& close, int fastk_period,
                       int slowk_period, int slowk_matype, int slowd_period, int slowd_matype) {
    auto h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close");
    SameLength({h, l, c}, "STOCH");
    const MaType kt = MaTypeOf(slowk_matype), dt = MaTypeOf(slowd_matype);
    Result<ta::StochResult> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::STOCH(h, l, c, fastk_period, slowk_period, kt, slowd_period, dt);
    }();
    auto v = UnwrapInput(std::move(r));
    return std::make_tuple(ToArray(std::move(v.slowk)), ToArray(std::move(v.slowd)));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("close"), pyb::arg("fastk_period"), pyb::arg("slowk_period"),
     pyb::arg("slowk_matype"), pyb::arg("slowd_period"), pyb::arg("slowd_matype"));

  m.def("ta_STOCHF", [](const InArray& high, const InArray& low, const InArray& close, int fastk_period,
                        int fastd_period, int fastd_matype) {
    auto h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close");
    SameLength({h, l, c}, "STOCHF");
    const MaType dt = MaTypeOf(fastd_matype);
    Result<ta::StochFResult> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::STOCHF(h, l, c, fastk_period, fastd_period, dt);
    }();
    auto v = UnwrapInput(std::move(r));
    return std::make_tuple(ToArray(std::move(v.fastk)), ToArray(std::move(v.fastd)));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("close"), pyb::arg("fastk_period"), pyb::arg("fastd_period"),
     pyb::arg("fastd_matype"));

  m.def("ta_AROON", [](const InArray& high, const InArray& low, int timeperiod) {
    auto h = Span(high, "high"), l = Span(low, "low");
    SameLength({h, l}, "AROON");
    Result<ta::AroonResult> r = [&] {
      MaybeRelease gil(h.size() >= kReleaseGilFrom);
      return ta::AROON(h, l, timeperiod);
    }();
    auto v = UnwrapInput(std::move(r));
    return std::make_tuple(ToArray(std::move(v.down)), ToArray(std::move(v.up)));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("timeperiod"));

  m.def("ta_AROONOSC", [](const InArray& high, const InArray& low, int timeperiod) {
    auto h = Span(high, "high"), l = Span(low, "low");
    SameLength({h, l}, "AROONOSC");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(h.size() >= kReleaseGilFrom);
      return ta::AROONOSC(h, l, timeperiod);
    }();
    return Out(std::move(r));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("timeperiod"));

  m.def("ta_ULTOSC", [](const InArray& high, const InArray& low, const InArray& close, int timeperiod1,
                        int timeperiod2, int timeperiod3) {
    auto h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close");
    SameLength({h, l, c}, "ULTOSC");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::ULTOSC(h, l, c, timeperiod1, timeperiod2, timeperiod3);
    }();
    return Out(std::move(r));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("close"), pyb::arg("timeperiod1"), pyb::arg("timeperiod2"),
     pyb::arg("timeperiod3"));

  m.def("ta_BOP", [](const InArray& open, const InArray& high, const InArray& low, const InArray& close) {
    auto o = Span(open, "open"), h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close");
    SameLength({o, h, l, c}, "BOP");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::BOP(o, h, l, c);
    }();
    return Out(std::move(r));
  }, pyb::arg("open"), pyb::arg("high"), pyb::arg("low"), pyb::arg("close"));

  m.def("ta_TRANGE", [](const InArray& high, const InArray& low, const InArray& close) {
    auto h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close");
    SameLength({h, l, c}, "TRANGE");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::TRANGE(h, l, c);
    }();
    return Out(std::move(r));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("close"));

  m.def("ta_OBV", [](const InArray& real, const InArray& volume) {
    auto x = Span(real, "real"), v = Span(volume, "volume");
    SameLength({x, v}, "OBV");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(x.size() >= kReleaseGilFrom);
      return ta::OBV(x, v);
    }();
    return Out(std::move(r));
  }, pyb::arg("real"), pyb::arg("volume"));

  m.def("ta_AD", [](const InArray& high, const InArray& low, const InArray& close, const InArray& volume) {
    auto h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close"), v = Span(volume, "volume");
    SameLength({h, l, c, v}, "AD");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::AD(h, l, c, v);
    }();
    return Out(std::move(r));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("close"), pyb::arg("volume"));

  m.def("ta_ADOSC", [](const InArray& high, const InArray& low, const InArray& close, const InArray& volume,
                       int fastperiod, int slowperiod) {
    auto h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close"), v = Span(volume, "volume");
    SameLength({h, l, c, v}, "ADOSC");
    Result<ta::Series> r = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::ADOSC(h, l, c, v, fastperiod, slowperiod);
    }();
    return Out(std::move(r));
  }, pyb::arg("high"), pyb::arg("low"), pyb::arg("close"), pyb::arg("volume"), pyb::arg("fastperiod"),
     pyb::arg("slowperiod"));

  // The 61 patterns, each its own function ta_CDL...(open, high, low, close) -> int32 array.
  pyb::list pattern_names;
  for (const auto& spec : ta::AllPatterns()) {
    const ta::PatternSpec* p = &spec;
    const std::string name(spec.name);
    pattern_names.append(name);
    m.def(("ta_" + name).c_str(), [p](const InArray& open, const InArray& high, const InArray& low,
                                      const InArray& close) {
      auto o = Span(open, "open"), h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close");
      SameLength({o, h, l, c}, std::string(p->name).c_str());
      std::vector<int> out;
      {
        MaybeRelease gil(c.size() >= kReleaseGilFrom);
        out = p->compute(ta::OhlcView{o, h, l, c}, ta::DefaultCandleSettings());
      }
      return ToArray(std::move(out));
    }, pyb::arg("open"), pyb::arg("high"), pyb::arg("low"), pyb::arg("close"));
  }
  m.attr("ta_pattern_names") = pattern_names;

  // The `qtrader ta` table.
  m.def("ta_output_columns", [] {
    pyb::list out;
    for (const auto& c : ta::OutputColumns()) {
      out.append(pyb::make_tuple(std::string(c.name), std::string(c.function),
                                 c.kind == ta::OutputKind::kPattern ? "pattern" : "real"));
    }
    return out;
  }, "The 85 columns of `qtrader ta`: (name, TA-Lib function, 'pattern' | 'real').");

  m.def("ta_outputs", [](const InArray& open, const InArray& high, const InArray& low, const InArray& close,
                         const InArray& volume, const std::string& only) {
    auto o = Span(open, "open"), h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close"),
         v = Span(volume, "volume");
    SameLength({o, h, l, c, v}, "ta table");
    std::vector<std::size_t> selected;
    if (only.empty()) {
      for (std::size_t i = 0; i < ta::OutputColumns().size(); ++i) selected.push_back(i);
    } else {
      selected = UnwrapInput(ta::SelectOutputs(std::string_view(only)));
    }
    Result<std::vector<ta::ComputedOutput>> computed = [&] {
      MaybeRelease gil(c.size() >= kReleaseGilFrom);
      return ta::ComputeOutputs(ta::OhlcvView{o, h, l, c, v}, selected);
    }();
    auto columns = UnwrapInput(std::move(computed));
    pyb::list out;
    for (auto& col : columns) {
      pyb::object values = col.column->kind == ta::OutputKind::kPattern ? pyb::object(ToArray(std::move(col.pattern)))
                                                                         : pyb::object(ToArray(std::move(col.real)));
      out.append(pyb::make_tuple(std::string(col.column->name), col.first_defined, values));
    }
    return out;
  }, pyb::arg("open"), pyb::arg("high"), pyb::arg("low"), pyb::arg("close"), pyb::arg("volume"),
     pyb::arg("only") = "",
     "The `qtrader ta` columns over OHLCV arrays: [(name, first_defined, values)], `only` as --only.");
}

}  // namespace qat::py
