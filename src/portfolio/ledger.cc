#include "qat/portfolio/ledger.h"

#include <fmt/format.h>

namespace qat::portfolio {

std::string FormatCents(Cents cents) {
  Cents magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}.{:02d}", cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

Cents BuyFillPrice(double reference, const CostModel& costs) {
  return ToCents(reference * (1.0 + costs.slippage_bps / 10000.0));
}

Cents SellFillPrice(double reference, const CostModel& costs) {
  return ToCents(reference * (1.0 - costs.slippage_bps / 10000.0));
}

Status Ledger::Buy(const std::string& symbol, std::int64_t shares, Cents price, Cents commission) {
  if (shares <= 0) return Fail("buy {}: {} shares", symbol, shares);
  if (price <= 0) return Fail("buy {}: price {} cents", symbol, price);
  const Cents total = shares * price + commission;
  if (total > cash_) {
    return Fail("buy {}: {} shares cost {} but cash is {}", symbol, shares, FormatCents(total),
                FormatCents(cash_));
  }
  cash_ -= total;
  Holding& h = holdings_[symbol];
  h.shares += shares;
  h.cost += total;
  return Ok();
}

Result<Cents> Ledger::SellAll(const std::string& symbol, Cents price, Cents commission) {
  auto it = holdings_.find(symbol);
  if (it == holdings_.end()) return Fail("sell {}: nothing held", symbol);
  const Cents proceeds = it->second.shares * price - commission;
  cash_ += proceeds;
  holdings_.erase(it);
  return proceeds;
}

std::int64_t Ledger::AffordableShares(Cents budget, Cents price, Cents commission) {
  if (price <= 0 || budget <= commission) return 0;
  return (budget - commission) / price;
}

}  // namespace qat::portfolio
