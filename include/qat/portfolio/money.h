// Money in the ledger is exact: integer cents. Prices from data are doubles; they become
// cents once, at the fill, rounded to the nearest cent.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

namespace qat::portfolio {

using Cents = std::int64_t;

inline Cents ToCents(double dollars) { return static_cast<Cents>(std::llround(dollars * 100.0)); }
inline double ToDollars(Cents cents) { return static_cast<double>(cents) / 100.0; }
// "1234.56" / "-0.05"
std::string FormatCents(Cents cents);

// The backtest's and paper accounts' money: integer millionths of a dollar. Sums are exact
// like cents, and fine enough for split-adjusted history, where AAPL traded at $0.07 in 1985
// and a cent of cash is a seventh of a share (a cents ledger drifts a few cents from a
// reference kept in doubles, and that changes share counts). Shown rounded to the cent.
using Micros = std::int64_t;
inline constexpr Micros kMicrosPerCent = 10'000;
inline constexpr Micros kMicrosPerDollar = 1'000'000;
// Rounded to the nearest micro-dollar, halves away from zero (as llround, without its call).
inline Micros ToMicros(double dollars) {
  const double micros = dollars * 1e6;
  return micros >= 0 ? static_cast<Micros>(micros + 0.5) : -static_cast<Micros>(-micros + 0.5);
}
inline double MicrosToDollars(Micros micros) { return static_cast<double>(micros) / 1e6; }
inline Micros CentsToMicros(Cents cents) { return cents * kMicrosPerCent; }
// Rounded to the nearest cent, halves away from zero.
inline Cents MicrosToCents(Micros micros) {
  return micros >= 0 ? (micros + kMicrosPerCent / 2) / kMicrosPerCent : -((-micros + kMicrosPerCent / 2) / kMicrosPerCent);
}
// "1234.56": rounded to the cent.
inline std::string FormatMicros(Micros micros) { return FormatCents(MicrosToCents(micros)); }

}  // namespace qat::portfolio
