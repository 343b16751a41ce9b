// Properties every indicator of the ta module must have, checked on real bundled data
// (data/daily/SPY.csv, 7843 daily bars):
//
// 1. Warm-up: the output has one value per input bar; exactly the first XxxLookback(params)
//    values are NaN and every later one is a number. With exactly `lookback` bars everything
//    is NaN; with lookback+1 bars only the last value is defined.
// 2. Sub-range: run on bars [a, b) versus the full run at the same bars.
//    * Window indicators (the value depends only on the last few bars: SMA, WMA, BBANDS,
//      STDDEV, CCI, MFI, WILLR, ROC, MOM, AROON, AROONOSC, BOP, TRANGE, STOCH/STOCHF with SMA,
//      ULTOSC, PPO with SMA): equal at every bar the sub-range run defines, to
//      |x-y| <= 1e-9*(1+|y|). Not bit-exact because TA-Lib keeps running sums, which start
//      at a different bar. STDDEV and BBANDS compute the variance as E[x^2]-E[x]^2 from
//      running sums (as TA-Lib), whose cancellation error is absolute in price^2, so for them
//      the bound is the golden tolerance 1e-6 + 1e-9*|y|.
//    * Recursive indicators (seeded state: EMA, DEMA, TEMA, RSI, ATR, NATR, MACD, ADX, ADXR,
//      PLUS_DI, MINUS_DI, STOCHRSI, ADOSC): the sub-range run re-seeds at its own start, as
//      TA-Lib does for that input, so early values differ. "Equal" means: after a burn-in of
//      `burn_in` bars past the sub-range's warm-up the difference is at most 1e-6*(1+|y|) and
//      stays so to the end of the range. (Also checked: it is not already equal at the
//      first defined bar for EMA, so the burn-in is real.)
//    * Running totals (OBV, AD): the sub-range run differs from the full run by one constant
//      (the total before bar a, for OBV re-based on volume[a]), to 1e-9 relative.
// 3. Bad parameters are rejected with an Error naming the function and the parameter, and
//    XxxLookback returns -1 for them; columns of different lengths are rejected.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "qat/ta/indicators.h"
#include "ta/golden.h"

