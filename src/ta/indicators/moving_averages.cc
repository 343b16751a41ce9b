// SMA, EMA, WMA, DEMA, TEMA and the MA dispatcher (TA_MA).
#include "ta/indicators/common.h"

namespace qat::ta {

using internal::CheckPeriod;
using internal::NanSeries;

namespace {

template <typename Kernel>
Result<Series> RunMa(std::string_view fn, std::span<const double> real, int period, Kernel kernel) {
  QAT_RETURN_IF_ERROR(CheckPeriod(fn, "period", period, 2));
  Series out = NanSeries(real.size());
  kernel(real, period, out.data());
  return out;
}

}  // namespace

Result<Series> SMA(std::span<const double> real, int period) {
  return RunMa("SMA", real, period, internal::SmaKernel);
}
int SMALookback(int period) { return CheckPeriod("SMA", "period", period, 2).ok() ? period - 1 : -1; }

Result<Series> EMA(std::span<const double> real, int period) {
  return RunMa("EMA", real, period, [](std::span<const double> in, int p, double* out) {
    internal::EmaKernel(in, p, internal::EmaK(p), out);
  });
}
int EMALookback(int period) { return CheckPeriod("EMA", "period", period, 2).ok() ? period - 1 : -1; }

Result<Series> WMA(std::span<const double> real, int period) {
  return RunMa("WMA", real, period, internal::WmaKernel);
}
int WMALookback(int period) { return CheckPeriod("WMA", "period", period, 2).ok() ? period - 1 : -1; }

Result<Series> DEMA(std::span<const double> real, int period) {
  return RunMa("DEMA", real, period, internal::DemaKernel);
}
int DEMALookback(int period) {
  return CheckPeriod("DEMA", "period", period, 2).ok() ? 2 * (period - 1) : -1;
}

Result<Series> TEMA(std::span<const double> real, int period) {
  return RunMa("TEMA", real, period, internal::TemaKernel);
}
int TEMALookback(int period) {
  return CheckPeriod("TEMA", "period", period, 2).ok() ? 3 * (period - 1) : -1;
}

Result<Series> MA(std::span<const double> real, int period, MaType type) {
  QAT_RETURN_IF_ERROR(CheckPeriod("MA", "period", period, 1));
  QAT_RETURN_IF_ERROR(internal::CheckMaType("MA", "type", type));
  Series out = NanSeries(real.size());
  internal::MaKernel(real, period, type, out.data());
  return out;
}
int MALookback(int period, MaType type) {
  if (!CheckPeriod("MA", "period", period, 1).ok() || !internal::CheckMaType("MA", "type", type).ok()) {
    return -1;
  }
  return internal::MaLookbackUnchecked(period, type);
}

}  // namespace qat::ta
