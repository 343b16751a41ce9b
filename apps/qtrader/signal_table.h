// The ranked signals table that `qtrader signals` and `qtrader demo` print.
#pragma once

#include "qat/app/signals.h"

namespace qat::cli {

// One line per signal (symbol, as-of session, direction, P(up), confidence, one mark per
// timeframe, prob_up, action, shares, entry, stop, target, risk or the refusal), the skipped
// symbols, and the legend of the timeframe marks.
void PrintSignalsTable(const app::SignalsReport& report);

}  // namespace qat::cli
