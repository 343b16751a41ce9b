// What a strategy may see at a session's close: for each symbol, the bars whose `available`
// time is at or before the decision instant, and nothing later. Reading past them (a planted
// look-ahead) is recorded, and the engine refuses the run with an error naming the symbol, the
// bar's date and the decision's.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "qat/core/time.h"
#include "qat/data/bar_series.h"

namespace qat::backtest {

class MarketView {
 public:
  // `counts[i]` bars of `series[i]` are closed at `now`, the last of them on `last_days[i]`
  // (the caller keeps all three alive and current).
  MarketView(std::span<const data::BarSeries> series, std::span<const std::size_t> counts,
             std::span<const Days> last_days)
      : series_(series), counts_(counts), last_days_(last_days) {}

  std::size_t symbols() const { return series_.size(); }
  const std::string& Symbol(std::size_t i) const { return series_[i].symbol; }
  Days today() const { return today_; }
  Timestamp now() const { return now_; }

  // Bars of symbol i closed by now, and whether the last of them is today's.
  std::size_t Count(std::size_t i) const { return counts_[i]; }
  bool TradedToday(std::size_t i) const { return counts_[i] > 0 && last_days_[i] == today_; }

  // The closed bars' fields (spans end at the last closed bar).
  std::span<const double> Opens(std::size_t i) const { return Closed(series_[i].open, i); }
  std::span<const double> Highs(std::size_t i) const { return Closed(series_[i].high, i); }
  std::span<const double> Lows(std::size_t i) const { return Closed(series_[i].low, i); }
  std::span<const double> Closes(std::size_t i) const { return Closed(series_[i].close, i); }
  std::span<const double> Volumes(std::size_t i) const { return Closed(series_[i].volume, i); }

  // Bar `index` of symbol i. An index at or past Count(i) is a bar not yet closed: it is
  // recorded as a look-ahead (the engine then fails the run) and an all-NaN bar is returned.
  data::Bar At(std::size_t i, std::size_t index) const;

  // The first look-ahead read since the view was created, if any.
  bool looked_ahead() const { return looked_ahead_; }
  const std::string& look_ahead_message() const { return look_ahead_message_; }

  // The engine moves the decision instant.
  void SetNow(Days today, Timestamp now) {
    today_ = today;
    now_ = now;
  }

 private:
  std::span<const double> Closed(const std::vector<double>& v, std::size_t i) const {
    return {v.data(), counts_[i]};
  }

  std::span<const data::BarSeries> series_;
  std::span<const std::size_t> counts_;
  std::span<const Days> last_days_;
  Days today_ = 0;
  Timestamp now_ = 0;
  mutable bool looked_ahead_ = false;
  mutable std::string look_ahead_message_;
};

}  // namespace qat::backtest