namespace qat::testing {
namespace {

using ta::MaType;
using ta::Series;

struct Bars {
  std::vector<double> open, high, low, close, volume;
  Bars Slice(std::size_t a, std::size_t b) const {
    auto cut = [&](const std::vector<double>& v) {
      return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(a),
                                 v.begin() + static_cast<std::ptrdiff_t>(b));
    };
    return {cut(open), cut(high), cut(low), cut(close), cut(volume)};
  }
};

const Bars& Spy() {
  static const Bars kBars = [] {
    GoldenCase c = LoadGoldenCase("SPY");
    return Bars{c.open, c.high, c.low, c.close, c.volume};
  }();
  return kBars;
}

enum class Kind { kWindow, kRecursive, kRunningTotal };

using RunFn = std::function<Result<std::vector<Series>>(const Bars&)>;

struct BadParam {
  std::string param;                     // must appear in the message
  std::function<std::string()> message;  // error message of the call ("" if it succeeded)
  int lookback;                          // XxxLookback for the same parameters
};

struct IndicatorCase {
  std::string name;
  int lookback;
  Kind kind;
  int burn_in;  // recursive only
  RunFn run;
  std::vector<BadParam> bad;
};

template <typename T>
std::vector<Series> Outputs(T&& r);
template <>
std::vector<Series> Outputs(Series&& r) { return {std::move(r)}; }
template <>
std::vector<Series> Outputs(ta::MacdResult&& r) { return {std::move(r.macd), std::move(r.signal), std::move(r.hist)}; }
template <>
std::vector<Series> Outputs(ta::BbandsResult&& r) { return {std::move(r.upper), std::move(r.middle), std::move(r.lower)}; }
template <>
std::vector<Series> Outputs(ta::StochResult&& r) { return {std::move(r.slowk), std::move(r.slowd)}; }
template <>
std::vector<Series> Outputs(ta::StochFResult&& r) { return {std::move(r.fastk), std::move(r.fastd)}; }
template <>
std::vector<Series> Outputs(ta::AroonResult&& r) { return {std::move(r.down), std::move(r.up)}; }

template <typename F>
RunFn Run(F f) {
  return [f](const Bars& b) -> Result<std::vector<Series>> {
    auto r = f(b);
    if (!r.ok()) return r.error();
    return Outputs(std::move(r).value());
  };
}

template <typename F>
std::function<std::string()> Msg(F f) {
  return [f] {
    auto r = f();
    return r.ok() ? std::string() : r.error().message;
  };
}

const std::vector<double> kX(50, 1.0);  // a short valid column for the parameter checks

std::vector<IndicatorCase> Cases() {
  const auto& x = kX;
  return {
      {"SMA", ta::SMALookback(20), Kind::kWindow, 0, Run([](const Bars& b) { return ta::SMA(b.close, 20); }),
       {{"period", Msg([&] { return ta::SMA(x, 1); }), ta::SMALookback(1)},
        {"period", Msg([&] { return ta::SMA(x, 100001); }), ta::SMALookback(100001)}}},
      {"EMA", ta::EMALookback(20), Kind::kRecursive, 400, Run([](const Bars& b) { return ta::EMA(b.close, 20); }),
       {{"period", Msg([&] { return ta::EMA(x, 1); }), ta::EMALookback(1)}}},
      {"WMA", ta::WMALookback(30), Kind::kWindow, 0, Run([](const Bars& b) { return ta::WMA(b.close, 30); }),
       {{"period", Msg([&] { return ta::WMA(x, 0); }), ta::WMALookback(0)}}},
      {"DEMA", ta::DEMALookback(30), Kind::kRecursive, 800, Run([](const Bars& b) { return ta::DEMA(b.close, 30); }),
       {{"period", Msg([&] { return ta::DEMA(x, 1); }), ta::DEMALookback(1)}}},
      {"TEMA", ta::TEMALookback(30), Kind::kRecursive, 1000, Run([](const Bars& b) { return ta::TEMA(b.close, 30); }),
       {{"period", Msg([&] { return ta::TEMA(x, -5); }), ta::TEMALookback(-5)}}},
      {"MA(WMA)", ta::MALookback(10, MaType::kWma), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::MA(b.close, 10, MaType::kWma); }),
       {{"type", Msg([&] { return ta::MA(x, 10, MaType::kKama); }), ta::MALookback(10, MaType::kKama)},
        {"period", Msg([&] { return ta::MA(x, 0, MaType::kSma); }), ta::MALookback(0, MaType::kSma)}}},
      {"BBANDS", ta::BBANDSLookback(20, MaType::kSma), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::BBANDS(b.close, 20, 2.0, 2.0, MaType::kSma); }),
       {{"period", Msg([&] { return ta::BBANDS(x, 1, 2.0, 2.0, MaType::kSma); }), ta::BBANDSLookback(1, MaType::kSma)},
        {"nbdev_up", Msg([&] { return ta::BBANDS(x, 5, NAN, 2.0, MaType::kSma); }), -1},
        {"ma_type", Msg([&] { return ta::BBANDS(x, 5, 2.0, 2.0, MaType::kT3); }), ta::BBANDSLookback(5, MaType::kT3)}}},
      {"BBANDS(EMA)", ta::BBANDSLookback(20, MaType::kEma), Kind::kRecursive, 400,
       Run([](const Bars& b) { return ta::BBANDS(b.close, 20, 2.0, 1.5, MaType::kEma); }), {}},
      {"RSI", ta::RSILookback(14), Kind::kRecursive, 400, Run([](const Bars& b) { return ta::RSI(b.close, 14); }),
       {{"period", Msg([&] { return ta::RSI(x, 1); }), ta::RSILookback(1)}}},
      {"MACD", ta::MACDLookback(12, 26, 9), Kind::kRecursive, 600,
       Run([](const Bars& b) { return ta::MACD(b.close, 12, 26, 9); }),
       {{"fast", Msg([&] { return ta::MACD(x, 1, 26, 9); }), ta::MACDLookback(1, 26, 9)},
        {"slow", Msg([&] { return ta::MACD(x, 12, 100001, 9); }), ta::MACDLookback(12, 100001, 9)},
        {"signal", Msg([&] { return ta::MACD(x, 12, 26, 1); }), ta::MACDLookback(12, 26, 1)}}},
      {"ADX", ta::ADXLookback(14), Kind::kRecursive, 600,
       Run([](const Bars& b) { return ta::ADX(b.high, b.low, b.close, 14); }),
       {{"period", Msg([&] { return ta::ADX(x, x, x, 1); }), ta::ADXLookback(1)}}},
      {"ADXR", ta::ADXRLookback(14), Kind::kRecursive, 600,
       Run([](const Bars& b) { return ta::ADXR(b.high, b.low, b.close, 14); }),
       {{"period", Msg([&] { return ta::ADXR(x, x, x, 1); }), ta::ADXRLookback(1)}}},
      {"PLUS_DI", ta::PLUS_DILookback(14), Kind::kRecursive, 400,
       Run([](const Bars& b) { return ta::PLUS_DI(b.high, b.low, b.close, 14); }),
       {{"period", Msg([&] { return ta::PLUS_DI(x, x, x, 0); }), ta::PLUS_DILookback(0)}}},
      {"MINUS_DI", ta::MINUS_DILookback(14), Kind::kRecursive, 400,
       Run([](const Bars& b) { return ta::MINUS_DI(b.high, b.low, b.close, 14); }),
       {{"period", Msg([&] { return ta::MINUS_DI(x, x, x, 0); }), ta::MINUS_DILookback(0)}}},
      {"CCI", ta::CCILookback(14), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::CCI(b.high, b.low, b.close, 14); }),
       {{"period", Msg([&] { return ta::CCI(x, x, x, 1); }), ta::CCILookback(1)}}},
      {"MFI", ta::MFILookback(14), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::MFI(b.high, b.low, b.close, b.volume, 14); }),
       {{"period", Msg([&] { return ta::MFI(x, x, x, x, 1); }), ta::MFILookback(1)}}},
      {"OBV", ta::OBVLookback(), Kind::kRunningTotal, 0, Run([](const Bars& b) { return ta::OBV(b.close, b.volume); }),
       {}},
      {"AD", ta::ADLookback(), Kind::kRunningTotal, 0,
       Run([](const Bars& b) { return ta::AD(b.high, b.low, b.close, b.volume); }), {}},
      {"ADOSC", ta::ADOSCLookback(3, 10), Kind::kRecursive, 400,
       Run([](const Bars& b) { return ta::ADOSC(b.high, b.low, b.close, b.volume, 3, 10); }),
       {{"fast", Msg([&] { return ta::ADOSC(x, x, x, x, 1, 10); }), ta::ADOSCLookback(1, 10)},
        {"slow", Msg([&] { return ta::ADOSC(x, x, x, x, 3, 1); }), ta::ADOSCLookback(3, 1)}}},
      {"STOCH", ta::STOCHLookback(5, 3, MaType::kSma, 3, MaType::kSma), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::STOCH(b.high, b.low, b.close, 5, 3, MaType::kSma, 3, MaType::kSma); }),
       {{"fastk_period", Msg([&] { return ta::STOCH(x, x, x, 0, 3, MaType::kSma, 3, MaType::kSma); }),
         ta::STOCHLookback(0, 3, MaType::kSma, 3, MaType::kSma)},
        {"slowd_type", Msg([&] { return ta::STOCH(x, x, x, 5, 3, MaType::kSma, 3, MaType::kMama); }),
         ta::STOCHLookback(5, 3, MaType::kSma, 3, MaType::kMama)}}},
      {"STOCH(EMA,WMA)", ta::STOCHLookback(14, 3, MaType::kEma, 4, MaType::kWma), Kind::kRecursive, 400,
       Run([](const Bars& b) { return ta::STOCH(b.high, b.low, b.close, 14, 3, MaType::kEma, 4, MaType::kWma); }),
       {}},
      {"STOCHF", ta::STOCHFLookback(5, 3, MaType::kSma), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::STOCHF(b.high, b.low, b.close, 5, 3, MaType::kSma); }),
       {{"fastd_period", Msg([&] { return ta::STOCHF(x, x, x, 5, 0, MaType::kSma); }),
         ta::STOCHFLookback(5, 0, MaType::kSma)}}},
      {"STOCHRSI", ta::STOCHRSILookback(14, 5, 3, MaType::kSma), Kind::kRecursive, 800,
       Run([](const Bars& b) { return ta::STOCHRSI(b.close, 14, 5, 3, MaType::kSma); }),
       {{"period", Msg([&] { return ta::STOCHRSI(x, 1, 5, 3, MaType::kSma); }),
         ta::STOCHRSILookback(1, 5, 3, MaType::kSma)},
        {"fastk_period", Msg([&] { return ta::STOCHRSI(x, 14, 0, 3, MaType::kSma); }),
         ta::STOCHRSILookback(14, 0, 3, MaType::kSma)}}},
      {"WILLR", ta::WILLRLookback(14), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::WILLR(b.high, b.low, b.close, 14); }),
       {{"period", Msg([&] { return ta::WILLR(x, x, x, 1); }), ta::WILLRLookback(1)}}},
      {"ROC", ta::ROCLookback(10), Kind::kWindow, 0, Run([](const Bars& b) { return ta::ROC(b.close, 10); }),
       {{"period", Msg([&] { return ta::ROC(x, 0); }), ta::ROCLookback(0)}}},
      {"MOM", ta::MOMLookback(10), Kind::kWindow, 0, Run([](const Bars& b) { return ta::MOM(b.close, 10); }),
       {{"period", Msg([&] { return ta::MOM(x, 0); }), ta::MOMLookback(0)}}},
      {"AROON", ta::AROONLookback(14), Kind::kWindow, 0, Run([](const Bars& b) { return ta::AROON(b.high, b.low, 14); }),
       {{"period", Msg([&] { return ta::AROON(x, x, 1); }), ta::AROONLookback(1)}}},
      {"AROONOSC", ta::AROONOSCLookback(14), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::AROONOSC(b.high, b.low, 14); }),
       {{"period", Msg([&] { return ta::AROONOSC(x, x, 1); }), ta::AROONOSCLookback(1)}}},
      {"PPO", ta::PPOLookback(12, 26, MaType::kSma), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::PPO(b.close, 12, 26, MaType::kSma); }),
       {{"fast", Msg([&] { return ta::PPO(x, 1, 26, MaType::kSma); }), ta::PPOLookback(1, 26, MaType::kSma)},
        {"ma_type", Msg([&] { return ta::PPO(x, 12, 26, MaType::kTrima); }), ta::PPOLookback(12, 26, MaType::kTrima)}}},
      {"PPO(EMA)", ta::PPOLookback(12, 26, MaType::kEma), Kind::kRecursive, 600,
       Run([](const Bars& b) { return ta::PPO(b.close, 12, 26, MaType::kEma); }), {}},
      {"ULTOSC", ta::ULTOSCLookback(7, 14, 28), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::ULTOSC(b.high, b.low, b.close, 7, 14, 28); }),
       {{"period2", Msg([&] { return ta::ULTOSC(x, x, x, 7, 0, 28); }), ta::ULTOSCLookback(7, 0, 28)}}},
      {"BOP", ta::BOPLookback(), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::BOP(b.open, b.high, b.low, b.close); }), {}},
      {"TRANGE", ta::TRANGELookback(), Kind::kWindow, 0,
       Run([](const Bars& b) { return ta::TRANGE(b.high, b.low, b.close); }), {}},
      {"ATR", ta::ATRLookback(14), Kind::kRecursive, 400,
       Run([](const Bars& b) { return ta::ATR(b.high, b.low, b.close, 14); }),
       {{"period", Msg([&] { return ta::ATR(x, x, x, 0); }), ta::ATRLookback(0)}}},
      {"NATR", ta::NATRLookback(14), Kind::kRecursive, 400,
       Run([](const Bars& b) { return ta::NATR(b.high, b.low, b.close, 14); }),
       {{"period", Msg([&] { return ta::NATR(x, x, x, 0); }), ta::NATRLookback(0)}}},
      {"STDDEV", ta::STDDEVLookback(5), Kind::kWindow, 0, Run([](const Bars& b) { return ta::STDDEV(b.close, 5, 1.0); }),
       {{"period", Msg([&] { return ta::STDDEV(x, 1, 1.0); }), ta::STDDEVLookback(1)},
        {"nbdev", Msg([&] { return ta::STDDEV(x, 5, INFINITY); }), -1}}},
  };
}

