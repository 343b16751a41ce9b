// Technical indicators with TA-Lib's names, parameters, defaults and results (TA-Lib C 0.6.x).
//
// Conventions shared by every function below:
//   * Inputs are columns of equal length (`std::span<const double>`); `real` is any series
//     (usually the close). Functions that take several columns fail when their lengths differ.
//   * Outputs are aligned with the input: element i belongs to bar i. The first
//     `XxxLookback(params)` elements are NaN (TA-Lib's warm-up, where it defines no value);
//     every later element is the value TA-Lib computes for that bar when called over the
//     whole series (startIdx = 0, endIdx = n - 1). An input shorter than lookback + 1 gives
//     an all-NaN output, not an error.
//   * The arithmetic follows TA-Lib's order of operations; on every daily file we checked
//     (45 daily series; docs/ta.md) every output is bit-identical to TA-Lib 0.6's. The
//     golden tests allow |a-b| <= 1e-6 + 1e-9*|b|, TA-Lib oracle's tolerance.
//   * TA-Lib's global settings are fixed at their defaults: unstable periods 0, compatibility
//     mode "default" (EMA seeded with the SMA of its first `period` values; Wilder smoothing
//     in RSI/ATR/NATR/ADX/DI seeded as TA-Lib does). These are not configurable.
//   * Invalid parameters (a period below TA-Lib's minimum or above 100000, an unsupported MA
//     type, ...) return an Error whose message names the function and the parameter, e.g.
//     "RSI: period must be in [2, 100000], got 1". `XxxLookback` returns -1 for them.
//   * NaN inputs are not special-cased: they propagate as in TA-Lib.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "qat/core/result.h"

