#include "ta/patterns/candle_frame.h"

#include <cassert>
#include <cmath>

namespace qat::ta::patterns_detail {

CandleFrame::CandleFrame(const OhlcView& bars, const CandleSettings& settings)
    : bars_(bars),
      settings_(settings),
      n_(bars.size()),
      open_(bars.open.data()),
      high_(bars.high.data()),
      low_(bars.low.data()),
      close_(bars.close.data()),
      body_(n_),
      upper_(n_),
      lower_(n_),
      hl_(n_),
      shadows_(n_) {
  assert(bars.open.size() == n_ && bars.high.size() == n_ && bars.low.size() == n_);
  for (std::size_t i = 0; i < n_; ++i) {
    const double o = open_[i], h = high_[i], l = low_[i], c = close_[i];
    const bool white = c >= o;
    body_[i] = std::fabs(c - o);
    upper_[i] = h - (white ? c : o);
    lower_[i] = (white ? o : c) - l;
    hl_[i] = h - l;
    shadows_[i] = upper_[i] + lower_[i];
  }
}

const double* CandleFrame::RangeOf(CandleSettingType type) const {
  switch (settings_[type].range_type) {
    case RangeType::kRealBody: return body_.data();
    case RangeType::kHighLow: return hl_.data();
    case RangeType::kShadows: return shadows_.data();
  }
  return body_.data();
}

const double* CandleFrame::Average(CandleSettingType type, std::size_t first, std::size_t offset) {
  const CandleSetting& setting = settings_[type];
  assert(setting.avg_period >= 0);
  const auto period = static_cast<std::size_t>(setting.avg_period);
  assert(first >= offset + period && first < n_);
  const std::size_t start = period == 0 ? 0 : first - offset - period;
  for (const auto& series : cache_) {
    if (series->type == type && series->start == start) return series->values.data();
  }
  auto series = std::make_unique<Series>(Series{type, start, std::vector<double>(n_)});
  double* values = series->values.data();
  const double* range = RangeOf(type);
  const double factor = setting.factor;
  const bool halve = setting.range_type == RangeType::kShadows;
  // Halving is exact in binary floating point, so "* 0.5" gives TA-Lib's "/ 2.0" bit for bit.
  if (period == 0) {
    for (std::size_t c = 0; c < n_; ++c) {
      const double scaled = factor * range[c];
      values[c] = halve ? scaled * 0.5 : scaled;
    }
  } else {
    const auto divisor = static_cast<double>(setting.avg_period);
    double sum = 0.0;
    for (std::size_t c = start; c < start + period; ++c) sum += range[c];
    for (std::size_t c = start + period; c < n_; ++c) {
      const double scaled = factor * (sum / divisor);
      values[c] = halve ? scaled * 0.5 : scaled;
      sum += range[c] - range[c - period];
    }
  }
  cache_.push_back(std::move(series));
  return cache_.back()->values.data();
}

std::vector<int> RunPattern(const OhlcView& bars, const CandleSettings& settings,
                            PatternKernel kernel) {
  std::vector<int> out(bars.size(), 0);
  if (bars.size() == 0) return out;
  CandleFrame frame(bars, settings);
  kernel(frame, out);
  return out;
}

}  // namespace qat::ta::patterns_detail
