// The cash ledger of a long-only account: positions in whole shares, cash in cents, costs
// charged at every fill. Orders that cash cannot pay for are refused, never overdrawn.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "qat/core/result.h"
#include "qat/portfolio/money.h"

namespace qat::portfolio {

struct CostModel {
  Cents commission_per_order = 100;  // $1.00 per fill
  double slippage_bps = 5.0;         // paid on every fill: buys fill higher, sells lower
};

// The fill price in cents of a market order at `reference` dollars.
Cents BuyFillPrice(double reference, const CostModel& costs);
Cents SellFillPrice(double reference, const CostModel& costs);

struct Holding {
  std::int64_t shares = 0;
  Cents cost = 0;  // what was paid, commission included
};

class Ledger {
 public:
  explicit Ledger(Cents cash) : cash_(cash) {}

  // Buys `shares` at `price` cents plus commission. Fails if cash is short or shares <= 0.
  Status Buy(const std::string& symbol, std::int64_t shares, Cents price, Cents commission);
  // Sells the whole holding at `price` cents less commission; returns the proceeds net of
  // commission. Fails if nothing is held.
  Result<Cents> SellAll(const std::string& symbol, Cents price, Cents commission);

  Cents cash() const { return cash_; }
  const std::map<std::string, Holding>& holdings() const { return holdings_; }
  bool Holds(const std::string& symbol) const { return holdings_.count(symbol) > 0; }
  // The largest whole number of shares `budget` cents buys at `price` with commission.
  static std::int64_t AffordableShares(Cents budget, Cents price, Cents commission);

 private:
  Cents cash_;
  std::map<std::string, Holding> holdings_;
};

}  // namespace qat::portfolio