namespace qat::ta {

// TA-Lib's TA_MAType codes (same numbering). Functions that take an MA type support
// kSma, kEma, kWma, kDema and kTema; kTrima, kKama, kMama and kT3 return an Error.
// A period of 1 means "no averaging" (the input itself), as in TA-Lib's TA_MA.
enum class MaType { kSma = 0, kEma = 1, kWma = 2, kDema = 3, kTema = 4, kTrima = 5, kKama = 6, kMama = 7, kT3 = 8 };

// "SMA", "EMA", ... (TA-Lib's names).
std::string_view MaTypeName(MaType type);

using Series = std::vector<double>;

// ---- Overlap studies ---------------------------------------------------------------------

// Simple moving average. period in [2, 100000]. Lookback period-1.
Result<Series> SMA(std::span<const double> real, int period = 30);
int SMALookback(int period = 30);

// Exponential moving average, k = 2/(period+1), seeded with the SMA of the first `period`
// values. period in [2, 100000]. Lookback period-1.
Result<Series> EMA(std::span<const double> real, int period = 30);
int EMALookback(int period = 30);

// Linearly weighted moving average (weights 1..period). period in [2, 100000]. Lookback period-1.
Result<Series> WMA(std::span<const double> real, int period = 30);
int WMALookback(int period = 30);

// Double EMA: 2*EMA - EMA(EMA). period in [2, 100000]. Lookback 2*(period-1).
Result<Series> DEMA(std::span<const double> real, int period = 30);
int DEMALookback(int period = 30);

// Triple EMA: EMA3 + 3*EMA1 - 3*EMA2. period in [2, 100000]. Lookback 3*(period-1).
Result<Series> TEMA(std::span<const double> real, int period = 30);
int TEMALookback(int period = 30);

// Moving average of the given type (TA_MA). period in [1, 100000]; period 1 copies the input.
Result<Series> MA(std::span<const double> real, int period = 30, MaType type = MaType::kSma);
int MALookback(int period = 30, MaType type = MaType::kSma);

struct BbandsResult {
  Series upper, middle, lower;
};
// Bollinger bands: middle = MA(period, type); upper/lower = middle +- nbdev * population
// standard deviation of the last `period` values. period in [2, 100000]; nbdev_up/dn finite
// with |x| <= 3e37. Lookback MALookback(period, type).
Result<BbandsResult> BBANDS(std::span<const double> real, int period = 5, double nbdev_up = 2.0,
                            double nbdev_dn = 2.0, MaType type = MaType::kSma);
int BBANDSLookback(int period = 5, MaType type = MaType::kSma);

// ---- Momentum ---------------------------------------------------------------------------

// Relative strength index, Wilder smoothing. period in [2, 100000]. Lookback period.
Result<Series> RSI(std::span<const double> real, int period = 14);
int RSILookback(int period = 14);

struct MacdResult {
  Series macd, signal, hist;
};
// MACD = EMA(fast) - EMA(slow); signal = EMA(signal_period) of MACD; hist = MACD - signal.
// fast/slow in [2, 100000] (swapped if slow < fast); signal in [2, 100000] (TA-Lib accepts 1
// but its lookback for it is off by one; we reject it). Lookback (slow-1) + (signal-1).
// As in TA-Lib, both EMAs start at bar slow-1: the fast EMA is seeded with the SMA of the
// `fast` closes ending there (not of the first `fast` closes), and the signal EMA is seeded
// with the SMA of the first `signal` MACD values.
Result<MacdResult> MACD(std::span<const double> real, int fast = 12, int slow = 26, int signal = 9);
int MACDLookback(int fast = 12, int slow = 26, int signal = 9);

// ADX family (Wilder's directional movement). period in [2, 100000] for ADX/ADXR; [1, 100000]
// for PLUS_DI/MINUS_DI (period 1 gives the raw DM/TR ratio, not in percent, as TA-Lib).
// Lookbacks: ADX 2*period-1, ADXR 3*period-2, PLUS_DI/MINUS_DI period (1 for period 1).
Result<Series> ADX(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, int period = 14);
int ADXLookback(int period = 14);
// ADXR[i] = (ADX[i] + ADX[i-(period-1)]) / 2.
Result<Series> ADXR(std::span<const double> high, std::span<const double> low,
                    std::span<const double> close, int period = 14);
int ADXRLookback(int period = 14);
Result<Series> PLUS_DI(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, int period = 14);
int PLUS_DILookback(int period = 14);
Result<Series> MINUS_DI(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, int period = 14);
int MINUS_DILookback(int period = 14);

// Commodity channel index on the typical price (h+l+c)/3. period in [2, 100000]. Lookback period-1.
Result<Series> CCI(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, int period = 14);
int CCILookback(int period = 14);

// Money flow index. period in [2, 100000]. Lookback period.
Result<Series> MFI(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, std::span<const double> volume, int period = 14);
int MFILookback(int period = 14);

struct StochResult {
  Series slowk, slowd;
};
// Slow stochastic: raw %K over fastk_period bars, slowK = MA(raw %K), slowD = MA(slowK).
// fastk/slowk/slowd periods in [1, 100000]. Lookback (fastk-1) + MALookback(slowk) + MALookback(slowd).
Result<StochResult> STOCH(std::span<const double> high, std::span<const double> low,
                          std::span<const double> close, int fastk_period = 5, int slowk_period = 3,
                          MaType slowk_type = MaType::kSma, int slowd_period = 3,
                          MaType slowd_type = MaType::kSma);
int STOCHLookback(int fastk_period = 5, int slowk_period = 3, MaType slowk_type = MaType::kSma,
                  int slowd_period = 3, MaType slowd_type = MaType::kSma);

struct StochFResult {
  Series fastk, fastd;
};
// Fast stochastic: fastK = raw %K, fastD = MA(fastK). periods in [1, 100000].
// Lookback (fastk-1) + MALookback(fastd).
Result<StochFResult> STOCHF(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, int fastk_period = 5,
                            int fastd_period = 3, MaType fastd_type = MaType::kSma);
int STOCHFLookback(int fastk_period = 5, int fastd_period = 3, MaType fastd_type = MaType::kSma);

// Stochastic RSI: STOCHF applied to RSI(period) (as high, low and close).
// period in [2, 100000], fastk/fastd in [1, 100000]. Lookback RSILookback + STOCHFLookback.
Result<StochFResult> STOCHRSI(std::span<const double> real, int period = 14, int fastk_period = 5,
                              int fastd_period = 3, MaType fastd_type = MaType::kSma);
int STOCHRSILookback(int period = 14, int fastk_period = 5, int fastd_period = 3,
                     MaType fastd_type = MaType::kSma);

// Williams %R. period in [2, 100000]. Lookback period-1.
Result<Series> WILLR(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, int period = 14);
int WILLRLookback(int period = 14);

// Rate of change ((x/x[-period])-1)*100 (0 where x[-period] is 0), and momentum x - x[-period].
// period in [1, 100000]. Lookback period.
Result<Series> ROC(std::span<const double> real, int period = 10);
int ROCLookback(int period = 10);
Result<Series> MOM(std::span<const double> real, int period = 10);
int MOMLookback(int period = 10);

struct AroonResult {
  Series down, up;
};
// Aroon over a window of period+1 bars (the most recent extreme wins ties).
// period in [2, 100000]. Lookback period.
Result<AroonResult> AROON(std::span<const double> high, std::span<const double> low, int period = 14);
int AROONLookback(int period = 14);
// AROONOSC = 100/period * (index of highest high - index of lowest low). Lookback period.
Result<Series> AROONOSC(std::span<const double> high, std::span<const double> low, int period = 14);
int AROONOSCLookback(int period = 14);

// Percentage price oscillator (MA(fast)-MA(slow))/MA(slow)*100, both MAs over the whole
// series. fast/slow in [2, 100000] (swapped if slow < fast). Lookback MALookback(max, type).
Result<Series> PPO(std::span<const double> real, int fast = 12, int slow = 26, MaType type = MaType::kSma);
int PPOLookback(int fast = 12, int slow = 26, MaType type = MaType::kSma);

// Ultimate oscillator. periods in [1, 100000] (sorted internally, as TA-Lib).
// Lookback max(periods).
Result<Series> ULTOSC(std::span<const double> high, std::span<const double> low,
                      std::span<const double> close, int period1 = 7, int period2 = 14,
                      int period3 = 28);
int ULTOSCLookback(int period1 = 7, int period2 = 14, int period3 = 28);

// Balance of power (close-open)/(high-low), 0 where high-low < 1e-14. Lookback 0.
Result<Series> BOP(std::span<const double> open, std::span<const double> high,
                   std::span<const double> low, std::span<const double> close);
int BOPLookback();

// ---- Volatility -------------------------------------------------------------------------

// True range. Lookback 1.
Result<Series> TRANGE(std::span<const double> high, std::span<const double> low,
                      std::span<const double> close);
int TRANGELookback();

// Average true range (Wilder), seeded with the SMA of the first `period` true ranges.
// period in [1, 100000] (1 gives TRANGE). Lookback period.
Result<Series> ATR(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, int period = 14);
int ATRLookback(int period = 14);
// Normalized ATR: ATR/close*100. Lookback period. Where |close| < 1e-14 TA-Lib writes 0 to
// its first output and leaves this one unset; we write 0 here.
Result<Series> NATR(std::span<const double> high, std::span<const double> low,
                    std::span<const double> close, int period = 14);
int NATRLookback(int period = 14);

// Population standard deviation over `period` values times nbdev. period in [2, 100000].
// Lookback period-1.
Result<Series> STDDEV(std::span<const double> real, int period = 5, double nbdev = 1.0);
int STDDEVLookback(int period = 5);

// ---- Volume -----------------------------------------------------------------------------

// On-balance volume, starting at volume[0]. Lookback 0.
Result<Series> OBV(std::span<const double> real, std::span<const double> volume);
int OBVLookback();

// Chaikin accumulation/distribution line. Lookback 0.
Result<Series> AD(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, std::span<const double> volume);
int ADLookback();

// Chaikin A/D oscillator: EMA(fast) - EMA(slow) of the A/D line, both seeded with its first
// value (not an SMA). fast/slow in [2, 100000]. Lookback max(fast, slow) - 1.
Result<Series> ADOSC(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<const double> volume,
                     int fast = 3, int slow = 10);
int ADOSCLookback(int fast = 3, int slow = 10);

}  // namespace qat::ta
