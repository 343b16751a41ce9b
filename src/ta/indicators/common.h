// Helpers shared by the indicator sources: parameter checks with TA-Lib's ranges, NaN-filled
// outputs, and the moving-average kernels that several indicators chain.
//
// A "kernel" runs TA-Lib's algorithm as if called with startIdx = 0 over `in` (n values) and
// writes its outputs aligned with `in`: out[lookback .. n-1]. It writes nothing when
// n <= lookback. Callers that need TA-Lib's behaviour for a later startIdx (MACD's fast EMA,
// DEMA's second EMA, ...) pass a sub-span that begins where TA-Lib's seed window begins.
#pragma once

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/ta/indicators.h"

namespace qat::ta::internal {

inline constexpr int kMaxPeriod = 100000;
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// TA-Lib's TA_EPSILON (0.6.x): values inside (-1e-14, 1e-14) count as zero.
inline constexpr double kEpsilon = 1e-14;
inline bool IsZero(double v) { return -kEpsilon < v && v < kEpsilon; }

inline Series NanSeries(std::size_t n) { return Series(n, kNaN); }

// "<fn>: <param> must be in [lo, 100000], got v".
Status CheckPeriod(std::string_view fn, std::string_view param, int value, int min);
// Finite and within TA-Lib's +-3e37.
Status CheckReal(std::string_view fn, std::string_view param, double value);
// SMA, EMA, WMA, DEMA or TEMA.
Status CheckMaType(std::string_view fn, std::string_view param, MaType type);
// All columns have the length of the first.
Status CheckSameLength(std::string_view fn, std::initializer_list<std::span<const double>> columns);

// Lookback of the supported MA types (TA_MA_Lookback); period 1 -> 0.
int MaLookbackUnchecked(int period, MaType type);

// Kernels (see the top of this file). `out` must not alias `in`.
void SmaKernel(std::span<const double> in, int period, double* out);
void EmaKernel(std::span<const double> in, int period, double k, double* out);
void WmaKernel(std::span<const double> in, int period, double* out);
void DemaKernel(std::span<const double> in, int period, double* out);
void TemaKernel(std::span<const double> in, int period, double* out);
// TA_MA for a supported type; period 1 copies.
void MaKernel(std::span<const double> in, int period, MaType type, double* out);

inline double EmaK(int period) { return 2.0 / static_cast<double>(period + 1); }

// Per-thread scratch buffers reused across calls (grown, never shrunk), so that repeated
// calls allocate nothing once warm. Each use site has its own slot; a buffer stays valid until
// the next Scratch() call for the same slot on the same thread. Contents are unspecified.
enum ScratchSlot {
  kScratchRollHelper,
  kScratchRollHi,
  kScratchRollLo,
  kScratchStochRaw,
  kScratchStochSlowK,
  kScratchCciTp,
  kScratchMfiTp,
  kScratchMfiPos,
  kScratchMfiNeg,
  kScratchMfiNegSum,
  kScratchWilderLoss,
  kScratchEma1,
  kScratchEma2,
  kScratchEma3,
  kScratchUnused0,  // kScratchUnused0..7: outputs a caller does not want
  kScratchUnused1,
  kScratchUnused2,
  kScratchUnused3,
  kScratchUnused4,
  kScratchUnused5,
  kScratchUnused6,
  kScratchUnused7,
  kScratchCount
};
double* Scratch(ScratchSlot slot, std::size_t n);

// Kernels of the public functions of the same name (parameters already validated, outputs
// of size n, written from the lookback on; the caller fills the warm-up with NaN).
// With ema_out, also EMA(real, ema_period) (EmaKernel's values) in the same loop.
void MacdKernel(std::span<const double> real, int fast, int slow, int signal, double* macd_out,
                double* signal_out, double* hist_out, int ema_period = 0, double* ema_out = nullptr);
void BbandsKernel(std::span<const double> real, int period, double nbdev_up, double nbdev_dn,
                  MaType type, double* upper, double* middle, double* lower);
void StochKernel(std::span<const double> high, std::span<const double> low,
                 std::span<const double> close, int fastk_period, int slowk_period,
                 MaType slowk_type, int slowd_period, MaType slowd_type, double* slowk_out,
                 double* slowd_out);
void WillrKernel(std::span<const double> high, std::span<const double> low,
                 std::span<const double> close, int period, double* out);
// WILLR at bar i >= w - 1 alone, scalar (stochastic.cc): the highest high and lowest low of
// the w bars ending there, (hi - close) / ((hi - lo) / -100), 0 where hi == lo.
double WillrAt(std::span<const double> high, std::span<const double> low, std::span<const double> close,
               std::size_t w, std::size_t i);
void CciKernel(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, int period, double* out);
void MfiKernel(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, std::span<const double> volume, int period, double* out);
void RocKernel(std::span<const double> real, int period, double* out);
// CCI and MFI over the same bars sharing the typical prices (cci_mfi.cc): CciKernel's and
// MfiKernel's values.
void CciMfiKernel(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, std::span<const double> volume, int cci_period,
                  int mfi_period, double* cci_out, double* mfi_out);
void ObvKernel(std::span<const double> real, std::span<const double> volume, double* out);
void AroonOscKernel(std::span<const double> high, std::span<const double> low, int period, double* out);
// WILLR and AROONOSC of the same period in one scan (aroon.cc): WillrKernel's and
// AroonOscKernel's values.
void WillrAroonOscKernel(std::span<const double> high, std::span<const double> low,
                         std::span<const double> close, int period, double* willr_out,
                         double* aroonosc_out);

// Sliding-window maximum / minimum of x[i-w+1 .. i] into out[i] for i >= w-1 (van Herk /
// Gil-Werman: block prefix and suffix extremes, O(1) per bar, no data-dependent branches).
// The extreme of a window is one of its values, so this equals TA-Lib's scan exactly
// (for inputs without NaN).
void RollingMax(const double* x, std::size_t n, std::size_t w, double* out);
void RollingMin(const double* x, std::size_t n, std::size_t w, double* out);

// Raw stochastic %K of TA-Lib's STOCH/STOCHF: out[i] for i >= fastk-1.
void RawStochKKernel(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, int fastk, double* out);

// RSI (rsi.cc): out[i] for i >= period.
void RsiKernel(std::span<const double> in, int period, double* out);

// ADX, +DI and -DI in one pass (directional.cc); period >= 2. Null outputs are skipped.
// adx_out[i] for i >= 2*period-1, plus_out/minus_out[i] for i >= period.
void DmiKernel(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, int period, double* adx_out, double* plus_out,
               double* minus_out);

// TRANGE, ATR and NATR in one pass (volatility.cc); period >= 2. Null outputs are skipped.
// tr_out[i] for i >= 1, atr_out/natr_out[i] for i >= period.
void AtrKernel(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, int period, double* tr_out, double* atr_out,
               double* natr_out);

// RSI (of the close), TRANGE, ATR, NATR, ADX, PLUS_DI and MINUS_DI, all of one period >= 2,
// in one pass (wilder.cc): the same values as RsiKernel, AtrKernel and DmiKernel, written from
// each one's lookback on. Every pointer must be a distinct buffer of close.size() values.
struct WilderOutputs {
  double* rsi;
  double* trange;
  double* atr;
  double* natr;
  double* adx;
  double* plus_di;
  double* minus_di;
};
void WilderKernel(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, int period, const WilderOutputs& outs);

// True range of bar i >= 1 (TA-Lib's TRUE_RANGE macro).
inline double TrueRange(double high, double low, double prev_close) {
  double greatest = high - low;
  double v = std::fabs(prev_close - high);
  if (v > greatest) greatest = v;
  v = std::fabs(prev_close - low);
  if (v > greatest) greatest = v;
  return greatest;
}

}  // namespace qat::ta::internal
