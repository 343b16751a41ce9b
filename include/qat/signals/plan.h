// The trade plan of one signal: action, entry, stop, target, time exit, shares and dollars
// at risk for a given account.
//
// Levels. LONG (a BULLISH signal): stop at the forecast's q10 price level at the horizon,
// target at its q90 level. SHORT (a BEARISH signal, only with allow_short): stop at q90,
// target at q10. The entry is the next session's open; a plan made at a close cannot know
// it, so the last close stands in and the plan says so (entry_is_estimate, entry_basis).
//
// Sizing (portfolio/ledger.h does the money): equity = cash + the market value of the open
// positions; the position's budget is max_position_bps of equity (integer cents, rounded
// down), and never more than the cash; the entry fills at BuyFillPrice(entry)
// (SellFillPrice for a short) and shares = Ledger::AffordableShares(budget, fill,
// commission): whole shares, the commission paid out of the budget. A short is sized as if
// cash-secured (the full position value within the budget); no borrow cost or margin rule
// is modelled.
// position_value = shares x fill. risk = what the position loses if it exits at the stop:
// shares x (entry fill - stop fill) + the commission of both fills, the stop filling at
// SellFillPrice(stop) (BuyFillPrice for a short). A gap through the stop loses more.
//
// Regime exit (seed: "exit if the regime flips against the position"): a LONG is closed at
// the next open once the market's trend regime (features/regimes.h) is BEAR, a SHORT once it
// is BULL; SIDEWAYS and UNKNOWN keep the position (RegimeFlipsAgainst). The plan states the
// rule (regime_exit); the backtester and the paper account apply it.
//
// Refusals: the plan's action is NONE, `refused_by` names the gate or rule and `reason` says
// why, in this order: the direction (the gate named "direction" among those given, with the
// caller's reason, else DirectionGate), the first failed gate given, a symbol
// already held ("already_held"), max_positions already open ("max_positions"), a missing
// entry price ("entry") or level ("forecast"), a stop not on the losing side of the entry
// ("stop_below_entry"; short: "stop_above_entry"), a target not on the winning side
// ("target_above_entry"; short: "target_below_entry"), and 0 affordable shares
// ("position_size": "$1,000.00 account: 33% is $330.00; one share at $600.30 plus $1.00
// commission costs $601.30: 0 shares"). A refused plan still carries its entry, stop,
// target and time exit where known, with 0 shares, value and risk; budget and entry_fill
// are set only once sizing is reached (a trade or a "position_size" refusal), else 0.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/portfolio/ledger.h"
#include "qat/portfolio/money.h"
#include "qat/signals/gates.h"

namespace qat::signals {

enum class Action { kBuy, kSell, kNone };
std::string_view ActionName(Action action);  // "BUY", "SELL", "NONE"

struct OpenPosition {
  std::string symbol;
  portfolio::Cents market_value = 0;
};

struct Account {
  portfolio::Cents cash = 0;
  std::vector<OpenPosition> positions;
};

struct PlanConfig {
  int max_positions = 3;             // seed: at most 3 concurrent positions
  int max_position_bps = 3300;       // seed: at most 33% of capital per position (3300 = 33.00%)
  int time_exit_sessions = 0;        // 0: the forecast's horizon
  int max_time_exit_sessions = 21;   // seed: time exit after at most 21 sessions
  bool allow_short = false;
  portfolio::CostModel costs{};      // $1.00 per fill, 5 bps slippage
};

struct PlanRequest {
  std::string symbol;
  Direction direction = Direction::kNeutral;
  double last_close = std::numeric_limits<double>::quiet_NaN();
  // The next session's open, once it is known (a plan made after the open); otherwise the
  // last close is the entry's estimate.
  std::optional<double> next_open;
  // The forecast's price levels at the horizon (app::ForecastResult::levels.back(): q10, q90).
  double q10_price = std::numeric_limits<double>::quiet_NaN();
  double q90_price = std::numeric_limits<double>::quiet_NaN();
  int horizon = 0;  // the forecast's horizon in sessions
};

struct TradePlan {
  std::string symbol;
  Action action = Action::kNone;
  std::string refused_by;  // the gate or rule that refused the trade (NONE only)
  std::string reason;      // why NONE (0 shares included); empty for a trade
  double entry = std::numeric_limits<double>::quiet_NaN();  // reference price, dollars
  bool entry_is_estimate = true;
  std::string entry_basis;            // "next session's open" or "last close (estimate: ...)"
  portfolio::Cents entry_fill = 0;    // the entry with slippage, cents
  double stop = std::numeric_limits<double>::quiet_NaN();
  double target = std::numeric_limits<double>::quiet_NaN();
  int time_exit_sessions = 0;
  std::string regime_exit;            // "close at the next open once the market's trend regime is BEAR" ("" for NONE)
  portfolio::Cents budget = 0;        // what the position may cost, commission included
  std::int64_t shares = 0;
  portfolio::Cents position_value = 0;
  portfolio::Cents risk = 0;

  // {action, refused_by, reason, entry, entry_is_estimate, entry_basis, entry_fill, stop,
  // target, time_exit_sessions, regime_exit, budget, shares, position_value, risk_dollars}: money in
  // dollars, a price that is not known as null.
  nlohmann::json ToJson() const;
};

// The plan for `request` given the gates already evaluated (any failed gate refuses it) and
// the account. Fails (kInvalidInput) on a horizon < 1, max_positions < 1, max_position_bps
// outside 1..10000, time_exit_sessions < 0, max_time_exit_sessions < 1, negative cash or
// position value, or a negative or non-finite cost.
Result<TradePlan> MakeTradePlan(const PlanRequest& request, std::span<const Gate> gates, const Account& account,
                                const PlanConfig& config);

// Whether a position of `side` is to be closed in the market's trend regime `regime`: LONG in
// BEAR, SHORT in BULL.
bool RegimeFlipsAgainst(Side side, features::TrendRegime regime);

}  // namespace qat::signals
