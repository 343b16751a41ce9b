// One price basis for every analytic: stored bars of any basis (data/price_basis.h) turned
// into split-adjusted bars on the share count of an as-of date, with the corporate actions
// known by then.
//
// For a bar of day d in a segment of basis B (S = product of split ratios, D = product of
// dividend factors, each over the actions dated in the window given):
//   raw             open/high/low/close = stored / S(d, A];   volume = stored * S(d, A]
//                   adj_close = close * D(d, A]
//   split           prices / S(max(d, R), A], volume * S(max(d, R), A]  (R = adjusted_through:
//                   the splits up to R are in the stored prices already)
//                   adj_close = stored adj_close / S(max(d, R), A] * D(max(d, R), A]
//   split-dividend  as split; adj_close = close * D(max(d, R), A] (its prices carry the
//                   dividends up to R already; there is no record of what was taken out)
// where A is the as-of day (default: every action stored). A dividend's factor is
// 1 - amount / S(ex, A] / close(p), p the last bar before its ex-date and close(p) that bar's
// adjusted close (the CRSP / Yahoo convention); a dividend with no bar before it counts 1.
// With `dividends_in_prices`, open/high/low/close are also multiplied by adj_close / close
// (total-return prices); volume is not.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "qat/data/bar_series.h"
#include "qat/data/corporate_action.h"
#include "qat/data/price_basis.h"

namespace qat::data {

// A run of stored bars [begin, end) with one basis and source.
struct Segment {
  std::size_t begin = 0, end = 0;
  PriceBasis basis = PriceBasis::kRaw;
  std::string source;     // "yahoo", "stooq", "csv:SPY.csv", "resample:5m", "legacy", ...
  Days adjusted_through = 0;  // split, split-dividend: splits dated on or before it are in the prices
};

// Bars as stored, with the segments that cover them in order (adjacent ones differ).
struct StoredSeries {
  BarSeries bars;
  std::vector<Segment> segments;

  // The segment holding bar i.
  const Segment& SegmentOf(std::size_t i) const;
};

// The whole series as one segment.
StoredSeries OneSegment(BarSeries bars, PriceBasis basis, std::string source, Days adjusted_through);

struct AdjustOptions {
  std::optional<Days> as_of;         // keep bars and actions dated on or before it
  bool dividends_in_prices = false;  // total-return open/high/low/close
};

// The adjusted series (see above). Actions of other symbols are ignored.
BarSeries AdjustedBars(const StoredSeries& stored, const std::vector<CorporateAction>& actions,
                       const AdjustOptions& options = {});

// Whether a split shows in the prices of one segment: the closes of its last bar before the
// ex-date and its first bar on or after it move by ln(after / before) = m; the split is
// visible when m is nearer -ln(ratio) than 0. Splits whose ratio is within [0.8, 1.25] are
// not judged (a 5% stock dividend moves less than a normal day). A split is expected to be
// visible in a raw segment and in a split-adjusted one whose adjusted_through precedes it.
struct SplitEvidence {
  CorporateAction split;
  std::size_t segment = 0;  // index into StoredSeries::segments
  Days before_day = 0, after_day = 0;
  double before_close = 0, after_close = 0;
  bool expected_visible = false, visible = false;
  bool consistent() const { return expected_visible == visible; }
};
// Every judgeable split that falls strictly inside a segment (a bar before it and one on or
// after it in the same segment), in date order.
std::vector<SplitEvidence> JudgeSplits(const StoredSeries& stored, const std::vector<CorporateAction>& actions);
// "declared split-adjusted, but the 4:1 split of 2021-07-20 shows in its closes (750.3 on
// 2021-07-19 -> 187.8 on 2021-07-20, -75.0%)".
std::string DescribeSplitEvidence(const SplitEvidence& evidence, const Segment& segment);

// Closes of two series on the sessions (bar starts) both hold.
struct Overlap {
  std::size_t sessions = 0;
  Timestamp first = 0, last = 0;        // bar starts of the first and last shared session
  double median_ratio = 1;              // median of b.close / a.close
  double a_last_close = 0, b_last_close = 0;  // on `last`
};
Overlap CompareCloses(const BarSeries& a, const BarSeries& b);

}  // namespace qat::data
