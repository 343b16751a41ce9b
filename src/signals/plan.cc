#include "qat/signals/plan.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "qat/core/strings.h"

namespace qat::signals {
namespace {

using portfolio::Cents;

// "$1,234,567.89" (FormatCents with thousands separators).
std::string Dollars(Cents cents) {
  std::string plain = portfolio::FormatCents(cents);
  const bool negative = plain.front() == '-';
  if (negative) plain.erase(0, 1);
  const std::size_t dot = plain.find('.');
  std::string grouped;
  for (std::size_t i = 0; i < dot; ++i) {
    if (i > 0 && (dot - i) % 3 == 0) grouped += ',';
    grouped += plain[i];
  }
  return (negative ? "-$" : "$") + grouped + plain.substr(dot);
}

nlohmann::json Price(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr); }

TradePlan Refuse(TradePlan plan, std::string_view refused_by, std::string reason) {
  plan.action = Action::kNone;
  plan.refused_by = std::string(refused_by);
  plan.reason = std::move(reason);
  plan.shares = 0;
  plan.position_value = 0;
  plan.risk = 0;
  return plan;
}

Status CheckInputs(const PlanRequest& request, const Account& account, const PlanConfig& config) {
  auto invalid = [](std::string message) { return Error{std::move(message), ErrorCode::kInvalidInput}; };
  if (request.horizon < 1) return invalid(fmt::format("{}: horizon {} is not >= 1", request.symbol, request.horizon));
  if (config.max_positions < 1) return invalid(fmt::format("max_positions {} is not >= 1", config.max_positions));
  if (config.max_position_bps < 1 || config.max_position_bps > 10000) {
    return invalid(fmt::format("max_position_bps {} is not within 1..10000", config.max_position_bps));
  }
  if (config.time_exit_sessions < 0) {
    return invalid(fmt::format("time_exit_sessions {} is negative", config.time_exit_sessions));
  }
  if (config.max_time_exit_sessions < 1) {
    return invalid(fmt::format("max_time_exit_sessions {} is not >= 1", config.max_time_exit_sessions));
  }
  if (account.cash < 0) return invalid(fmt::format("cash {} is negative", Dollars(account.cash)));
  for (const OpenPosition& p : account.positions) {
    if (p.market_value < 0) {
      return invalid(fmt::format("position {}: market value {} is negative", p.symbol, Dollars(p.market_value)));
    }
  }
  if (config.costs.commission_per_order < 0 || !std::isfinite(config.costs.slippage_bps) ||
      config.costs.slippage_bps < 0) {
    return invalid(fmt::format("costs: commission {} and slippage {} bps must be >= 0",
                               Dollars(config.costs.commission_per_order), config.costs.slippage_bps));
  }
  return Ok();
}

}  // namespace

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kBuy: return "BUY";
    case Action::kSell: return "SELL";
    case Action::kNone: return "NONE";
  }
  return "?";
}

nlohmann::json TradePlan::ToJson() const {
  return {{"action", ActionName(action)},
          {"refused_by", refused_by},
          {"reason", reason},
          {"entry", Price(entry)},
          {"entry_is_estimate", entry_is_estimate},
          {"entry_basis", entry_basis},
          {"entry_fill", portfolio::ToDollars(entry_fill)},
          {"stop", Price(stop)},
          {"target", Price(target)},
          {"time_exit_sessions", time_exit_sessions},
          {"regime_exit", regime_exit},
          {"budget", portfolio::ToDollars(budget)},
          {"shares", shares},
          {"position_value", portfolio::ToDollars(position_value)},
          {"risk_dollars", portfolio::ToDollars(risk)}};
}

bool RegimeFlipsAgainst(Side side, features::TrendRegime regime) {
  return side == Side::kLong ? regime == features::TrendRegime::kBear : regime == features::TrendRegime::kBull;
}

