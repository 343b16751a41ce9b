#include "qat/data/adjust.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "qat/core/strings.h"

namespace qat::data {
namespace {

// Actions of one kind for `symbol`, dated on or before `as_of`, ascending by date.
std::vector<CorporateAction> Select(const std::vector<CorporateAction>& actions, ActionType type,
                                    const std::string& symbol, Days as_of) {
  std::vector<CorporateAction> out;
  for (const CorporateAction& a : actions) {
    if (a.type == type && a.date <= as_of && (a.symbol.empty() || symbol.empty() || a.symbol == symbol)) {
      out.push_back(a);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CorporateAction& a, const CorporateAction& b) { return a.date < b.date; });
  return out;
}

// Product of the split ratios dated after `day` (the splits are already those up to as-of).
double SplitsAfter(const std::vector<CorporateAction>& splits, Days day) {
  double f = 1;
  for (const CorporateAction& s : splits) {
    if (s.date > day) f *= s.value;
  }
  return f;
}

// The first day whose splits are not yet in a bar's stored prices, minus one.
Days AdjustedFrom(const Segment& segment, Days day) {
  return segment.basis == PriceBasis::kRaw ? day : std::max(day, segment.adjusted_through);
}

std::string Ratio(double r) {
  if (r >= 1) return fmt::format("{}:1", FormatShortest(r));
  return fmt::format("1:{}", FormatShortest(1 / r));
}

}  // namespace

const Segment& StoredSeries::SegmentOf(std::size_t i) const {
  assert(!segments.empty());
  auto it = std::upper_bound(segments.begin(), segments.end(), i,
                             [](std::size_t index, const Segment& s) { return index < s.begin; });
  return *(it - 1);
}

StoredSeries OneSegment(BarSeries bars, PriceBasis basis, std::string source, Days adjusted_through) {
  StoredSeries s;
  s.segments.push_back({0, bars.size(), basis, std::move(source), adjusted_through});
  s.bars = std::move(bars);
  return s;
}

BarSeries AdjustedBars(const StoredSeries& stored, const std::vector<CorporateAction>& actions,
                       const AdjustOptions& options) {
  const BarSeries& raw = stored.bars;
  const Days as_of = options.as_of.value_or(std::numeric_limits<Days>::max());
  std::size_t n = 0;
  while (n < raw.size() && raw.DayAt(n) <= as_of) ++n;
  const auto splits = Select(actions, ActionType::kSplit, raw.symbol, as_of);
  const auto dividends = Select(actions, ActionType::kDividend, raw.symbol, as_of);

  std::vector<Days> days(n), from(n);
  std::vector<double> split_factor(n), close(n);
  std::size_t k = 0;  // segment of bar i
  for (std::size_t i = 0; i < n; ++i) {
    while (stored.segments[k].end <= i) ++k;
    days[i] = raw.DayAt(i);
    from[i] = AdjustedFrom(stored.segments[k], days[i]);
    split_factor[i] = SplitsAfter(splits, from[i]);
    close[i] = raw.close[i] / split_factor[i];
  }
  // Per dividend: its multiplier, applied to bars whose window starts before its ex-date.
  std::vector<std::pair<Days, double>> dividend_factors;
  for (const CorporateAction& d : dividends) {
    auto it = std::lower_bound(days.begin(), days.end(), d.date);
    if (it == days.begin()) continue;  // no close before the ex-date
    const double prev_close = close[static_cast<std::size_t>(it - days.begin()) - 1];
    const double amount = d.value / SplitsAfter(splits, d.date);
    if (prev_close > amount) dividend_factors.emplace_back(d.date, 1 - amount / prev_close);
  }

  BarSeries out;
  out.symbol = raw.symbol;
  out.interval = raw.interval;
  out.Reserve(n);
  k = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (stored.segments[k].end <= i) ++k;
    const double s = split_factor[i];
    double dividend = 1;
    for (const auto& [date, factor] : dividend_factors) {
      if (date > from[i]) dividend *= factor;
    }
    Bar bar = raw.At(i);
    bar.open /= s;
    bar.high /= s;
    bar.low /= s;
    bar.close = close[i];
    bar.volume *= s;
    bar.adj_close = stored.segments[k].basis == PriceBasis::kSplit ? raw.adj_close[i] / s * dividend
                                                                   : bar.close * dividend;
    if (options.dividends_in_prices) {
      const double ratio = bar.adj_close / bar.close;
      bar.open *= ratio;
      bar.high *= ratio;
      bar.low *= ratio;
      bar.close = bar.adj_close;
    }
    out.Append(bar);
  }
  return out;
}

