// OBV, AD and ADOSC.
#include <algorithm>

#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;

namespace {

// One step of the A/D line: ad += CLV * volume where the bar has a range.
inline double AdStep(double ad, double high, double low, double close, double volume) {
  const double range = high - low;
  if (range > 0.0) ad += (((close - low) - (high - close)) / range) * volume;
  return ad;
}

}  // namespace

Result<Series> OBV(std::span<const double> real, std::span<const double> volume) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("OBV", {real, volume}));
  Series out(real.size());
  internal::ObvKernel(real, volume, out.data());
  return out;
}

void internal::ObvKernel(std::span<const double> real, std::span<const double> volume, double* out) {
  const std::size_t n = real.size();
  if (n == 0) return;
  double obv = volume[0];
  double prev = real[0];
  for (std::size_t i = 0; i < n; ++i) {
    const double v = real[i];
    if (v > prev) {
      obv += volume[i];
    } else if (v < prev) {
      obv -= volume[i];
    }
    out[i] = obv;
    prev = v;
  }
}
int OBVLookback() { return 0; }

Result<Series> AD(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, std::span<const double> volume) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("AD", {high, low, close, volume}));
  Series out(close.size());
  double ad = 0.0;
  for (std::size_t i = 0; i < close.size(); ++i) {
    ad = AdStep(ad, high[i], low[i], close[i], volume[i]);
    out[i] = ad;
  }
  return out;
}
int ADLookback() { return 0; }

Result<Series> ADOSC(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<const double> volume, int fast,
                     int slow) {
  QAT_RETURN_IF_ERROR(internal::CheckSameLength("ADOSC", {high, low, close, volume}));
  QAT_RETURN_IF_ERROR(CheckPeriod("ADOSC", "fast", fast, 2));
  QAT_RETURN_IF_ERROR(CheckPeriod("ADOSC", "slow", slow, 2));
  const std::size_t n = close.size();
  Series out = NanSeries(n);
  const std::size_t lookback = static_cast<std::size_t>(std::max(fast, slow) - 1);
  if (n <= lookback) return out;
  const double fast_k = internal::EmaK(fast);
  const double fast_1k = 1.0 - fast_k;
  const double slow_k = internal::EmaK(slow);
  const double slow_1k = 1.0 - slow_k;
  double ad = AdStep(0.0, high[0], low[0], close[0], volume[0]);
  double fast_ema = ad;
  double slow_ema = ad;
  for (std::size_t i = 1; i < n; ++i) {
    ad = AdStep(ad, high[i], low[i], close[i], volume[i]);
    fast_ema = (fast_k * ad) + (fast_1k * fast_ema);
    slow_ema = (slow_k * ad) + (slow_1k * slow_ema);
    if (i >= lookback) out[i] = fast_ema - slow_ema;
  }
  return out;
}
int ADOSCLookback(int fast, int slow) {
  if (!CheckPeriod("ADOSC", "fast", fast, 2).ok() || !CheckPeriod("ADOSC", "slow", slow, 2).ok()) {
    return -1;
  }
  return std::max(fast, slow) - 1;
}

}  // namespace qat::ta