void PrintTo(const IndicatorCase& c, std::ostream* os) { *os << c.name; }

class IndicatorPropertyTest : public ::testing::TestWithParam<IndicatorCase> {};

TEST_P(IndicatorPropertyTest, WarmUpLengthEqualsLookback) {
  const IndicatorCase& c = GetParam();
  const Bars& bars = Spy();
  ASSERT_GE(c.lookback, 0);
  auto full = c.run(bars);
  ASSERT_TRUE(full.ok()) << full.error().message;
  for (const Series& s : full.value()) {
    ASSERT_EQ(s.size(), bars.close.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i < static_cast<std::size_t>(c.lookback)) {
        ASSERT_TRUE(std::isnan(s[i])) << c.name << ": bar " << i << " inside the lookback " << c.lookback << " is " << s[i];
      } else {
        ASSERT_FALSE(std::isnan(s[i])) << c.name << ": bar " << i << " after the lookback " << c.lookback << " is NaN";
      }
    }
  }
  // Inputs of exactly lookback and lookback+1 bars.
  const std::size_t lb = static_cast<std::size_t>(c.lookback);
  auto too_short = c.run(bars.Slice(0, lb));
  ASSERT_TRUE(too_short.ok()) << too_short.error().message;
  for (const Series& s : too_short.value()) {
    EXPECT_EQ(s.size(), lb);
    EXPECT_TRUE(std::all_of(s.begin(), s.end(), [](double v) { return std::isnan(v); })) << c.name;
  }
  auto one = c.run(bars.Slice(0, lb + 1));
  ASSERT_TRUE(one.ok()) << one.error().message;
  for (const Series& s : one.value()) {
    ASSERT_EQ(s.size(), lb + 1);
    EXPECT_FALSE(std::isnan(s[lb])) << c.name;
    for (std::size_t i = 0; i < lb; ++i) EXPECT_TRUE(std::isnan(s[i])) << c.name << " bar " << i;
  }
}

