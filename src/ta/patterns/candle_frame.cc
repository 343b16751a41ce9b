#include "ta/patterns/candle_frame.h"

#include "qat/core/check.h"

#include <algorithm>
#include <bit>
#include <cstdint>
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

// TA-Lib's running total of one measure over `period` candles, started at candle 0:
// sums[c] for c >= period.
struct RunningTotalChain {
  const double* range = nullptr;
  std::size_t period = 0;
  double* sums = nullptr;
};

// K chains side by side: each is a sequence of dependent adds, so interleaved they overlap
// instead of each waiting on its own latency. Each chain's arithmetic is exactly TA-Lib's.
template <std::size_t K>
void RunChains(const RunningTotalChain* chains, std::size_t n) {
  double sum[K];
  std::size_t longest = 0;
  for (std::size_t k = 0; k < K; ++k) {
    sum[k] = 0.0;
    for (std::size_t c = 0; c < chains[k].period; ++c) sum[k] += chains[k].range[c];
    longest = std::max(longest, chains[k].period);
  }
  longest = std::min(longest, n);
  for (std::size_t k = 0; k < K; ++k) {  // until the longest period, one chain at a time
    for (std::size_t c = chains[k].period; c < longest; ++c) {
      chains[k].sums[c] = sum[k];
      sum[k] += chains[k].range[c] - chains[k].range[c - chains[k].period];
    }
  }
  const double* range[K];
  double* sums[K];
  std::size_t period[K];
  for (std::size_t k = 0; k < K; ++k) {
    range[k] = chains[k].range;
    sums[k] = chains[k].sums;
    period[k] = chains[k].period;
  }
  for (std::size_t c = longest; c < n; ++c) {
    for (std::size_t k = 0; k < K; ++k) {
      sums[k][c] = sum[k];
      sum[k] += range[k][c] - range[k][c - period[k]];
    }
  }
}

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
    : settings_(settings),
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
  QAT_CHECK(bars.open.size() == n_ && bars.high.size() == n_ && bars.low.size() == n_);
  ComputeGeometry(n_, open_, high_, low_, close_, geometry_.get(), geometry_.get() + n_,
                  geometry_.get() + 2 * n_, geometry_.get() + 3 * n_, geometry_.get() + 4 * n_);
}

const double* CandleFrame::RangeOf(RangeType range_type) const {
  switch (range_type) {
    case RangeType::kRealBody: return body_;
    case RangeType::kHighLow: return hl_;
    case RangeType::kShadows: return shadows_;
  }
  return body_;
}

const CandleFrame::Reference& CandleFrame::ReferenceFor(const CandleSetting& setting) {
  const auto find = [&](RangeType type, int period) -> const Reference* {
    for (const auto& r : references_) {
      if (r->range_type == type && r->period == period) return r.get();
    }
    return nullptr;
  };
  if (const Reference* found = find(setting.range_type, setting.avg_period)) return *found;
  // Every reference the settings table can ask for (by default four: real body over 10,
  // high-low over 10 and 5, shadows over 10), computed in one pass: each total is a chain of
  // dependent adds, and side by side the chains overlap instead of waiting on each other.
  std::vector<Reference*> todo;
  for (const CandleSetting& s : settings_.table) {
    if (s.avg_period <= 0 || static_cast<std::size_t>(s.avg_period) >= n_ ||
        find(s.range_type, s.avg_period) != nullptr) {
      continue;
    }
    references_.push_back(
        std::make_unique<Reference>(Reference{s.range_type, s.avg_period, Scratch(n_)}));
    todo.push_back(references_.back().get());
  }
  for (std::size_t k = 0; k < todo.size(); k += 4) {
    const std::size_t group = std::min<std::size_t>(4, todo.size() - k);
    RunningTotalChain chains[4];
    for (std::size_t g = 0; g < group; ++g) {
      const Reference& r = *todo[k + g];
      chains[g] = {RangeOf(r.range_type), static_cast<std::size_t>(r.period), r.sums.get()};
    }
    switch (group) {
      case 1: RunChains<1>(chains, n_); break;
      case 2: RunChains<2>(chains, n_); break;
      case 3: RunChains<3>(chains, n_); break;
      default: RunChains<4>(chains, n_); break;
    }
  }
  return *find(setting.range_type, setting.avg_period);
}

const double* CandleFrame::FindSeries(const CandleSetting& setting, std::size_t start) const {
  for (const auto& series : cache_) {
    if (series->range_type == setting.range_type && series->period == setting.avg_period &&
        series->factor == setting.factor && series->start == start) {
      return series->values;
    }
  }
  return nullptr;
}

const double* CandleFrame::AddSeries(const CandleSetting& setting, std::size_t start,
                                     const double* values, Scratch storage) {
  cache_.push_back(std::make_unique<Series>(Series{setting.range_type, setting.avg_period,
                                                   setting.factor, start, values,
                                                   std::move(storage)}));
  return values;
}

const double* CandleFrame::TotalsColumn(const CandleSetting& setting, std::size_t start) {
  if (const double* found = FindSeries(setting, start)) return found;
  const auto period = static_cast<std::size_t>(setting.avg_period);
  const auto divisor = static_cast<double>(setting.avg_period);
  const bool halve = setting.range_type == RangeType::kShadows;
  const Reference& ref = ReferenceFor(setting);
  const double* ref_sums = ref.sums.get();
  if (start == 0) {
    Scratch storage(n_);
    ScaleTotals(period, n_, ref_sums, divisor, setting.factor, halve, storage.get());
    const double* values = storage.get();
    return AddSeries(setting, 0, values, std::move(storage));
  }
  // This start's own total, in TA-Lib's order, until it equals the reference's.
  const double* range = RangeOf(setting.range_type);
  double sum = 0.0;
  for (std::size_t c = start; c < start + period; ++c) sum += range[c];
  std::vector<double> own;
  std::size_t merge = start + period;
  // Equal bits mean equal state: from there on both totals take the same steps.
  for (; merge < n_ && std::bit_cast<std::uint64_t>(sum) != std::bit_cast<std::uint64_t>(ref_sums[merge]);
       ++merge) {
    own.push_back(sum);
    sum += range[merge] - range[merge - period];
  }
  const double* ref_column = TotalsColumn(setting, 0);
  if (own.empty()) return AddSeries(setting, start, ref_column, Scratch());  // same column
  Scratch storage(n_);
  double* values = storage.get();
  ScaleTotals(0, own.size(), own.data(), divisor, setting.factor, halve, values + start + period);
  std::copy(ref_column + merge, ref_column + n_, values + merge);
  return AddSeries(setting, start, values, std::move(storage));
}

const double* CandleFrame::Average(CandleSettingType type, std::size_t first, std::size_t offset) {
  const CandleSetting& setting = settings_[type];
  QAT_CHECK(setting.avg_period >= 0);
  const auto period = static_cast<std::size_t>(setting.avg_period);
  QAT_CHECK(first >= offset + period && first < n_);
  if (period > 0) return TotalsColumn(setting, first - offset - period);
  // Period 0: the candle's own range times the factor; with factor 1 that is the range itself.
  const bool halve = setting.range_type == RangeType::kShadows;
  if (setting.factor == 1.0 && !halve) return RangeOf(setting.range_type);
  if (const double* found = FindSeries(setting, 0)) return found;
  Scratch storage(n_);
  ScaleTotals(0, n_, RangeOf(setting.range_type), 1.0, setting.factor, halve, storage.get());
  const double* values = storage.get();
  return AddSeries(setting, 0, values, std::move(storage));
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