Result<TradePlan> MakeTradePlan(const PlanRequest& request, std::span<const Gate> gates, const Account& account,
                                const PlanConfig& config) {
  QAT_RETURN_IF_ERROR(CheckInputs(request, account, config));
  const bool short_side = request.direction == Direction::kBearish;
  const portfolio::CostModel& costs = config.costs;
  const Cents commission = costs.commission_per_order;

  TradePlan plan;
  plan.symbol = request.symbol;
  plan.entry_is_estimate = !request.next_open.has_value();
  plan.entry = request.next_open.value_or(request.last_close);
  plan.entry_basis = plan.entry_is_estimate
                         ? "last close (estimate: the next session's open is not known at the close)"
                         : "next session's open";
  plan.stop = short_side ? request.q90_price : request.q10_price;
  plan.target = short_side ? request.q10_price : request.q90_price;
  const char* stop_level = short_side ? "q90" : "q10";
  const char* target_level = short_side ? "q10" : "q90";
  const int exit = config.time_exit_sessions > 0 ? config.time_exit_sessions : request.horizon;
  plan.time_exit_sessions = std::min(exit, config.max_time_exit_sessions);

  // The caller's own direction gate when it judged one (it may know why, e.g. a model that
  // abstains), else this plan's.
  const auto given = std::find_if(gates.begin(), gates.end(), [](const Gate& g) { return g.name == "direction"; });
  const Gate direction = given != gates.end() ? *given : DirectionGate(request.direction, config.allow_short);
  if (!direction.passed) return Refuse(std::move(plan), direction.name, direction.reason);
  if (const Gate* failed = FirstFailed(gates)) return Refuse(std::move(plan), failed->name, failed->reason);
  Cents equity = account.cash;
  for (const OpenPosition& p : account.positions) {
    if (p.symbol == request.symbol) {
      return Refuse(std::move(plan), "already_held", fmt::format("{} is already held", request.symbol));
    }
    equity += p.market_value;
  }
  const int open = static_cast<int>(account.positions.size());
  if (open >= config.max_positions) {
    return Refuse(std::move(plan), "max_positions",
                  fmt::format("{} positions already open (max {})", open, config.max_positions));
  }
  if (!std::isfinite(plan.entry) || plan.entry <= 0) {
    return Refuse(std::move(plan), "entry",
                  fmt::format("entry price ({}) is missing or not positive",
                              plan.entry_is_estimate ? "last close" : "next open"));
  }
  if (!std::isfinite(plan.stop) || !std::isfinite(plan.target)) {
    return Refuse(std::move(plan), "forecast",
                  fmt::format("{} price is missing", std::isfinite(plan.stop) ? target_level : stop_level));
  }
  const std::string entry_text = FormatShortest(plan.entry);
  // A long's stop lies below the entry and its target above; a short's the other way round.
  const double side = short_side ? -1 : 1;
  const char* stop_side = short_side ? "above" : "below";
  const char* target_side = short_side ? "below" : "above";
  if (!(side * (plan.entry - plan.stop) > 0)) {
    return Refuse(std::move(plan), fmt::format("stop_{}_entry", stop_side),
                  fmt::format("stop {} ({}) is not {} the entry {}", FormatShortest(plan.stop), stop_level, stop_side,
                              entry_text));
  }
  if (!(side * (plan.target - plan.entry) > 0)) {
    return Refuse(std::move(plan), fmt::format("target_{}_entry", target_side),
                  fmt::format("target {} ({}) is not {} the entry {}", FormatShortest(plan.target), target_level,
                              target_side, entry_text));
  }

  const Cents share_of_equity = equity * config.max_position_bps / 10000;
  plan.budget = std::min(share_of_equity, account.cash);
  plan.entry_fill = short_side ? portfolio::SellFillPrice(plan.entry, costs) : portfolio::BuyFillPrice(plan.entry, costs);
  plan.shares = portfolio::Ledger::AffordableShares(plan.budget, plan.entry_fill, commission);
  if (plan.shares == 0) {
    const std::string cash_limit =
        plan.budget < share_of_equity ? fmt::format(" but cash is {}", Dollars(account.cash)) : "";
    return Refuse(std::move(plan), "position_size",
                  fmt::format("{} account: {}% is {}{}; one share at {} plus {} commission costs {}: 0 shares",
                              Dollars(equity), FormatShortest(config.max_position_bps / 100.0),
                              Dollars(share_of_equity), cash_limit, Dollars(plan.entry_fill), Dollars(commission),
                              Dollars(plan.entry_fill + commission)));
  }
  const Cents stop_fill = short_side ? portfolio::BuyFillPrice(plan.stop, costs) : portfolio::SellFillPrice(plan.stop, costs);
  const Cents loss_per_share = short_side ? stop_fill - plan.entry_fill : plan.entry_fill - stop_fill;
  plan.action = short_side ? Action::kSell : Action::kBuy;
  plan.regime_exit = fmt::format("close at the next open once the market's trend regime is {}", short_side ? "BULL" : "BEAR");
  plan.position_value = plan.shares * plan.entry_fill;
  plan.risk = plan.shares * loss_per_share + 2 * commission;
  return plan;
}

}  // namespace qat::signals
