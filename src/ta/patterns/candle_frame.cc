#include "ta/patterns/candle_frame.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <utility>

namespace qat::ta::patterns_detail {
namespace {

// TA-Lib's geometry macros for every candle (no branches, so it vectorizes).
QAT_VECTOR_KERNEL void ComputeGeometry(std::size_t n, const double* open, const double* high,
                                       const double* low, const double* close, double* body,
                                       double* upper, double* lower, double* hl, double* shadows) {
  for (std::size_t i = 0; i < n; ++i) {
    const double o = open[i], h = high[i], l = low[i], c = close[i];
    const bool white = c >= o;
    const double up = h - (white ? c : o);
    const double down = (white ? o : c) - l;
    body[i] = std::fabs(c - o);
    upper[i] = up;
    lower[i] = down;
    hl[i] = h - l;
    shadows[i] = up + down;
  }
}

// factor * (sum / period), halved for the shadows measure, for c in [from, n).
QAT_VECTOR_KERNEL void ScaleTotals(std::size_t from, std::size_t n, const double* sums,
                                   double divisor, double factor, bool halve, double* values) {
  const double half = halve ? 0.5 : 1.0;  // exact: x * 1.0 == x and x * 0.5 == x / 2.0
  for (std::size_t c = from; c < n; ++c) values[c] = factor * (sums[c] / divisor) * half;
}

struct PooledBuffer {
  std::unique_ptr<double[]> data;
  std::size_t capacity;
};
constexpr std::size_t kPoolMaxDoubles = std::size_t{8} << 20;  // 64 MB
thread_local std::vector<PooledBuffer> pool;
thread_local std::size_t pooled_doubles = 0;

}  // namespace

Scratch::Scratch(std::size_t size) {
  // The smallest pooled buffer that is large enough, else a new one.
  std::size_t best = pool.size();
  for (std::size_t k = 0; k < pool.size(); ++k) {
    if (pool[k].capacity >= size && (best == pool.size() || pool[k].capacity < pool[best].capacity)) {
      best = k;
    }
  }
  if (best < pool.size()) {
    data_ = std::move(pool[best].data);
    capacity_ = pool[best].capacity;
    pooled_doubles -= capacity_;
    pool[best] = std::move(pool.back());
    pool.pop_back();
  } else {
    data_ = std::make_unique_for_overwrite<double[]>(size);
    capacity_ = size;
  }
}

Scratch::~Scratch() {
  if (data_ && pooled_doubles + capacity_ <= kPoolMaxDoubles) {
    pooled_doubles += capacity_;
    pool.push_back({std::move(data_), capacity_});
  }
}

Scratch::Scratch(Scratch&& other) noexcept
    : data_(std::move(other.data_)), capacity_(std::exchange(other.capacity_, 0)) {}

Scratch& Scratch::operator=(Scratch&& other) noexcept {
  if (this != &other) {
    Scratch old(std::move(*this));  // gives this buffer back to the pool
    data_ = std::move(other.data_);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

CandleFrame::CandleFrame(const OhlcView& bars, const CandleSettings& settings)
    : bars_(bars),
      settings_(settings),
      n_(bars.size()),
      open_(bars.open.data()),
      high_(bars.high.data()),
      low_(bars.low.data()),
      close_(bars.close.data()),
      geometry_(5 * n_),
      body_(geometry_.get()),
      upper_(body_ + n_),
      lower_(upper_ + n_),
      hl_(lower_ + n_),
      shadows_(hl_ + n_) {
  assert(bars.open.size() == n_ && bars.high.size() == n_ && bars.low.size() == n_);
  ComputeGeometry(n_, open_, high_, low_, close_, geometry_.get(), geometry_.get() + n_,
                  geometry_.get() + 2 * n_, geometry_.get() + 3 * n_, geometry_.get() + 4 * n_);
}

const double* CandleFrame::RangeOf(CandleSettingType type) const {
  switch (settings_[type].range_type) {
    case RangeType::kRealBody: return body_;
    case RangeType::kHighLow: return hl_;
    case RangeType::kShadows: return shadows_;
  }
  return body_;
}

const CandleFrame::Totals& CandleFrame::TotalsFor(const CandleSetting& setting, std::size_t start) {
  const std::size_t batch = start / kLanes;
  for (const auto& t : totals_) {
    if (t->range_type == setting.range_type && t->period == setting.avg_period && t->batch == batch) {
      return *t;
    }
  }
  const auto period = static_cast<std::size_t>(setting.avg_period);
  auto totals = std::make_unique<Totals>(
      Totals{setting.range_type, setting.avg_period, batch,
             Scratch(kLanes * n_)});
  const double* range = setting.range_type == RangeType::kRealBody ? body_
                        : setting.range_type == RangeType::kHighLow ? hl_
                                                                     : shadows_;
  // All lanes share the step total += range(c) - range(c - period); each starts as a
  // left-to-right sum. Lanes whose first candle is past the end stay empty.
  const std::size_t first_start = batch * kLanes;
  double sum[kLanes];
  std::size_t lanes = 0;
  for (std::size_t k = 0; k < kLanes && first_start + k + period < n_; ++k, ++lanes) {
    sum[k] = 0.0;
    for (std::size_t j = first_start + k; j < first_start + k + period; ++j) sum[k] += range[j];
  }
  double* out = totals->sums.get();
  // Ramp-up: lane k becomes defined at c = first_start + k + period.
  const std::size_t steady = std::min(n_, first_start + lanes + period);
  for (std::size_t c = first_start + period; c < steady; ++c) {
    const double step = range[c] - range[c - period];
    for (std::size_t k = 0; k < lanes; ++k) {
      if (c >= first_start + k + period) {
        out[k * n_ + c] = sum[k];
        sum[k] += step;
      }
    }
  }
  if (lanes == kLanes) {
    // Steady state: eight independent chains per step, so the adds overlap.
    for (std::size_t c = steady; c < n_; ++c) {
      const double step = range[c] - range[c - period];
      for (std::size_t k = 0; k < kLanes; ++k) {
        out[k * n_ + c] = sum[k];
        sum[k] += step;
      }
    }
  }
  totals_.push_back(std::move(totals));
  return *totals_.back();
}

const double* CandleFrame::Average(CandleSettingType type, std::size_t first, std::size_t offset) {
  const CandleSetting& setting = settings_[type];
  assert(setting.avg_period >= 0);
  const auto period = static_cast<std::size_t>(setting.avg_period);
  assert(first >= offset + period && first < n_);
  const bool halve = setting.range_type == RangeType::kShadows;
  // Period 0: the candle's own range times the factor; with factor 1 that is the range itself.
  if (period == 0 && setting.factor == 1.0 && !halve) return RangeOf(type);
  const std::size_t start = period == 0 ? 0 : first - offset - period;
  for (const auto& series : cache_) {
    if (series->range_type == setting.range_type && series->period == setting.avg_period &&
        series->factor == setting.factor && series->start == start) {
      return series->values.get();
    }
  }
  auto series = std::make_unique<Series>(
      Series{setting.range_type, setting.avg_period, setting.factor, start, Scratch(n_)});
  double* values = series->values.get();
  if (period == 0) {
    ScaleTotals(0, n_, RangeOf(type), 1.0, setting.factor, halve, values);
  } else {
    const Totals& totals = TotalsFor(setting, start);
    const double* sums = totals.sums.get() + (start - totals.batch * kLanes) * n_;
    ScaleTotals(start + period, n_, sums, static_cast<double>(setting.avg_period), setting.factor,
                halve, values);
  }
  cache_.push_back(std::move(series));
  return cache_.back()->values.get();
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