std::vector<SplitEvidence> JudgeSplits(const StoredSeries& stored, const std::vector<CorporateAction>& actions) {
  const BarSeries& b = stored.bars;
  const auto splits = Select(actions, ActionType::kSplit, b.symbol, std::numeric_limits<Days>::max());
  std::vector<SplitEvidence> out;
  for (const CorporateAction& split : splits) {
    if (split.value >= 0.8 && split.value <= 1.25) continue;
    for (std::size_t k = 0; k < stored.segments.size(); ++k) {
      const Segment& seg = stored.segments[k];
      if (seg.end - seg.begin < 2) continue;
      // First bar of the segment on or after the ex-date.
      std::size_t after = seg.begin;
      while (after < seg.end && b.DayAt(after) < split.date) ++after;
      if (after == seg.begin || after == seg.end) continue;
      const std::size_t before = after - 1;
      SplitEvidence e;
      e.split = split;
      e.segment = k;
      e.before_day = b.DayAt(before);
      e.after_day = b.DayAt(after);
      e.before_close = b.close[before];
      e.after_close = b.close[after];
      const double m = std::log(e.after_close / e.before_close);
      e.visible = std::fabs(m + std::log(split.value)) < std::fabs(m);
      e.expected_visible = seg.basis == PriceBasis::kRaw || seg.adjusted_through < split.date;
      out.push_back(e);
    }
  }
  return out;
}

std::string DescribeSplitEvidence(const SplitEvidence& e, const Segment& segment) {
  const std::string move = fmt::format("{} on {} -> {} on {}, {:+.1f}%", FormatShortest(e.before_close),
                                       FormatDate(e.before_day), FormatShortest(e.after_close),
                                       FormatDate(e.after_day), 100 * (e.after_close / e.before_close - 1));
  const std::string declared =
      segment.basis == PriceBasis::kRaw
          ? std::string("declared raw")
          : fmt::format("declared {}-adjusted through {}", PriceBasisName(segment.basis),
                        FormatDate(segment.adjusted_through));
  if (e.visible && !e.expected_visible) {
    return fmt::format("{}, but the {} split of {} shows in its closes ({}): its prices are not adjusted for it",
                       declared, Ratio(e.split.value), FormatDate(e.split.date), move);
  }
  if (!e.visible && e.expected_visible) {
    return fmt::format("{}, but the {} split of {} does not show in its closes ({}): its prices are already "
                       "adjusted for it",
                       declared, Ratio(e.split.value), FormatDate(e.split.date), move);
  }
  return fmt::format("{}; the {} split of {} {} in its closes ({}), as expected", declared, Ratio(e.split.value),
                     FormatDate(e.split.date), e.visible ? "shows" : "does not show", move);
}

Overlap CompareCloses(const BarSeries& a, const BarSeries& b) {
  Overlap o;
  std::vector<double> ratios;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a.start[i] < b.start[j]) {
      ++i;
    } else if (b.start[j] < a.start[i]) {
      ++j;
    } else {
      if (ratios.empty()) o.first = a.start[i];
      o.last = a.start[i];
      o.a_last_close = a.close[i];
      o.b_last_close = b.close[j];
      ratios.push_back(b.close[j] / a.close[i]);
      ++i;
      ++j;
    }
  }
  o.sessions = ratios.size();
  if (!ratios.empty()) {
    std::sort(ratios.begin(), ratios.end());
    const std::size_t m = ratios.size() / 2;
    o.median_ratio = ratios.size() % 2 == 1 ? ratios[m] : (ratios[m - 1] + ratios[m]) / 2;
  }
  return o;
}

}  // namespace qat::data
