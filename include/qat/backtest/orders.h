// What a strategy asks of the broker at a session's close; everything fills at a later bar.
//
//   EntryOrder  opens a position at the symbol's next bar: at its open (market-on-open), or
//               when the bar reaches a limit (buy at or below it; filled at the open when the
//               open is already better) or a stop (buy at or above it; the open when it gapped
//               past), valid for `valid_bars` of the symbol's bars. The position carries a
//               bracket (stop + target, one cancels the other; docs/backtest.md's fill rules)
//               and a time exit after `max_bars` bars held.
//   ExitOrder   closes the symbol's position at its next open (a signal's exit, a regime flip).
//   Cancel      drops the symbol's pending entries.
// Reasons are string literals (they are copied into fills by pointer, not by value).
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string_view>
#include <vector>

#include "qat/backtest/fill_rules.h"

namespace qat::backtest {

enum class EntryType { kMarketOnOpen, kLimit, kStop };

struct EntryOrder {
  std::size_t symbol = 0;
  PositionSide side = PositionSide::kLong;
  EntryType type = EntryType::kMarketOnOpen;
  double trigger = std::numeric_limits<double>::quiet_NaN();  // the limit or stop of the entry
  int valid_bars = 1;                                         // limit and stop entries
  double stop = std::numeric_limits<double>::quiet_NaN();     // bracket; NaN: none
  double target = std::numeric_limits<double>::quiet_NaN();
  int max_bars = 0;       // time exit at the open after this many bars held; 0: none
  double fraction = 1.0;  // of equity, capped by the risk limits' max_position_fraction
  double score = 0;       // when slots or cash are short, higher scores fill first
  std::string_view reason = "entry";
};

struct ExitOrder {
  std::size_t symbol = 0;
  std::string_view reason = "exit";
};

// A reason read back from text (a stored paper account) as a view of storage that lives as
// long as the process, like the literals strategies use. Thread-safe.
std::string_view InternReason(std::string_view reason);

struct Orders {
  std::vector<EntryOrder> entries;
  std::vector<ExitOrder> exits;
  std::vector<std::size_t> cancels;
  void clear() {
    entries.clear();
    exits.clear();
    cancels.clear();
  }
};

}  // namespace qat::backtest
