#include "qat/backtest/fill_rules.h"

#include <algorithm>
#include <cmath>

namespace qat::backtest {
namespace {

// Whether the price `p` is at or beyond the stop / target on the losing / winning side.
bool AtOrPastStop(const Bracket& b, double p) {
  return !std::isnan(b.stop) && (b.side == PositionSide::kLong ? p <= b.stop : p >= b.stop);
}
bool AtOrPastTarget(const Bracket& b, double p) {
  return !std::isnan(b.target) && (b.side == PositionSide::kLong ? p >= b.target : p <= b.target);
}
// The bar's worst and best price for the position.
double Worst(const Bracket& b, const data::Bar& bar) { return b.side == PositionSide::kLong ? bar.low : bar.high; }
double Best(const Bracket& b, const data::Bar& bar) { return b.side == PositionSide::kLong ? bar.high : bar.low; }

std::optional<BracketFill> Gap(const Bracket& b, const data::Bar& bar) {
  if (AtOrPastStop(b, bar.open)) return BracketFill{ExitReason::kStop, bar.open, true, false, false};
  if (AtOrPastTarget(b, bar.open)) return BracketFill{ExitReason::kTarget, bar.open, true, false, false};
  return std::nullopt;
}

// Rules 3-5 on one bar (its gaps already ruled out).
std::optional<BracketFill> Within(const Bracket& b, const data::Bar& bar, AmbiguityRule rule) {
  const bool stop = AtOrPastStop(b, Worst(b, bar));
  const bool target = AtOrPastTarget(b, Best(b, bar));
  if (stop && target) {
    const bool stop_first = rule == AmbiguityRule::kStopFirst;
    return BracketFill{stop_first ? ExitReason::kStop : ExitReason::kTarget, stop_first ? b.stop : b.target, false,
                       true, false};
  }
  if (stop) return BracketFill{ExitReason::kStop, b.stop, false, false, false};
  if (target) return BracketFill{ExitReason::kTarget, b.target, false, false, false};
  return std::nullopt;
}


}  // namespace

std::string_view ExitReasonName(ExitReason reason) { return reason == ExitReason::kStop ? "stop" : "target"; }

std::optional<BracketFill> BracketExit(const Bracket& b, const data::Bar& bar, AmbiguityRule rule) {
  if (auto gap = Gap(b, bar)) return gap;
  return Within(b, bar, rule);
}

std::optional<BracketFill> BracketExitWithFinerBars(const Bracket& b, const data::Bar& bar,
                                                    std::span<const data::Bar> finer, AmbiguityRule rule) {
  if (auto gap = Gap(b, bar)) return gap;
  auto on_bar = Within(b, bar, rule);
  if (!on_bar || !on_bar->ambiguous) return on_bar;
  for (const data::Bar& f : finer) {
    // A finer bar opening past a level: the price crossed it between the finer bars, so that
    // level came first; it fills at the level (the session did not gap through it).
    if (auto gap = Gap(b, f)) {
      return BracketFill{gap->reason, gap->reason == ExitReason::kStop ? b.stop : b.target, false, true, true};
    }
    if (auto within = Within(b, f, rule)) {
      // Decided by this finer bar unless it holds both levels too (then the rule decides).
      within->resolved_by_finer_bars = !within->ambiguous;
      within->ambiguous = true;
      return within;
    }
  }
  return on_bar;
}

std::optional<FillCosts> FillCostPreset(std::string_view name) {
  if (name == "conservative") return FillCosts{};
  if (name == "zero") return FillCosts{0, 0, 0, 0, 2, 1};
  if (name == "per-share") return FillCosts{0, 0.005, 100, 0, 5, 0};
  return std::nullopt;
}

portfolio::Micros Commission(const FillCosts& c, std::int64_t shares, double price) {
  portfolio::Micros fee = portfolio::CentsToMicros(c.commission_per_order);
  if (c.commission_per_share > 0) {
    fee = std::max(fee, portfolio::ToMicros(c.commission_per_share * static_cast<double>(shares)));
  }
  if (c.commission_percent > 0) {
    fee = std::max(fee, portfolio::ToMicros(static_cast<double>(shares) * price * (c.commission_percent / 100.0)));
  }
  const portfolio::Micros minimum = portfolio::CentsToMicros(c.commission_minimum);
  if ((c.commission_per_share > 0 || c.commission_percent > 0) && minimum > fee) fee = minimum;
  return fee;
}

double BuyPrice(double reference, const FillCosts& c) {
  const double bps = c.slippage_bps + c.half_spread_bps;
  return bps == 0 ? reference : reference * (1.0 + bps / 10000.0);
}
double SellPrice(double reference, const FillCosts& c) {
  const double bps = c.slippage_bps + c.half_spread_bps;
  return bps == 0 ? reference : reference * (1.0 - bps / 10000.0);
}


}  // namespace qat::backtest