TEST_P(IndicatorPropertyTest, SubRangeMatchesFullRun) {
  const IndicatorCase& c = GetParam();
  const Bars& bars = Spy();
  const std::size_t a = 3000, b = 6000;
  auto full = c.run(bars);
  auto part = c.run(bars.Slice(a, b));
  ASSERT_TRUE(full.ok() && part.ok());
  const std::size_t lb = static_cast<std::size_t>(c.lookback);
  for (std::size_t k = 0; k < full.value().size(); ++k) {
    const Series& f = full.value()[k];
    const Series& p = part.value()[k];
    SCOPED_TRACE(c.name + " output " + std::to_string(k));
    switch (c.kind) {
      case Kind::kWindow: {
        const bool variance = c.name == "STDDEV" || c.name.rfind("BBANDS", 0) == 0;
        for (std::size_t i = lb; i < p.size(); ++i) {
          const double y = std::fabs(f[a + i]);
          const double tol = variance ? 1e-6 + 1e-9 * y : 1e-9 * (1 + y);
          ASSERT_LE(std::fabs(p[i] - f[a + i]), tol) << "bar " << a + i;
        }
        break;
      }
      case Kind::kRecursive: {
        const std::size_t from = lb + static_cast<std::size_t>(c.burn_in);
        ASSERT_LT(from, p.size());
        for (std::size_t i = from; i < p.size(); ++i) {
          ASSERT_LE(std::fabs(p[i] - f[a + i]), 1e-6 * (1 + std::fabs(f[a + i])))
              << "bar " << a + i << " (" << i - lb << " bars after the sub-range's warm-up)";
        }
        if (c.name == "EMA") {
          EXPECT_NE(p[lb], f[a + lb]) << "the sub-range EMA should start from its own seed";
        }
        break;
      }
      case Kind::kRunningTotal: {
        const double offset = p[0] - f[a];
        for (std::size_t i = 0; i < p.size(); ++i) {
          ASSERT_LE(std::fabs((p[i] - f[a + i]) - offset), 1e-9 * (1 + std::fabs(f[a + i]))) << "bar " << a + i;
        }
        break;
      }
    }
  }
}

