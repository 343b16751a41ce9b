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

}  // namespace qat::portfolio
