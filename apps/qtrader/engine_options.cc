#include "engine_options.h"

#include <algorithm>

#include "qat/core/strings.h"
#include "qat/portfolio/money.h"

namespace qat::cli {
namespace {

// The costs: the preset, with each commission or slippage option given replacing its part
// (any commission option given replaces the preset's whole commission).
Result<backtest::FillCosts> CostsOf(const EngineOptions& o) {
  auto preset = backtest::FillCostPreset(o.costs);
  if (!preset) return Fail(ErrorCode::kInvalidInput, "--costs: unknown preset {} (conservative, zero, per-share)", Excerpt(o.costs));
  backtest::FillCosts c = *preset;
  if (o.commission_pct >= 0 || o.commission_per_order >= 0 || o.commission_per_share >= 0 || o.commission_min >= 0) {
    c.commission_per_order = o.commission_per_order >= 0 ? portfolio::ToCents(o.commission_per_order) : 0;
    c.commission_per_share = std::max(0.0, o.commission_per_share);
    c.commission_minimum = o.commission_min >= 0 ? portfolio::ToCents(o.commission_min) : 0;
    c.commission_percent = std::max(0.0, o.commission_pct);
  }
  if (o.slippage_bps >= 0) c.slippage_bps = o.slippage_bps;
  if (o.half_spread_bps >= 0) c.half_spread_bps = o.half_spread_bps;
  return c;
}

}  // namespace

Result<backtest::EngineConfig> EngineConfigOf(const EngineOptions& o) {
  backtest::EngineConfig e;
  e.initial_cash = portfolio::ToMicros(o.cash);
  e.risk.max_positions = o.max_positions;
  e.risk.max_position_fraction = o.max_position_pct / 100;
  e.risk.cash_buffer_fraction = o.cash_buffer_pct / 100;
  e.risk.allow_short = o.allow_short;
  e.risk.borrow_bps_per_year = o.borrow_bps;
  e.risk.min_price = o.min_price;
  e.risk.min_dollar_volume = o.min_dollar_volume;
  QAT_ASSIGN_OR_RETURN(e.costs, CostsOf(o));
  if (o.ambiguity != "stop-first" && o.ambiguity != "target-first") {
    return Fail(ErrorCode::kInvalidInput, "--ambiguity: {} is not stop-first or target-first", Excerpt(o.ambiguity));
  }
  e.ambiguity = o.ambiguity == "stop-first" ? backtest::AmbiguityRule::kStopFirst : backtest::AmbiguityRule::kTargetFirst;
  return e;
}

void AddEngineOptions(CLI::App* c, EngineOptions& o) {
  c->add_option("--cash", o.cash, "Starting cash in dollars (per symbol with --per-symbol)")->capture_default_str()->check(CLI::PositiveNumber);
  c->add_option("--costs", o.costs, "Cost preset: conservative ($1/order, 5 bps), zero (2 bps + 1 bp half-spread), per-share ($0.005, min $1)")
      ->capture_default_str();
  c->add_option("--commission-pct", o.commission_pct, "Commission in percent of the trade's value (replaces the preset's commission)");
  c->add_option("--commission-per-order", o.commission_per_order, "Commission in dollars per order (replaces the preset's commission)");
  c->add_option("--commission-per-share", o.commission_per_share, "Commission in dollars per share (replaces the preset's commission)");
  c->add_option("--commission-min", o.commission_min, "Minimum commission per order in dollars, with per-share or percent");
  c->add_option("--slippage-bps", o.slippage_bps, "Slippage in basis points of the price on every fill (replaces the preset's)");
  c->add_option("--half-spread-bps", o.half_spread_bps, "Half the bid-ask spread in basis points, paid on every fill");
  c->add_option("--max-positions", o.max_positions, "Positions open at once")->capture_default_str()->check(CLI::Range(1, 1000));
  c->add_option("--max-position-pct", o.max_position_pct, "Largest position, percent of the equity at the previous close")
      ->capture_default_str()->check(CLI::Range(0.01, 100.0));
  c->add_option("--cash-buffer-pct", o.cash_buffer_pct, "Percent of equity never spent")->capture_default_str()->check(CLI::Range(0.0, 99.0));
  c->add_flag("--allow-short", o.allow_short, "Allow short entries (signals: a SELL forecast)");
  c->add_option("--borrow-bps", o.borrow_bps, "A short's borrow fee, basis points a year")->capture_default_str()->check(CLI::NonNegativeNumber);
  c->add_option("--min-price", o.min_price, "Universe filter: no entry below this last close")->check(CLI::NonNegativeNumber);
  c->add_option("--min-dollar-volume", o.min_dollar_volume, "Universe filter: no entry below this 20-session mean dollar volume")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--ambiguity", o.ambiguity, "A bar holding both stop and target: stop-first or target-first")->capture_default_str();
}

}  // namespace qat::cli