TEST_P(IndicatorPropertyTest, BadParametersAreRejected) {
  const IndicatorCase& c = GetParam();
  std::string fn = c.name.substr(0, c.name.find('('));
  for (const BadParam& bad : c.bad) {
    const std::string message = bad.message();
    EXPECT_FALSE(message.empty()) << c.name << ": bad " << bad.param << " accepted";
    EXPECT_NE(message.find(fn + ":"), std::string::npos) << "message does not name " << fn << ": " << message;
    EXPECT_NE(message.find(bad.param), std::string::npos) << "message does not name " << bad.param << ": " << message;
    EXPECT_EQ(bad.lookback, -1) << c.name << " lookback for bad " << bad.param;
  }
  // Columns of different lengths.
  Bars bars = Spy().Slice(0, 100);
  bars.low.pop_back();
  bars.volume.pop_back();
  auto r = c.run(bars);
  const bool multi_column = c.name != "SMA" && c.name != "EMA" && c.name != "WMA" && c.name != "DEMA" &&
                            c.name != "TEMA" && c.name.rfind("MA(", 0) != 0 && c.name.rfind("BBANDS", 0) != 0 &&
                            c.name != "RSI" && c.name != "MACD" && c.name != "STOCHRSI" && c.name != "ROC" &&
                            c.name != "MOM" && c.name.rfind("PPO", 0) != 0 && c.name != "STDDEV";
  if (multi_column) {
    ASSERT_FALSE(r.ok()) << c.name << " accepted columns of different lengths";
    EXPECT_NE(r.error().message.find("differ in length"), std::string::npos) << r.error().message;
  } else {
    EXPECT_TRUE(r.ok());
  }
}

INSTANTIATE_TEST_SUITE_P(AllIndicators, IndicatorPropertyTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<IndicatorCase>& param_info) {
                           std::string s = param_info.param.name;
                           for (char& ch : s) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return s;
                         });

}  // namespace
}  // namespace qat::testing
