#include "qat/backtest/market_view.h"

#include <limits>

#include <fmt/format.h>

namespace qat::backtest {

data::Bar MarketView::At(std::size_t i, std::size_t index) const {
  const data::BarSeries& s = series_[i];
  if (index < counts_[i]) return s.At(index);
  if (!looked_ahead_) {
    looked_ahead_ = true;
    look_ahead_message_ =
        index < s.size()
            ? fmt::format("look-ahead refused: the strategy read {}'s bar of {} at the close of {}, before that bar "
                     "closed",
                     s.symbol, FormatDate(s.DayAt(index)), FormatDate(today_))
            : fmt::format("look-ahead refused: the strategy read {}'s bar {} at the close of {}, past its last bar",
                     s.symbol, index, FormatDate(today_));
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return data::Bar{0, 0, nan, nan, nan, nan, nan, nan};
}

}  // namespace qat::backtest
